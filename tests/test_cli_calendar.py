import csv
import io
import json
from pathlib import Path

import pytest

from jetrules.cli import main

OFFICIAL_CSV = Path(__file__).parent / "data" / "syukujitsu.csv"


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_holidays_table_in_english_and_japanese():
    status, out = run("holidays", "2019")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[:3] == ["date", "day", "holiday"]
    assert len(lines) == 2 + 22
    assert "2019-05-01  Wed  Enthronement of Emperor Naruhito" in out
    status, out = run("holidays", "2019", "--lang", "ja")
    assert "2019-05-06  月    休日（振替休日）" in out
    assert out.splitlines()[0].startswith("日付")


def test_holidays_csv_marks_provisional_days():
    status, out = run("holidays", "2028", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0
    assert rows[0] == {
        "date": "2028-01-01",
        "weekday": "Sat",
        "name": "New Year's Day",
        "kind": "national holiday",
        "provisional": "yes",
    }
    assert all(row["provisional"] == "yes" for row in rows)


def test_holidays_json_has_both_names():
    status, out = run("holidays", "2020", "--format", "json", "--lang", "ja")
    records = json.loads(out)
    assert status == 0
    assert records[4] == {
        "date": "2020-02-24",
        "name": "休日（振替休日）",
        "name_en": "Substitute holiday",
        "name_ja": "休日",
        "kind": "substitute",
        "provisional": False,
    }


def test_holidays_with_a_newer_official_list(tmp_path):
    path = tmp_path / "syukujitsu.csv"
    text = OFFICIAL_CSV.read_text(encoding="utf-8") + "2028-01-04,休日\n"
    path.write_bytes(
        text.replace("date,name", "国民の祝日・休日月日,国民の祝日・休日名称").encode("cp932")
    )
    status, out = run("holidays", "2028", "--format", "json", "--official", str(path))
    assert status == 0
    assert json.loads(out) == [
        {
            "date": "2028-01-04",
            "name": "Citizens' holiday",
            "name_en": "Citizens' holiday",
            "name_ja": "休日",
            "kind": "citizens",
            "provisional": False,
        }
    ]
    assert run("business-days", "add", "2028-01-03", "1", "--official", str(path)) == (
        0,
        "2028-01-05\n",
    )
    assert run("business-days", "add", "2028-01-03", "1") == (0, "2028-01-04\n")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["business-days", "add", "2019-12-27", "1"], "2020-01-06"),
        (["business-days", "add", "2019-05-07", "-1"], "2019-04-26"),
        (["business-days", "add", "2019-04-27", "0"], "2019-04-26"),
        (["business-days", "between", "2019-12-27", "2020-01-08"], "3"),
        (["business-days", "between", "2020-01-08", "2019-12-27"], "-3"),
    ],
)
def test_business_days(argv, expected):
    assert run(*argv) == (0, expected + "\n")


def test_deadline_shows_why_it_was_pushed():
    status, out = run("deadline", "2019-12-27T10:00+09:00")
    assert status == 0
    lines = out.splitlines()
    assert lines[3] == "due date       2020-01-08"
    assert lines[4].startswith("due by         2020-01-09T00:00:00+09:00")
    assert lines[5] == "closed days    2019-12-28 (Saturday)"
    assert lines[9] == "               2020-01-01 (New Year's Day)"
    assert len(lines) == 5 + 9


