"""`jetrules sessions --policy FILE --assume-terms-from YEAR`: supplied and assumed terms shown."""

import csv
import io
import json

import pytest

from jetrules.cli import main

HEADER = "id,participant,requested_at,start,minutes,status\n"
FY2020 = "A-1,P-01,2020-06-01T10:00+09:00,2020-06-10T18:00+09:00,40,completed\n"
FY2024 = "A-2,P-02,2024-06-01T10:00+09:00,2024-06-11T18:00+09:00,40,missed\n"
FY2025 = "A-3,P-03,2025-06-01T10:00+09:00,2025-06-10T18:00+09:00,20,completed\n"

POLICY = """
[source.officer]
title = "Programme office notice (a test)"

[[booking]]
fiscal_year = 2020
yearly_session_limit = { value = 8, source = "officer", paraphrase = "a what-if" }

[[booking]]
fiscal_year = 2024
session_minutes = { value = [20, 40], source = "officer" }
max_preferred_times = { value = 3, source = "officer" }
lead_business_days = { value = 4, source = "officer" }
sessions_start_from = { reading = "no-opening-hour-published" }
sessions_end_by = { value = 21:30:00, source = "officer" }
hours_bound = { value = "end", reading = "scheduled-until-means-end-by" }
closed_on_holidays = { value = true, reading = "sessions-on-business-days" }
yearly_session_limit = { value = 6, source = "officer" }
lead_time_for_reschedules = { value = true, reading = "lead-time-also-for-reschedules" }
confirm_only_preferred = { value = true, reading = "only-a-preferred-time-is-confirmed" }
cancellation_without_contact_counts = { value = true, source = "officer" }
"""


@pytest.fixture
def files(tmp_path):
    sessions = tmp_path / "sessions.csv"
    sessions.write_text(HEADER + FY2020 + FY2024 + FY2025, encoding="utf-8")
    policy = tmp_path / "fy2024.toml"
    policy.write_text(POLICY, encoding="utf-8")
    return str(sessions), str(policy)


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_a_year_without_terms_is_refused_saying_how_to_assume_terms(files, capsys):
    sessions, policy = files
    assert run("sessions", sessions, "--policy", policy) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1  # FY2024 is supplied; FY2025 has no terms
    assert err[0].startswith(f"jetrules: error: {sessions}: line 4: no Skype Counselling terms")
    assert "FY2025" in err[0]
    assert "--assume-terms-from 2023" in err[0]  # the latest published complete year


def test_only_published_terms_are_assumed_never_a_policy_s_own(files, capsys):
    # a supplied FY2024 (and FY2020's limit of 8) were assumed and called "published": the
    # design assumes another year's *published* values (DESIGN.md), a policy supplies its own
    sessions, policy = files
    assert run("sessions", sessions, "--policy", policy, "--assume-terms-from", "2024") == (2, "")
    (line,) = capsys.readouterr().err.splitlines()
    assert line.endswith(
        "Skype Counselling terms for FY2024 do not publish session_minutes, max_preferred_times, "
        "lead_business_days, sessions_start_from, sessions_end_by, hours_bound, "
        "closed_on_holidays, yearly_session_limit, lead_time_for_reschedules, "
        "confirm_only_preferred, cancellation_without_contact_counts, so they cannot be assumed "
        "for FY2025; published editions exist for FY2019, FY2020, FY2021, FY2023"
    )
    later = sessions.replace("sessions.csv", "later.csv")
    with open(later, "w", encoding="utf-8") as file:
        file.write(HEADER + FY2025)
    status, out = run(
        "sessions", later, "--policy", policy, "--assume-terms-from", "2020", "--format", "json"
    )
    (record,) = json.loads(out)
    assert (status, record["limit"], record["terms_origin"]) == (0, 7, "assumed")  # not 8


def test_assumed_and_supplied_terms_are_shown_in_the_table(files, capsys):
    sessions, policy = files
    status, out = run("sessions", sessions, "--policy", policy, "--assume-terms-from", "2023")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        *["participant", "fiscal", "year", "sessions", "used", "minutes", "used"],
        *["booked", "sessions", "left", "limit", "terms"],
    ]
    assert lines[2].split() == ["P-01", "FY2020", "1", "40", "0", "7", "8", "supplied"]
    assert lines[3].split() == ["P-02", "FY2024", "1", "40", "0", "5", "6", "supplied"]
    assert lines[4].split() == ["P-03", "FY2025", "1", "20", "0", "6", "7", "assumed"]
    notes = lines[6:]
    assert notes[0] == (
        "FY2020 is applied with supplied values that differ from the published ones: "
        "yearly session limit 8 (published: 7)."
    )
    assert any(note.startswith("FY2024 is applied with supplied values") for note in notes)
    assert any(
        note.startswith("FY2025 publishes no value for session lengths")
        and "the values published for FY2023 are assumed" in note
        for note in notes
    )
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "jetrules: warning: Skype Counselling terms are not published for FY2025; another "
        "year's published terms were assumed (--assume-terms-from), and every row made under "
        "them says so (ASSUMED_TERMS)"
    ]


