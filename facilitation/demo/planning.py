"""Demo: Day 3 in Mekarsari. Thirty ideas for the focus question (about half sent from phones),
six named clusters mapped to the four dimensions, ToP action planning for four chosen
activities, and an eight-row action plan that serves all four dimensions and stays within the
money the Pokja has (dana stimulan, pledges, the village budget)."""
from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

from facilitation import planning
from facilitation.participants import list_participants
from facilitation.store import Database
from facilitation.workshops import get_workshop

FOCUS = "Apa yang dapat kita lakukan dalam 6 bulan ke depan agar warga Mekarsari saling menjaga dan desa kita lebih tangguh?"
PRODUCT = "Kegiatan kandidat untuk Rencana Aksi 6 bulan Pokja Tansosmas, per dimensi"

# cluster name, dimension, its cards (one idea each)
CLUSTERS = [
    ("Peduli lansia dan warga rentan", "D1", [
        "Kunjungan rumah rutin ke lansia yang tinggal sendiri",
        "Pendataan ulang warga miskin dan penyandang disabilitas",
        "Posyandu lansia setiap bulan",
        "Paket sembako untuk lansia terlantar",
        "Antar-jemput warga sakit ke Puskesmas",
        "Gotong royong memperbaiki rumah tidak layak huni",
    ]),
    ("Layanan dasar lebih dekat", "D1", [
        "Pendampingan pengurusan KIS/BPJS dan bantuan sosial",
        "Kelas belajar gratis untuk anak putus sekolah",
        "Informasi bantuan sosial di papan desa",
        "Kader pendamping ibu hamil berisiko",
        "Kebun gizi keluarga di pekarangan",
    ]),
    ("Warga aktif berorganisasi", "D2", [
        "Forum antar-pranata setiap bulan",
        "Kerja bakti bergilir antar-RW",
        "Karang Taruna merekrut anggota baru",
        "Pelatihan administrasi dan keuangan pengurus organisasi",
        "Arisan PKK sebagai tempat musyawarah warga",
    ]),
    ("Cepat tanggap konflik", "D3", [
        "Ronda malam terjadwal di setiap RW",
        "Daftar kontak tokoh untuk lapor cepat",
        "Musyawarah penyelesaian sengketa air sawah",
        "Pelatihan mediasi untuk tokoh masyarakat",
        "Piket pengaduan di balai desa",
    ]),
    ("Kegiatan remaja yang positif", "D3", [
        "Turnamen voli antar-RW untuk remaja",
        "Penyuluhan bahaya narkoba dan tawuran",
        "Pentas seni degung dan jaipong bersama remaja",
    ]),
    ("Jaga alam dan adat", "D4", [
        "Bank sampah di setiap dusun",
        "Aturan desa larangan buang sampah ke sungai",
        "Penanaman pohon di sekitar mata air",
        "Menghidupkan kembali lumbung padi",
        "Kelas sesepuh: cerita adat untuk anak muda",
        "Sosialisasi Perdes perlindungan hutan",
    ]),
]
RESOLUTION = ("Enam kelompok gagasan disepakati dalam pleno. Empat kegiatan dipilih untuk direncanakan rinci "
              "(satu per dimensi); gagasan lain masuk Rencana Aksi sebagai kegiatan pendukung.")

