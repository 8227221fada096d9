"""Mutation testing, a group of modules at a time: what ``make mutate`` runs.

Usage (from the project's root, with mutmut installed: ``make mutate`` installs it)::

    python tests/mutate.py [GROUP ...]    # default: every group; GROUPS below names them
    python tests/mutate.py GROUP:PATTERN  # only the group's modules matching PATTERN, e.g.
                                          # booking:src/jetrules/_booking/appointment.py
    python tests/mutate.py GROUP:P1,P2    # those matching any of P1, P2 (one run: the tests'
                                          # coverage of the mutants is learnt once)

For each group, a copy of the project is made in ``build/mutate/GROUP`` whose ``[tool.mutmut]``
(the one of pyproject.toml) mutates only the group's modules and collects only the group's test
files; mutmut runs there on two cores, then the group's score is printed and its survivors are
written to ``build/mutate/GROUP/survivors.txt`` (a ``mutmut show`` diff each). Each mutant runs
in a process of its own, forked from a server that has imported pytest and the third-party
packages but no jetrules module, and the plugin ``mutation_memos`` empties jetrules' memos
before each test: no answer computed by the unmutated code is ever read by a mutant's tests.
docs/development.md says how to read the survivors.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "build" / "mutate"
BIN = Path(sys.executable).parent

GOLDEN = "tests/test_golden_messages.py::test_every_message_reads_as_the_golden_file"
"""The golden file of messages: a mutant that changes what a person reads changes it. (Its other
tests change the templates themselves, which no mutant of code does: they would only slow a run.)"""
ERRORS = "tests/test_golden_messages.py::test_each_error_names_its_field_rule_and_value"
GROUPS: dict[str, tuple[list[str], list[str]]] = {
    # group: (the modules mutated, the test files that exercise them: the family's own, and the
    # command's and the readers', which read what the family's records and texts say)
    "money": (
        ["src/jetrules/money.py"],
        ["tests/test_money.py", "tests/test_gaps_money.py", "tests/test_errors.py", GOLDEN, ERRORS],
    ),
    "calendar": (
        ["src/jetrules/_calendar/*"],
        [
            "tests/test_business_days.py",
            "tests/test_holidays.py",
            "tests/test_deadline.py",
            "tests/test_calendar_export.py",
            # not tests/test_calendar_startup.py: it counts the modules a fresh interpreter
            # imports, and mutmut's trampolines import more (json, csv) into every process
            "tests/test_cli_calendar.py",
            "tests/test_rulebook.py",  # the rules page prints _calendar/rules_tables.py's tables
            "tests/test_gaps_calendar.py",
            GOLDEN,
            ERRORS,
        ],
    ),
    "subsidy": (
        ["src/jetrules/_subsidy/*"],
        [
            "tests/test_subsidy.py",
            "tests/test_subsidy_policy.py",
            "tests/test_subsidy_index.py",
            "tests/test_cli_subsidy.py",
            "tests/test_cli_subsidy_files.py",
            "tests/test_cli_subsidy_participants.py",
            "tests/test_records_receipts.py",
            "tests/test_records_receipts_files.py",
            "tests/test_subsidy_records.py",
            "tests/test_subsidy_organisations.py",
            "tests/test_subsidy_rows.py",  # _subsidy/rows.py: the command's CSV path
            "tests/test_subsidy_terms_of_appointment.py",
            "tests/test_policyfile.py",
            "tests/test_notebook.py",  # _subsidy/frame.py and notebook.py: the analysts' views,
            # but not the walkthrough notebook, run by a Jupyter kernel of its own (7 s a mutant)
            "--deselect",
            "tests/test_notebook.py::test_walkthrough_runs_and_shows_the_statement_the_what_if_and_the_plot",
            "tests/test_pickling.py",
            "tests/test_rulebook.py",  # the rules page prints the editions' tables
            "tests/test_gaps_subsidy.py",
            "tests/test_gaps_subsidy_terms.py",  # a second file: two writers at once
            "tests/test_gaps_subsidy_views.py",  # tables, frame, notebook, currency, organisations
            "tests/test_errors.py",  # bad calls of every family: Ledger.statement's, assess's
            GOLDEN,
            ERRORS,
        ],
    ),
    "threads": (
        ["src/jetrules/_threads/*"],
        [
            "tests/test_threads.py",
            "tests/test_webmail_policy.py",
            "tests/test_cli_threads.py",
            "tests/test_webmail_cli.py",
            "tests/test_records_threads.py",
            "tests/test_pickling.py",
            "tests/test_rulebook.py",
            "tests/test_gaps_threads.py",
            "tests/test_errors.py",  # bad calls of every family: report's, a thread's participant
            GOLDEN,
            ERRORS,
        ],
    ),
    "booking": (
        ["src/jetrules/_booking/*"],
        [
            "tests/test_booking.py",
            "tests/test_booking_policy.py",
            "tests/test_cli_booking.py",
            "tests/test_cli_booking_policy.py",
            "tests/test_records_sessions.py",
            "tests/test_gaps_booking.py",
            GOLDEN,
            ERRORS,
        ],
    ),
    "phone": (
        ["src/jetrules/_phone/*"],
        [
            "tests/test_phone.py",
            "tests/test_cli_phone.py",
            "tests/test_gaps_phone.py",
            "tests/test_pickling.py",
            GOLDEN,
            ERRORS,
        ],
    ),
}
"""Each group's modules (mutmut's ``only_mutate`` patterns) and test files."""

COPIED = ["src", "tests", "pyproject.toml", "examples", "docs", "README.md"]
"""What a group's copy of the project holds: what its tests read."""

