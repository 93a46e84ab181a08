"""Demo: the six months after the workshop in Mekarsari. Progress entries for each row of the
action plan over months 1–5 (one activity dropped, most on their way, some done), the month-3
monitoring visit, the month-5 evaluation with endline scores, then terminasi and refleksi."""
from __future__ import annotations

import datetime as dt
import random
from fractions import Fraction

from facilitation import assessment, monitoring, planning, progress, terminasi
from facilitation.content import load_dimensions
from facilitation.participants import list_participants
from facilitation.store import Database
from facilitation.workshops import get_workshop

OBSTACLES = [
    "Jadwal bentrok dengan musim tanam; sebagian warga tidak bisa hadir.",
    "Dana swadaya baru terkumpul sebagian.",
    "Hujan deras dua minggu berturut-turut, kegiatan lapangan diundur.",
    "Koordinasi antar-RW belum rutin.",
    "",
]
FOLLOW_UPS = [
    "Jadwal digeser ke malam hari setelah isya.",
    "Bendahara menagih komitmen pada pertemuan forum berikutnya.",
    "Ketua Pokja berkoordinasi dengan Kasi Kesejahteraan desa.",
    "Pendamping membantu menyusun jadwal bergilir.",
    "",
]
FINDINGS_M3 = {
    "D1": "Kunjungan rumah lansia berjalan tiap minggu di tiga dusun; Posyandu lansia dihadiri 40-an lansia.",
    "D2": "Forum antar-pranata sudah dua kali bertemu; Karang Taruna dan PKK mulai bekerja bersama.",
    "D3": "Ronda malam aktif di Dusun Kaler dan Tengah; daftar kontak cepat tanggap sudah dibagikan.",
    "D4": "Bank sampah baru berdiri di satu dusun; aturan larangan buang sampah ke sungai belum disosialisasikan.",
}
FINDINGS_M5 = {
    "D1": "Warga rentan yang dikunjungi bertambah; dua keluarga dibantu mengurus KIS.",
    "D2": "Forum antar-pranata bertemu tiap bulan dan mencatat notulen; anggota Karang Taruna bertambah.",
    "D3": "Satu perselisihan batas tanah diselesaikan lewat musyawarah dalam dua hari.",
    "D4": "Bank sampah berjalan di dua dusun; peraturan desa tentang sungai sedang dibahas BPD.",
}


