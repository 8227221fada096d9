"""The input vocabulary: one way of reading words, numbers, dates and text, for every column."""

import datetime as dt
import sys
import unicodedata
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules._kernel import chars
from jetrules.errors import InvalidInput, OutOfRange, WrongType
from jetrules.records import COLUMN_NAMES, MAX_AMOUNT
from jetrules.records._columns import canonical_header
from jetrules.records._vocabulary import (
    fold,
    to_day,
    to_flag,
    to_moment,
    to_name,
    to_whole,
    to_word,
    to_yen,
)
from jetrules.records._words import (
    FLAG_WORDS,
    HEADER_ALIASES,
    LANGUAGE_WORDS,
    PLACE_WORDS,
    STATUS_WORDS,
)

FULL_WIDTH = str.maketrans("0123456789/-:", "０１２３４５６７８９／－：")


# -- words ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("  Yes ", "yes"),
        ("ＹＥＳ", "yes"),  # full-width letters
        ("ｷｬﾝｾﾙ", "キャンセル"),  # half-width katakana
        ("Service   Date", "service date"),  # blanks inside collapse
        ("参加者ＩＤ", "参加者id"),
        ("時間（分）", "時間(分)"),
        ("Straße", "strasse"),  # case folding, not only lower case
        ("①", "①"),  # looks like a digit: not folded, so it matches no word
        ("¹", "¹"),
    ],
)
def test_fold(raw, folded):
    assert fold(raw) == folded


@given(st.text(alphabet=st.sampled_from("AbＹｅｓはいｷｬﾝｾﾙ 　-_")))
def test_fold_is_idempotent(text):
    assert fold(fold(text)) == fold(text)


def test_every_word_table_is_written_folded():
    for table in (FLAG_WORDS, PLACE_WORDS, STATUS_WORDS, LANGUAGE_WORDS, HEADER_ALIASES):
        assert [key for key in table if fold(key) != key] == []


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        *[(word, True) for word in ["yes", "Yes", "YES", "ｙｅｓ", "y", "true", "TRUE", "1", "１"]],
        *[(word, True) for word in ["はい", "あり", "有", " はい "]],
        *[(word, False) for word in ["no", "No", "n", "false", "False", "0", "０"]],
        *[(word, False) for word in ["いいえ", "なし", "無"]],
    ],
)
def test_yes_and_no_in_every_spelling(raw, value):
    assert to_flag(raw, "insured") is value


@pytest.mark.parametrize("raw", ["maybe", "", "①", "¹", "⓪", "ok", "yes!"])
def test_other_words_are_not_yes_or_no(raw):
    with pytest.raises(InvalidInput) as info:
        to_flag(raw, "insured")
    assert str(info.value) == f"'insured' must be yes or no (got {raw!r})"
    assert info.value.field == "insured"


@pytest.mark.parametrize(
    ("table", "raw", "word"),
    [
        (PLACE_WORDS, "Japan", "japan"),
        (PLACE_WORDS, "国内", "japan"),
        (PLACE_WORDS, "ＡＢＲＯＡＤ", "abroad"),
        (PLACE_WORDS, "海外", "abroad"),
        (STATUS_WORDS, "Completed", "completed"),
        (STATUS_WORDS, "完了", "completed"),
        (STATUS_WORDS, "ｷｬﾝｾﾙ", "cancelled"),
        (STATUS_WORDS, "canceled", "cancelled"),
        (STATUS_WORDS, "無断キャンセル", "missed"),
        (STATUS_WORDS, "予約済み", "scheduled"),
        (LANGUAGE_WORDS, "JA", "ja"),
        (LANGUAGE_WORDS, "English", "en"),
        (LANGUAGE_WORDS, "日本語", "ja"),
    ],
)
def test_words_of_a_column_match_the_same_way(table, raw, word):
    assert to_word(raw, "field", table) == word


def test_a_word_not_in_the_table_names_the_choices():
    with pytest.raises(InvalidInput) as info:
        to_word("done", "status", STATUS_WORDS)
    assert str(info.value) == (
        "'status' must be one of scheduled, completed, missed, cancelled (got 'done')"
    )


def test_every_header_name_maps_to_its_column():
    for column, names in COLUMN_NAMES.items():
        assert canonical_header(column) == column
        assert canonical_header(column.upper().replace("_", " ")) == column
        for name in names:
            assert canonical_header(name) == column, name
    assert len(HEADER_ALIASES) == sum(len(names) for names in COLUMN_NAMES.values())


# -- text -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("raw", [" P-001 ", "山田　太郎", "ﾔﾏﾀﾞ ﾀﾛｳ", "O'Brien", "JET-0001 ①"])
def test_names_keep_what_is_inside(raw):
    assert to_name(raw, "participant") == raw.strip()


