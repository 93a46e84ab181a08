"""Bahasa Indonesia (default) and English strings.

Catalogs live in content/i18n/<lang>/<area>.yaml as flat `key: text` maps; every key of
a file starts with the file's area (core.yaml holds `core.*`, `err.*` and `field.*`), so
features add strings without touching each other's files. Texts use str.format fields.
"""
from __future__ import annotations

import functools
from pathlib import Path

import yaml

LANGS = ("id", "en")
DEFAULT_LANG = "id"
CATALOG_DIR = Path(__file__).resolve().parent.parent / "content" / "i18n"
# core.yaml also owns these shared prefixes
SHARED_PREFIXES = {"core": ("core.", "err.", "field.", "nav.", "common.")}


class CatalogError(ValueError):
    pass


@functools.lru_cache(maxsize=None)
def catalog(lang: str) -> dict[str, str]:
    if lang not in LANGS:
        raise CatalogError(f"unknown language {lang!r}")
    merged: dict[str, str] = {}
    for path in sorted((CATALOG_DIR / lang).glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise CatalogError(f"{path}: expected a mapping of key: text")
        area = path.stem
        prefixes = SHARED_PREFIXES.get(area, (area + ".",))
        for key, text in data.items():
            if not isinstance(text, str):
                raise CatalogError(f"{path}: {key}: text must be a string")
            if not key.startswith(prefixes):
                raise CatalogError(f"{path}: key {key!r} must start with one of {prefixes}")
            if key in merged:
                raise CatalogError(f"{path}: key {key!r} defined twice")
            merged[key] = text
    return merged


def t(key: str, lang: str = DEFAULT_LANG, **params) -> str:
    """The text for `key` in `lang`; a missing key shows itself so it is noticed, never crashes."""
    text = catalog(lang if lang in LANGS else DEFAULT_LANG).get(key)
    if text is None:
        return key
    if params:
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text
    return text


def has(key: str, lang: str = DEFAULT_LANG) -> bool:
    return key in catalog(lang)


def describe_field_error(error, lang: str = DEFAULT_LANG) -> str:
    field_label = t(f"field.{error.field}", lang) if has(f"field.{error.field}", lang) else error.field
    reason = t(error.key, lang, **error.params)
    if error.row is not None:
        return t("err.row_field", lang, row=error.row, field=field_label, reason=reason)
    return t("err.field", lang, field=field_label, reason=reason)