# ToP action planning for the chosen clusters (by index in CLUSTERS)
ACTION_PLANNING = {
    0: {
        "victory": "Pada bulan ke-6 setiap lansia yang tinggal sendiri dikunjungi kader paling sedikit dua kali sebulan dan tercatat di buku kunjungan.",
        "strengths": "Kader Posyandu aktif dan dikenal warga\nPKK punya data rumah tangga",
        "weaknesses": "Kader sibuk bekerja di ladang\nBelum ada jadwal bergilir",
        "benefits": "Puskesmas bersedia ikut kunjungan bulanan\nDana stimulan untuk paket sembako",
        "dangers": "Musim hujan menyulitkan jalan ke Dusun Kidul",
        "commitment": "25 lansia tinggal sendiri dikunjungi 2 kali sebulan",
        "days_to_due": 180, "params": ["P1.1", "P1.2"],
        "risks": "Kunjungan berhenti bila kader tidak digilir; dicegah dengan jadwal yang ditempel di Posyandu.",
        "actions": [("Pendataan lansia tinggal sendiri", 1, 1, "Kader Posyandu"),
                    ("Menyusun jadwal kunjungan bergilir", 1, 1, "Ketua PKK"),
                    ("Kunjungan rumah dan pencatatan", 2, 6, "Kader Posyandu, remaja masjid"),
                    ("Evaluasi bersama Puskesmas", 6, 6, "Pokja")],
    },
    2: {
        "victory": "Forum antar-pranata bertemu setiap bulan, dihadiri wakil semua pranata, dan hasilnya diumumkan di masjid dan papan desa.",
        "strengths": "Pranata sudah saling kenal sejak lokakarya",
        "weaknesses": "Pertemuan sering molor\nNotulen tidak tersimpan",
        "benefits": "Balai desa bisa dipakai gratis",
        "dangers": "Ketegangan lama antar-dusun bisa muncul lagi",
        "commitment": "6 pertemuan forum antar-pranata dengan notulen tersimpan",
        "days_to_due": 180, "params": ["P2.1", "P2.3"],
        "risks": "Forum sepi bila tidak ada hasil nyata; setiap pertemuan menyepakati satu tindakan kecil.",
        "actions": [("Menyepakati jadwal dan tata tertib forum", 1, 1, "Ketua Pokja"),
                    ("Pertemuan bulanan bergilir di tiap dusun", 1, 6, "Sekretaris Pokja"),
                    ("Pelatihan administrasi pengurus", 2, 2, "Pendamping")],
    },
    3: {
        "victory": "Setiap kejadian perselisihan ditanggapi tokoh pada hari yang sama lewat daftar kontak yang disepakati.",
        "strengths": "Tokoh agama dan adat dihormati\nRonda sudah berjalan di RW 01",
        "weaknesses": "Belum ada daftar kontak bersama\nPos ronda rusak",
        "benefits": "Babinsa dan Bhabinkamtibmas siap membantu",
        "dangers": "Sengketa air sawah di musim kemarau",
        "commitment": "Daftar kontak cepat tanggap terpasang di 3 dusun dan ronda berjalan di 4 RW",
        "days_to_due": 60, "params": ["P3.1", "P3.2"],
        "risks": "Warga enggan melapor; tokoh menjamin kerahasiaan pelapor.",
        "actions": [("Menyusun daftar kontak tokoh per dusun", 1, 1, "Ketua RW"),
                    ("Memperbaiki pos ronda", 1, 2, "Warga RW 04"),
                    ("Ronda malam terjadwal", 2, 6, "Ketua RW"),
                    ("Pelatihan mediasi tokoh", 3, 3, "K.H. Ahmad Fauzi")],
    },
    5: {
        "victory": "Tiga dusun punya bank sampah yang buka setiap minggu dan tidak ada lagi sampah rumah tangga di Sungai Cikapundung kecil.",
        "strengths": "Karang Taruna bersemangat\nKelompok tani punya lahan pembibitan",
        "weaknesses": "Belum ada tempat penampungan",
        "benefits": "BUMDes mau membeli sampah plastik terpilah",
        "dangers": "Kebiasaan lama membuang sampah ke sungai",
        "commitment": "3 bank sampah buka mingguan dan Perdes larangan buang sampah disosialisasikan",
        "days_to_due": 150, "params": ["P4.2", "P4.4"],
        "risks": "Bank sampah sepi bila harga sampah rendah; digabung dengan arisan PKK.",
        "actions": [("Sosialisasi aturan larangan buang sampah", 2, 2, "Kepala Dusun"),
                    ("Membangun tempat bank sampah", 2, 3, "Karang Taruna"),
                    ("Bank sampah buka mingguan", 3, 6, "Kelompok tani, PKK")],
    },
}

