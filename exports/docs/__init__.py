"""One module per document, named after the document with '-' as '_' (see exports.registry).

Each module defines `collect(db, workshop_id, lang="id", **options) -> dict` and the
builders `to_docx(data)`, `to_pdf(data)` and optionally `to_csv(data)`, all returning bytes.
"""
