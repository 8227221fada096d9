import io
import itertools
import json
import os
import runpy
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jetrules import __version__
from jetrules.cli import calendar as _cli_calendar
from jetrules.cli import main
from jetrules.errors import InvalidRecords, RecordProblem


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"jetrules {__version__}"


def test_help_lists_commands(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    assert "fiscal-year" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [[], ["no-such-command"], ["fiscal-year"], ["--bogus"]])
def test_bad_arguments_one_line_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("jetrules")
    assert "Traceback" not in err


def test_fiscal_year_command():
    status, out = run("fiscal-year", "2020-03-31", "2020-04-01")
    assert status == 0
    lines = out.splitlines()
    assert lines[2].split()[:3] == ["2020-03-31", "FY2019", "2019年度"]
    assert lines[3].split()[:3] == ["2020-04-01", "FY2020", "2020年度"]


def test_bad_input_is_one_line_on_stderr(capsys):
    status, out = run("fiscal-year", "2019-02-30")
    assert (status, out) == (2, "")
    err = capsys.readouterr().err
    assert err == (
        "jetrules: error: 'DATE' must be a date such as 2023-04-20 or 2023/4/20 "
        "(got '2019-02-30')\n"
    )


def test_invalid_records_print_one_line_each(monkeypatch, capsys):
    def bad_file(args, out):
        raise InvalidRecords(
            "claims.csv",
            [
                RecordProblem(position="line 2", message="x"),
                RecordProblem(position="line 3", message="y"),
            ],
        )

    monkeypatch.setattr(_cli_calendar, "_fiscal_year", bad_file)
    assert run("fiscal-year", "2019-04-01") == (2, "")
    assert capsys.readouterr().err.splitlines() == [
        "jetrules: error: claims.csv: line 2: x",
        "jetrules: error: claims.csv: line 3: y",
    ]


def test_unreadable_file_is_one_line(monkeypatch, capsys):
    def missing(args, out):
        return open("/no/such/file.csv", encoding="utf-8").read()

    monkeypatch.setattr(_cli_calendar, "_fiscal_year", missing)
    assert run("fiscal-year", "2019-04-01") == (2, "")
    assert capsys.readouterr().err == (
        "jetrules: error: cannot read '/no/such/file.csv': No such file or directory\n"
    )


def test_python_dash_m_runs_the_command(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["jetrules", "fiscal-year", "2019-04-01"])
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("jetrules", run_name="__main__")
    assert exit_info.value.code == 0
    assert "FY2019" in capsys.readouterr().out


