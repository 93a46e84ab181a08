"""Documents built from plain data: Word (python-docx), PDF (reportlab) and CSV.

`exports.registry` finds each document by convention in `exports/docs/`; the kits
(`docx_kit`, `pdf_kit`) hold the layout every document shares.
"""
