"""Demo: most participants pledge money, goods or labour; the dana stimulan has arrived.

Some pledges are recorded by the facilitator, others sent from phones and confirmed; two phone
pledges still wait for confirmation (and so do not count). The stimulus fund of Rp 2.500.000
was received into the Pokja's account, and the village adds a little from its budget.
"""
from __future__ import annotations

import datetime as dt
import random

from facilitation import pledges
from facilitation.participants import list_participants
from facilitation.store import Database
from facilitation.workshops import get_workshop

MONEY = (50_000, 100_000, 100_000, 150_000, 200_000, 250_000, 300_000, 500_000)
GOODS = (  # description, unit, value per unit (rupiah)
    ("Semen untuk perbaikan pos ronda", "sak", 65_000),
    ("Kursi plastik untuk balai pertemuan", "buah", 35_000),
    ("Beras untuk paket lansia", "kg", 14_000),
    ("Bibit pohon mahoni", "batang", 5_000),
    ("Cat tembok", "kaleng", 85_000),
    ("Terpal", "lembar", 120_000),
)
LABOUR = (
    ("Tukang bangunan untuk pos ronda", "hari", 100_000),
    ("Melatih tari jaipong remaja", "kali", 75_000),
    ("Kunjungan rumah lansia sebagai kader", "kunjungan", 25_000),
    ("Mengajar mengaji anak yatim", "kali", 50_000),
    ("Sopir mobil bak untuk kerja bakti", "hari", 150_000),
)
PLEDGERS = 24  # of 30: most, not all
STIMULAN = 2_500_000
ACCOUNT = "BRI Unit Cisarua 4102-01-009876-53-7 a.n. Pokja Tansosmas Mekarsari"


def _pledge(rng: random.Random, day4: dt.date) -> dict:
    due = day4 + dt.timedelta(days=rng.choice((7, 14, 14, 30)))
    kind = rng.choice(("money", "money", "goods", "labour"))
    if kind == "money":
        return {"kind": kind, "value": rng.choice(MONEY), "due_date": due}
    description, unit, price = rng.choice(GOODS if kind == "goods" else LABOUR)
    quantity = rng.randint(2, 8) if kind == "goods" else rng.randint(1, 4)
    return {"kind": kind, "description": description, "quantity": quantity, "unit": unit,
            "value": quantity * price, "due_date": due}


def fill(db: Database, workshop_id: str, rng: random.Random) -> None:
    day4 = get_workshop(db, workshop_id)["day4"]
    people = list_participants(db, workshop_id)
    pledgers = rng.sample(people, min(PLEDGERS, len(people)))
    pledges.set_phone_open(db, workshop_id, True)
    for i, person in enumerate(pledgers):
        count = 2 if rng.random() < 0.2 else 1
        for _ in range(count):
            from_phone = i % 3 == 0
            pledge_id = pledges.add_pledge(db, workshop_id, person["id"], _pledge(rng, day4), from_phone=from_phone)
            if from_phone and i < len(pledgers) - 6:
                pledges.confirm_pledge(db, workshop_id, pledge_id)
    pledges.set_phone_open(db, workshop_id, False)
    pledges.add_fund(db, workshop_id, {"kind": "stimulan", "source": "Kementerian Sosial RI (Badiklit Kesos)",
                                       "amount": STIMULAN, "received_on": day4 + dt.timedelta(days=12),
                                       "account_ref": ACCOUNT, "note": "Transfer dana stimulan"})
    pledges.add_fund(db, workshop_id, {"kind": "other", "source": "Pemerintah Desa Mekarsari (APBDes)",
                                       "amount": 500_000, "received_on": day4 + dt.timedelta(days=20),
                                       "account_ref": ACCOUNT, "note": "Dukungan operasional Pokja"})
