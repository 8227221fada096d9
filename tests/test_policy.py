"""jetrules.policy: a user's policy file read, checked whole, and laid over the bundled editions.

The machinery is tested on a toy service (tests/toy_policy.py) so that it holds whatever the real
editions say; the bundled files and the real services are tested at the end.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

import toy_policy
from jetrules import FiscalYear, InvalidRecords, Source, policy
from jetrules.policy import Origin, Policy, check, edition_count, load


@pytest.fixture
def toy(monkeypatch):
    """Policy files hold the toy service only (and name the toy's sources)."""
    monkeypatch.setattr(policy, "SERVICES", (toy_policy,))
    monkeypatch.setattr(policy, "bundled_book", toy_policy.book)
    return toy_policy


def _write(tmp_path, text, name="mine.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path):
    with pytest.raises(InvalidRecords) as caught:
        load(path)
    assert caught.value.source == str(path)
    assert check(path) == caught.value.lines()
    return [str(problem) for problem in caught.value.problems]


FY2026 = """
[source.officer]
title = "Programme office notice"

[[toy]]
fiscal_year = 2026
cap = { value = 40000, source = "officer", quote = "up to ¥40,000" }
deadline = { value = 2027-04-02, source = "officer", paraphrase = "early April" }
minutes = { value = 40, source = "notice" }
"""


def test_a_sound_file_is_a_policy_laid_over_the_bundled_editions(toy, tmp_path):
    path = _write(
        tmp_path,
        FY2026 + '[[toy]]\nfiscal_year = 2019\ncap = { value = 35000, source = "officer" }\n',
    )
    loaded = load(path)
    assert check(path) == ()
    assert loaded.files == (str(path),)
    assert edition_count(loaded) == 2
    assert loaded.book.sources["officer"] == Source(title="Programme office notice")
    assert "notice" in loaded.book.sources  # the bundled sources stay nameable
    terms = toy.terms_for(2026, policy=loaded)
    assert (terms.cap, terms.deadline, terms.minutes) == (40_000, pendulum.Date(2027, 4, 2), 40)
    fy2019 = {e.fiscal_year: e for e in toy.editions(loaded)}[FiscalYear(2019)]
    assert fy2019.value("cap") == 35_000
    assert fy2019.provenance("cap").origin is Origin.SUPPLIED
    assert fy2019.provenance("cap").published == 30_000
    assert fy2019.provenance("minutes").origin is Origin.PUBLISHED


def test_a_policy_is_a_value_equal_to_the_same_file_read_again(toy, tmp_path):
    path = _write(tmp_path, FY2026)
    assert load(path) == load(path)
    assert hash(load(path)) == hash(load(path))
    assert load(path) != Policy()


def test_every_problem_is_listed_with_the_file_the_edition_and_the_key(toy, tmp_path):
    path = _write(
        tmp_path,
        """
        [[toy]]
        fiscal_year = 2026
        cap = { value = "40000", source = "notice" }
        deadline = { value = 2026-05-01, source = "nowhere" }
        colour = { value = "blue", source = "notice" }

        [[toy]]
        fiscal_year = 2027
        cap = { value = 0, source = "notice" }
        deadline = { value = 2028-04-07, source = "notice" }
        minutes = { value = 0, source = "notice" }

        [[toy]]
        fiscal_year = 2028
        cap = { value = 30000, source = "notice" }
        deadline = { value = 2028-05-01, source = "notice" }
        minutes = { value = 20, source = "notice" }

        [[phone]]
        fiscal_year = 2026
        """,
    )
    assert _problems(path) == [
        # what the file's reader finds: a wrong type, an unknown source, key and service
        "toy FY2026, cap: 'cap' must be a whole number (got '40000')",
        "toy FY2026, deadline: unknown source 'nowhere'",
        "toy FY2026: unknown parameter 'colour' (known: cap, deadline, minutes)",
        "phone: unknown service 'phone' (known: toy, source, reading)",
        # what the terms class refuses: every value of an edition, not only the first
        "toy FY2027, cap: 'cap' must be at least 1 (got 0)",
        "toy FY2027, minutes: 'minutes' must be at least 1 (got 0)",
        "toy FY2028, deadline: 'deadline' must be after the fiscal year ends (2029-03-31) "
        "(got 2028-05-01)",
    ]


def test_a_date_inside_its_own_fiscal_year_is_refused_in_a_partial_edition(toy, tmp_path):
    """A partial edition is built with the nearest complete edition's values for the rest."""
    path = _write(
        tmp_path,
        '[[toy]]\nfiscal_year = 2025\ndeadline = { value = 2025-06-01, source = "notice" }\n',
    )
    assert _problems(path) == [
        "toy FY2025, deadline: 'deadline' must be after the fiscal year ends (2026-03-31) "
        "(got 2025-06-01)"
    ]
    good = _write(
        tmp_path,
        '[[toy]]\nfiscal_year = 2025\ndeadline = { value = 2026-04-01, source = "notice" }\n',
        "good.toml",
    )
    assert check(good) == ()


def test_a_refusal_naming_no_parameter_is_the_editions(toy, tmp_path):
    path = _write(
        tmp_path,
        '[[toy]]\nfiscal_year = 2019\nminutes = { value = 400, source = "notice" }\n',
    )
    assert _problems(path) == [
        "toy FY2019: a toy session must cost at most the cap (100 yen a minute)"
    ]


def test_borrowed_values_are_not_blamed_on_the_file(toy, tmp_path):
    """FY2021 gives only minutes: every cap it could borrow is too small for them, but the cap is
    not the file's, so nothing is blamed on it; FY2020's deadline, inside FY2022, is not either.
    """
    path = _write(
        tmp_path,
        '[[toy]]\nfiscal_year = 2021\nminutes = { value = 400, source = "notice" }\n'
        '[[toy]]\nfiscal_year = 2022\nminutes = { value = 20, source = "notice" }\n',
    )
    assert check(path) == ()
    assert toy_policy.terms_for(2022, policy=load(path), assume=FiscalYear(2019)).minutes == 20


def test_a_partial_edition_with_nothing_to_borrow_from_is_sound(toy, tmp_path, monkeypatch):
    monkeypatch.setattr(toy, "REQUIRED", ("cap", "deadline", "minutes", "colour"))
    path = _write(
        tmp_path,
        '[[toy]]\nfiscal_year = 2025\ndeadline = { value = 2025-06-01, source = "notice" }\n',
    )
    assert check(path) == ()


def test_a_file_that_is_not_utf8_or_not_toml_or_missing(toy, tmp_path):
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[source.a]\ntitle = "café"\n'.encode("latin-1"))
    assert _problems(latin) == ["file: is not UTF-8 text (invalid continuation byte)"]
    broken = _write(tmp_path, "[[toy]\n", "broken.toml")
    (problem,) = _problems(broken)
    assert problem.startswith("file: is not valid TOML (")
    missing = tmp_path / "missing.toml"
    assert check(missing) == (f"{missing}: cannot be read (No such file or directory)",)
    with pytest.raises(FileNotFoundError):
        load(missing)


def test_a_policy_file_may_start_with_a_byte_order_mark(toy, tmp_path):
    """Red-team finding: CSV and JSON files took a BOM, a policy file gave 'Invalid statement'."""
    plain = _write(tmp_path, '[source.mine]\ntitle = "Mine"\n', "plain.toml")
    marked = tmp_path / "marked.toml"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert load(marked).book == load(plain).book


def test_a_hostile_policy_file_is_one_problem_not_a_traceback(toy, tmp_path):
    """Red-team findings: nested arrays gave a RecursionError, /dev/zero filled memory."""
    deep = _write(tmp_path, "a = " + "[" * 600 + "]" * 600 + "\n", "deep.toml")
    assert _problems(deep) == ["file: is not valid TOML here: nested too deeply"]
    large = tmp_path / "large.toml"
    large.write_bytes(b"# " + b"x" * (16 * 2**20))
    assert _problems(large) == [
        "file: is larger than 16 MiB, the most jetrules reads from a policy file"
    ]
    if os.path.exists("/dev/zero"):
        assert _problems(Path("/dev/zero")) == _problems(large)


def test_a_file_of_sources_only_supplies_nothing(toy, tmp_path):
    path = _write(tmp_path, '[source.mine]\ntitle = "Mine"\n')
    loaded = load(path)
    assert edition_count(loaded) == 0
    assert loaded.supplied == ()


@given(st.integers(1, 10_000_000), st.integers(2019, 2040))
def test_any_sound_cap_written_is_the_cap_applied(cap, year):
    """Whatever cap a file gives a year, the terms built under it apply exactly that cap.

    A cap too small for the year's 20 minutes (¥2,000) is refused where the year's edition is
    complete (FY2019, FY2020); a new year's partial edition is checked against the values it
    would borrow, and none refuses a cap alone.
    """
    import tempfile

    with pytest.MonkeyPatch.context() as monkeypatch, tempfile.TemporaryDirectory() as folder:
        monkeypatch.setattr(policy, "SERVICES", (toy_policy,))
        monkeypatch.setattr(policy, "bundled_book", toy_policy.book)
        path = Path(folder) / "cap.toml"
        path.write_text(
            f'[[toy]]\nfiscal_year = {year}\ncap = {{ value = {cap}, source = "notice" }}\n',
            encoding="utf-8",
        )
        problems = check(path)
        assert bool(problems) == (year in (2019, 2020) and cap < 2_000), problems
        if not problems and cap >= 2_000:
            loaded = load(path)
            assert toy_policy.terms_for(year, policy=loaded, assume=FiscalYear(2019)).cap == cap


def test_the_bundled_policy_supplies_nothing_and_names_every_bundled_source(toy):
    assert policy.bundled() == Policy()
    assert policy.bundled().book.sources["wiki"] == Source(title="Toy wiki")
    assert policy.bundled().book.undated == {"wiki"}


# --- the bundled files and the real services ----------------------------------------------------

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "jetrules"
DESIGN = PACKAGE.parent.parent / "docs" / "design.md"
BUNDLED = sorted((PACKAGE / "policy").glob("*.toml"))


def test_every_service_has_a_bundled_file():
    assert {path.stem for path in BUNDLED} >= {"sources"} | {s.SERVICE for s in policy.SERVICES}


def _values(editions):
    return [(e.fiscal_year, {p.name: p.value for p in e.parameters}) for e in editions]


@pytest.mark.parametrize("path", BUNDLED, ids=[path.name for path in BUNDLED])
def test_every_bundled_file_passes_the_check(path):
    assert check(path) == ()
    loaded = load(path)
    for service in policy.SERVICES:
        # read as a user's file, a bundled file changes no value of any edition
        assert _values(service.editions(loaded)) == _values(service.editions())
        for edition in loaded.editions(service.SERVICE):
            if set(service.REQUIRED) <= edition.names():
                service.terms_for(edition.fiscal_year, policy=loaded)  # they build


def _anchors(text: str) -> set[str]:
    """The anchors of a Markdown page: each heading's slug, and each explicit {#id}."""
    found = set(re.findall(r"\{#([\w-]+)\}", text))
    for heading in re.findall(r"^#+ (.+?)(?: \{#[\w-]+\})?$", text, re.MULTILINE):
        found.add(re.sub(r"[\s]+", "-", re.sub(r"[^\w\s-]", "", heading).strip().lower()))
    return found


def test_every_reading_has_its_own_paragraph_on_the_design_page():
    anchors = _anchors(DESIGN.read_text(encoding="utf-8"))
    book = policy.bundled_book()
    assert book.readings
    missing = [key for key in book.readings if key not in anchors]
    assert missing == []
    links = {reading.design for reading in book.readings.values()}
    assert {link.partition("#")[0] for link in links} == {"design.md"}
    assert [link for link in links if link.partition("#")[2] not in anchors] == []


def test_no_two_bundled_files_define_a_reading_or_a_source_twice():
    from jetrules._kernel.policyfile import bundled_text, parse_sources

    seen: dict[str, str] = {}
    for path in BUNDLED:
        book = parse_sources(bundled_text(path.stem), path.name)
        for key in [*book.readings, *book.sources]:
            assert key not in seen, f"{key} in {seen.get(key)} and {path.name}"
            seen[key] = path.name


def test_changing_a_bundled_file_changes_the_results_and_the_rules_page(tmp_path):
    """A copy of the package whose subsidy.toml gives FY2019 a ¥40,000 cap: both follow."""
    copy = tmp_path / "jetrules"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    toml = copy / "policy" / "subsidy.toml"
    text = toml.read_text(encoding="utf-8")
    fy2019 = text.index("fiscal_year = 2019")
    changed = text[:fy2019] + text[fy2019:].replace("value = 30000", "value = 40000", 1)
    assert changed != text
    toml.write_text(changed, encoding="utf-8")
    script = (
        "from jetrules import Yen, rulebook, subsidy\n"
        "ledger = subsidy.assess([subsidy.Receipt(id='r', participant='P', "
        "service_date='2019-05-01', amount=Yen(100_000))])\n"
        "print(ledger[0].total_subsidy)\n"
        "page = rulebook.rules_markdown()\n"
        "section = page[page.index('### FY2019'):].split('### FY2020', 1)[0]\n"
        "print('| annual cap | ¥40,000 |' in section, '| FY2019 | 50% | ¥40,000 |' in page)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script],
        check=True,
        capture_output=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        text=True,
    )
    assert ran.stdout.splitlines() == ["¥40,000", "True True"]