def test_installed_command_runs():
    result = subprocess.run(
        [sys.executable, "-m", "jetrules", "fiscal-year", "2019-04-01"],  # a real process
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "FY2019" in result.stdout


def test_rule_modules_are_reachable_from_the_package():
    import jetrules

    assert jetrules.subsidy.assess is not None
    # Other tests may already have imported it; ask the module hook directly too.
    assert jetrules.__getattr__("subsidy") is jetrules.subsidy
    assert jetrules.calendar.SERVICE_CALENDAR.is_business_day("2019-12-27")
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = jetrules.no_such_thing


def test_a_pipe_closed_early_stops_quietly():
    # `jetrules subsidy ... | head -1`: no error message, no traceback, SIGPIPE's status.
    script = (
        "import subprocess, sys\n"
        "p = subprocess.Popen([sys.executable, '-m', 'jetrules', 'holidays', '2019'],"
        " stdout=subprocess.PIPE, stderr=subprocess.PIPE)\n"
        "p.stdout.close()\n"
        "err = p.stderr.read()\n"
        "print(p.wait(), repr(err))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    status, err = result.stdout.split(" ", 1)
    assert err.strip() == "b''"
    assert status in {"141", "0"}  # 0 when the output fit in the pipe before it closed


def test_broken_pipe_in_process(monkeypatch, capsys):
    def closed(args, out):
        raise BrokenPipeError

    monkeypatch.setattr(_cli_calendar, "_fiscal_year", closed)
    assert main(["fiscal-year", "2019-04-01"]) == 141
    assert capsys.readouterr().err == ""


def test_broken_pipe_points_stdout_at_devnull(monkeypatch, tmp_path):
    def closed(args, out):
        raise BrokenPipeError

    monkeypatch.setattr(_cli_calendar, "_fiscal_year", closed)
    with (tmp_path / "stdout").open("w") as fake_stdout:
        monkeypatch.setattr(sys, "stdout", fake_stdout)
        assert main(["fiscal-year", "2019-04-01"]) == 141
        fake_stdout.write("lost")  # now goes to /dev/null, not the file
    assert (tmp_path / "stdout").read_text() == ""


def test_ctrl_c_in_process_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(args, out):
        raise KeyboardInterrupt

    monkeypatch.setattr(_cli_calendar, "_fiscal_year", interrupted)
    assert main(["fiscal-year", "2019-04-01"]) == 130
    assert capsys.readouterr().err == "jetrules: interrupted\n"


def test_ctrl_c_stops_a_run_reading_an_endless_input():
    """SIGINT while the command waits on its input: one line, status 130, no traceback."""
    process = subprocess.Popen(
        [sys.executable, "-m", "jetrules", "subsidy", "/dev/stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdin is not None
    process.stdin.write(b"id,participant,service_date,amount\n")
    process.stdin.flush()
    time.sleep(1.5)  # the command has started and waits for more rows
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert out == b""
    assert err == b"jetrules: interrupted\n"


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp932"])
def test_output_to_a_stream_that_cannot_write_yen_still_works(encoding):
    """A console that cannot show "¥" (PYTHONIOENCODING=ascii) gets a stand-in, no traceback."""
    result = subprocess.run(
        [sys.executable, "-m", "jetrules", "subsidy", "examples/claims-fy2019.csv"],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": encoding},
        cwd=Path(__file__).resolve().parent.parent,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode(encoding, "replace")
    assert b"Traceback" not in result.stderr
    text = result.stdout.decode(encoding)
    assert "30,000" in text
    if encoding == "latin-1":
        assert "¥30,000" in text


_MODULES_AFTER = """
import contextlib, io, json, sys
import attrs, pendulum
if sys.argv[1:]:
    from jetrules.cli import main
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(sys.argv[1:]) == 0
print(json.dumps(sorted(sys.modules)))
"""


def _modules_after(*argv: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *argv], check=True, capture_output=True, text=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_jetrules_deadline_imports_only_what_its_answer_needs():
    """A shell calls it once per message: no subsidy, reader, policy, shutil or csv code.

    Counted over what a bare Python with attrs and pendulum has loaded (a coverage run loads
    more in every process).
    """
    loaded = _modules_after("deadline", "2019-04-27T09:00+09:00") - _modules_after()
    assert "jetrules.calendar" in loaded
    assert loaded.isdisjoint(
        {"jetrules.subsidy", "jetrules.records", "jetrules.policy", "jetrules.money", "shutil"}
    )
    assert "csv" not in loaded
    assert "jetrules.cli.subsidy" not in loaded


def test_jetrules_subsidy_imports_no_other_familys_reader_or_rules():
    """Reading receipts imports the receipts' reader only (``jetrules.records`` is lazy)."""
    claims = str(Path(__file__).resolve().parent.parent / "examples" / "claims-fy2019.csv")
    loaded = _modules_after("subsidy", claims, "--format", "csv") - _modules_after()
    assert {"jetrules.records.receipts", "jetrules.subsidy"} <= loaded
    assert loaded.isdisjoint(
        {
            "jetrules.records.threads",
            "jetrules.records.sessions",
            "jetrules.threads",
            "jetrules.booking",
            "jetrules.phone",
        }
    )


def test_the_records_package_offers_each_name_it_lists():
    """Every name of ``jetrules.records.__all__`` is there on first use, and ``dir`` lists it."""
    from jetrules import records

    for name in records.__all__:
        assert getattr(records, name) is not None
    assert set(records.__all__) <= set(dir(records))
    with pytest.raises(AttributeError, match="read_everything"):
        records.read_everything  # noqa: B018


@pytest.mark.parametrize("columns", [None, "60", "0", "-3", "wide", "200"])
def test_help_is_as_wide_as_argparse_would_make_it(monkeypatch, columns):
    """The command's help formatter finds the terminal's width without shutil, the same way."""
    import argparse

    from jetrules.cli.app import _Formatter

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _Formatter("jetrules")._width == argparse.HelpFormatter("jetrules")._width
    assert (
        _Formatter("jetrules", width=50)._width
        == argparse.HelpFormatter("jetrules", width=50)._width
    )


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (
            ["subsidy", "examples/claims-fy2019.csv", "--policy", "a.toml", "--policy", "b.toml"],
            "--policy",
        ),
        (["rules", "--policy", "a.toml", "--policy", "b.toml"], "--policy"),
        (["phone", "2020", "--policy", "a.toml", "--policy", "b.toml"], "--policy"),
        (["holidays", "2027", "--official", "a.csv", "--official", "b.csv"], "--official"),
        (
            ["subsidy", "c.csv", "--participants", "a.csv", "--participants", "b.csv"],
            "--participants",
        ),
    ],
)
def test_a_file_option_given_twice_is_refused_not_half_read(argv, option, capsys):
    # the second --policy silently replaced the first: a complete FY2026 file was dropped and
    # every FY2026 receipt paid ¥0, exit 0
    with pytest.raises(SystemExit) as exit_:
        main(argv, out=io.StringIO())
    assert exit_.value.code == 2
    (line,) = capsys.readouterr().err.splitlines()
    first, second = (value for flag, value in itertools.pairwise(argv) if flag == option)
    assert f"argument {option}: may be given once (got {first!r}, then {second!r})" in line
