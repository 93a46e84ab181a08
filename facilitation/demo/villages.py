"""Demo for a district server: the villages where the model ran in 2006–2009.

The villages, kecamatan, kabupaten and provinces are those of Tabel 2 of the model's paper
(seeds/002_370110129cb31a2b.txt, "Provinsi dan Desa sebagai Lokasi Pelaksanaan Model"); the
data of each (participants, baseline and endline scores, plan, progress, pledges, visits,
hand-over) is generated, plausible but invented, so the overview can be tried on realistic
numbers. Each village goes through the steps' own domain functions, so everything is checked
as a facilitator's input would be. Villages already in the store are left alone.
"""
from __future__ import annotations

import datetime as dt
import random
import time
from fractions import Fraction

from facilitation import assessment, monitoring, planning, pledges, progress, terminasi
from facilitation.content import load_dimensions
from facilitation.participants import commit_import, list_participants, preview_import
from facilitation.store import Database
from facilitation.store import overview as oq
from facilitation.workshops import create_workshop, get_workshop

DEMO_PIN = "1234"

# provinsi, kabupaten/kota, kecamatan, desa/kelurahan, year (Tabel 2 as printed; where the
# table leaves a kecamatan blank, the one above it applies)
VILLAGES = [
    ("Sumatera Barat", "Kabupaten Lima Puluh Kota", "Lima Puluh Kota", "Nagari Pauah Sangik", 2006),
    ("Sumatera Barat", "Kabupaten Pesisir Selatan", "Sembilan Koto", "Nagari Siguntur", 2006),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Kahayan Hilir", "Gohong", 2006),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Kahayan Hilir", "Anjir", 2006),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Kahayan Tengah", "Sigi", 2007),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Maliku", "Purwodadi", 2007),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Pandih Batu", "Kantan Dalam", 2007),
    ("Kalimantan Tengah", "Kabupaten Pulang Pisau", "Kalawa", "Kalawa", 2007),
    ("Jambi", "Kabupaten Kerinci", "Gunung Raya", "Lempur Mudik", 2007),
    ("Sulawesi Barat", "Kabupaten Majene", "Ulumanda", "Ulumanda", 2007),
    ("Sulawesi Barat", "Kabupaten Majene", "Ulumanda", "Tandeallo", 2007),
    ("Sulawesi Barat", "Kabupaten Majene", "Ulumanda", "Kabiraan", 2007),
    ("Sulawesi Barat", "Kabupaten Majene", "Ulumanda", "Sambabo", 2007),
    ("Bengkulu", "Kabupaten Bengkulu Selatan", "Air Nipis", "Suka Rami", 2008),
    ("Bengkulu", "Kabupaten Bengkulu Selatan", "Ulu Manna", "Bandar Agung", 2008),
    ("Kalimantan Timur", "Kabupaten Kutai Kartanegara", "Tenggarong Seberang", "Bhuana Jaya", 2008),
    ("Kalimantan Timur", "Kabupaten Kutai Kartanegara", "Tenggarong Seberang", "Bukit Pariaman", 2008),
    ("Sulawesi Utara", "Kota Manado", "Singkil", "Ternate Baru", 2008),
    ("Sulawesi Utara", "Kota Manado", "Tuminting", "Islam", 2008),
    ("Sulawesi Utara", "Kabupaten Kepulauan Talaud", "Miangas", "Poi Laten", 2008),
    ("Sulawesi Utara", "Kabupaten Kepulauan Talaud", "Miangas", "Wui Batu", 2008),
    ("Jawa Barat", "Kabupaten Sukabumi", "Cisolok", "Cikahuripan", 2008),
    ("Jawa Barat", "Kabupaten Sukabumi", "Cikidang", "Cicareuh", 2008),
    ("Jawa Barat", "Kabupaten Garut", "Peundeuy", "Sukanegara", 2009),
    ("Jawa Barat", "Kabupaten Garut", "Peundeuy", "Pangrumasan", 2009),
    ("Lampung", "Kabupaten Lampung Selatan", "Sragi", "Mandala Sari", 2009),
    ("Lampung", "Kabupaten Lampung Selatan", "Way Panji", "Sido Makmur", 2009),
    ("Nusa Tenggara Barat", "Kabupaten Lombok Barat", "Sekotong", "Kedaro", 2009),
    ("Nusa Tenggara Barat", "Kabupaten Lombok Barat", "Sekotong", "Batu Putih", 2009),
]
KELURAHAN = {"Ternate Baru", "Islam"}  # the two Manado entries are kelurahan

FIRST = ["Ahmad", "Siti", "Budi", "Nur", "Hasan", "Dewi", "Yusuf", "Rina", "Agus", "Fatimah", "Made", "Wayan",
         "Andi", "Maria", "Yohanes", "Rahmat", "Sri", "Darmawan", "Lestari", "Ismail", "Halimah", "Joko",
         "Fransiska", "Hendrik", "Ketut", "Aisyah", "Syamsul", "Marlina", "Rudi", "Yuliana"]
