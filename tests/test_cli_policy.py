"""`jetrules policy check FILE` and `jetrules rules --policy FILE`, on the toy service."""

from __future__ import annotations

import io
import sys

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
        f"| cap | ¥40,000 (supplied; published: 30000) | supplied by {path}, citing" in page
        or f"| cap | 40000 (supplied; published: 30000) | supplied by {path}, citing" in page
    )
    status, bundled = _run("rules")
    assert (status, bundled) == (0, rulebook.rules_markdown())
    assert "supplied" not in bundled.split("## `jetrules.calendar`")[0].split("# Rules")[1][900:]


def test_the_rules_page_refuses_a_bad_policy_file(toy, tmp_path, capsys):
    path = tmp_path / "bad.toml"
    path.write_text("[[toy]]\nfiscal_year = 2019\ncap = 3\n", encoding="utf-8")
    assert _run("rules", "--policy", str(path)) == (2, "")
    assert capsys.readouterr().err.startswith(f"jetrules: error: {path}: toy FY2019, cap: must be")