def test_deadline_options():
    status, out = run("deadline", "2019-12-23T18:00+09:00", "--cutoff", "17:00", "--days", "1")
    assert status == 0
    assert (
        "counted from   2019-12-24 (received after the 17:00 cut-off (Tokyo time), "
        "so counted from the next business day)"
    ) in out
    assert "due date       2019-12-25" in out
    assert out.splitlines()[-1] == "closed days    -"
    status, out = run("deadline", "2019-04-27T09:00+09:00", "--lang", "ja")
    assert "期限日    2019-05-10" in out
    assert "          2019-05-06 (休日（振替休日）)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        # each names what the person typed as the command names it (its usage line's words)
        (["holidays", "1900"], "'YEAR' must be from 1948 to 2150"),
        (["holidays", "FY2026"], "'YEAR' must be a calendar year such as 2026 (got 'FY2026')"),
        (
            ["business-days", "add", "2019-02-30", "1"],
            "'DATE' must be a date such as 2023-04-20 or 2023/4/20",
        ),
        (
            ["business-days", "add", "2150-12-30", "5"],
            "'N' must keep the result between 1948-07-20",
        ),
        (["business-days", "add", "1900-01-01", "1"], "'DATE' must be from 1948-07-20"),
        (["business-days", "between", "1900-01-01", "2019-01-01"], "'START' must be from"),
        (["business-days", "between", "2019-01-01", "2151-01-01"], "'END' must be from"),
        (["deadline", "2150-12-31T10:00+09:00"], "'INSTANT' must leave a business day"),
        (
            ["deadline", "1900-12-23T10:00+09:00"],
            "'INSTANT' must be from 1948-07-20 to 2150-12-31, the days the holiday rules cover "
            "(got '1900-12-23T10:00+09:00')",  # as typed, not the date the library made of it
        ),
        (
            ["deadline", "2019-12-23T10:00+09:00", "--days", "999999999"],
            "'--days' must keep",
        ),
        (["deadline", "2019-12-23T10:00+09:00", "--days", "-1"], "'--days' must be 0 or more"),
        (["fiscal-year", "9999-12-31"], "'DATE' must be from 0001-04-01 to 9999-03-31"),
        (["deadline", "2019-12-23T18:00"], "'INSTANT' must be an aware datetime"),
        (["deadline", "2019/12/23 18:00"], "'INSTANT' must be an ISO date-time"),
        (["deadline", "2019-12-23T18:00+09:00", "--cutoff", "5pm"], "'--cutoff' must be a time"),
        (
            ["deadline", "2019-12-23T18:00+09:00", "--cutoff", "17:00+01:00"],
            "'--cutoff' must be a time such as 17:00 (Tokyo time, without an offset) "
            "(got '17:00+01:00')",
        ),
    ],
)
def test_bad_input_is_one_line(argv, message, capsys):
    assert run(*argv) == (2, "")
    err = capsys.readouterr().err
    assert err.startswith(f"jetrules: error: {message}")
    assert len(err.splitlines()) == 1


def test_a_malformed_official_list_lists_every_bad_line(tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("date,name\n2030-02-30,x\n2030-01-01,\n", encoding="utf-8")
    assert run("holidays", "2030", "--official", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: line 2: 'date' must be a date such as 2019/5/1"
        " (got '2030-02-30')",
        f"jetrules: error: {path}: line 3: 'name' must be non-empty text (got '')",
    ]


def test_business_days_needs_an_action(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["business-days"])
    assert exit_info.value.code == 2
    assert "ACTION" in capsys.readouterr().err


def test_deadline_at_the_cutoff_counts_the_same_day_and_says_nothing_of_it():
    status, out = run("deadline", "2019-12-23T17:00+09:00", "--cutoff", "17:00", "--lang", "ja")
    assert status == 0
    assert "起算日    2019-12-23\n" in out
    status, out = run("deadline", "2019-12-23T17:01+09:00", "--cutoff", "17:00", "--lang", "ja")
    assert "起算日    2019-12-24 (締切時刻17:00より後の受信のため翌営業日から起算)" in out


def test_the_module_names_every_subcommand_it_registers():
    """COMMANDS lets the command import this module only for its own subcommands."""
    import argparse

    from jetrules.cli import calendar as calendar_commands

    parser = argparse.ArgumentParser()
    subcommands = parser.add_subparsers()
    calendar_commands.register(subcommands)
    assert tuple(subcommands.choices) == calendar_commands.COMMANDS
    only = argparse.ArgumentParser().add_subparsers()
    calendar_commands.register(only, names={"deadline"})
    assert tuple(only.choices) == ("deadline",)


@pytest.mark.parametrize(
    ("argv", "printed"),
    [
        (["fiscal-year", "2026/11/30"], "FY2026"),
        (["fiscal-year", "２０２６／３／３１"], "FY2025"),
        (["business-days", "add", "2026/12/28", "3"], "2027-01-06"),
        (["business-days", "between", "2026/12/25", "2027/1/5"], "3"),
    ],
)
def test_dates_are_typed_as_in_a_receipts_file(argv, printed, capsys):
    """Red-team finding: --submitted-on took 2026/11/30, the calendar commands did not."""
    assert main(argv) == 0
    assert printed in capsys.readouterr().out


def test_command_words_rename_only_the_fields_they_are_given():
    from jetrules.cli.options import command_words
    from jetrules.errors import InvalidInput, OutOfRange

    with pytest.raises(OutOfRange) as error, command_words({"day": "DATE"}, typed={"day": "x"}):
        raise OutOfRange.for_field("day", "must be from 1948-07-20", "1900-01-01")
    assert str(error.value) == "'DATE' must be from 1948-07-20 (got 'x')"
    other = InvalidInput.for_field("n", "must be whole", 1.5)
    with pytest.raises(InvalidInput) as error, command_words({"day": "DATE"}):
        raise other
    assert error.value is other  # a field the command does not rename passes as it is
    plain = InvalidInput("no field")
    with pytest.raises(InvalidInput) as error, command_words({"day": "DATE"}):
        raise plain
    assert error.value is plain


def test_a_year_in_full_width_digits_is_the_year():
    assert run("holidays", "２０２６") == run("holidays", "2026")