# the plan: activity, dimensions, cluster index for the ToP activity (or None), objective, target group,
# beneficiaries, volume, location, months, person in charge (name), partners, parameters, indicator,
# budget lines (item, source, nominal amount, detail)
PLAN = [
    ("Kunjungan rumah lansia dan warga rentan", ["D1"], 0,
     "25 lansia tinggal sendiri dikunjungi kader 2 kali sebulan dan menerima paket sembako",
     "Lansia tinggal sendiri dan penyandang disabilitas", 25, "12 kali kunjungan per lansia",
     "Dusun Kaler, Tengah dan Kidul", [1, 2, 3, 4, 5, 6], "Yayah Komariah",
     ["Puskesmas", "Posyandu", "Pemerintah Desa"], ["P1.1", "P1.2"], "Buku kunjungan terisi setiap bulan",
     [("Paket sembako 25 lansia", "stimulan", 600_000, ""), ("Transport kader", "swadaya", 300_000, "Iuran PKK")]),
    ("Posyandu lansia bulanan", ["D1"], None,
     "Posyandu lansia buka setiap bulan dengan pemeriksaan tensi dan berat badan",
     "Warga usia 60 tahun ke atas", 60, "6 kali layanan", "Posyandu Melati, Dusun Tengah", [1, 2, 3, 4, 5, 6],
     "Lilis Suhartini", ["Puskesmas", "PKK"], ["P1.3"], "Kehadiran lansia di Posyandu naik menjadi 60 orang",
     [("Alat tensi digital dan timbangan", "stimulan", 300_000, ""),
      ("Makanan tambahan lansia", "swadaya", 450_000, "Sumbangan beras dan sayur warga")]),
    ("Pendampingan pengurusan KIS/BPJS dan bantuan sosial", ["D1"], None,
     "40 keluarga miskin yang belum terdaftar mengurus KIS/BPJS dan data bansos",
     "Keluarga miskin belum terdaftar", 40, "2 kali layanan keliling", "Balai Desa Mekarsari", [2, 3],
     "Rahmat Hidayat", ["Dinas Sosial", "TKSK", "Pemerintah Desa"], ["P1.2", "P1.4"],
     "Jumlah keluarga yang terdaftar KIS/BPJS",
     [("Fotokopi berkas dan transport ke kecamatan", "lainnya", 200_000, "APBDes")]),
    ("Forum antar-pranata bulanan", ["D2"], 2,
     "6 pertemuan forum antar-pranata dengan notulen tersimpan dan satu tindakan bersama per pertemuan",
     "Wakil 10 pranata sosial", 30, "6 kali pertemuan", "Bergilir di tiga dusun", [1, 2, 3, 4, 5, 6],
     "Hj. Siti Aminah", ["Pemerintah Desa", "PKK", "Karang Taruna"], ["P2.1", "P2.3"],
     "Notulen 6 pertemuan dan daftar hadir",
     [("Konsumsi rapat 6 kali", "swadaya", 900_000, "Komitmen peserta"),
      ("Alat tulis dan papan informasi", "stimulan", 250_000, "")]),
    ("Pelatihan administrasi dan keuangan pengurus organisasi", ["D2"], None,
     "Pengurus 10 pranata mampu membuat notulen, buku kas dan laporan sederhana",
     "Sekretaris dan bendahara pranata", 20, "1 kali pelatihan, 1 hari", "Balai Desa Mekarsari", [2],
     "Euis Suryani", ["Dinas Sosial", "Kecamatan"], ["P2.1"], "Buku kas pranata diperiksa pada bulan ke-5",
     [("Konsumsi pelatihan", "stimulan", 400_000, ""), ("Honor narasumber", "lainnya", 300_000, "APBDes")]),
    ("Ronda malam dan daftar kontak cepat tanggap", ["D3"], 3,
     "Ronda berjalan di 4 RW dan daftar kontak tokoh terpasang di 3 dusun",
     "Warga laki-laki dewasa dan tokoh masyarakat", 80, "Ronda setiap malam", "RW 01–04",
     [1, 2, 3, 4, 5, 6], "Asep Saepudin", ["Babinsa", "Bhabinkamtibmas"], ["P3.1", "P3.2"],
     "Waktu tanggap kejadian kurang dari 24 jam",
     [("Perbaikan pos ronda (semen, tukang)", "swadaya", 600_000, "Barang dan tenaga komitmen"),
      ("Senter dan kentongan", "stimulan", 250_000, "")]),
    ("Pelatihan mediasi konflik untuk tokoh", ["D3", "D2"], None,
     "15 tokoh agama, adat dan RW terlatih menengahi sengketa dengan musyawarah",
     "Tokoh agama, adat dan ketua RT/RW", 15, "1 kali pelatihan", "Masjid Al-Ikhlas", [3],
     "K.H. Ahmad Fauzi", ["Bhabinkamtibmas", "KUA"], ["P3.2", "P3.3"],
     "Sengketa air sawah musim kemarau selesai di tingkat desa",
     [("Konsumsi dan modul pelatihan", "stimulan", 400_000, "")]),
    ("Bank sampah dusun dan aturan larangan buang sampah ke sungai", ["D4"], 5,
     "3 bank sampah buka setiap minggu dan tidak ada sampah rumah tangga di sungai",
     "Rumah tangga di tiga dusun", 150, "3 unit bank sampah", "Dusun Kaler, Tengah dan Kidul", [2, 3, 4, 5, 6],
     "Hendra Gunawan", ["Dinas Lingkungan Hidup", "BUMDes", "Karang Taruna"], ["P4.2", "P4.3", "P4.4"],
     "Berat sampah terpilah yang ditabung per bulan",
     [("Timbangan dan karung", "stimulan", 300_000, ""),
      ("Kerja bakti membuat tempat bank sampah", "swadaya", 400_000, "Tenaga warga")]),
]
# the problem each row answers, when the assessment has not ranked its priorities
FREE_PROBLEMS = [
    "Lansia yang tinggal sendiri jarang dikunjungi dan kekurangan makan",
    "Lansia sulit menjangkau pemeriksaan kesehatan rutin",
    "Banyak keluarga miskin belum terdaftar KIS/BPJS dan bantuan sosial",
    "Pranata sosial berjalan sendiri-sendiri dan jarang bertemu",
    "Pengurus organisasi lokal belum terbiasa mencatat kegiatan dan keuangan",
    "Perselisihan dan pencurian malam hari lambat ditangani",
    "Sengketa air sawah pada musim kemarau sering meluas antar-dusun",
    "Sampah rumah tangga dibuang ke sungai",
]


