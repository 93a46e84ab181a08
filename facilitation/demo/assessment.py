"""Demo: Mekarsari assesses itself (days 1–2): the Venn diagram of its pranata sosial, the
baseline of the 14 parameters, problems and potentials per dimension, and a closed ranking
poll whose top five problems are the priorities planning works on.

Everything goes through the assessment and voting services, as a facilitator would."""
from __future__ import annotations

import random

from facilitation import assessment, voting
from facilitation import assessment_cards as cards
from facilitation import assessment_institutions as venn
from facilitation import assessment_ranking as ranking
from facilitation.attendance import present_ids
from facilitation.errors import RembugError
from facilitation.participants import list_participants
from facilitation.store import Database

# name, type, importance, distance, valence, trust, networks, norms, members
INSTITUTIONS = [
    ("Pemerintah Desa Mekarsari", "pemerintah", 3, 1, "+", "Dipercaya untuk urusan administrasi; bantuan sosial dinilai kurang tepat sasaran.",
     "Terhubung ke kecamatan, puskesmas, dan Dinas Sosial.", "Perdes APBDes; musrenbang tahunan.", "Perangkat 11 orang, 2 perempuan."),
    ("PKK Desa Mekarsari", "formal", 3, 0, "+", "Sangat dipercaya ibu-ibu; arisan dan jimpitan berjalan.",
     "Dasawisma di tiap RT; dekat dengan Posyandu.", "Rapat bulanan; iuran Rp2.000 per bulan.", "±60 anggota aktif, perempuan."),
    ("Karang Taruna Tunas Harapan", "formal", 2, 1, "+", "Dipercaya untuk kegiatan olahraga; kurang dilibatkan orang tua.",
     "Remaja masjid dan sanggar seni.", "AD/ART ada, jarang dipakai.", "±25 pemuda, sebagian besar laki-laki."),
    ("Posyandu Melati (balita dan lansia)", "formal", 3, 0, "+", "Sangat dipercaya; kader dikenal warga.",
     "Bidan desa dan Puskesmas Cisarua.", "Jadwal tanggal 10 tiap bulan.", "14 kader perempuan."),
    ("DKM Masjid Al-Ikhlas dan majelis taklim", "agama", 3, 0, "+", "Tokoh agama paling didengar warga.",
     "Majelis taklim, remaja masjid, sesepuh.", "Pengajian mingguan; zakat dan infak dikelola DKM.", "Laki-laki dan perempuan, semua lapisan."),
    ("Sesepuh kampung", "adat", 2, 0, "+", "Dihormati sebagai penengah perselisihan.",
     "Dekat dengan DKM dan RW.", "Aturan leuweung larangan (hutan titipan) dijaga turun-temurun.", "Beberapa orang tua laki-laki."),
    ("Gapoktan Mekar Tani", "usaha", 2, 2, "+", "Dipercaya anggota, jarang terlibat urusan sosial.",
     "Penyuluh pertanian, pengepul sayur.", "Jadwal tanam dan giliran air.", "Petani laki-laki; KWT untuk perempuan."),
    ("Puskesmas Cisarua", "pemerintah", 3, 2, "+", "Dipercaya, tetapi jauh dan antre.",
     "Posyandu dan bidan desa.", "Jam layanan kantor.", "Di luar desa, 4 km."),
    ("Sanggar Degung Sekar Pakuan", "informal", 1, 1, "+", "Disukai; mengisi acara desa.",
     "Karang Taruna.", "Latihan tiap Sabtu malam.", "Campuran pemuda dan orang tua."),
    ("Pengepul sayur dari luar desa", "usaha", 2, 2, "-", "Kurang dipercaya: harga ditentukan sepihak.",
     "Petani yang berutang modal tanam.", "Ijon: panen dijual sebelum dipetik.", "Beberapa pedagang laki-laki."),
]
LINKS = [  # pairs of INSTITUTIONS indexes
    (1, 3, "overlap"), (1, 4, "touch"), (2, 4, "touch"), (0, 1, "touch"), (0, 2, "touch"),
    (3, 7, "touch"), (4, 5, "overlap"), (6, 9, "touch"), (8, 2, "touch"),
]

