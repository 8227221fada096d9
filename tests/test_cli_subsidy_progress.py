"""Progress of a long `jetrules subsidy` run: a line on stderr when it is a terminal, else nothing.

A run counts as long after ``_PROGRESS_AFTER`` seconds; the tests set that (and the time between
updates) to 0 so that a run of a few thousand receipts shows its progress as a long one would.
"""

import io
import os
import pty
import subprocess
import sys

import pytest

from jetrules.cli import main
from jetrules.cli import subsidy as command

HEADER = "id,participant,service_date,amount,insured,mental_health_professional,place"
COUNT = 2_500


@pytest.fixture
def claims(tmp_path):
    path = tmp_path / "claims.csv"
    rows = [f"r{n},P-{n % 100},2019-05-{n % 28 + 1:02},1000,no,yes,japan" for n in range(COUNT)]
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


class Terminal(io.StringIO):
    """A stderr that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def run_on_a_terminal(monkeypatch, *argv, after=0.0, interval=0.0) -> tuple[int, str, str]:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    monkeypatch.setattr(command, "_PROGRESS_AFTER", after)
    monkeypatch.setattr(command, "_PROGRESS_INTERVAL", interval)
    out = io.StringIO()
    status = main(list(argv), out=out)
    return status, out.getvalue(), terminal.getvalue()


def updates(err: str) -> list[str]:
    """The texts of the progress line, each update without its padding."""
    return [part.rstrip() for part in err.split("\r") if part.strip()]


def test_a_long_run_on_a_terminal_shows_each_stage_on_one_line(monkeypatch, claims):
    status, out, err = run_on_a_terminal(monkeypatch, "subsidy", str(claims), "--format", "csv")
    assert status == 0
    assert out.count("\n") == COUNT + 1  # the output is as without progress
    shown = updates(err)
    assert shown[:3] == [
        "jetrules: reading: 1,000 receipts",
        "jetrules: reading: 2,000 receipts",
        f"jetrules: assessing {COUNT:,} receipts",
    ]
    assert shown[3:] == [
        f"jetrules: writing: 1,000 of {COUNT:,} receipts",
        f"jetrules: writing: 2,000 of {COUNT:,} receipts",
        f"jetrules: writing: {COUNT:,} of {COUNT:,} receipts",
    ]
    assert err.endswith("\r" + " " * len(shown[-1]) + "\r")  # erased at the end: no newline
    assert "\n" not in err


def test_the_line_is_updated_at_most_so_often(monkeypatch, claims):
    status, _, err = run_on_a_terminal(monkeypatch, "subsidy", str(claims), interval=3600.0)
    assert status == 0
    assert updates(err) == [  # the first update, then only a new stage
        "jetrules: reading: 1,000 receipts",
        f"jetrules: assessing {COUNT:,} receipts",
    ]


def test_a_table_or_json_counts_the_receipts_written_statement_by_statement(monkeypatch, claims):
    for form in ("table", "json"):
        status, _, err = run_on_a_terminal(monkeypatch, "subsidy", str(claims), "--format", form)
        assert status == 0
        writing = [line for line in updates(err) if "writing" in line]
        assert len(writing) == 100  # one update per statement: 100 participants in FY2019
        assert writing[-1] == f"jetrules: writing: {COUNT:,} of {COUNT:,} receipts"


def test_a_short_run_shows_nothing_even_on_a_terminal(monkeypatch, claims):
    status, out, err = run_on_a_terminal(monkeypatch, "subsidy", str(claims), after=3600.0)
    assert (status, err) == (0, "")
    assert "statement for participant P-0" in out


def test_a_warning_after_progress_starts_on_a_clean_line(monkeypatch, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text(f"{HEADER}\nr1,P,2022-05-01,1000,no,yes,japan\n", encoding="utf-8")
    status, _, err = run_on_a_terminal(monkeypatch, "subsidy", str(path), "--format", "json")
    assert status == 0
    erased, _, warning = err.rpartition("\r")
    assert erased.endswith(" ")
    assert warning.startswith("jetrules: warning: 1 receipt falls in fiscal years with no")


def test_problems_after_progress_start_on_a_clean_line(monkeypatch, claims):
    text = claims.read_text(encoding="utf-8")
    claims.write_text(text + "bad,P,2019-05-10,-1,no,yes,japan\n", encoding="utf-8")
    status, out, err = run_on_a_terminal(monkeypatch, "subsidy", str(claims))
    assert (status, out) == (2, "")
    assert updates(err)[:2] == [
        "jetrules: reading: 1,000 receipts",
        "jetrules: reading: 2,000 receipts",
    ]
    erased, _, problem = err.rpartition("\r")
    assert erased.endswith(" ")
    assert problem == (
        f"jetrules: error: {claims}: line {COUNT + 2}: 'amount' must be more than ¥0 (got '-1')\n"
    )


SCRIPT = """
import sys
from jetrules.cli import main, subsidy
subsidy._PROGRESS_AFTER = subsidy._PROGRESS_INTERVAL = 0.0
sys.exit(main(sys.argv[1:]))
"""


def test_a_pseudo_terminal_shows_progress_and_a_pipe_gets_nothing_extra(claims, tmp_path):
    argv = [sys.executable, "-c", SCRIPT, "subsidy", str(claims), "--format", "csv"]
    leader, follower = pty.openpty()
    with (tmp_path / "out.csv").open("wb") as out:  # a file: the child never waits on stdout
        child = subprocess.Popen(argv, stdout=out, stderr=follower)
    os.close(follower)
    shown = b""
    while chunk := _read(leader):
        shown += chunk
    os.close(leader)
    assert child.wait(timeout=120) == 0
    assert b"\rjetrules: reading: 2,000 receipts" in shown
    assert f"\rjetrules: writing: {COUNT:,} of {COUNT:,} receipts".encode() in shown
    piped = subprocess.run(argv, capture_output=True, check=True, timeout=120)
    assert piped.stderr == b""
    assert piped.stdout == (tmp_path / "out.csv").read_bytes()


def _read(leader: int) -> bytes:
    """What the child wrote to the terminal since the last read; nothing once it has ended."""
    try:
        return os.read(leader, 65536)
    except OSError:  # Linux: the terminal is gone, the child has ended
        return b""
