"""CSV/Excel import: all rows or none, every bad row named with its line and reason."""
import io

import pytest
from openpyxl import Workbook

from facilitation import participants as svc
from facilitation.errors import InputError, RembugError

HEADER = "Nama,L/P,Umur,Pranata,Jabatan,Dusun,HP\n"


def csv_bytes(rows: list[str], header: str = HEADER, encoding="utf-8") -> bytes:
    return (header + "\n".join(rows) + "\n").encode(encoding)


def test_good_csv_imports_everything(db, workshop):
    data = csv_bytes(["Siti,P,40,PKK,Ketua,Kaler,0812", "Budi,L,,Karang Taruna,,Kidul,"])
    assert svc.import_file(db, workshop, "peserta.csv", data) == 2
    names = [p["name"] for p in svc.list_participants(db, workshop)]
    assert names == ["Siti", "Budi"]


def test_semicolon_csv_and_english_headers(db, workshop):
    data = b"Name;Gender;Age;Institution\nAni;P;33;Posyandu\n"
    assert svc.import_file(db, workshop, "list.csv", data) == 1


def test_bad_rows_import_nothing_and_are_all_listed(db, workshop):
    data = csv_bytes(["Siti,P,40,PKK,Ketua,Kaler,0812", ",L,30,RT,,,", "Joko,X,abc,RT,,,", "Dewi,P,25,,,,"])
    preview = svc.preview_import(db, workshop, svc.read_table("p.csv", data))
    assert not preview.ok
    lines = sorted({(e.row, e.field) for e in preview.errors})
    assert lines == [(3, "name"), (4, "age"), (4, "gender"), (5, "institution")]
    with pytest.raises(InputError) as exc:
        svc.import_file(db, workshop, "p.csv", data)
    msgs_id = exc.value.messages("id")
    assert "Baris 3, Nama: wajib diisi" in msgs_id
    assert any(m.startswith("Line 4, Gender") for m in exc.value.messages("en"))
    assert svc.list_participants(db, workshop) == []


def test_wrong_columns(db, workshop):
    with pytest.raises(InputError) as exc:
        svc.import_file(db, workshop, "p.csv", b"Foo,Bar\n1,2\n")
    assert {e.field for e in exc.value.errors} == {"name", "gender", "institution"}
    assert svc.list_participants(db, workshop) == []


@pytest.mark.parametrize("content,key", [
    (b"", "err.import_empty"),
    (b"   \n", "err.import_empty"),
    (HEADER.encode(), "err.import_no_rows"),
    ("Nama,L/P,Pranata\nSiti,P,PKK\n".encode("utf-16"), "err.import_encoding"),
])
def test_empty_and_wrongly_encoded_files(db, workshop, content, key):
    with pytest.raises(RembugError) as exc:
        svc.import_file(db, workshop, "p.csv", content)
    assert exc.value.key == key
    assert svc.list_participants(db, workshop) == []


def test_latin1_csv_is_read(db, workshop):
    data = csv_bytes(["Andr\u00e9,L,30,RT"], header="Nama,L/P,Umur,Pranata\n", encoding="cp1252")
    svc.import_file(db, workshop, "p.csv", data)
    assert svc.list_participants(db, workshop)[0]["name"] == "Andr\u00e9"


def test_not_a_spreadsheet(db, workshop):
    with pytest.raises(RembugError) as exc:
        svc.import_file(db, workshop, "p.xlsx", b"PK\x03\x04 definitely not a zip")
    assert exc.value.key == "err.import_unreadable"
    with pytest.raises(RembugError) as exc:
        svc.import_file(db, workshop, "p.pdf", b"%PDF")
    assert exc.value.key == "err.import_type"


def test_xlsx_import(db, workshop):
    wb = Workbook()
    ws = wb.active
    ws.append(["Nama", "Jenis Kelamin", "Umur", "Unsur", "Jabatan", "No HP"])
    ws.append(["Ujang", "L", 58, "Tokoh adat", "Sesepuh", 81234567])
    ws.append(["Neneng", "P", None, "Kelompok seni", None, None])
    ws.append([None, None, None, None, None, None])  # trailing blank row
    buf = io.BytesIO()
    wb.save(buf)
    assert svc.import_file(db, workshop, "peserta.xlsx", buf.getvalue()) == 2
    people = svc.list_participants(db, workshop)
    assert people[0]["age"] == 58 and people[0]["phone"] == "81234567"
    assert people[1]["age"] is None


def test_duplicates_flagged_before_saving(db, workshop):
    svc.add_participant(db, workshop, {"name": "Siti", "gender": "P", "institution": "PKK"})
    data = csv_bytes(["siti,P,40,pkk", "Budi,L,30,RT", "BUDI,L,31,rt"])
    preview = svc.preview_import(db, workshop, svc.read_table("p.csv", data))
    assert [(d["line"], d["other"]) for d in preview.duplicates] == [(2, "store"), (4, 3)]
    assert len(svc.list_participants(db, workshop)) == 1  # preview writes nothing
    assert svc.commit_import(db, workshop, preview, skip_duplicates=True) == 1
    assert [p["name"] for p in svc.list_participants(db, workshop)] == ["Siti", "Budi"]


def test_ten_thousand_rows(db, workshop):
    rows = [f"Warga {i},{'LP'[i % 2]},{20 + i % 50},Pranata {i % 12},Anggota,Dusun {i % 5}," for i in range(10_000)]
    assert svc.import_file(db, workshop, "big.csv", csv_bytes(rows)) == 10_000
    assert len(svc.list_participants(db, workshop)) == 10_000


def test_ten_thousand_rows_one_bad_imports_nothing(db, workshop):
    rows = [f"Warga {i},L,30,RT" for i in range(10_000)]
    rows[7777] = "Warga 7777,L,300,RT"
    with pytest.raises(InputError) as exc:
        svc.import_file(db, workshop, "big.csv", csv_bytes(rows, header="Nama,L/P,Umur,Pranata\n"))
    assert [(e.row, e.field) for e in exc.value.errors] == [(7779, "age")]
    assert svc.list_participants(db, workshop) == []


def test_exported_csv_reimports(db, workshop):
    """Our formula-safe CSV (phone '+62…' written as '+62…) reads back into a new workshop."""
    from exports.registry import render
    from facilitation.workshops import create_workshop
    from tests.conftest import WORKSHOP

    svc.add_participant(db, workshop, {"name": "Ani", "gender": "P", "institution": "PKK", "phone": "+62 812 555"})
    data = render(db, workshop, "participants", "csv")
    other = create_workshop(db, {**WORKSHOP, "village": "Lain"}, pin="9999")
    assert svc.import_file(db, other, "daftar.csv", data) == 1
    assert svc.list_participants(db, other)[0]["phone"] == "+62 812 555"
