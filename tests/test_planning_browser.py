"""A real browser against a real server: ideas typed on the projector, clustered with the mouse
and named, resolved into an activity, carried into the action plan and saved as its row."""
from facilitation import planning
from facilitation.participants import add_participant
from facilitation.store import Database
from facilitation.workshops import create_workshop
from tests.conftest import WORKSHOP, wait_ready

T = 30_000


def choose(page, field, option: str) -> None:
    """Pick `option` in a Streamlit selectbox; the click that opens the list is retried,
    as a rerun finishing at that moment (likelier on a loaded machine) can close it again."""
    for attempt in range(3):
        wait_ready(page)
        field.click()
        try:
            page.get_by_role("option", name=option).click(timeout=T // 3 if attempt < 2 else T)
            return
        except Exception:
            if attempt == 2:
                raise
            page.keyboard.press("Escape")
            wait_ready(page)


def test_from_typed_ideas_to_a_saved_plan_row(server, browser):
    store = Database(f"sqlite:///{server.db_path}")
    wid = create_workshop(store, dict(WORKSHOP), pin="2468")
    add_participant(store, wid, {"name": "Siti Aminah", "gender": "P", "institution": "PKK"})
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(server.url)
        wait_ready(page)
        page.get_by_label("PIN fasilitator", exact=True).first.fill("2468")
        page.get_by_role("button", name="Masuk").click()
        page.get_by_text("Lokakarya aktif: Desa Sukamaju").wait_for(timeout=T)

        # brainstorm: two cards typed by the facilitator
        page.get_by_role("link", name="Lokakarya Konsensus (ToP)").click()
        wait_ready(page)
        page.get_by_role("radio", name="2 Curah gagasan").click()
        for idea in ("Kunjungan rumah lansia", "Posyandu lansia bulanan"):
            page.get_by_label("Gagasan baru (satu gagasan per kartu)").fill(idea)
            page.get_by_role("button", name="Tambah kartu").click()
            page.get_by_text("Kartu ditambahkan.").wait_for(timeout=T)
            wait_ready(page)
        page.get_by_text("2 kartu gagasan").wait_for(timeout=T)

        # cluster with the mouse: a column, both cards moved into it, then named
        page.get_by_role("radio", name="3 Kelompokkan & beri nama").click()
        wait_ready(page)
        page.get_by_role("button", name="Tambah kolom").click()
        page.get_by_text("Kolom 1").first.wait_for(timeout=T)
        wait_ready(page)
        choose(page, page.get_by_label("Pindahkan ke").first, "Kolom 1")  # one card in, one left on the pile
        page.get_by_text("Belum dikelompokkan (1)").wait_for(timeout=T)
        wait_ready(page)
        page.get_by_text("Beri nama & dimensi").click()
        page.get_by_label("Nama kelompok (frasa pendek)").fill("Peduli lansia")
        choose(page, page.get_by_label("Dimensi", exact=True), "D1 · Perlindungan sosial")
        page.get_by_role("button", name="Simpan nama").click()
        page.get_by_text("Nama kelompok disimpan.").wait_for(timeout=T)
        wait_ready(page)

        # resolve into a candidate activity
        page.get_by_role("radio", name="4 Simpulkan").click()
        wait_ready(page)
        page.get_by_role("button", name="Simpulkan dan jadikan kegiatan kandidat").click()
        page.get_by_text("1 kegiatan kandidat baru dibuat.").wait_for(timeout=T)

        # ToP action planning carries the activity into the plan
        page.get_by_role("link", name="Perencanaan Aksi (ToP)").click()
        wait_ready(page)
        page.get_by_role("button", name="Buat baris Rencana Aksi dari kegiatan ini").click()
        page.get_by_role("heading", name="Rencana Aksi 6 Bulan").wait_for(timeout=T)
        wait_ready(page)
        assert page.get_by_label("Kegiatan", exact=True).input_value() == "Peduli lansia"

        # the rest of the row, and save it
        page.get_by_label("Tujuan/capaian terukur").fill("25 lansia dikunjungi dua kali sebulan")
        page.get_by_label("Masalah yang dijawab (bila tidak ada di daftar)").fill("Lansia tinggal sendiri terlantar")
        page.get_by_label("Sasaran/penerima manfaat").fill("Lansia tinggal sendiri")
        page.get_by_label("Lokasi", exact=True).fill("Dusun Kaler")
        choose(page, page.get_by_label("Penanggung jawab", exact=True), "Siti Aminah (PKK)")
        page.get_by_text("Bln 1 (Juni 2026)", exact=True).click()  # pills: a click per month
        page.get_by_text("Bln 2 (Juli 2026)", exact=True).click()
        page.get_by_label("Uraian biaya").first.fill("Paket sembako")
        amount = page.get_by_label("Jumlah (Rp)").first
        amount.fill("600000")
        page.get_by_role("button", name="Simpan baris").click()
        page.get_by_text('Baris "Peduli lansia" disimpan.').wait_for(timeout=T)

        [row] = planning.list_plan_rows(store, wid)
        assert (row["activity"], row["dimensions"], row["months"]) == ("Peduli lansia", ["D1"], [1, 2])
        assert row["pic_name"] == "Siti Aminah" and row["problem_text"] == "Lansia tinggal sendiri terlantar"
        assert [(b["item"], b["source"], b["amount"]) for b in row["budget"]] == [("Paket sembako", "stimulan", 600_000)]
        assert row["activity_id"] == planning.list_activities(store, wid)[0]["id"]
        page.get_by_text("D1 · Perlindungan sosial: dicakup oleh kegiatan no. 1.").wait_for(timeout=T)
    finally:
        page.close()
        store.dispose()