def _budgets(funds: dict) -> dict[str, Fraction]:
    """How much of each source's nominal demo budget fits the money actually available. With
    nothing recorded yet (the pledges step did not run) the nominal amounts stay as they are."""
    if not funds.get("total"):
        return {s: Fraction(1) for s in planning.SOURCES}
    nominal = {s: 0 for s in planning.SOURCES}
    for *_, lines in PLAN:
        for _, source, amount, _ in lines:
            nominal[source] += amount
    return {s: min(Fraction(1), Fraction(funds[s], nominal[s])) if nominal[s] else Fraction(1)
            for s in planning.SOURCES}


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    ws = get_workshop(db, workshop_id)
    people = list_participants(db, workshop_id)
    by_name = {p["name"]: p["id"] for p in people}

    # consensus workshop: context, ideas from the facilitator and from phones, clusters, resolution
    planning.save_focus(db, workshop_id, {"focus_question": FOCUS, "intended_product": PRODUCT})
    planning.set_collecting(db, workshop_id, True)
    cards: list[tuple[int, str]] = []
    for index, (_, _, ideas) in enumerate(CLUSTERS):
        for text in ideas:
            cards.append((index, text))
    rng.shuffle(cards)
    idea_ids: dict[str, int] = {}
    for n, (_, text) in enumerate(cards):
        sender = rng.choice(people) if people and n % 2 == 0 else None
        idea_ids[text] = planning.add_idea(db, workshop_id, text, participant=sender)["id"]
    planning.set_collecting(db, workshop_id, False)
    cluster_ids = []
    for name, dimension, ideas in CLUSTERS:
        cluster_id = planning.add_cluster(db, workshop_id)
        for text in ideas:
            planning.move_idea(db, workshop_id, idea_ids[text], cluster_id)
        planning.update_cluster(db, workshop_id, cluster_id, {"cluster_name": name, "dimension": dimension})
        cluster_ids.append(cluster_id)
    planning.resolve(db, workshop_id, RESOLUTION)

    # ToP action planning for four chosen activities
    activity_of = {a["cluster_id"]: a["id"] for a in planning.list_activities(db, workshop_id)}
    day3 = ws["day3"] if isinstance(ws["day3"], dt.date) else dt.date.fromisoformat(ws["day3"])
    for index, spec in ACTION_PLANNING.items():
        activity_id = activity_of[cluster_ids[index]]
        name, dimension, _ = CLUSTERS[index]
        planning.set_chosen(db, workshop_id, activity_id, True)
        planning.save_activity(db, workshop_id, activity_id, {
            "activity_title": name, "dimension": dimension, "victory": spec["victory"],
            "strengths": spec["strengths"], "weaknesses": spec["weaknesses"], "benefits": spec["benefits"],
            "dangers": spec["dangers"], "commitment": spec["commitment"],
            "commitment_due": day3 + dt.timedelta(days=spec["days_to_due"]), "linked_params": spec["params"],
            "risks": spec["risks"],
        })
        planning.save_key_actions(db, workshop_id, activity_id, [
            {"action_text": text, "month_start": start, "month_end": end, "action_who": who}
            for text, start, end, who in spec["actions"]
        ])

    # the action plan, within the money available
    share = _budgets(planning.available_funds(db, workshop_id))
    priorities: dict[str, list[dict]] = {}
    for p in planning.priority_problems(db, workshop_id):
        priorities.setdefault(p["dimension"], []).append(p)
    for (activity, dims, cluster_index, objective, target, beneficiaries, volume, location, months, pic,
         partners, params, indicator, lines), own_problem in zip(PLAN, FREE_PROBLEMS):
        candidates = priorities.get(dims[0]) or []
        problem = candidates.pop(0) if len(candidates) > 1 else (candidates[0] if candidates else None)
        budget = []
        for item, source, amount, detail in lines:
            scaled = amount * share[source] // 5_000 * 5_000  # exact (Fraction), rounded down: never over
            if scaled > 0:
                budget.append({"budget_item": item, "budget_source": source, "budget_amount": scaled,
                               "source_detail": detail})
        planning.save_plan_row(db, workshop_id, {
            "activity": activity,
            "activity_id": activity_of.get(cluster_ids[cluster_index]) if cluster_index is not None else None,
            "dimensions": dims, "problem_id": problem["problem_id"] if problem else None,
            "problem": "" if problem else own_problem, "objective": objective, "target_group": target,
            "beneficiaries": beneficiaries, "volume": volume, "location": location, "months": months,
            "pic": by_name.get(pic), "partners": partners, "indicator_params": params, "indicator": indicator,
            "budget": budget,
        })
