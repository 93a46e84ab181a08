"""Demo: day 1 of Desa Mekarsari as it ran: one adapted session, every session ticked done with
notes, and the learning contract agreed, with expectations and concerns sent from phones."""
from __future__ import annotations

import random

from facilitation import agenda, contract
from facilitation.participants import list_participants
from facilitation.store import Database

NOTES = {
    "d1-registrasi": "28 peserta datang tepat waktu; 2 menyusul setelah pembukaan.",
    "d1-pembukaan": "Dibuka oleh Sekretaris Dinas Sosial Kab. Bandung Barat; Kepala Desa hadir penuh.",
    "d1-perkenalan": "Kenalan Berantai berjalan meriah; makanan favorit terbanyak: surabi dan colenak.",
    "d1-harapan": "Harapan dan kekhawatiran dikirim lewat HP, lalu dibacakan di pleno.",
    "d1-kontrak-belajar": "Kontrak belajar disepakati; ditambah aturan izin kepada panitia.",
    "d1-konsep-ketahanan-sosial": "Peserta banyak bertanya tentang beda pranata sosial dan organisasi.",
    "d1-sejarah-desa": "Abah Engkos dan Ujang Sopandi melengkapi garis waktu sejak 1950-an.",
    "d1-peta-sosial": "Tiga kelompok per dusun; rumah lansia tinggal sendiri ditandai merah.",
    "d1-klasifikasi-kesejahteraan": "Disepakati empat tingkat kesejahteraan dengan istilah lokal.",
    "d1-pleno-asesmen": "Dipersingkat 15 menit untuk penampilan degung.",
    "d1-diagram-venn": "Posyandu dan DKM dinilai paling dekat dengan warga.",
    "d1-refleksi": "Peserta minta jeda lebih sering di sore hari.",
}
CUSTOM_NOTE = "Sanggar Degung menampilkan dua lagu; suasana jadi segar kembali."

EXPECTATIONS = [
    "Warga yang lansia dan sakit ada yang memperhatikan secara rutin.",
    "Karang Taruna lebih dilibatkan dalam kegiatan desa.",
    "Ada kas bersama untuk membantu warga yang tertimpa musibah.",
    "Pertemuan antarpranata diadakan rutin setiap bulan.",
    "Rencana aksi benar-benar dijalankan, tidak berhenti di kertas.",
    "Belajar cara menyelesaikan perselisihan air sawah dengan musyawarah.",
    "Kesenian degung dan jaipong dihidupkan lagi untuk anak muda.",
    "Posyandu lansia punya kader yang cukup.",
    "Perempuan lebih banyak didengar dalam musyawarah desa.",
]
CONCERNS = [
    "Setelah pelatihan semangatnya hilang dan pokja tidak berjalan.",
    "Dana stimulan tidak dikelola dengan terbuka.",
    "Waktu kegiatan bentrok dengan pekerjaan di sawah.",
    "Hanya orang yang itu-itu saja yang aktif.",
    "Warga menganggap ini proyek pemerintah, bukan milik bersama.",
    "Kami kurang paham istilah-istilah yang dipakai.",
    "Kegiatan malam terlalu larut bagi yang rumahnya jauh.",
    "Perselisihan lama antar-RW terbawa ke dalam pokja.",
]
FACILITATOR_EXPECTATION = "Ada pendampingan dari Dinas Sosial sampai pokja mandiri."
EXTRA_RULE = "Peserta yang berhalangan hadir memberi tahu panitia sebelumnya."


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    # one adapted session: the day-1 plenary gives 15 minutes to the village's degung group
    agenda.set_duration(db, workshop_id, "d1-pleno-asesmen", 30)
    day1 = agenda.day_plan(db, workshop_id, 1)
    after = day1.item("d1-pleno-asesmen").position + 1
    custom = agenda.add_session(db, workshop_id, 1, {
        "session_title": "Penampilan Sanggar Degung Mekarsari", "duration_min": 15,
        "methods": ["permainan"], "session_notes": "Minta sanggar menyiapkan dua lagu pendek.",
    }, position=after)
    notes = {**NOTES, custom: CUSTOM_NOTE}
    day1 = agenda.day_plan(db, workshop_id, 1)
    agenda.record_progress(db, workshop_id, {s.id: (True, notes.get(s.id, "")) for s in day1.sessions})

    people = list_participants(db, workshop_id)
    contract.save_schedule(
        db, workshop_id,
        days=[{"day": d, "start": "08.30", "end": "21.30" if d < 4 else "17.00"} for d in (1, 2, 3, 4)],
        breaks=[{"day": d, "label": label, "start": start, "end": end}
                for d in (1, 2, 3, 4)
                for label, start, end in (("Rehat kopi", "10.15", "10.30"), ("ISOMA", "12.00", "13.00"),
                                          ("ISHO", "15.00", "15.30"), ("ISOMA malam", "17.45", "19.30"))
                if d < 4 or end <= "17.00"],
    )
    contract.save_rules(db, workshop_id, [*contract.default_rules("id"), EXTRA_RULE])
    contract.save_sanctions(db, workshop_id, contract.default_sanctions("id"))
    picks = rng.sample(people, 12)
    contract.save_roles(db, workshop_id, {(day, role): picks[(day - 1) * 3 + i]["id"]
                                          for day in (1, 2, 3, 4) for i, role in enumerate(contract.ROLES)})
    contract.set_representative(db, workshop_id, people[0]["id"])

    contract.set_collecting(db, workshop_id, True)
    senders = rng.sample(people, len(EXPECTATIONS) + len(CONCERNS))
    for person, text in zip(senders, EXPECTATIONS):
        contract.send_from_phone(db, workshop_id, person["id"], "expectation", text)
    for person, text in zip(senders[len(EXPECTATIONS):], CONCERNS):
        contract.send_from_phone(db, workshop_id, person["id"], "concern", text)
    # two participants said the same about the evening sessions in different words
    late = contract.add_voice(db, workshop_id, "concern", "Pulang malam, jalan ke Dusun Kidul gelap.")
    evening = next(v["id"] for v in contract.list_voices(db, workshop_id)["concern"] if v["text"] == CONCERNS[6])
    contract.merge_voices(db, workshop_id, [evening, late],
                          "Kegiatan malam terlalu larut dan jalan pulang gelap bagi yang rumahnya jauh.")
    contract.add_voice(db, workshop_id, "expectation", FACILITATOR_EXPECTATION)
    contract.set_collecting(db, workshop_id, False)