@pytest.mark.parametrize(
    ("raw", "ascii"),
    [
        ("ＪＥＴ－０００１", "JET-0001"),
        ("Ｐ－００１", "P-001"),
        ("ｒ１", "r1"),
        ("山田　Ｔａｒｏ", "山田　Taro"),
    ],
)
def test_full_width_letters_digits_and_signs_read_as_ascii(raw, ascii):
    """One participant typed in full-width and in ASCII forms is one participant."""
    assert to_name(raw, "participant") == ascii


@pytest.mark.parametrize(
    "raw",
    [
        *("P\t1", "P\n1", "P\r1", "P\x1b[2J", "P\x00", "P\x7f", "P\u202e1", "P\u200b1", "P\u2028Q"),
        *("JET-0001\u3164", "JET\ufe0f-0001", "J\u034fET", "Ｐ\u200d１", "P\U000e0001"),
    ],
)
def test_names_refuse_control_and_invisible_characters(raw):
    with pytest.raises(InvalidInput) as info:
        to_name(raw, "id")
    assert str(info.value).startswith(
        "'id' must not hold control or invisible characters (such as tabs or line breaks)"
    )


@pytest.mark.parametrize("raw", ["", "  ", "　"])
def test_names_are_not_empty(raw):
    with pytest.raises(InvalidInput, match="'id' must be non-empty text"):
        to_name(raw, "id")


# -- numbers --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "yen"),
    [
        ("30000", 30_000),
        ("30,000", 30_000),
        ("¥30,000", 30_000),
        ("￥30,000", 30_000),
        ("\\30,000", 30_000),  # CP932's yen sign is the backslash byte
        ("30,000円", 30_000),
        ("３０，０００円", 30_000),
        ("￥３０，０００", 30_000),
        (" ¥ 5 ", 5),
        ("-500", -500),
        ("−500", -500),  # the minus sign
        ("－５００", -500),  # full-width
        ("0", 0),
        (f"{MAX_AMOUNT:,}", MAX_AMOUNT),
    ],
)
def test_yen(raw, yen):
    assert to_yen(raw) == yen


@pytest.mark.parametrize("raw", ["³⁰⁰⁰", "①⓪⓪", "1²", "٣٠٠", "１２³", "⑴"])
def test_characters_that_only_look_like_digits_are_refused(raw):
    with pytest.raises(InvalidInput) as info:
        to_yen(raw)
    assert str(info.value) == f"'amount' must be written with the digits 0-9 or ０-９ (got {raw!r})"


@pytest.mark.parametrize("raw", ["", "12a", "1,00", "1.5", "30000.0", "三千", "¥", "1 000", "--5"])
def test_text_that_is_no_whole_yen_is_refused(raw):
    with pytest.raises(InvalidInput) as info:
        to_yen(raw, "paid")
    assert str(info.value) == (
        f"'paid' must be whole yen such as 30000, 30,000 or ¥30,000 (got {raw!r})"
    )


def test_amounts_over_the_limit_are_refused_without_reading_every_digit():
    with pytest.raises(OutOfRange) as info:
        to_yen(str(MAX_AMOUNT + 1))
    assert str(info.value) == "'amount' must be at most ¥100,000,000 (got '100000001')"
    with pytest.raises(OutOfRange):
        to_yen("9" * 100_000)  # more digits than int() reads by default
    assert to_yen("0" * 50 + "7") == 7
    assert to_yen("9" * 30, maximum=None) == int("9" * 30)


@given(st.integers(0, MAX_AMOUNT))
def test_yen_reads_every_amount_the_ways_it_is_written(amount):
    for text in (str(amount), f"{amount:,}", f"¥{amount:,}", f"{amount:,}円"):
        assert to_yen(text) == amount
        assert (
            to_yen(text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))) == amount
        )


@pytest.mark.parametrize(("raw", "number"), [("40", 40), ("４０", 40), (" 20 ", 20), ("0", 0)])
def test_whole_numbers(raw, number):
    assert to_whole(raw, "minutes") == number


@pytest.mark.parametrize("raw", ["", "4.0", "-20", "40分", "forty", "2 0"])
def test_text_that_is_no_whole_number_is_refused(raw):
    with pytest.raises(InvalidInput, match="'minutes' must be a whole number such as 40"):
        to_whole(raw, "minutes")


def test_whole_numbers_refuse_other_digits_and_respect_a_maximum():
    with pytest.raises(InvalidInput, match="digits 0-9"):
        to_whole("④⓪", "minutes")
    with pytest.raises(OutOfRange, match="'minutes' must be at most 1,440"):
        to_whole("1441", "minutes", maximum=1440)