# parameter: score, reason (half-steps), evidence, method
SCORES = {
    "P1.1": (3, "", "Ada PAUD, SD/MI, Posyandu balita dan lansia, majelis taklim; sarana ekonomi hanya satu KUBE; belum ada layanan untuk penyandang disabilitas.", "ladder"),
    "P1.2": (2.5, "Dusun Kaler dan Tengah dekat layanan, Dusun Kidul 4 km dari puskesmas tanpa angkutan; kelompok memilih di antara 2 dan 3.",
             "Perkiraan 38–42% rumah tangga rentan dapat menjangkau layanan kesehatan dan sekolah.", "ladder"),
    "P1.3": (2, "", "Posyandu rutin, tetapi PMT bergantung pada bantuan puskesmas; bantuan sembako hanya saat ada program.", "consensus"),
    "P1.4": (3, "", "Fakir miskin 118 KK (Maret 2025) menjadi 117 KK (Maret 2026); lansia terlantar 9 menjadi 10 orang.", "ladder"),
    "P2.2": (2, "", "14 kader posyandu dan 6 relawan bedah rumah untuk 720 KK: sekitar 2,8 relawan per 100 KK.", "ladder"),
    "P2.3": (3, "", "Pada diagram Venn PKK–Posyandu dan DKM–sesepuh tumpang tindih; Gapoktan dan puskesmas terpisah; kerja bakti bersama 2 kali setahun.", "consensus"),
    "P3.1": (4, "", "Perselisihan batas sawah (Agustus 2025) ditangani ketua RW dan sesepuh dalam 2 hari.", "ladder"),
    "P3.2": (3.5, "Dua dari tiga kejadian selesai di tingkat RT; tawuran saat turnamen voli sempat melebar ke desa tetangga.",
             "3 kejadian dalam 12 bulan: 2 tertahan di RT, 1 melebar.", "pocket_vote"),
    "P3.3": (3, "", "Tawuran: 2 luka ringan, sudah berdamai lewat musyawarah di masjid; belum ada kesepakatan pencegahan.", "ladder"),
    "P4.1": (2, "", "Titik pembuangan sampah ke Sungai Cimahi naik dari 11 menjadi 12 (+9%) menurut catatan ketua RW.", "pocket_vote"),
    "P4.2": (2.5, "Aturan adat leuweung larangan dikenal orang tua tetapi tidak tertulis, dan banyak anak muda tidak tahu; perdes lingkungan belum ada.",
             "1 aturan adat tidak tertulis; 0 perdes lingkungan.", "consensus"),
    "P4.3": (3, "", "Kelompok Tani Hutan Giri Mukti menanam pohon sesekali; bank sampah baru rencana.", "ladder"),
    "P4.4": (2, "", "TPS direncanakan di Dusun Tengah; pembibitan dan bank sampah belum ada.", "ladder"),
}
PHONE_RATED = "P2.1"  # rated on phones plus a show of hands; its median becomes the score
PHONE_LIKING = {2: 2, 3: 10, 4: 10, 5: 2}
PHONE_REASON = "Separuh peserta memilih 3 dan separuh memilih 4: di Dusun Tengah banyak yang aktif di pengajian dan PKK, di Dusun Kidul sedikit."
PHONE_EVIDENCE = "Sekitar 30% orang dewasa aktif tanpa pengajian, 40% bila pengajian dihitung."

