"""Problems (masalah) and potentials (potensi/sumber) per dimension: the MPA card sort.

A card is one problem or one potential, sorted by dimension (D1–D4) and level (individu,
kelompok, masyarakat), with who is affected (vulnerable groups and the PMKS categories of
Permensos 08/2012). Potentials also say what kind of resource they are. The facilitator
types cards, or participants send them from phones while card collection is open.

Merging duplicates keeps every text: a merged card points at the card it was merged into,
and that card counts them (`count` = 1 + merged cards), so similar cards do not split the
votes later (DOMAIN.md §4.3).
"""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from facilitation.errors import FieldError, InputError, NotFound, RembugError
from facilitation.models import _Input
from facilitation.store import Database
from facilitation.store import assessment as q
from facilitation.store import workshops as wq
from facilitation.validation import validate

KINDS = ("problem", "potential")
DIMENSIONS = ("D1", "D2", "D3", "D4")
LEVELS = ("individu", "kelompok", "masyarakat")
POTENTIAL_TYPES = ("people", "institutions", "funds", "natural_resources")
SOURCES = ("facilitator", "phone")
MAX_TEXT = 200  # a card is short, and its text is a poll item's label when ranked
MAX_PHONE_CARDS = 40  # per participant and workshop: enough for a card sort, not a flood

# who is affected; labels in content/i18n/*/assessment.yaml as assessment.group_<id>
VULNERABLE_GROUPS = (
    "anak", "remaja", "perempuan", "ibu_balita", "lansia", "disabilitas", "keluarga_miskin",
    "petani_nelayan", "warga_umum",
)
# the 26 PMKS categories (Permensos No. 08 Tahun 2012)
PMKS_CATEGORIES = (
    "anak_balita_terlantar", "anak_terlantar", "anak_berhadapan_hukum", "anak_jalanan",
    "anak_disabilitas", "anak_korban_kekerasan", "anak_perlindungan_khusus", "lansia_terlantar",
    "penyandang_disabilitas", "tuna_susila", "gelandangan", "pengemis", "pemulung",
    "kelompok_minoritas", "bwblp", "odha", "korban_napza", "korban_trafficking", "korban_kekerasan",
    "pekerja_migran", "korban_bencana_alam", "korban_bencana_sosial", "perempuan_rawan_sosek",
    "fakir_miskin", "keluarga_bermasalah", "komunitas_adat_terpencil",
)
AFFECTED_GROUPS = VULNERABLE_GROUPS + PMKS_CATEGORIES


class CardIn(_Input):
    kind: Literal[KINDS]
    dimension: Literal[DIMENSIONS]
    text: str = Field(min_length=1, max_length=MAX_TEXT)
    level: Literal[LEVELS] = "masyarakat"
    potential_type: Literal[POTENTIAL_TYPES] | None = None
    affected: list[str] = Field(default_factory=list)

    @field_validator("potential_type", mode="before")
    @classmethod
    def _blank_type(cls, v):
        return None if v in ("", None) else v

    @field_validator("affected", mode="before")
    @classmethod
    def _no_repeats(cls, v):
        if v is None:
            return []
        if isinstance(v, (list, tuple)) and all(isinstance(g, str) for g in v):
            return list(dict.fromkeys(v))  # keep the order, drop repeats
        return v  # pydantic refuses anything else


def _card(data: dict) -> CardIn:
    """The checked card: pydantic's checks, then the rules that need several fields."""
    card = validate(CardIn, data)
    errors = []
    unknown = [g for g in card.affected if g not in AFFECTED_GROUPS]
    if unknown:
        errors.append(FieldError("affected", "assessment.err_unknown_group", {"group": ", ".join(unknown)}))
    if card.kind == "potential" and card.potential_type is None:
        errors.append(FieldError("potential_type", "assessment.err_potential_type"))
    if errors:
        raise InputError(errors)
    if card.kind == "problem":
        card.potential_type = None  # a problem is no resource
    return card


def add_card(db: Database, workshop_id: str, data: dict, source: str = "facilitator",
             participant_id: int | None = None) -> int:
    if source not in SOURCES:
        raise InputError([FieldError("source", "err.choice")])
    card = _card(data)
    with db.tx() as conn:
        if wq.get_workshop(conn, workshop_id) is None:
            raise NotFound("err.workshop_not_found", id=workshop_id)
        return q.insert_card(conn, {**card.model_dump(), "workshop_id": workshop_id, "source": source,
                                    "participant_id": participant_id})


def submit_from_phone(db: Database, workshop_id: str, participant: dict, data: dict) -> int:
    """A participant's card, accepted only while the facilitator collects cards."""
    if participant.get("workshop_id") != workshop_id:
        raise RembugError("core.token_invalid")
    card = _card(data)
    with db.tx() as conn:
        if not q.get_collection(conn, workshop_id)["is_open"]:
            raise RembugError("assessment.err_collection_closed")
        if q.count_cards_by(conn, workshop_id, participant["id"]) >= MAX_PHONE_CARDS:
            raise RembugError("assessment.err_too_many_cards", limit=MAX_PHONE_CARDS)
        return q.insert_card(conn, {**card.model_dump(), "workshop_id": workshop_id, "source": "phone",
                                    "participant_id": participant["id"]})


