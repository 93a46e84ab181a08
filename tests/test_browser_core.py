"""A real browser against a real server: create a workshop, add a participant, see it listed."""
from tests.conftest import wait_ready


def test_create_workshop_and_add_participant(server, browser):
    page = browser.new_page()
    try:
        page.goto(server.url)
        wait_ready(page)
        page.get_by_role("tab", name="Buat lokakarya baru").click()
        fields = {
            "Desa/Kelurahan": "Sukamaju", "Kecamatan": "Cibeber", "Kabupaten/Kota": "Kabupaten Cianjur",
            "Provinsi": "Jawa Barat", "Tempat": "Balai Desa Sukamaju", "Fasilitator pusat": "Dra. Ani",
            "Fasilitator daerah": "Budi", "Pendamping 1": "Citra", "Pendamping 2": "Dodi", "PIN fasilitator": "2468",
        }
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        page.get_by_role("button", name="Buat lokakarya baru").click()
        page.get_by_text("Lokakarya aktif: Desa Sukamaju").wait_for(timeout=20_000)

        page.get_by_role("link", name="Peserta").click()
        wait_ready(page)
        page.get_by_label("Nama", exact=True).fill("Siti Aminah")
        page.get_by_label("Pranata sosial", exact=True).fill("PKK")
        page.get_by_role("button", name="Tambah peserta").click()
        page.get_by_text("Peserta Siti Aminah ditambahkan.").wait_for(timeout=20_000)
        page.get_by_text("1 peserta terdaftar").wait_for(timeout=20_000)
        grid = page.locator("[data-testid='stDataFrame']")
        grid.wait_for()
        assert "Siti Aminah" in grid.inner_text() or page.get_by_text("Siti Aminah").count() > 0
    finally:
        page.close()