# dimension, text, level, affected, liking in the ranking (higher = more often ranked high)
PROBLEMS = [
    ("D1", "Lansia yang tinggal sendiri di Dusun Kidul jarang dikunjungi kader", "kelompok", ["lansia", "lansia_terlantar"], 9),
    ("D1", "Puskesmas 4 km dan tidak ada angkutan untuk warga miskin", "masyarakat", ["keluarga_miskin", "lansia"], 5),
    ("D1", "Anak penyandang disabilitas belum bersekolah", "individu", ["anak_disabilitas"], 4),
    ("D1", "Bantuan sosial sering tidak tepat sasaran", "masyarakat", ["fakir_miskin"], 6),
    ("D2", "Anak muda jarang ikut kegiatan organisasi desa", "kelompok", ["remaja"], 8),
    ("D2", "Kader posyandu kurang dan tidak mendapat insentif", "kelompok", ["perempuan", "ibu_balita"], 4),
    ("D2", "Rapat RT/RW jarang melibatkan perempuan", "masyarakat", ["perempuan"], 3),
    ("D2", "Karang Taruna tidak punya kegiatan rutin", "kelompok", ["remaja"], 3),
    ("D3", "Tawuran pemuda saat pertandingan antarkampung", "kelompok", ["remaja"], 7),
    ("D3", "Perselisihan batas sawah dan giliran air irigasi", "kelompok", ["petani_nelayan"], 4),
    ("D3", "Kekerasan dalam rumah tangga jarang dilaporkan", "individu", ["perempuan", "korban_kekerasan"], 5),
    ("D3", "Belum ada mekanisme pelaporan atau piket keamanan bersama", "masyarakat", ["warga_umum"], 3),
    ("D3", "Minuman keras di pos ronda pada malam hari", "kelompok", ["remaja", "korban_napza"], 2),
    ("D4", "Warga membuang sampah ke Sungai Cimahi", "masyarakat", ["warga_umum"], 9),
    ("D4", "Penebangan pohon di lahan miring tanpa izin", "masyarakat", ["petani_nelayan"], 4),
    ("D4", "Aturan adat leuweung larangan tidak dikenal anak muda", "kelompok", ["remaja"], 3),
]
# duplicates that came in from phones and were merged: (text, dimension, index of the kept problem)
DUPLICATES = [
    ("Sampah dibuang ke sungai, airnya jadi kotor", "D4", 13),
    ("Data penerima bansos tidak diperbarui", "D1", 3),
]
POTENTIALS = [
    ("D1", "Posyandu lansia di setiap dusun", "institutions"),
    ("D1", "Jimpitan beras per RT untuk warga yang sakit", "funds"),
    ("D1", "Bidan desa dan 14 kader kesehatan", "people"),
    ("D2", "PKK dan majelis taklim berkegiatan tiap minggu", "institutions"),
    ("D2", "Pemuda terampil sound system dan media sosial", "people"),
    ("D3", "Sesepuh kampung dihormati dan biasa menjadi penengah", "people"),
    ("D3", "Tradisi musyawarah di masjid setelah salat Jumat", "institutions"),
    ("D4", "Mata air Cikahuripan dan hutan titipan leuweung larangan", "natural_resources"),
    ("D4", "Kelompok Tani Hutan Giri Mukti", "institutions"),
    ("D4", "Dana desa untuk lingkungan (APBDes) Rp15.000.000", "funds"),
]
TOP_N = 5
RANKED_PER_BALLOT = 5


def _institutions(db: Database, workshop_id: str) -> None:
    ids = []
    for name, kind, importance, distance, valence, trust, networks, norms, members in INSTITUTIONS:
        ids.append(venn.add_institution(db, workshop_id, {
            "name": name, "type": kind, "importance": importance, "distance": distance, "valence": valence,
            "trust": trust, "networks": networks, "norms": norms, "members": members}))
    for a, b, degree in LINKS:
        venn.set_link(db, workshop_id, ids[a], ids[b], degree)