def update_card(db: Database, workshop_id: str, card_id: int, data: dict) -> None:
    card = _card(data)
    with db.tx() as conn:
        old = q.get_card(conn, workshop_id, card_id)
        if old is None:
            raise NotFound("assessment.err_card_not_found", id=card_id)
        if old["kind"] != card.kind and old["merged_into"] is None and _has_merged(conn, workshop_id, card_id):
            raise RembugError("assessment.err_merge_kind")
        q.update_card(conn, workshop_id, card_id, card.model_dump())


def delete_card(db: Database, workshop_id: str, card_id: int) -> None:
    """Delete one card; cards merged into it become separate cards again."""
    with db.tx() as conn:
        if not q.delete_card(conn, workshop_id, card_id):
            raise NotFound("assessment.err_card_not_found", id=card_id)


def _has_merged(conn, workshop_id: str, card_id: int) -> bool:
    return any(c["merged_into"] == card_id for c in q.list_cards(conn, workshop_id))


def merge_cards(db: Database, workshop_id: str, keep_id: int, other_ids: list[int]) -> None:
    """Merge duplicates into `keep_id`: their texts stay, listed under it, and they count.

    Cards already merged into one of `other_ids` move along to `keep_id`; the affected
    groups of all merged cards are added to the kept card."""
    others = [i for i in dict.fromkeys(other_ids) if i != keep_id]
    if not others:
        raise InputError([FieldError("merge", "assessment.err_merge_none")])
    with db.tx() as conn:
        keep = q.get_card(conn, workshop_id, keep_id)
        if keep is None:
            raise NotFound("assessment.err_card_not_found", id=keep_id)
        if keep["merged_into"] is not None:
            raise RembugError("assessment.err_merge_target_merged")
        prioritised = {p["problem_id"] for p in q.list_priorities(conn, workshop_id)}
        affected = list(keep["affected"] or [])
        for other_id in others:
            other = q.get_card(conn, workshop_id, other_id)
            if other is None:
                raise NotFound("assessment.err_card_not_found", id=other_id)
            if other["kind"] != keep["kind"]:
                raise RembugError("assessment.err_merge_kind")
            if other_id in prioritised:
                raise RembugError("assessment.err_merge_priority", text=other["text"])
            affected += [g for g in other["affected"] or [] if g not in affected]
            q.repoint_merged(conn, workshop_id, other_id, keep_id)
            q.update_card(conn, workshop_id, other_id, {"merged_into": keep_id})
        q.update_card(conn, workshop_id, keep_id, {"affected": affected})


def unmerge_card(db: Database, workshop_id: str, card_id: int) -> None:
    with db.tx() as conn:
        if not q.update_card(conn, workshop_id, card_id, {"merged_into": None}):
            raise NotFound("assessment.err_card_not_found", id=card_id)


def list_cards(db: Database, workshop_id: str, kind: str | None = None,
               dimension: str | None = None) -> list[dict]:
    """The cards that stand on the board (not merged away), each with `merged` (the cards
    merged into it), `count` (1 + merged) and `texts` (its own text first), in entry order."""
    with db.read() as conn:
        cards = q.list_cards(conn, workshop_id)
    merged: dict[int, list[dict]] = {}
    for c in cards:
        if c["merged_into"] is not None:
            merged.setdefault(c["merged_into"], []).append(c)
    out = []
    for c in cards:
        if c["merged_into"] is not None:
            continue
        if (kind and c["kind"] != kind) or (dimension and c["dimension"] != dimension):
            continue
        under = merged.get(c["id"], [])
        out.append({**c, "affected": list(c["affected"] or []), "merged": under, "count": 1 + len(under),
                    "texts": [c["text"], *(m["text"] for m in under)]})
    return out


def get_card(db: Database, workshop_id: str, card_id: int) -> dict:
    with db.read() as conn:
        card = q.get_card(conn, workshop_id, card_id)
    if card is None:
        raise NotFound("assessment.err_card_not_found", id=card_id)
    return card


def counts_by_dimension(db: Database, workshop_id: str) -> dict[str, dict[str, int]]:
    """{dimension: {'problem': n, 'potential': n}} over the cards on the board."""
    out = {d: {k: 0 for k in KINDS} for d in DIMENSIONS}
    for c in list_cards(db, workshop_id):
        out[c["dimension"]][c["kind"]] += 1
    return out


# ---------------------------------------------------------------- collection from phones

def open_collection(db: Database, workshop_id: str, dimension: str | None = None) -> None:
    """Phones show the card form until `close_collection`; `dimension` presets their choice."""
    if dimension is not None and dimension not in DIMENSIONS:
        raise InputError([FieldError("dimension", "err.choice")])
    with db.tx() as conn:
        q.set_collection(conn, workshop_id, True, dimension)


def close_collection(db: Database, workshop_id: str) -> None:
    with db.tx() as conn:
        q.set_collection(conn, workshop_id, False, None)


def collection_state(db: Database, workshop_id: str) -> dict:
    """{'is_open': bool, 'dimension': 'D1'..'D4' or None}."""
    with db.read() as conn:
        return q.get_collection(conn, workshop_id)


def cards_sent_by(db: Database, workshop_id: str, participant_id: int) -> int:
    with db.read() as conn:
        return q.count_cards_by(conn, workshop_id, participant_id)
