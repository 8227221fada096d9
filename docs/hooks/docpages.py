"""Documentation pages made from the code itself (the site's build calls it; not in the package).

The site's build (``mkdocs_hooks.py`` beside this file) writes the command-line reference from
the ``jetrules`` parser and one API reference page per public module, so neither can drift from the
code. Docstrings are written for ``help()`` and doctest; :func:`docstring_markdown` makes them read
well as Markdown too.

>>> print(docstring_markdown("Use :meth:`~jetrules.money.Yen.parse` for text::"))
Use `parse` for text:
"""

from __future__ import annotations

import argparse
import functools
import pkgutil
import re
from collections.abc import Iterator
from typing import cast

import jetrules
from jetrules.cli import build_parser

__all__ = [
    "MODULE_ORDER",
    "command_line_markdown",
    "docstring_markdown",
    "public_modules",
    "reference_markdown",
]

MODULE_ORDER = (
    "money",
    "calendar",
    "text",
    "errors",
    "records",
    "subsidy",
    "threads",
    "booking",
    "rulebook",
    "cli",
)
"""The order of the API reference; public modules not named here follow, alphabetically."""

HELP_WIDTH = 76
"""Columns the help texts are wrapped to (what a code block on the site shows), whatever terminal
builds the site."""


def command_line_markdown(parser: argparse.ArgumentParser | None = None) -> str:
    """The command-line reference: every command's ``--help``, exactly as the parser prints it.

    >>> page = command_line_markdown()
    >>> "## jetrules fiscal-year" in page
    True
    """
    parser = build_parser() if parser is None else parser
    parts = [
        "# Command line",
        "",
        "`jetrules` (also `python -m jetrules`) is installed with the package. Each section below "
        "is the `--help` of one command, generated from the command's parser when this site was "
        "built. Bad arguments or bad input print one line per problem on standard error and exit "
        "with status 2; success exits 0.",
    ]
    for prog, command in _commands(parser):
        parts += ["", f"## {prog}", "", "```text", _help(command).rstrip(), "```"]
    return "\n".join(parts) + "\n"


def _commands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """*parser* and every subcommand under it, depth first, each once (aliases skipped)."""
    yield parser.prog, parser
    seen: set[int] = set()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for command in action.choices.values():
                if id(command) not in seen:
                    seen.add(id(command))
                    yield from _commands(command)


def _help(parser: argparse.ArgumentParser) -> str:
    """*parser*'s help wrapped to :data:`HELP_WIDTH` columns, not the terminal's."""
    formatter_class = parser.formatter_class
    help_formatter = cast("type[argparse.HelpFormatter]", formatter_class)  # what argparse makes
    parser.formatter_class = functools.partial(help_formatter, width=HELP_WIDTH)
    try:
        return parser.format_help()
    finally:
        parser.formatter_class = formatter_class


def public_modules() -> tuple[str, ...]:
    """The package's public modules, in the order of the API reference.

    >>> public_modules()[:3]
    ('jetrules.money', 'jetrules.calendar', 'jetrules.text')
    """
    found = {info.name for info in pkgutil.iter_modules(jetrules.__path__) if info.name[0] != "_"}
    ordered = [name for name in MODULE_ORDER if name in found] + sorted(found - set(MODULE_ORDER))
    return tuple(f"jetrules.{name}" for name in ordered)


def reference_markdown(module: str) -> str:
    """The API reference page of *module*, for mkdocstrings to fill in from its docstrings.

    >>> print(reference_markdown("jetrules.money"))
    # `jetrules.money`
    <BLANKLINE>
    ::: jetrules.money
    <BLANKLINE>
    """
    return f"# `{module}`\n\n::: {module}\n"


_ROLE = re.compile(r":[a-z]+:`(~?)([^`]+)`")
_DOCTEST = re.compile(r"^(?P<indent>[ \t]*)>>> ")


def docstring_markdown(text: str) -> str:
    r"""*text*, a docstring, as Markdown: roles become code, doctest examples become code blocks.

    ``:class:`~jetrules.money.Yen``` becomes ```Yen```; a trailing ``::`` becomes ``:``; a run of
    lines from ``>>>`` to the next blank line becomes a fenced ``pycon`` block.

    >>> docstring_markdown("Add:\n>>> 1 + 1\n2\n\nDone.")
    'Add:\n```pycon\n>>> 1 + 1\n2\n```\n\nDone.'
    """

    def role(match: re.Match[str]) -> str:
        target = match[2].rsplit(".", 1)[-1] if match[1] else match[2]
        return f"`{target}`"

    out: list[str] = []
    indent: str | None = None  # the indentation of the example being fenced, if any
    for line in _ROLE.sub(role, text).splitlines():
        if indent is None:
            start = _DOCTEST.match(line)
            if start:
                indent = start["indent"]
                out.append(f"{indent}```pycon")
            out.append(line[:-1] if not start and line.endswith("::") else line)
            continue
        if not line.strip():
            out.append(f"{indent}```")
            indent = None
        out.append(line)
    if indent is not None:
        out.append(f"{indent}```")
    return "\n".join(out)
