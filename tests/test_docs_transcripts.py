"""Command transcripts in the README and the docs run as tests, like their Python examples.

A fenced block marked ``console`` holds commands (``$ jetrules ...``) each followed by exactly what
it prints. Output that starts with ``jetrules: error:`` is what the command writes on stderr, and
the command must exit with status 2; otherwise it is stdout and the status must be 0.
"""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest

from jetrules.cli import main

ROOT = Path(__file__).parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def transcripts() -> list[tuple[str, str, str]]:
    found = []
    for page in PAGES:
        for block in BLOCK.findall(page.read_text(encoding="utf-8")):
            for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                found.append((f"{page.name}: {command}", command, output))
    return found


TRANSCRIPTS = transcripts()


def test_the_pages_hold_transcripts():
    assert len(TRANSCRIPTS) >= 1


@pytest.mark.parametrize(
    ("name", "command", "expected"), TRANSCRIPTS, ids=[t[0] for t in TRANSCRIPTS]
)
def test_transcript(name, command, expected, monkeypatch, capsys):
    monkeypatch.chdir(ROOT)  # paths in transcripts are relative to the project's root
    program, *argv = shlex.split(command)
    assert program == "jetrules", name
    out = io.StringIO()
    status = main(argv, out=out)
    if expected.startswith("jetrules: error:"):
        assert (status, capsys.readouterr().err) == (2, expected)
    else:
        assert (status, out.getvalue()) == (0, expected)