LAST = ["Saputra", "Wahyuni", "Pratama", "Hidayat", "Lestari", "Siregar", "Nainggolan", "Rahman", "Daeng",
        "Simanjuntak", "Kurniawan", "Handayani", "Tumbelaka", "Pasaribu", "Sinaga", "Wibowo", "Usman"]
PRANATA = ["PKK", "Karang Taruna", "Posyandu", "Tokoh agama", "Tokoh adat", "RT/RW", "Kelompok tani",
           "Majelis taklim", "BPD", "Remaja masjid"]
ACTIVITIES = {
    "D1": ["Kunjungan rumah lansia dan warga rentan", "Posyandu lansia bulanan",
           "Pendataan ulang warga miskin dan penyandang disabilitas", "Bedah rumah tidak layak huni"],
    "D2": ["Forum antar-pranata bulanan", "Kerja bakti bergilir antar-dusun",
           "Pelatihan administrasi pengurus organisasi sosial"],
    "D3": ["Ronda malam dan daftar kontak cepat tanggap", "Pelatihan mediasi konflik untuk tokoh masyarakat"],
    "D4": ["Bank sampah dusun", "Penanaman pohon di sempadan sungai", "Sosialisasi aturan adat tentang hutan"],
}


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def _plan_date(ws: dict, month: int, day: int) -> dt.date:
    start = planning.plan_start(ws)
    index = start.month - 1 + month - 1
    return dt.date(start.year + index // 12, index % 12 + 1, day)


def _scores(db: Database, wid: str, phase: str, scores: dict) -> None:
    for pid, score in scores.items():
        reason = "Di antara dua tingkat menurut kelompok." if score.denominator == 2 else ""
        assessment.save_score(db, wid, pid, {"score": float(score), "reason": reason, "method": "ladder",
                                            "evidence": "Data contoh (demo-villages)."}, phase=phase)


def _fill_village(db: Database, entry: tuple, rng: random.Random, stage: str, made: list[str]) -> str:
    provinsi, kabupaten, kecamatan, village, year = entry
    day1 = dt.date(year, rng.randint(4, 9), rng.randint(3, 20))
    wid = create_workshop(db, {
        "village": village, "village_kind": "kelurahan" if village in KELURAHAN else "desa",
        "kecamatan": kecamatan, "kabupaten": kabupaten, "provinsi": provinsi, "year": year,
        "day1": day1, "day2": day1 + dt.timedelta(days=1), "day3": day1 + dt.timedelta(days=2),
        "day4": day1 + dt.timedelta(days=3), "venue": f"Balai {'Kelurahan' if village in KELURAHAN else 'Desa'} {village}",
        "facilitator_central": _name(rng), "facilitator_regional": _name(rng),
        "pendamping1": _name(rng), "pendamping2": _name(rng), "kepala_desa": _name(rng),
    }, pin=DEMO_PIN)
    made.append(wid)
    ws = get_workshop(db, wid)
    people = [{"nama": _name(rng), "l/p": rng.choice("LP"), "umur": str(rng.randint(17, 66)),
               "pranata": PRANATA[i % len(PRANATA)]} for i in range(rng.randint(24, 30))]
    commit_import(db, wid, preview_import(db, wid, people), skip_duplicates=True)
    ids = [p["id"] for p in list_participants(db, wid)]

    # baseline: a village in the 'sedang' band on average, weakest in D4 or D1
    params = load_dimensions().parameters
    base = {p.id: Fraction(rng.choice((2, 2, 3, 3, 3, 4)) * 2 - rng.choice((0, 0, 1)), 2) for p in params}
    base = {k: max(Fraction(1), v) for k, v in base.items()}
    _scores(db, wid, "baseline", base)

    stimulan = rng.choice((2_500_000, 2_500_000, 5_000_000))
    pledges.add_fund(db, wid, {"kind": "stimulan", "amount": stimulan, "received_on": _plan_date(ws, 1, 5),
                               "account_ref": f"Rek. Pokja {village}", "source": "Badiklit Kessos"})
    swadaya = 0
    for pid in rng.sample(ids, k=min(len(ids), rng.randint(8, 16))):
        value = rng.choice((50_000, 100_000, 150_000, 200_000, 250_000))
        swadaya += value
        pledges.add_pledge(db, wid, pid, {"kind": "money", "value": value, "due_date": _plan_date(ws, 1, 15)})

    dims = ["D1", "D2", "D3", "D4"]
    rows = []
    money = {"stimulan": stimulan, "swadaya": swadaya}
    used: set[str] = set()
    for dim in dims + rng.sample(dims, k=rng.randint(0, 1)):
        activity = rng.choice([a for a in ACTIVITIES[dim] if a not in used])
        used.add(activity)
        first = rng.randint(1, 3)
        months = list(range(first, rng.randint(first, 6) + 1))
        budget = []
        for source in ("stimulan", "swadaya"):
            amount = money[source] // 5 // 1000 * 1000
            if amount:
                budget.append({"budget_item": "Konsumsi dan bahan", "budget_source": source,
                               "budget_amount": amount})
        rows.append(planning.save_plan_row(db, wid, {
            "activity": activity, "dimensions": [dim],
            "problem": "Masalah prioritas hasil MPA", "objective": "Sasaran tercapai dalam enam bulan",
            "target_group": "Warga rentan dan pengurus pranata", "beneficiaries": rng.randint(15, 120),
            "location": f"Desa {village}", "months": months, "pic": rng.choice(ids),
            "partners": ["Pemerintah Desa"], "indicator_params": [], "budget": budget,
        }))
    if stage == "pelaksanaan":
        return wid

    last_month = {"monitoring": 3, "evaluasi": 5, "terminasi": 6}[stage]
    for row_id, row in zip(rows, planning.list_plan_rows(db, wid)):
        percent, dropped = 0, rng.random() < 0.12
        for month in range(row["months"][0], last_month + 1):
            if dropped and month > row["months"][0]:
                progress.add_entry(db, wid, {"row_id": row_id, "entry_date": _plan_date(ws, month, 20),
                                             "status": "batal", "percent": percent,
                                             "obstacles": "Kegiatan dihentikan (data contoh)."})
                break
            done = month >= row["months"][-1] and rng.random() < 0.65
            percent = 100 if done else min(90, percent + rng.randint(10, 30))
            spend = {f"spent_{b['source']}": b["amount"] // max(1, len(row["months"])) for b in row["budget"]}
            progress.add_entry(db, wid, {"row_id": row_id, "entry_date": _plan_date(ws, month, 20),
                                         "status": "selesai" if done else "berjalan", "percent": percent,
                                         **spend})
            if done:
                break
    visit = monitoring.visit_defaults(ws, "monitoring")
    monitoring.save_visit(db, wid, {**visit, "member_ids": ids[:5], "findings": {"D2": "Forum pranata berjalan."}})
    if stage in ("evaluasi", "terminasi"):
        visit = monitoring.visit_defaults(ws, "evaluasi")
        monitoring.save_visit(db, wid, {**visit, "member_ids": ids[:5], "findings": {"D1": "Layanan lebih dekat."}})
        # most parameters improve by half a step or a step; a few stay or slip back
        steps = (Fraction(-1, 2), Fraction(0), Fraction(0), Fraction(1, 2), Fraction(1, 2), Fraction(1), Fraction(1))
        end = {pid: max(Fraction(1), min(Fraction(5), s + rng.choice(steps))) for pid, s in base.items()}
        _scores(db, wid, "endline", end)
    if stage == "terminasi":
        terminasi.save_handover(db, wid, {"handover_date": _plan_date(ws, 6, 28),
                                          "handover_office": f"Dinas Sosial {kabupaten}"})
    return wid


def load(db: Database, seed: int = 2009, entries: list[tuple] | None = None) -> list[str]:
    """Create the villages (default: all of VILLAGES) not in the store yet; returns the new
    workshops' ids.

    Each village is built in a scratch in-memory store (hundreds of small transactions cost
    nothing there) and then moved into `db` with a workshop backup and restore: one
    transaction per village, on SQLite and on a district PostgreSQL server alike."""
    from facilitation import transfer

    rng = random.Random(seed)
    with db.read() as conn:
        present = {(w["village"], w["kabupaten"], w["year"]) for w in oq.workshop_identity(conn)}
    scratch = Database("sqlite:///:memory:")
    created = []
    try:
        for i, entry in enumerate(entries if entries is not None else VILLAGES):
            # the older villages are finished; the 2009 ones are at different points of their cycle
            n = VILLAGES.index(entry) if entry in VILLAGES else i
            stage = "terminasi" if entry[4] < 2009 else ("evaluasi", "monitoring", "evaluasi", "pelaksanaan",
                                                         "terminasi", "monitoring")[n % 6]
            village_rng = random.Random(rng.random())
            if (entry[3], entry[1], entry[4]) in present:
                continue
            wid = _village(scratch, entry, village_rng, stage)
            created.append(transfer.restore(db, transfer.backup(scratch, wid))["workshop_id"])
    finally:
        scratch.dispose()
    return created


def _village(db: Database, entry: tuple, rng: random.Random, stage: str) -> str:
    """One village whole, or none of it: a failure part-way deletes what was made."""
    from facilitation.store import transfer as tq

    made: list[str] = []
    try:
        return _fill_village(db, entry, rng, stage, made)
    except BaseException:
        for wid in made:
            with db.tx() as conn:
                tq.delete_workshop(conn, wid)
        raise


def _cmd(args, db) -> int:
    from facilitation.i18n import t
    import os

    started = time.monotonic()
    created = load(db)
    print(t("monitoring.cli_villages_done", os.environ.get("REMBUG_LANG", "id"), count=len(created),
            total=len(VILLAGES), seconds=f"{time.monotonic() - started:.1f}", pin=DEMO_PIN))
    return 0


def register_cli(sub) -> None:
    p = sub.add_parser("demo-villages", help="load the model's 2006–2009 villages (Tabel 2) with generated data")
    p.set_defaults(func=_cmd)