# -- dates and instants ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "2023-04-20",
        "2023/4/20",
        "2023/04/20",
        "2023年4月20日",
        "２０２３/４/２０",
        "２０２３－０４－２０",
        "２０２３年４月２０日",
        " 2023/4/20 ",
        "2023/4/20 0:00",  # Excel's CSV export of a date cell
        "2023/4/20 00:00:00",
        "2023-04-20T00:00",
    ],
)
def test_dates(raw):
    day = to_day(raw, "service_date")
    assert day == pendulum.Date(2023, 4, 20)
    assert type(day) is pendulum.Date


@pytest.mark.parametrize(
    "raw",
    [
        "2023-4-20",  # ISO dates have two-digit months
        "20230420",
        "4/20/2023",
        "2023/4/20 9:00",  # a time: not a day
        "2023-02-29",
        "2023/13/1",
        "R5/4/20",
        "",
    ],
)
def test_text_that_is_no_date_is_refused(raw):
    with pytest.raises(InvalidInput) as info:
        to_day(raw, "service_date")
    assert str(info.value) == (
        f"'service_date' must be a date such as 2023-04-20 or 2023/4/20 (got {raw!r})"
    )


def test_dates_refuse_other_digits():
    with pytest.raises(InvalidInput, match="digits 0-9"):
        to_day("２０２３/⁴/２０", "service_date")


def test_dates_outside_the_range_given_are_refused():
    first, last = dt.date(1948, 7, 20), dt.date(2150, 12, 31)
    assert to_day("1948/7/20", "d", first=first, last=last) == pendulum.Date(1948, 7, 20)
    with pytest.raises(OutOfRange) as info:
        to_day("1900/1/1", "service_date", first=first, last=last)
    assert str(info.value) == (
        "'service_date' must be a day from 1948-07-20 to 2150-12-31 (got '1900/1/1')"
    )
    with pytest.raises(OutOfRange, match="from 0001-01-01 to 2150-12-31"):
        to_day("2151-01-01", "d", last=last)


@given(st.dates())
def test_every_day_reads_back_in_each_form(day):
    expected = pendulum.Date(day.year, day.month, day.day)
    if day.year >= 1000:
        for text in (day.isoformat(), f"{day.year}/{day.month}/{day.day}"):
            assert to_day(text, "d") == expected
            assert to_day(text.translate(FULL_WIDTH), "d") == expected


@pytest.mark.parametrize(
    "raw",
    [
        "2020-06-10T18:00+09:00",
        "2020/6/10 18:00+09:00",
        "２０２０/６/１０ １８：００＋０９：００",
        "2020-06-10 09:00Z",
    ],
)
def test_instants(raw):
    assert to_moment(raw, "start") == pendulum.datetime(2020, 6, 10, 18, tz="Asia/Tokyo")


def test_instants_without_an_offset_are_refused_showing_the_text_as_typed():
    with pytest.raises(WrongType) as info:
        to_moment("2020/6/10 18:00", "start")
    assert str(info.value) == (
        "'start' must be an aware datetime with a zone or offset, e.g. 2019-12-27T10:00+09:00 "
        "(got '2020/6/10 18:00')"
    )
    with pytest.raises(InvalidInput, match="digits 0-9"):
        to_moment("2020/6/10 1⁸:00+09:00", "start")
    with pytest.raises(InvalidInput, match=r"ISO date-time .*\(got 'soon'\)"):
        to_moment("soon", "start")


def test_the_files_page_shows_the_header_table_as_it_is():
    page = Path(__file__).resolve().parent.parent / "docs" / "files.md"
    rows = [
        line for line in page.read_text(encoding="utf-8").splitlines() if line.startswith("| `")
    ]
    shown = {}
    for row in rows:
        column, names = (cell.strip() for cell in row.strip("|").split("|"))
        shown[column.strip("`")] = tuple(fold(name) for name in names.split(", "))
    assert shown == dict(COLUMN_NAMES)


def test_the_files_page_lists_every_yes_and_no_word():
    page = (Path(__file__).resolve().parent.parent / "docs" / "files.md").read_text("utf-8")
    yes = ", ".join(word for word, value in FLAG_WORDS.items() if value)
    no = ", ".join(word for word, value in FLAG_WORDS.items() if not value)
    assert f"| {yes} | {no} |" in page


def test_the_quick_checks_of_names_agree_with_unicodedata_on_every_code_point():
    # to_name tells control and invisible characters at C speed (a Japanese name took 14 us, now
    # 2 us): the space separators it lists, its control check and its ignorable check must each
    # agree with the character database of the Python it runs on, for every code point
    everything = [chr(point) for point in range(sys.maxunicode + 1)]
    categories = [unicodedata.category(char) for char in everything]
    spaces = {ord(char) for char, kind in zip(everything, categories, strict=True) if kind == "Zs"}
    assert spaces == chars.SPACE_SEPARATORS
    control = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}
    assert [chars._has_control(c) for c in everything] == [k in control for k in categories]
    assert [chars.has_ignorable(c) for c in everything[128:]] == [
        chars.ignorable(c) for c in everything[128:]
    ]