def _date_in_month(ws: dict, month: int, day: int) -> dt.date:
    start = planning.plan_start(ws)
    index = start.month - 1 + month - 1
    return dt.date(start.year + index // 12, index % 12 + 1, day)


def _progress(db: Database, wid: str, ws: dict, rng: random.Random, reporter: str) -> None:
    rows = planning.list_plan_rows(db, wid)
    for n, row in enumerate(rows):
        months = sorted(row["months"])
        budget = {s: sum(b["amount"] for b in row["budget"] if b["source"] == s) for s in planning.SOURCES}
        dropped = n == len(rows) - 1 and len(rows) > 3  # the last activity ran into trouble
        spent = {s: 0 for s in planning.SOURCES}
        percent = 0
        reached = 0
        target = row.get("beneficiaries") or 0
        for month in range(1, 6):
            if month < months[0]:
                continue
            last_planned = month >= months[-1]
            if dropped and month >= 3:
                progress.add_entry(db, wid, {
                    "row_id": row["id"], "entry_date": _date_in_month(ws, month, 25), "status": "batal",
                    "percent": percent, "beneficiaries": reached,
                    "obstacles": "Narasumber dari kecamatan batal datang dua kali; Pokja memutuskan menunda ke siklus berikutnya.",
                    "follow_up": "Dimasukkan ke rencana refleksi untuk tahun depan.", "reported_by": reporter,
                })
                break
            percent = 100 if last_planned else min(95, percent + rng.choice((15, 20, 25, 30)))
            share = Fraction(1, max(1, min(months[-1], 5) - months[0] + 1))
            money = {}
            for s in planning.SOURCES:
                left = max(0, budget[s] - spent[s])
                amount = left if last_planned else min(left, int(budget[s] * share) // 1000 * 1000)
                # a little over or under the plan, as real spending goes
                if amount and rng.random() < 0.25:
                    amount = max(0, amount + rng.choice((-1, 1)) * 25_000)
                money[s] = amount
                spent[s] += amount
            if target:
                reached = target if last_planned else min(target, reached + max(1, target * rng.randint(15, 30) // 100))
            i = rng.randrange(len(OBSTACLES))
            progress.add_entry(db, wid, {
                "row_id": row["id"], "entry_date": _date_in_month(ws, month, rng.randint(20, 28)),
                "status": "selesai" if percent == 100 else "berjalan", "percent": percent,
                "beneficiaries": reached if target else None,
                "spent_stimulan": money["stimulan"], "spent_swadaya": money["swadaya"],
                "spent_lainnya": money["lainnya"], "obstacles": OBSTACLES[i], "follow_up": FOLLOW_UPS[i],
                "reported_by": reporter,
            })
            if percent == 100:
                break


def _endline(db: Database, wid: str, rng: random.Random) -> None:
    baseline = assessment.list_scores(db, wid, "baseline")
    for p in load_dimensions().parameters:
        base = Fraction(baseline[p.id]["score"]).limit_denominator(2) if p.id in baseline else Fraction(2)
        step = rng.choice((Fraction(0), Fraction(1, 2), Fraction(1), Fraction(1), Fraction(3, 2)))
        score = min(Fraction(5), base + step)
        reason = "Kelompok sepakat di antara dua tingkat: sebagian dusun sudah, sebagian belum." \
            if score.denominator == 2 else ""
        assessment.save_score(db, wid, p.id, {
            "score": float(score), "reason": reason, "method": "ladder",
            "evidence": "FGD evaluasi bulan ke-5 bersama Pokja; dibandingkan dengan catatan baseline.",
        }, phase="endline")


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    ws = get_workshop(db, workshop_id)
    people = list_participants(db, workshop_id)
    board = planning.elected_board(db, workshop_id)
    named = {board.get("ketua"), board.get("sekretaris")} - {None}
    members = [p["id"] for p in people if p["name"] in named] + [p["id"] for p in people[:4]]
    _progress(db, workshop_id, ws, rng, reporter=ws["pendamping1"])

    m3 = monitoring.visit_defaults(ws, "monitoring")
    monitoring.save_visit(db, workshop_id, {
        **m3, "member_ids": members, "others": "Kasi Kesejahteraan Desa; TKSK Kecamatan Cisarua",
        "findings": FINDINGS_M3,
        "problems": "Dana swadaya terkumpul 70%; pelatihan mediasi belum mendapat narasumber.",
        "help_needed": "Narasumber mediasi konflik dari Dinas Sosial; contoh peraturan desa tentang sungai.",
        "recommendations": "Tagih komitmen swadaya lewat forum; minta narasumber ke Dinas Sosial sebelum bulan ke-4.",
    })
    m5 = monitoring.visit_defaults(ws, "evaluasi")
    monitoring.save_visit(db, workshop_id, {
        **m5, "member_ids": members, "others": "Dinas Sosial Kabupaten Bandung Barat",
        "findings": FINDINGS_M5,
        "problems": "Pelatihan mediasi konflik tidak terlaksana; bank sampah belum ada di Dusun Kidul.",
        "help_needed": "Pendampingan penyusunan peraturan desa; dukungan APBDes untuk bank sampah.",
        "recommendations": "Lanjutkan forum antar-pranata tanpa dana stimulan; masukkan bank sampah ke RKP Desa.",
    })
    _endline(db, workshop_id, rng)

    terminasi.save_handover(db, workshop_id, {
        "handover_date": _date_in_month(ws, 6, 28),
        "handover_office": "Pemerintah Desa Mekarsari dan Dinas Sosial Kabupaten Bandung Barat",
        "handover_note": "Berita acara serah terima ditandatangani Kepala Desa, Ketua Pokja dan pendamping.",
    })
    terminasi.save_reflection(db, workshop_id, {
        "worked": "Kunjungan lansia dan forum antar-pranata berjalan rutin dan kini dibiayai swadaya.",
        "not_worked": "Pelatihan mediasi konflik batal karena narasumber tidak datang; pencatatan keuangan sempat terlambat.",
        "next_plans": [
            "Pelatihan mediasi konflik dengan narasumber Dinas Sosial",
            "Bank sampah di Dusun Kidul",
            "Peraturan desa tentang larangan buang sampah ke sungai",
            "Kas sosial darurat untuk warga tertimpa musibah",
        ],
    })