INTERRUPTED = "check was interrupted by user"
"""mutmut's word for pytest's exit status 2 (an error while collecting the tests, unattended)."""
KILLS = {"killed", "timeout", INTERRUPTED}

_RESULT = re.compile(r"^\s*(?P<name>\S+): (?P<status>.+)$")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml(item) for item in value) + "]"
    return str(value)


def group_config(group: str, only: str | None = None) -> str:
    """The ``[tool.mutmut]`` table of *group*: pyproject.toml's, with the group's modules and tests.

    *only*, patterns joined by commas, narrows the modules mutated to those any of them matches.

    >>> "only_mutate = [\\"src/jetrules/money.py\\"]" in group_config("money")
    True
    >>> 'only_mutate = ["src/jetrules/_booking/appointment.py"]' in group_config(
    ...     "booking", "src/jetrules/_booking/appointment.py")
    True
    >>> 'only_mutate = ["*/terms.py", "*/origin.py"]' in group_config(
    ...     "booking", "*/terms.py,*/origin.py")
    True
    """
    settings = dict(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mutmut"])
    modules, tests = GROUPS[group]
    settings["only_mutate"] = modules if only is None else only.split(",")
    settings["pytest_add_cli_args_test_selection"] = tests
    return "[tool.mutmut]\n" + "".join(f"{key} = {_toml(v)}\n" for key, v in settings.items())


def _without_mutmut_table(text: str) -> str:
    """pyproject.toml's text without its ``[tool.mutmut]`` table (the group's replaces it)."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("["):
            skipping = line.strip() == "[tool.mutmut]"
        if not skipping:
            kept.append(line)
    return "".join(kept)


def place_of(group: str) -> Path:
    """Where *group*'s copy is made: ``build/mutate/GROUP``, or ``GROUP-TAG`` under ``MUTATE_TAG``.

    Two runs of one group at once (two modules, one core each) need a folder each.

    >>> place_of("money").relative_to(WORK).as_posix()
    'money'
    """
    tag = os.environ.get("MUTATE_TAG", "")
    return WORK / (f"{group}-{tag}" if tag else group)


def prepare(group: str, only: str | None = None) -> Path:
    """A fresh copy of the project for *group*, its pyproject.toml holding the group's table."""
    place = place_of(group)
    shutil.rmtree(place, ignore_errors=True)
    place.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, place / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, place / name)
    pyproject = _without_mutmut_table((ROOT / "pyproject.toml").read_text("utf-8"))
    (place / "pyproject.toml").write_text(pyproject + "\n" + group_config(group, only), "utf-8")
    return place


