"""Command transcripts in the README and the docs run as tests, like their Python examples.

A fenced block marked ``console`` holds commands (``$ jetrules ...``) each followed by exactly what
it prints. Output that starts with ``jetrules: error:`` is what the command writes on stderr, and
the command must exit with status 2; otherwise it is stdout and the status must be 0.

A page may also hold files its commands read: a fenced block with a title, such as
```` ```toml title="fy2026.toml" ````, is that file's whole text. The commands of such a page run
in a folder of their own holding its files (the guide "Adding next year's terms" writes a policy
file and a claims file this way); the commands of other pages run from the project's root.
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
FILE = re.compile(r'^```[\w-]* title="([^"/]+)"\n(.*?)^```$', re.MULTILINE | re.DOTALL)


def files_of(text: str) -> dict[str, str]:
    """The files a page holds: each titled code block's text, by its title."""
    return dict(FILE.findall(text))


def transcripts() -> list[tuple[str, str, str, dict[str, str]]]:
    found = []
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        files = files_of(text)
        for block in BLOCK.findall(text):
            for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
                command, _, output = chunk.partition("\n")
                found.append((f"{page.name}: {command}", command, output, files))
    return found


TRANSCRIPTS = transcripts()


def test_the_pages_hold_transcripts():
    assert len(TRANSCRIPTS) >= 1


def test_the_guide_to_adding_terms_holds_its_files_and_runs_its_steps():
    guide = [t for t in TRANSCRIPTS if t[0].startswith("adding-terms.md: ")]
    assert {"fy2026.toml", "draft.toml", "claims-fy2026.csv"} <= set(guide[0][3])
    commands = [t[1] for t in guide]
    assert "jetrules policy check draft.toml" in commands
    assert "jetrules policy check fy2026.toml" in commands
    assert "jetrules subsidy claims-fy2026.csv --policy fy2026.toml" in commands


def test_a_titled_block_is_a_file_and_others_are_not():
    text = '```toml title="a.toml"\nx = 1\n```\n```toml\ny = 2\n```\n```console\n$ jetrules\n```\n'
    assert files_of(text) == {"a.toml": "x = 1\n"}


@pytest.mark.parametrize("transcript", TRANSCRIPTS, ids=[t[0] for t in TRANSCRIPTS])
def test_transcript(transcript, monkeypatch, capsys, tmp_path):
    name, command, expected, files = transcript
    # paths in transcripts are relative to the project's root, or to the page's own files
    monkeypatch.chdir(tmp_path if files else ROOT)
    for file, text in files.items():
        (tmp_path / file).write_text(text, encoding="utf-8")
    program, *argv = shlex.split(command)
    assert program == "jetrules", name
    out = io.StringIO()
    status = main(argv, out=out)
    if expected.startswith("jetrules: error:"):
        assert (status, capsys.readouterr().err) == (2, expected)
    else:
        assert (status, out.getvalue()) == (0, expected)
