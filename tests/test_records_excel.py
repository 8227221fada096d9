"""Excel workbooks read as CSV files are: the same columns, vocabulary and per-row problems."""

import datetime as dt
import io
import pickle
import sys
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jetrules.errors import InvalidRecords, JetRulesError
from jetrules.records import MissingExtra, _excel, read_csv, read_table, read_xlsx
from jetrules.records._excel import cell_text, unsaved_formulas, worksheet_path
from jetrules.records._vocabulary import to_day, to_flag, to_yen

RECEIPT_COLUMNS = ["id", "participant", "service_date", "amount", "insured"]


def _workbook(path, *sheets):
    """Save a workbook at *path* with *sheets*: (title, rows) pairs, rows as lists of values."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _lines(problems) -> tuple[str, ...]:
    with pytest.raises(InvalidRecords) as info:
        problems.raise_if_any()
    return info.value.lines()


def test_a_japanese_workbook_reads_as_the_equivalent_csv(tmp_path):
    book = _workbook(
        tmp_path / "claims.xlsx",
        (
            "Claims",
            [
                ["ID", "参加者", "受診日", "金額", "保険適用"],
                ["r1", "P-001", dt.datetime(2023, 4, 20), 10000, "いいえ"],
                [None, None, None, None, None],
                ["r2", "P-001", dt.date(2023, 5, 1), 5500.0, "はい"],
                ["r3", 1002, "2023/5/2", "￥3,000", True],
            ],
        ),
    )
    csv_text = "id,participant,service_date,amount,insured\n"
    csv_text += "r1,P-001,2023-04-20,10000,no\nr2,P-001,2023-05-01,5500,yes\n"
    csv_text += "r3,1002,2023-05-02,3000,true\n"
    problems, rows = read_xlsx(book, required=RECEIPT_COLUMNS)
    assert not problems
    assert [row.position for row in rows] == [
        "sheet Claims, row 2",
        "sheet Claims, row 4",
        "sheet Claims, row 5",
    ]
    _, csv_rows = read_csv(io.StringIO(csv_text), required=RECEIPT_COLUMNS)

    def read(values):
        return (
            values["id"],
            values["participant"],
            to_day(values["service_date"], "service_date"),
            to_yen(values["amount"]),
            to_flag(values["insured"], "insured"),
        )

    assert [read(row.values) for row in rows] == [read(row.values) for row in csv_rows]


def test_problems_name_the_sheet_and_the_row(tmp_path):
    book = _workbook(
        tmp_path / "claims.xlsx",
        (
            "Claims",
            [
                ["id", "amount", "amount"],
                ["r1", 1, 2],
            ],
        ),
    )
    problems, rows = read_xlsx(book, required=["id", "amount"])
    assert rows == []
    assert _lines(problems) == (
        f"{book}: sheet Claims, row 1: column C ('amount') is the same column as column B "
        "('amount'); give each column once",
    )


def test_cells_with_excel_errors_and_values_without_a_header_are_problems_of_their_rows(tmp_path):
    book = _workbook(
        tmp_path / "claims.xlsx",
        (
            "Claims",
            [
                ["id", "amount"],
                ["r1", "#N/A"],
                ["r2", 5, "note"],
                ["r3", 7],
            ],
        ),
    )
    problems, rows = read_xlsx(book, required=["id", "amount"])
    assert [row.values for row in rows] == [{"id": "r3", "amount": "7"}]
    assert _lines(problems) == (
        f"{book}: sheet Claims, row 2: column B holds the Excel error #N/A; "
        "enter the value instead",
        f"{book}: sheet Claims, row 3: has a value in column C, which has no header",
    )


def test_a_header_cell_with_an_error_gives_no_rows(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id", "#REF!"], ["r1", 1]]))
    problems, rows = read_xlsx(book, required=["id"], optional=["ref"])
    assert rows == []
    assert _lines(problems) == (
        f"{book}: sheet S, row 1: column B holds the Excel error #REF!; enter the value instead",
    )


def test_short_rows_are_padded_and_blank_header_columns_at_the_end_ignored(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id", "note", None], ["r1"], ["r2", "x", None]]))
    problems, rows = read_xlsx(book, required=["id"], optional=["note"])
    assert not problems
    assert [row.values for row in rows] == [{"id": "r1", "note": ""}, {"id": "r2", "note": "x"}]


def test_a_workbook_with_several_sheets_needs_the_sheet_named(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("Claims", [["id"], ["r1"]]), ("Notes", [["anything"]]))
    problems, _ = read_xlsx(book, required=["id"])
    assert _lines(problems) == (
        f"{book}: the file: has 2 sheets ('Claims', 'Notes'); name the one to read (--sheet NAME)",
    )
    problems, rows = read_xlsx(book, required=["id"], sheet="Claims")
    assert (bool(problems), [row.values for row in rows]) == (False, [{"id": "r1"}])
    problems, _ = read_xlsx(book, required=["id"], sheet="Sheet1")
    assert _lines(problems) == (
        f"{book}: the file: has no sheet named 'Sheet1'; its sheets are 'Claims', 'Notes'",
    )


@pytest.mark.parametrize("rows", [[], [[None, None], ["r1", 1]]])
def test_a_sheet_without_a_header_is_one_problem(tmp_path, rows):
    book = _workbook(tmp_path / "b.xlsx", ("S", rows))
    problems, _ = read_xlsx(book, required=["id", "amount"])
    assert _lines(problems) == (
        f"{book}: sheet S, row 1: has no header; expected one with id, amount",
    )


def test_files_that_are_no_workbook_are_one_problem(tmp_path):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    problems, _ = read_table(old, required=["id"], format="xlsx")
    assert _lines(problems) == (
        f"{old}: the file: is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook "
        "(.xlsx) or as CSV",
    )
    text = tmp_path / "claims.xlsx"
    text.write_text("id\nr1\n", encoding="utf-8")
    problems, _ = read_table(text, required=["id"])
    (line,) = _lines(problems)
    assert line.startswith(f"{text}: the file: is not an Excel workbook (.xlsx) that can be read: ")


def test_a_workbook_is_read_from_a_binary_stream(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id"], ["r1"]]))
    with book.open("rb") as stream:
        problems, rows = read_table(stream, required=["id"])
    assert (bool(problems), rows[0].position) == (False, "sheet S, row 2")


def test_the_size_limit_counts_the_file_and_the_text_of_its_cells(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id"], *[["r" * 1000] for _ in range(50)]]))
    size = book.stat().st_size
    with pytest.raises(InvalidRecords, match="the file: is larger than"):
        read_xlsx(book, required=["id"], max_bytes=size - 1)
    with pytest.raises(InvalidRecords) as info:
        read_xlsx(book, required=["id"], max_bytes=max(size, 20_000))
    assert info.value.lines() == (
        f"{book}: the file: is larger than 20,000 bytes, the most jetrules reads from one input; "
        "split it into smaller files",
    )
    with book.open("rb") as stream, pytest.raises(InvalidRecords, match="the input: is larger"):
        read_xlsx(stream, required=["id"], max_bytes=100)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        ("r1", "r1"),
        (True, "TRUE"),
        (False, "FALSE"),
        (10000, "10000"),
        (10000.0, "10000"),
        (1234.5, "1234.5"),
        (dt.datetime(2023, 4, 20), "2023-04-20"),
        (dt.datetime(2023, 4, 20, 10, 30), "2023-04-20T10:30:00"),
        (dt.date(2023, 4, 20), "2023-04-20"),
        (dt.time(10, 30), "10:30:00"),
        (dt.timedelta(minutes=40), "0:40:00"),
    ],
)
def test_cell_text_is_what_a_csv_export_holds(value, text):
    assert cell_text(value) == text


def test_without_openpyxl_the_message_names_the_extra(tmp_path, monkeypatch):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id"]]))
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtra) as info:
        read_xlsx(book, required=["id"])
    assert str(info.value) == (
        "reading Excel workbooks (.xlsx) needs openpyxl, the optional extra 'excel': "
        "pip install 'jetrules[excel]'"
    )
    assert isinstance(info.value, JetRulesError | ImportError)
    assert info.value.name == "openpyxl"


def test_the_missing_extra_error_pickles():
    error = MissingExtra("needs openpyxl", name="openpyxl")
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.name) == (MissingExtra, "needs openpyxl", "openpyxl")


def _with_saved_values(book, values):
    """*book* rewritten as Excel saves it: each formula cell of *values* (``{"D2": "10000"}``)
    followed by its value (``<v>10000</v>``, ``t="str"`` for text, as Excel writes it)."""
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    xml = parts[sheet].decode("utf-8")
    for reference, value in values.items():
        kind = "" if value.isdigit() else ' t="str"'
        start = xml.index(f'<c r="{reference}"')
        end = xml.index("</c>", start)
        formula = xml[xml.index("<f>", start) : xml.index("</f>", start) + 4]
        xml = xml[:start] + f'<c r="{reference}"{kind}>{formula}<v>{value}</v>' + xml[end:]
    parts[sheet] = xml.encode("utf-8")
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return book


def test_a_formula_saved_without_its_value_is_a_problem_of_its_row_not_an_empty_cell(tmp_path):
    # openpyxl and pandas save formulas without calculating them: the amount would read as empty
    # (and an optional column's formula, such as submitted_on, as "not given")
    book = _workbook(
        tmp_path / "claims.xlsx",
        ("Claims", [["id", "amount", "note"], ["r1", "=2*5000", "=A2"], ["r2", 3000, None]]),
    )
    problems, rows = read_xlsx(book, required=["id", "amount"], optional=["note"])
    assert [row.position for row in rows] == ["sheet Claims, row 3"]
    assert _lines(problems) == (
        f"{book}: sheet Claims, row 2: column B holds a formula saved without its value (the "
        "workbook was written by a program that does not calculate formulas); open it in Excel "
        "and save it, or enter the value",
        f"{book}: sheet Claims, row 2: column C holds a formula saved without its value (the "
        "workbook was written by a program that does not calculate formulas); open it in Excel "
        "and save it, or enter the value",
    )


def test_a_formula_saved_with_its_value_reads_as_that_value(tmp_path):
    book = _workbook(
        tmp_path / "claims.xlsx",
        ("Claims", [["id", "amount", "note"], ["r1", "=2*5000", '=IF(B2>0,"","x")']]),
    )
    _with_saved_values(book, {"B2": "10000", "C2": ""})  # an empty text result is a value
    problems, rows = read_xlsx(book, required=["id", "amount"], optional=["note"])
    assert not problems
    assert [row.values for row in rows] == [{"id": "r1", "amount": "10000", "note": ""}]


def test_the_worksheet_read_is_the_one_scanned_for_formulas(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("Notes", [["id"], ["r1"]]), ("Claims", [["id"], ["=1"]]))
    workbook = openpyxl.load_workbook(book, read_only=True)
    with zipfile.ZipFile(book) as archive, archive.open(worksheet_path(workbook["Claims"])) as xml:
        assert unsaved_formulas(xml) == {2: ["A"]}
    workbook.close()
    problems, _ = read_xlsx(book, required=["id"], sheet="Notes")
    assert not problems  # the other sheet's formula is not this one's problem


def test_a_formula_cell_without_a_reference_is_a_problem_of_the_file(tmp_path):
    book = _workbook(tmp_path / "b.xlsx", ("S", [["id"], ["=1"]]))
    with zipfile.ZipFile(book) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b' r="A2"', b"")
    with zipfile.ZipFile(book, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    problems, _ = read_xlsx(book, required=["id"])
    assert _lines(problems)[0] == (
        f"{book}: the file: has a cell without a reference that holds a formula saved without "
        "its value (the workbook was written by a program that does not calculate formulas); "
        "open it in Excel and save it, or enter the value"
    )


_CELLS = st.lists(
    st.lists(st.sampled_from(["value", "saved", "unsaved", "text", "shared"]), max_size=4),
    max_size=12,
)


def _sheet_xml(rows, prefix):
    cells = {
        "value": '<{p}c r="{r}" t="s"><{p}v>0</{p}v></{p}c>',
        "saved": '<{p}c r="{r}"><{p}f>SUM(A1:A9)</{p}f><{p}v>12</{p}v></{p}c>',
        "unsaved": '<{p}c r="{r}"><{p}f>A1&amp;"/row>"</{p}f><{p}v/></{p}c>',
        "text": '<{p}c r="{r}" t="str"><{p}f>""</{p}f><{p}v></{p}v></{p}c>',
        "shared": '<{p}c r="{r}"><{p}f t="shared" si="0"/></{p}c>',
    }
    xml = f"<{prefix}sheetData>"
    for number, row in enumerate(rows, start=1):
        xml += (
            f'<{prefix}row r="{number}">'
            + "".join(
                cells[kind].format(p=prefix, r=f"{'ABCD'[index]}{number}")
                for index, kind in enumerate(row)
            )
            + f"</{prefix}row>"
        )
    return (xml + f"</{prefix}sheetData>").encode("utf-8")


@given(rows=_CELLS, prefix=st.sampled_from(["", "x:"]), chunk=st.integers(1, 300))
def test_formulas_without_values_are_found_wherever_the_reading_cuts_the_xml(rows, prefix, chunk):
    expected = {
        number: [
            letter
            for letter, kind in zip("ABCD", row, strict=False)
            if kind in {"unsaved", "shared"}
        ]
        for number, row in enumerate(rows, start=1)
    }
    expected = {number: letters for number, letters in expected.items() if letters}
    xml = _sheet_xml(rows, prefix)
    original = _excel._CHUNK
    try:
        _excel._CHUNK = chunk
        assert unsaved_formulas(io.BytesIO(xml)) == expected
    finally:
        _excel._CHUNK = original