def results(place: Path) -> dict[str, str]:
    """Each mutant's status, from ``mutmut results --all true`` run in *place*."""
    listed = subprocess.run(
        [BIN / "mutmut", "results", "--all", "true"],
        cwd=place,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in listed.splitlines():
        match = _RESULT.match(line)
        if match:
            found[match["name"]] = match["status"].strip()
    return found


def score(statuses: dict[str, str]) -> str:
    """The score line: killed over mutants tested, and each status's count.

    A timeout is a kill (the mutant made the tests loop), and so is a collection error.

    >>> print(score({"a": "killed", "b": "killed", "c": "timeout", "d": "survived"}))
    75.0% killed (3 of 4 tested: 2 killed, 1 survived, 1 timeout)
    """
    counts = Counter(statuses.values())
    # pytest's exit status 2, which mutmut reads as "interrupted by user", is a mutant that broke
    # the tests' collection (a module-level Yen(0) refused...): unattended, that is a kill too
    killed = counts["killed"] + counts["timeout"] + counts[INTERRUPTED]
    tested = killed + counts["survived"] + counts["suspicious"]
    share = f"{100 * killed / tested:.1f}%" if tested else "n/a"
    each = ", ".join(f"{n} {status}" for status, n in sorted(counts.items()))
    line = f"{share} killed ({killed} of {tested} tested: {each})"
    if counts["timeout"] * 2 > tested:
        # mutmut counts a worker that died before its tests ran (exit 255) as a timeout
        line += "; MOST TIMED OUT: set log_to_file = true in [tool.mutmut] and read the log"
    return line


def write_survivors(place: Path, statuses: dict[str, str]) -> Path:
    """Each survivor's diff, from ``mutmut show``, in ``survivors.txt``."""
    shown = []
    for name, status in sorted(statuses.items()):
        if status not in KILLS:
            diff = subprocess.run(
                [BIN / "mutmut", "show", name],
                cwd=place,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            shown.append(diff)
    path = place / "survivors.txt"
    path.write_text("\n".join(shown), "utf-8")
    return path


def run(group: str, only: str | None = None) -> str:
    """Run mutmut over *group* (its modules matching *only*, if given); return its score line."""
    place = prepare(group, only)
    # 30 examples a property (tests/conftest.py's "mutate" profile) unless told otherwise; a
    # survivor's rerun asks for HYPOTHESIS_PROFILE=ci (docs/development.md)
    env = dict(os.environ)
    env.setdefault("HYPOTHESIS_PROFILE", "mutate")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(place / "tests"), env.get("PYTHONPATH")]))
    with (place / "mutmut.log").open("w", encoding="utf-8") as log:
        subprocess.run(
            [BIN / "mutmut", "run", "--max-children", os.environ.get("MUTATE_CHILDREN", "2")],
            cwd=place,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            check=True,
        )
    statuses = results(place)
    survivors = write_survivors(place, statuses)
    line = f"{group if only is None else only}: {score(statuses)}"
    where = place.relative_to(ROOT)
    print(f"{line}\n  survivors: {where}/{survivors.name}, mutmut's output: {where}/mutmut.log")
    return line


def main(argv: list[str]) -> int:
    asked = [arg.partition(":") for arg in argv or list(GROUPS)]
    unknown = [group for group, _, _ in asked if group not in GROUPS]
    if unknown:
        print(f"unknown group(s) {', '.join(unknown)}; known: {', '.join(GROUPS)}", file=sys.stderr)
        return 2
    lines = []
    for group, _, only in asked:
        print(f"mutating {group}: {only or ', '.join(GROUPS[group][0])}", flush=True)
        lines.append(run(group, only or None))
    print("\nmutation scores\n" + "\n".join(f"  {line}" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
