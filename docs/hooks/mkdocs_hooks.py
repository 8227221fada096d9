"""MkDocs hooks: the pages made from the code, written at every build so they cannot drift.

- ``cli.md``: every command's ``--help``, from ``jetrules.cli.build_parser``;
- ``rules.md``: every edition of every rule, its parameters and its source (``jetrules.rulebook``);
- ``reference/<module>.md``: one API reference page per public module, found in the package.

The hand-written guide of each rule module (``docs/<module>.md``) and the reference pages are put in
the navigation here, in the order of ``docpages.MODULE_ORDER``, so a module that lands
later appears without anyone editing ``mkdocs.yml``. ``DocstringMarkdown`` is a griffe extension
that makes docstrings written for ``help()`` and doctest read well as Markdown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docpages as _docpages
import griffe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from jetrules import rulebook

GENERATED: dict[str, Callable[[], str]] = {
    "cli.md": _docpages.command_line_markdown,
    "rules.md": rulebook.rules_markdown,
}


def _module_guides(docs_dir: Path) -> list[str]:
    """The hand-written page of each rule module present in *docs_dir*, in reference order.

    Each is titled by its own first heading.
    """
    pages = (f"{module.removeprefix('jetrules.')}.md" for module in _docpages.public_modules())
    return [page for page in pages if (docs_dir / page).exists()]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Fill in the navigation's "Rule modules" and "API reference" sections."""
    reference = [
        {module: f"reference/{module.removeprefix('jetrules.')}.md"}
        for module in _docpages.public_modules()
    ]
    sections: dict[str, list[Any]] = {
        "Rule modules": _module_guides(Path(config.docs_dir)),
        "API reference": reference,
    }
    nav = []
    for entry in config.nav or []:
        title = next(iter(entry)) if isinstance(entry, dict) else None
        if title not in sections:
            nav.append(entry)
        elif sections[title]:  # no page yet: no empty section
            nav.append({title: sections[title]})
    config.nav = nav
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages to the site."""
    for uri, make in GENERATED.items():
        files.append(File.generated(config, uri, content=make()))
    for module in _docpages.public_modules():
        uri = f"reference/{module.removeprefix('jetrules.')}.md"
        files.append(File.generated(config, uri, content=_docpages.reference_markdown(module)))
    return files


class DocstringMarkdown(griffe.Extension):
    """Rewrite each docstring with ``docpages.docstring_markdown`` before it is parsed."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        """Rewrite *obj*'s docstring, if it has one."""
        if obj.docstring is not None:
            obj.docstring.value = _docpages.docstring_markdown(obj.docstring.value)
