import argparse
import re

import pytest
from docpages import (
    command_line_markdown,
    docstring_markdown,
    public_modules,
    reference_markdown,
)
from hypothesis import given
from hypothesis import strategies as st

from jetrules.cli import build_parser


def test_command_line_page_holds_every_commands_help():
    page = command_line_markdown()
    parser = build_parser()
    subcommands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert "## jetrules\n" in page
    assert "usage: jetrules [-h] [--version] COMMAND ..." in page
    words = " ".join(page.split())
    for name, command in subcommands.choices.items():
        assert f"## jetrules {name}\n" in page
        assert " ".join(command.description.split()) in words
        assert f"usage: jetrules {name}" in page


def test_help_is_wrapped_to_a_fixed_width_whatever_the_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "30")
    narrow = command_line_markdown()
    monkeypatch.setenv("COLUMNS", "300")
    assert command_line_markdown() == narrow
    blocks = re.findall(r"```text\n(.*?)```", narrow, re.DOTALL)
    assert blocks
    assert max(len(line) for block in blocks for line in block.splitlines()) <= 76


def test_nested_commands_and_aliases_each_appear_once():
    parser = argparse.ArgumentParser(prog="tool", formatter_class=argparse.RawTextHelpFormatter)
    commands = parser.add_subparsers()
    group = commands.add_parser("group", aliases=["g"], description="A group.")
    inner = group.add_subparsers()
    inner.add_parser("leaf")
    page = command_line_markdown(parser)
    assert [line for line in page.splitlines() if line.startswith("## ")] == [
        "## tool",
        "## tool group",
        "## tool group leaf",
    ]
    assert "A group." in page
    assert parser.formatter_class is argparse.RawTextHelpFormatter  # left as it was


def test_public_modules_are_importable_and_ordered():
    modules = public_modules()
    assert modules[:5] == (
        "jetrules.money",
        "jetrules.calendar",
        "jetrules.text",
        "jetrules.errors",
        "jetrules.records",
    )
    assert "jetrules.rulebook" in modules
    assert not any(name.split(".")[-1].startswith("_") for name in modules)
    assert len(set(modules)) == len(modules)


def test_modules_not_in_the_order_follow_alphabetically(monkeypatch):
    import docpages as _docpages

    monkeypatch.setattr(_docpages, "MODULE_ORDER", ("text",))
    modules = public_modules()
    assert modules[0] == "jetrules.text"
    assert list(modules[1:]) == sorted(modules[1:])


def test_reference_page_names_the_module():
    assert reference_markdown("jetrules.text").splitlines() == [
        "# `jetrules.text`",
        "",
        "::: jetrules.text",
    ]


@pytest.mark.parametrize(
    ("text", "markdown"),
    [
        # roles become code; with ~ only the last name shows
        (":class:`~jetrules.errors.InvalidRecords`", "`InvalidRecords`"),
        (":attr:`code` and :meth:`Yen.parse`", "`code` and `Yen.parse`"),
        # an RST literal-block marker becomes a colon
        ("Messages read::\n\n    'x' (got 1)", "Messages read:\n\n    'x' (got 1)"),
        # an indented example is fenced at its indentation and ends at the blank line
        (
            "Intro.\n\n    >>> f(\n    ...   1)\n    2\n\nAfter::",
            "Intro.\n\n    ```pycon\n    >>> f(\n    ...   1)\n    2\n    ```\n\nAfter:",
        ),
        # an example that runs to the end is closed
        (">>> x", "```pycon\n>>> x\n```"),
        # a :: inside an example is left alone
        (">>> a::", "```pycon\n>>> a::\n```"),
        ("No examples here.", "No examples here."),
    ],
)
def test_docstring_markdown(text, markdown):
    assert docstring_markdown(text) == markdown


LINES = st.sampled_from([">>> x", "... y", "", "text", "  >>> z", "a::", "\n"])


@given(st.lists(LINES).map("\n".join))
def test_fences_always_balance(text):
    assert docstring_markdown(text).count("```") % 2 == 0
