"""`jetrules threads` with --policy and --assume-terms-from: what-ifs and assumed terms shown."""

import io
import json
from pathlib import Path

import pytest

from jetrules.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "threads.json"
FY2024 = Path(__file__).parent / "data" / "threads-fy2024.json"
WHAT_IF = Path(__file__).parent / "data" / "webmail-what-if.toml"
AT = "2024-06-14T12:00+09:00"


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_without_published_terms_the_command_says_what_is_missing_and_how_to_assume(capsys):
    assert run("threads", str(FY2024)) == (2, "")
    errors = capsys.readouterr().err.splitlines()
    assert len(errors) == 2  # each thread, with its position
    assert errors[0].startswith(
        f"jetrules: error: {FY2024}: thread 1: no Web Mail Counselling terms are published for "
        "FY2024; editions exist for FY2019, FY2020, FY2021, FY2023"
    )
    assert "--assume-terms-from 2023 on the command line" in errors[0]


def test_assumed_terms_warn_once_and_mark_every_status(capsys):
    status, out = run(
        "threads", str(FY2024), "--assume-terms-from", "2023", "--at", AT, "--format", "json"
    )
    assert status == 0
    warning = capsys.readouterr().err.splitlines()
    assert warning == [
        "jetrules: warning: Web Mail Counselling terms are not published for FY2024; the terms "
        "published for FY2023 were assumed (--assume-terms-from), and every status made under "
        "them says so (ASSUMED_TERMS)"
    ]
    data = json.loads(out)
    for thread in data["threads"]:
        assert thread["terms_origin"] == "assumed"
        assert thread["changes"] == []
        assert [reason["code"] for reason in thread["reasons"]][-1] == "ASSUMED_TERMS"
        assert {"parameter": "languages", "value": ["en", "ja"], "from": "FY2023"} in thread[
            "assumed"
        ]
        assert {"parameter": "threads_per_participant", "value": "unlimited", "from": "FY2023"} in (
            thread["assumed"]
        )
    [late] = data["late_replies"]
    assert (late["thread"], late["terms_origin"]) == ("FY24-1", "assumed")
    assert "Assumed terms: FY2024" in late["text"]


def test_a_refused_run_says_why_and_no_more(capsys):
    """Red-team finding: the warning on assumed terms came before the error of a refused run."""
    at = "2151-01-01T00:00+09:00"  # past the calendar: refused once the file is read
    status, _ = run("threads", str(FY2024), "--assume-terms-from", "2023", "--at", at)
    assert status == 2
    [error] = capsys.readouterr().err.splitlines()
    assert error.startswith("jetrules: error: '--at' must fall on a day the business calendar")


def test_assumed_terms_in_the_table_in_both_languages(capsys):
    status, out = run("threads", str(FY2024), "--assume-terms-from", "FY2023", "--at", AT)
    assert status == 0
    assert "Terms not as published:\n  - Assumed terms: FY2024 does not publish these" in out
    assert "line limit 30 (from FY2023)" in out
    status, out = run(
        "threads", str(FY2024), "--assume-terms-from", "2023", "--at", AT, "--lang", "ja"
    )
    assert status == 0
    assert "公表どおりでない条件：\n  - 仮定した条件：2024年度" in out
    assert len(capsys.readouterr().err.splitlines()) == 2  # one warning per run


def test_no_warning_when_nothing_was_assumed(capsys):
    status, _ = run("threads", str(EXAMPLE), "--assume-terms-from", "2023")
    assert status == 0
    assert capsys.readouterr().err == ""


def test_a_policy_file_what_if_is_marked_with_the_published_values():
    at = "2020-01-16T12:00+09:00"
    status, out = run("threads", str(EXAMPLE), "--at", at, "--format", "json")
    published = json.loads(out)
    status, out = run(
        "threads", str(EXAMPLE), "--at", at, "--format", "json", "--policy", str(WHAT_IF)
    )
    assert status == 0
    data = json.loads(out)
    assert data["summary"]["replies_late"] < published["summary"]["replies_late"]
    for thread in data["threads"]:
        assert thread["terms_origin"] == "supplied"
        assert thread["changes"] == [
            {"parameter": "reply_business_days", "value": 5, "published": 3}
        ]
        assert thread["reasons"][-1]["code"] == "SUPPLIED_TERMS"
    status, out = run("threads", str(EXAMPLE), "--at", at, "--policy", str(WHAT_IF))
    assert status == 0
    assert (
        "  - Supplied terms, not the published ones, for FY2019: reply within (business days) "
        "5 (published: 3)."
    ) in out


def test_labels_in_json_are_rendered_in_the_language_asked(tmp_path):
    policy = tmp_path / "threads.toml"
    policy.write_text(
        "[[webmail]]\nfiscal_year = 2019\n"
        'threads_per_participant = { value = "unlimited", reading = '
        '"webmail-threads-not-limited" }\n',
        encoding="utf-8",
    )
    status, out = run(
        "threads", str(EXAMPLE), "--format", "json", "--lang", "ja", "--policy", str(policy)
    )
    assert status == 0
    change = json.loads(out)["threads"][0]["changes"]
    assert change == [
        {"parameter": "threads_per_participant", "value": "無制限", "published": "上限の記載なし"}
    ]


@pytest.mark.parametrize(
    ("argv", "error"),
    [
        (["--assume-terms-from", "last year"], "'--assume-terms-from' must be written FY2019"),
        (["--policy", "/no/such/policy.toml"], "cannot read '/no/such/policy.toml'"),
    ],
)
def test_bad_options_exit_2(argv, error, capsys):
    assert run("threads", str(EXAMPLE), *argv) == (2, "")
    assert error in capsys.readouterr().err


def test_a_bad_policy_file_lists_every_problem(tmp_path, capsys):
    policy = tmp_path / "bad.toml"
    policy.write_text(
        "[[webmail]]\nfiscal_year = 2019\n"
        'line_limit = { value = 0, source = "seed-fy2019" }\n'
        'languages = { value = ["fr"], source = "seed-fy2019" }\n',
        encoding="utf-8",
    )
    assert run("threads", str(EXAMPLE), "--policy", str(policy)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {policy}: webmail FY2019, line_limit: 'line_limit' must be at least "
        "1 line (got 0)",
        f"jetrules: error: {policy}: webmail FY2019, languages: 'languages' must be one or more "
        "of 'en', 'ja' (got ['fr'])",
    ]


def test_the_warning_of_assumed_terms_is_in_japanese_with_lang_ja(capsys):
    status, _ = run(
        "threads", str(FY2024), "--assume-terms-from", "2023", "--at", AT, "--lang", "ja"
    )
    assert status == 0
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: warning: 2024年度のウェブメール相談の要件は公表されていません。2023年度に公表"
        "された要件を仮定し（--assume-terms-from）、その要件による各状況にその旨を記載しています"
        "（ASSUMED_TERMS）"
    ]
