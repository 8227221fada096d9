"""`jetrules policy check FILE` and `jetrules rules --policy FILE`, on the toy service."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import toy_policy
from jetrules import policy, rulebook
from jetrules.cli import main


@pytest.fixture
def toy(monkeypatch):
    monkeypatch.setattr(policy, "SERVICES", (toy_policy,))
    monkeypatch.setattr(policy, "bundled_book", toy_policy.book)
    monkeypatch.setattr(rulebook, "RULE_MODULES", ("toy_policy",))
    monkeypatch.setitem(sys.modules, "toy_policy", toy_policy)
    return toy_policy


def _run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


EDITION = '[[toy]]\nfiscal_year = {year}\ncap = {{ value = 40000, source = "notice" }}\n'


def test_a_sound_file_is_ok_with_its_edition_count(toy, tmp_path, capsys):
    one = tmp_path / "one.toml"
    one.write_text(EDITION.format(year=2019), encoding="utf-8")
    assert _run("policy", "check", str(one)) == (0, f"{one}: ok (1 edition)\n")
    two = tmp_path / "two.toml"
    two.write_text(EDITION.format(year=2019) + EDITION.format(year=2020), encoding="utf-8")
    assert _run("policy", "check", str(two)) == (0, f"{two}: ok (2 editions)\n")
    assert capsys.readouterr().err == ""


def test_a_bad_file_lists_every_problem_on_stderr_and_exits_2(toy, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[[toy]]\nfiscal_year = 2019\ncap = { value = 0, source = "nowhere" }\n'
        'colour = { value = 1, source = "notice" }\n'
        '[[toy]]\nfiscal_year = 2020\ndeadline = { value = 2020-05-01, source = "notice" }\n',
        encoding="utf-8",
    )
    assert _run("policy", "check", str(path)) == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        f"jetrules: error: {path}: toy FY2019, cap: unknown source 'nowhere'",
        f"jetrules: error: {path}: toy FY2019: unknown parameter 'colour' "
        "(known: cap, deadline, minutes)",
        f"jetrules: error: {path}: toy FY2020, deadline: 'deadline' must be after the fiscal "
        "year ends (2021-03-31) (got 2020-05-01)",
    ]


def test_a_missing_file_is_one_line(toy, tmp_path, capsys):
    missing = tmp_path / "missing.toml"
    assert _run("policy", "check", str(missing)) == (2, "")
    assert capsys.readouterr().err == (
        f"jetrules: error: cannot read '{missing}': No such file or directory\n"
    )


def test_policy_needs_an_action(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["policy"])
    assert exited.value.code == 2
    assert "the following arguments are required: ACTION" in capsys.readouterr().err


def test_the_rules_page_under_a_policy_file_shows_its_values_as_supplied(toy, tmp_path):
    path = tmp_path / "what-if.toml"
    path.write_text(EDITION.format(year=2019), encoding="utf-8")
    status, page = _run("rules", "--policy", str(path))
    assert status == 0
    assert page == rulebook.rules_markdown(policy=policy.load(path))
    assert f"This page shows the rules under {path}" in page
    assert (
        f"| cap | 40000 (supplied; published: 30000) | supplied by {path}, citing "
        "[Toy notice \\| 2019](https://example.org/toy) | — |"
    ) in page
    assert "| FY2019 | 40000 (supplied) | — |" in page
    status, bundled = _run("rules")
    assert (status, bundled) == (0, rulebook.rules_markdown())
    toy_section = bundled[
        bundled.index("## `toy_policy`") : bundled.index("## `jetrules.calendar`")
    ]
    assert "supplied" not in toy_section
    assert "| cap | 30000 | [Toy notice" in toy_section


def test_the_rules_page_refuses_a_bad_policy_file(toy, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[[toy]]\nfiscal_year = 2019\ncap = 3\n", encoding="utf-8")
    assert _run("rules", "--policy", str(path)) == (2, "")
    assert capsys.readouterr().err.startswith(f"jetrules: error: {path}: toy FY2019, cap: must be")


# --- the real services ----------------------------------------------------------------------------

BUNDLED = sorted((Path(__file__).resolve().parent.parent / "src/jetrules/policy").glob("*.toml"))


@pytest.mark.parametrize("path", BUNDLED, ids=[path.name for path in BUNDLED])
def test_every_bundled_file_is_ok(path):
    status, out = _run("policy", "check", str(path))
    assert status == 0
    assert re.fullmatch(rf"{re.escape(str(path))}: ok \(\d+ editions?\)\n", out)


def test_every_kind_of_problem_in_a_real_file_is_listed(tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text(
        """
        [[subsidy]]
        fiscal_year = 2026
        rate = { value = 0.5, source = "seed-fy2019" }
        annual_cap = { value = 30000, source = "no-such-notice" }
        claim_deadline = { value = 2026-04-09, source = "seed-fy2019" }
        cap = { value = 30000, source = "seed-fy2019" }

        [[booking]]
        fiscal_year = 2026
        yearly_session_limit = { value = "seven", source = "seed-fy2019" }
        """,
        encoding="utf-8",
    )
    assert _run("policy", "check", str(path)) == (2, "")
    lines = capsys.readouterr().err.splitlines()
    prefix = f"jetrules: error: {path}: "
    assert [line.removeprefix(prefix).split(": ")[0] for line in lines] == [
        "subsidy FY2026, rate",  # a wrong type
        "subsidy FY2026, annual_cap",  # an unknown source
        "subsidy FY2026",  # an unknown key
        "booking FY2026, yearly_session_limit",
        "subsidy FY2026, claim_deadline",  # a date inside the year it closes
    ]
    assert all(line.startswith(prefix) for line in lines)
    assert "unknown source 'no-such-notice'" in lines[1]
    assert "unknown parameter 'cap'" in lines[2]
    assert "2027-03-31" in lines[4]
