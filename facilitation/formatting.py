"""Dates, money and numbers written the way Indonesian documents write them.

Month and weekday names are locale data, not UI text, so they live here rather than in the
catalogs; both languages are spelled out so the output never depends on the OS locale.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

MONTHS = {
    "id": ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
WEEKDAYS = {  # date.weekday(): Monday is 0
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
AND = {"id": "dan", "en": "and"}

# the largest amount `terbilang` spells: 999 triliun 999 miliar ...
MAX_WORDS = 10**15 - 1


def _lang(lang: str) -> str:
    return lang if lang in MONTHS else "id"


def _as_date(d) -> dt.date:
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    if isinstance(d, str):
        return dt.date.fromisoformat(d)
    raise TypeError(f"expected a date, got {type(d).__name__}")


def format_date(d, lang: str = "id", weekday: bool = True) -> str:
    """'Senin, 12 Mei 2025' / 'Monday, 12 May 2025' (without the weekday: '12 Mei 2025')."""
    d = _as_date(d)
    lang = _lang(lang)
    text = f"{d.day} {MONTHS[lang][d.month - 1]} {d.year}"
    return f"{WEEKDAYS[lang][d.weekday()]}, {text}" if weekday else text


def format_date_list(dates: Iterable, lang: str = "id") -> str:
    """Several dates, month and year said once per group: '12, 13, 14 dan 15 Mei 2025',
    '30 Mei dan 2 Juni 2025', '31 Desember 2024 dan 1 Januari 2025'."""
    ds = sorted({_as_date(d) for d in dates})
    if not ds:
        return ""
    lang = _lang(lang)
    groups: list[list[dt.date]] = []
    for d in ds:
        if groups and (groups[-1][-1].year, groups[-1][-1].month) == (d.year, d.month):
            groups[-1].append(d)
        else:
            groups.append([d])
    parts = []
    for i, group in enumerate(groups):
        last_of_year = i == len(groups) - 1 or groups[i + 1][0].year != group[0].year
        days = _join([str(d.day) for d in group], lang)
        part = f"{days} {MONTHS[lang][group[0].month - 1]}"
        parts.append(f"{part} {group[0].year}" if last_of_year else part)
    return _join(parts, lang)


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {AND[lang]} {items[-1]}"


def rupiah(n: int) -> str:
    """'Rp 2.500.000'. Money is counted in whole rupiah: floats are refused, not rounded."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"rupiah() takes an int, not {type(n).__name__}")
    sign = "-" if n < 0 else ""
    return f"{sign}Rp {abs(n):,}".replace(",", ".")


_ONES_ID = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SCALES_ID = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu"))


def _below_thousand_id(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds:
        words += [_ONES_ID[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_ONES_ID[rest - 10], "belas"]
    elif rest >= 20:
        tens, ones = divmod(rest, 10)
        words += [_ONES_ID[tens], "puluh"]
        if ones:
            words.append(_ONES_ID[ones])
    elif rest:
        words.append(_ONES_ID[rest])
    return words


def terbilang(n: int) -> str:
    """Indonesian number words: 2500000 -> 'dua juta lima ratus ribu', 1000 -> 'seribu'."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"terbilang() takes an int, not {type(n).__name__}")
    if abs(n) > MAX_WORDS:
        raise ValueError(f"terbilang() spells numbers up to {MAX_WORDS}")
    if n == 0:
        return "nol"
    if n < 0:
        return "minus " + terbilang(-n)
    words: list[str] = []
    for scale, name in _SCALES_ID:
        count, n = divmod(n, scale)
        if not count:
            continue
        if scale == 1000 and count == 1:
            words.append("seribu")  # only the thousands take "se-"; it is "satu juta"
        else:
            words += _below_thousand_id(count) + [name]
    words += _below_thousand_id(n)
    return " ".join(words)


_ONES_EN = ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen")
_TENS_EN = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_SCALES_EN = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand"))
_ORDINAL_EN = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}


def _below_thousand_en(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds:
        words += [_ONES_EN[hundreds], "hundred"]
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS_EN[tens] + (f"-{_ONES_EN[ones]}" if ones else ""))
    elif rest:
        words.append(_ONES_EN[rest])
    return words


def number_words(n: int, lang: str = "id") -> str:
    """Cardinal number words in either language (Indonesian: see `terbilang`)."""
    if _lang(lang) == "id":
        return terbilang(n)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"number_words() takes an int, not {type(n).__name__}")
    if abs(n) > MAX_WORDS:
        raise ValueError(f"number_words() spells numbers up to {MAX_WORDS}")
    if n == 0:
        return "zero"
    if n < 0:
        return "minus " + number_words(-n, "en")
    words: list[str] = []
    for scale, name in _SCALES_EN:
        count, n = divmod(n, scale)
        if count:
            words += _below_thousand_en(count) + [name]
    words += _below_thousand_en(n)
    return " ".join(words)


def _ordinal_en(n: int) -> str:
    words = number_words(n, "en")
    head, sep, last = words.rpartition("-") if "-" in words.split(" ")[-1] else words.rpartition(" ")
    if last in _ORDINAL_EN:
        last = _ORDINAL_EN[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def date_in_words(d, lang: str = "id") -> str:
    """The date spelled out, as a Berita Acara opens:
    'Senin tanggal dua belas bulan Mei tahun dua ribu dua puluh lima'
    ('Monday the twelfth day of May in the year two thousand twenty-five')."""
    d = _as_date(d)
    lang = _lang(lang)
    weekday, month = WEEKDAYS[lang][d.weekday()], MONTHS[lang][d.month - 1]
    if lang == "en":
        return f"{weekday} the {_ordinal_en(d.day)} day of {month} in the year {number_words(d.year, 'en')}"
    return f"{weekday} tanggal {terbilang(d.day)} bulan {month} tahun {terbilang(d.year)}"