def _phone_rating(db: Database, workshop_id: str, present: list[int], rng: random.Random) -> None:
    poll_id = assessment.open_rating_poll(db, workshop_id, PHONE_RATED)
    levels = list(PHONE_LIKING)
    voters = present[3:]  # three people without a phone raise hands instead
    answers = sorted(rng.choices(levels, weights=list(PHONE_LIKING.values()), k=len(voters)))
    for pid, level in zip(voters, answers):
        voting.cast_ballot(db, workshop_id, poll_id, pid, level)
    assessment.record_rating_hands(db, workshop_id, poll_id, {3: 1, 4: 2})
    assessment.close_rating_poll(db, workshop_id, poll_id)
    summary = assessment.rating_summary(db, workshop_id, poll_id)
    median = summary.median
    reason = PHONE_REASON if median.denominator == 2 else ""
    assessment.save_score(db, workshop_id, PHONE_RATED, {
        "score": float(median), "reason": reason, "evidence": PHONE_EVIDENCE, "method": "phone_poll",
        "confirmed": True, "poll_id": poll_id})


def _cards(db: Database, workshop_id: str, people: list[dict]) -> list[int]:
    phone_people = people[3:12]
    problem_ids = []
    for n, (dim, text, level, affected, _) in enumerate(PROBLEMS):
        data = {"kind": "problem", "dimension": dim, "text": text, "level": level, "affected": affected}
        if n % 3 == 1:  # every third card was sent from a phone
            cards.open_collection(db, workshop_id, dim)
            problem_ids.append(cards.submit_from_phone(db, workshop_id, phone_people[n % len(phone_people)], data))
        else:
            problem_ids.append(cards.add_card(db, workshop_id, data))
    for n, (text, dim, keep) in enumerate(DUPLICATES):
        dup = cards.submit_from_phone(db, workshop_id, phone_people[-1 - n], {
            "kind": "problem", "dimension": dim, "text": text, "level": PROBLEMS[keep][2],
            "affected": PROBLEMS[keep][3]})
        cards.merge_cards(db, workshop_id, problem_ids[keep], [dup])
    cards.close_collection(db, workshop_id)
    for dim, text, kind in POTENTIALS:
        cards.add_card(db, workshop_id, {"kind": "potential", "dimension": dim, "text": text,
                                         "level": "masyarakat", "potential_type": kind, "affected": []})
    return problem_ids


def _ranking(db: Database, workshop_id: str, problem_ids: list[int], present: list[int], rng: random.Random) -> None:
    poll_id = ranking.start_ranking(db, workshop_id, "ranking", "all")
    liking = [p[4] ** 2 for p in PROBLEMS]  # squared: the hall agrees more than it differs
    for pid in present:
        pool, weights, ballot = list(problem_ids), list(liking), []
        for _ in range(RANKED_PER_BALLOT):  # a partial ranking: each person orders their top five
            pick = rng.choices(range(len(pool)), weights=weights)[0]
            ballot.append(pool.pop(pick))
            weights.pop(pick)
        voting.cast_ballot(db, workshop_id, poll_id, pid, ballot)
    voting.close_poll(db, workshop_id, poll_id)
    voting.reveal(db, workshop_id, poll_id)
    ranking.set_tie_rule(db, workshop_id, poll_id, ["most_first_places"])
    try:
        ranking.mark_priorities(db, workshop_id, poll_id, TOP_N)
    except RembugError:  # still tied at the cut after the rule: the hall keeps every tied problem
        ranking.mark_priorities(db, workshop_id, poll_id, TOP_N, include_ties=True)


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    people = list_participants(db, workshop_id)
    present = present_ids(db, workshop_id, 2) or [p["id"] for p in people]
    _institutions(db, workshop_id)
    for parameter_id, (score, reason, evidence, method) in SCORES.items():
        assessment.save_score(db, workshop_id, parameter_id, {
            "score": score, "reason": reason, "evidence": evidence, "method": method, "confirmed": True})
    _phone_rating(db, workshop_id, present, rng)
    problem_ids = _cards(db, workshop_id, people)
    _ranking(db, workshop_id, problem_ids, present, rng)
