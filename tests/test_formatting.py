import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from facilitation.formatting import (
    MAX_WORDS,
    date_in_words,
    format_date,
    format_date_list,
    number_words,
    rupiah,
    terbilang,
)

MONDAY = dt.date(2025, 5, 12)


def test_format_date_both_languages():
    assert format_date(MONDAY, "id") == "Senin, 12 Mei 2025"
    assert format_date(MONDAY, "en") == "Monday, 12 May 2025"
    assert format_date(MONDAY, "id", weekday=False) == "12 Mei 2025"
    assert format_date(dt.datetime(2025, 8, 17, 9, 30), "id") == "Minggu, 17 Agustus 2025"
    assert format_date("2024-02-29", "en", weekday=False) == "29 February 2024"


def test_every_weekday_and_month_name():
    week = [format_date(MONDAY + dt.timedelta(days=i), "id").split(",")[0] for i in range(7)]
    assert week == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = [format_date(dt.date(2025, m, 1), "id", weekday=False).split()[1] for m in range(1, 13)]
    assert months == ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                      "September", "Oktober", "November", "Desember"]


def test_unknown_language_falls_back_to_indonesian():
    assert format_date(MONDAY, "fr") == "Senin, 12 Mei 2025"


def test_format_date_refuses_non_dates():
    with pytest.raises(TypeError):
        format_date(20250512)


def test_format_date_list_groups_months_and_years():
    days = [MONDAY + dt.timedelta(days=i) for i in range(4)]
    assert format_date_list(days, "id") == "12, 13, 14 dan 15 Mei 2025"
    assert format_date_list(reversed(days), "en") == "12, 13, 14 and 15 May 2025"
    assert format_date_list([dt.date(2025, 5, 30), dt.date(2025, 6, 2)], "id") == "30 Mei dan 2 Juni 2025"
    assert (format_date_list([dt.date(2024, 12, 31), dt.date(2025, 1, 1)], "id")
            == "31 Desember 2024 dan 1 Januari 2025")
    assert format_date_list([MONDAY], "id") == "12 Mei 2025"
    assert format_date_list([], "id") == ""


@pytest.mark.parametrize("n, text", [
    (0, "Rp 0"),
    (999, "Rp 999"),
    (1000, "Rp 1.000"),
    (2_500_000, "Rp 2.500.000"),
    (2_640_000, "Rp 2.640.000"),
    (1_234_567_890_123, "Rp 1.234.567.890.123"),
    (-15_000, "-Rp 15.000"),
])
def test_rupiah(n, text):
    assert rupiah(n) == text


@pytest.mark.parametrize("bad", [2500000.0, 0.5, Decimal("1000"), "1000", True, None])
def test_rupiah_refuses_anything_but_int(bad):
    with pytest.raises(TypeError):
        rupiah(bad)


@pytest.mark.parametrize("n, words", [
    (0, "nol"),
    (1, "satu"),
    (9, "sembilan"),
    (10, "sepuluh"),
    (11, "sebelas"),
    (12, "dua belas"),
    (19, "sembilan belas"),
    (20, "dua puluh"),
    (21, "dua puluh satu"),
    (99, "sembilan puluh sembilan"),
    (100, "seratus"),
    (101, "seratus satu"),
    (110, "seratus sepuluh"),
    (111, "seratus sebelas"),
    (200, "dua ratus"),
    (999, "sembilan ratus sembilan puluh sembilan"),
    (1000, "seribu"),
    (1001, "seribu satu"),
    (1100, "seribu seratus"),
    (1111, "seribu seratus sebelas"),
    (2000, "dua ribu"),
    (11_000, "sebelas ribu"),
    (100_000, "seratus ribu"),
    (101_000, "seratus satu ribu"),
    (111_000, "seratus sebelas ribu"),
    (1_000_000, "satu juta"),
    (1_001_000, "satu juta seribu"),
    (2_500_000, "dua juta lima ratus ribu"),
    (2_640_000, "dua juta enam ratus empat puluh ribu"),
    (10_000_000, "sepuluh juta"),
    (1_000_000_000, "satu miliar"),
    (1_000_000_000_000, "satu triliun"),
    (2_025, "dua ribu dua puluh lima"),
    (-5_000, "minus lima ribu"),
    (MAX_WORDS, "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
                "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh "
                "sembilan ribu sembilan ratus sembilan puluh sembilan"),
])
def test_terbilang(n, words):
    assert terbilang(n) == words


def test_terbilang_limits():
    with pytest.raises(ValueError):
        terbilang(MAX_WORDS + 1)
    with pytest.raises(TypeError):
        terbilang(1000.0)
    with pytest.raises(TypeError):
        terbilang(False)


_UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
          "sembilan": 9}
_WHOLE = {"sepuluh": 10, "sebelas": 11, "seratus": 100}
_SCALES = {"ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12}


def _parse_terbilang(text: str) -> int:
    """An independent reading of the words back into a number."""
    total, group, current = 0, 0, 0
    for word in text.split():
        if word == "nol":
            return 0
        if word == "seribu":
            total += 1000
        elif word in _WHOLE:
            group += _WHOLE[word]
        elif word in _UNITS:
            current += _UNITS[word]
        elif word == "belas":
            group += current + 10
            current = 0
        elif word == "puluh":
            group += current * 10
            current = 0
        elif word == "ratus":
            group += current * 100
            current = 0
        elif word in _SCALES:
            total += (group + current) * _SCALES[word]
            group = current = 0
        else:
            raise AssertionError(f"unexpected word {word!r} in {text!r}")
    return total + group + current


@given(st.integers(min_value=0, max_value=MAX_WORDS))
def test_terbilang_reads_back_and_uses_se_forms(n):
    words = terbilang(n)
    assert _parse_terbilang(words) == n
    padded = f" {words} "
    for wrong in (" satu ratus ", " satu puluh ", " satu belas ", " sepuluh belas "):
        assert wrong not in padded
    # 'satu ribu' only inside a bigger thousands group (101 000 = seratus satu ribu)
    if (n // 1000) % 1000 == 1:
        assert "seribu" in words


def test_number_words_english():
    assert number_words(0, "en") == "zero"
    assert number_words(115, "en") == "one hundred fifteen"
    assert number_words(2_500_000, "en") == "two million five hundred thousand"
    assert number_words(2025, "en") == "two thousand twenty-five"
    assert number_words(2025, "id") == "dua ribu dua puluh lima"


def test_date_in_words_for_berita_acara():
    assert date_in_words(MONDAY) == "Senin tanggal dua belas bulan Mei tahun dua ribu dua puluh lima"
    assert date_in_words(dt.date(2024, 11, 1)) == "Jumat tanggal satu bulan November tahun dua ribu dua puluh empat"
    assert date_in_words(dt.date(2030, 1, 11)) == "Jumat tanggal sebelas bulan Januari tahun dua ribu tiga puluh"
    assert (date_in_words(MONDAY, "en")
            == "Monday the twelfth day of May in the year two thousand twenty-five")


@pytest.mark.parametrize("day, ordinal", [(1, "first"), (2, "second"), (3, "third"), (5, "fifth"),
                                          (8, "eighth"), (9, "ninth"), (20, "twentieth"),
                                          (21, "twenty-first"), (23, "twenty-third"), (30, "thirtieth"),
                                          (31, "thirty-first")])
def test_english_ordinals(day, ordinal):
    assert f" the {ordinal} day of " in date_in_words(dt.date(2025, 1, day), "en")
