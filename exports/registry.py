"""Which documents exist, in which formats, and rendering one.

By convention, document `action-plan` is the module `exports/docs/action_plan.py`, which
defines `collect(db, workshop_id, lang="id", **options) -> dict` (plain data, gathered through
facilitation/ services) and builders `to_docx(data)`, `to_pdf(data)` and optionally
`to_csv(data)`, each returning bytes. Adding a document is adding its module: this file
does not change.
"""
from __future__ import annotations

import importlib
import importlib.util
import re
import unicodedata
from types import ModuleType

from exports.text import document_note, illegal_count
from facilitation.errors import RembugError
from facilitation.i18n import t

# the documents of the command-line contract (DESIGN.md), in menu order
DOCUMENTS = (
    "participants",
    "contract",
    "assessment",
    "action-plan",
    "election",
    "pledges",
    "monitoring",
    "name-cards",
)
FORMATS = ("docx", "pdf", "csv")
MIME_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "csv": "text/csv",
}
PACKAGE = "exports.docs"


def module_name(doc: str) -> str:
    return f"{PACKAGE}.{doc.replace('-', '_')}"


def _exists(doc: str) -> bool:
    return importlib.util.find_spec(module_name(doc)) is not None


def available_documents() -> list[str]:
    """The contract's documents whose module has been written, in menu order."""
    return [doc for doc in DOCUMENTS if _exists(doc)]


def _module(doc: str) -> ModuleType:
    if doc not in DOCUMENTS or not _exists(doc):
        raise RembugError("err.doc_unknown", doc=doc, choices=", ".join(available_documents()))
    return importlib.import_module(module_name(doc))


def formats(doc: str) -> list[str]:
    """The formats `doc` can be rendered in: those whose `to_<format>` builder it defines."""
    module = _module(doc)
    return [fmt for fmt in FORMATS if callable(getattr(module, f"to_{fmt}", None))]


def render(db, workshop_id: str, doc: str, fmt: str, lang: str = "id", **options) -> bytes:
    """The document as bytes. Unknown documents and formats raise RembugError; the
    document's own checks (a missing workshop, a bad option) raise from `collect`."""
    supported = formats(doc)
    if fmt not in supported:
        raise RembugError("err.format_unsupported", doc=doc, fmt=fmt, choices=", ".join(supported))
    module = _module(doc)
    data = module.collect(db, workshop_id, lang=lang, **options)
    dropped = illegal_count(data) if fmt != "csv" else 0
    # Word and PDF cannot hold control characters: they are dropped, and the document says so
    note = t("docs.common.dropped_chars", lang, count=dropped) if dropped else None
    with document_note(note):
        return getattr(module, f"to_{fmt}")(data)


def filename(doc: str, fmt: str, workshop: dict | None = None) -> str:
    """A download name such as 'participants-sukamaju-2025.pdf' (ASCII, no spaces)."""
    parts = [doc]
    if workshop:
        village = unicodedata.normalize("NFKD", str(workshop.get("village", ""))).encode("ascii", "ignore").decode()
        parts += [re.sub(r"[^a-z0-9]+", "-", village.lower()).strip("-"), str(workshop.get("year", ""))]
    return "-".join(p for p in parts if p) + f".{fmt}"
