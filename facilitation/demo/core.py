"""Demo: Desa Mekarsari, 30 participants from 10 pranata sosial, attendance for four days."""
from __future__ import annotations

import datetime as dt
import random

from facilitation.attendance import record_attendance
from facilitation.participants import add_participant, list_participants
from facilitation.store import Database
from facilitation.workshops import create_workshop

PARTICIPANTS = [
    # name, L/P, age, institution, position, dusun
    ("Hj. Siti Aminah", "P", 48, "PKK", "Ketua", "Dusun Kaler"),
    ("Euis Suryani", "P", 39, "PKK", "Sekretaris", "Dusun Kidul"),
    ("Nani Rohaeni", "P", 44, "PKK", "Bendahara", "Dusun Tengah"),
    ("Rizky Pratama", "L", 23, "Karang Taruna", "Ketua", "Dusun Kaler"),
    ("Dede Kurniawan", "L", 27, "Karang Taruna", "Anggota", "Dusun Kidul"),
    ("Intan Permatasari", "P", 19, "Karang Taruna", "Sekretaris", "Dusun Tengah"),
    ("Yayah Komariah", "P", 36, "Posyandu", "Kader", "Dusun Kaler"),
    ("Ai Nurhayati", "P", 33, "Posyandu", "Kader", "Dusun Kidul"),
    ("Lilis Suhartini", "P", 41, "Posyandu", "Ketua Kader", "Dusun Tengah"),
    ("K.H. Ahmad Fauzi", "L", 62, "Tokoh agama", "Ketua DKM Al-Ikhlas", "Dusun Tengah"),
    ("Ustadzah Rina Marlina", "P", 45, "Majelis taklim", "Ketua", "Dusun Kaler"),
    ("Ujang Sopandi", "L", 58, "Tokoh adat", "Sesepuh kampung", "Dusun Kidul"),
    ("Abah Engkos Koswara", "L", 67, "Tokoh adat", "Sesepuh kampung", "Dusun Kaler"),
    ("Cecep Supriatna", "L", 38, "Kelompok seni", "Ketua Sanggar Degung", "Dusun Tengah"),
    ("Neneng Hasanah", "P", 29, "Kelompok seni", "Pelatih tari jaipong", "Dusun Kidul"),
    ("Asep Saepudin", "L", 51, "RT/RW", "Ketua RW 01", "Dusun Kaler"),
    ("Dadang Hermawan", "L", 47, "RT/RW", "Ketua RT 03", "Dusun Tengah"),
    ("Tatang Sutisna", "L", 55, "RT/RW", "Ketua RW 04", "Dusun Kidul"),
    ("Hendra Gunawan", "L", 42, "Kelompok tani", "Ketua Gapoktan", "Dusun Kidul"),
    ("Iis Aisyah", "P", 35, "Kelompok tani", "Anggota KWT", "Dusun Tengah"),
    ("Yusuf Maulana", "L", 20, "Remaja masjid", "Ketua IRMA", "Dusun Tengah"),
    ("Siti Nurjanah", "P", 18, "Remaja masjid", "Anggota", "Dusun Kaler"),
    ("Wawan Setiawan", "L", 46, "Tokoh masyarakat", "Mantan kepala dusun", "Dusun Kaler"),
    ("Eti Rohayati", "P", 52, "P2WKSS", "Ketua kelompok", "Dusun Kidul"),
    ("Enok Sumiati", "P", 57, "P2WKSS", "Anggota", "Dusun Tengah"),
    ("Agus Salim", "L", 49, "BPD", "Anggota BPD", "Dusun Tengah"),
    ("Rahmat Hidayat", "L", 40, "Pemerintah desa", "Kasi Kesejahteraan", "Dusun Kaler"),
    ("Popon Sopiah", "P", 60, "Tokoh masyarakat", "Tokoh perempuan", "Dusun Kidul"),
    ("Ilham Ramadhan", "L", 24, "Karang Taruna", "Seksi olahraga", "Dusun Kidul"),
    ("Titin Kartini", "P", 31, "Posyandu", "Kader", "Dusun Kaler"),
]


def create(db: Database, rng: random.Random) -> str:
    start = dt.date(2026, 3, 10)
    return create_workshop(
        db,
        {
            "village": "Mekarsari", "village_kind": "desa", "kecamatan": "Cisarua",
            "kabupaten": "Kabupaten Bandung Barat", "provinsi": "Jawa Barat", "year": start.year,
            "day1": start, "day2": start + dt.timedelta(days=1), "day3": start + dt.timedelta(days=2),
            "day4": start + dt.timedelta(days=3), "venue": "Balai Desa Mekarsari",
            "facilitator_central": "Dra. Sri Wahyuni, M.Si.", "facilitator_regional": "Drs. Bambang Irawan",
            "pendamping1": "Yani Mulyani, S.Sos.", "pendamping2": "Deni Firmansyah, S.Sos.",
            "kepala_desa": "H. Mamat Rahmat",
        },
        pin="1234",
    )


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    for i, (name, gender, age, inst, pos, dusun) in enumerate(PARTICIPANTS):
        phone = f"08{rng.randint(11, 99)}{rng.randint(10_000_000, 99_999_999)}" if i % 4 else ""
        add_participant(db, workshop_id, {"name": name, "gender": gender, "age": age, "institution": inst,
                                          "position": pos, "dusun": dusun, "phone": phone})
    people = list_participants(db, workshop_id)
    for day in (1, 2, 3, 4):
        statuses = {}
        for p in people:
            roll = rng.random()
            statuses[p["id"]] = "hadir" if roll < 0.9 else ("izin" if roll < 0.95 else "sakit")
        record_attendance(db, workshop_id, day, statuses)