def test_assumed_and_supplied_terms_in_json_and_csv_in_japanese(files, capsys):
    sessions, policy = files
    argv = ("sessions", sessions, "--policy", policy, "--assume-terms-from", "FY2023")
    status, out = run(*argv, "--format", "json", "--lang", "ja")
    assert status == 0
    records = {record["participant"]: record for record in json.loads(out)}
    assert records["P-01"]["terms_origin"] == "supplied"
    assert records["P-01"]["changes"] == [
        {"parameter": "yearly_session_limit", "value": "8", "published": "7"}
    ]
    assert [r["code"] for r in records["P-03"]["reasons"]] == ["ASSUMED_TERMS"]
    assert "2023年度の公表値を仮定" in records["P-03"]["reasons"][0]["text"]
    status, out = run(*argv, "--format", "csv")
    assert status == 0
    rows = {row["participant"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["P-03"]["terms_origin"] == "assumed"
    assert rows["P-03"]["reason_codes"] == "ASSUMED_TERMS"
    assert "; yearly session limit 6 (published: none);" in rows["P-02"]["changes"]
    assert rows["P-01"]["explanation"].endswith("yearly session limit 8 (published: 7).")
    assert len(capsys.readouterr().err.splitlines()) == 2  # one warning per run


def test_japanese_table_names_the_origin(files):
    sessions, policy = files
    status, out = run(
        "sessions", sessions, "--policy", policy, "--assume-terms-from", "2023", "--lang", "ja"
    )
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split()[-1] == "条件"
    assert lines[2].split()[-1] == "利用者指定"
    assert lines[4].split()[-1] == "仮定"


def test_without_a_policy_assuming_fy2023_fills_in_later_years(tmp_path, capsys):
    path = tmp_path / "later.csv"
    path.write_text(HEADER + FY2024, encoding="utf-8")
    status, out = run("sessions", str(path), "--assume-terms-from", "2023", "--format", "json")
    assert status == 0
    (record,) = json.loads(out)
    assert (record["fiscal_year"], record["limit"], record["terms_origin"]) == (
        2024,
        7,
        "assumed",
    )
    assert "warning" in capsys.readouterr().err


def test_an_assumption_nothing_needs_prints_no_warning(files, capsys):
    sessions, _ = files
    path = sessions.replace("sessions.csv", "fy2020.csv")
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(HEADER + FY2020)
    status, out = run("sessions", path, "--assume-terms-from", "2023")
    assert status == 0
    assert "terms" not in out.splitlines()[0].split()  # published: the table as always
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--assume-terms-from", "next year", "'--assume-terms-from' must be written FY2019"),
        ("--policy", "/no/such/policy.toml", "cannot read"),
    ],
)
def test_bad_options_exit_2_with_one_line(files, capsys, option, value, message):
    sessions, _ = files
    assert run("sessions", sessions, option, value) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 1
    assert message in err[0]


def test_a_bad_policy_file_lists_every_problem(tmp_path, capsys):
    policy = tmp_path / "bad.toml"
    policy.write_text(
        "[[booking]]\nfiscal_year = 2020\n"
        'yearly_session_limit = { value = 0, source = "seed-fy2019" }\n'
        'hours_bound = { value = "middle", reading = "scheduled-until-means-end-by" }\n',
        encoding="utf-8",
    )
    sessions = tmp_path / "s.csv"
    sessions.write_text(HEADER + FY2020, encoding="utf-8")
    assert run("sessions", str(sessions), "--policy", str(policy)) == (2, "")
    err = capsys.readouterr().err.splitlines()
    assert len(err) == 2
    assert "booking FY2020, yearly_session_limit" in err[0]
    assert "booking FY2020, hours_bound: 'hours_bound' must be 'end' or 'start'" in err[1]


def test_the_warning_of_assumed_terms_is_in_japanese_with_lang_ja(files, capsys):
    sessions, policy = files
    status, _ = run(
        "sessions", sessions, "--policy", policy, "--assume-terms-from", "FY2023", "--lang", "ja"
    )
    assert status == 0
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: warning: 2025年度のSkype相談の要件は公表されていません。他の年度に公表された"
        "要件を仮定し（--assume-terms-from）、その要件による各行にその旨を記載しています"
        "（ASSUMED_TERMS）"
    ]
