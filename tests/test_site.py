"""The documentation site works opened from disk: every relative link of every page names a file.

Opened from disk (``file://``), a link to a folder shows a folder listing instead of a page, and a
link starting with ``/`` leaves the site. The test builds the site as ``make docs`` does (it needs
the docs extra, which ``make test`` installs) and checks every ``href`` and ``src`` of every page.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

ROOT = Path(__file__).parent.parent
LINK_ATTRIBUTES = frozenset({"href", "src"})


class _Links(HTMLParser):
    """Collects every ``href`` and ``src`` of a page, with the tag that holds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [(tag, value) for name, value in attrs if name in LINK_ATTRIBUTES and value]


def links_of(page: Path) -> list[tuple[str, str]]:
    """Every (tag, link) of the HTML *page*, the link as written."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def fetched_from_elsewhere(site: Path) -> list[str]:
    """The scripts and stylesheets that pages of *site* load from another host."""
    return sorted(
        {
            link
            for page in site.rglob("*.html")
            for tag, link in links_of(page)
            if tag in {"script", "link"} and (urlsplit(link).scheme or urlsplit(link).netloc)
        }
    )


def link_problems(site: Path) -> list[str]:
    """One line per relative link of the built *site* that does not name an existing file.

    Links with a scheme (``https:``, ``mailto:``, ``data:``...) or a host leave the site and are
    not checked; an anchor or a query alone stays on the page. ``404.html`` is left out: a web
    server shows it for any missing path, so its links start at the site's root on purpose, and
    from disk no link leads to it.
    """
    problems = []
    for page in sorted(site.rglob("*.html")):
        if page == site / "404.html":
            continue
        for _, link in links_of(page):
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:
                continue
            where = f"{page.relative_to(site)}: {link}"
            if parts.path.startswith("/"):
                problems.append(f"{where} starts at the root of the disk, not of the site")
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                problems.append(f"{where} names a folder")
            elif not target.is_file():
                problems.append(f"{where} names no file")
    return problems


def test_the_checker_finds_folders_missing_files_and_rooted_links(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "page.html").write_text("<p>a page</p>", encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<a href="guide/page.html#part">a page</a> <a href="guide/">a folder</a>'
        ' <a href="guide/gone.html">gone</a> <a href="/guide/page.html">rooted</a>'
        ' <img src="guide/page.html?v=1"> <a href="#top">here</a> <a href="?q=x">search</a>'
        ' <a href="https://example.org/">out</a> <a href="mailto:a@b.c">mail</a>'
        ' <a href="//cdn.example.org/x.js">cdn</a> <a name="anchor">no link</a>',
        encoding="utf-8",
    )
    (tmp_path / "404.html").write_text('<a href="/index.html">home</a>', encoding="utf-8")
    assert fetched_from_elsewhere(tmp_path) == []
    assert link_problems(tmp_path) == [
        "index.html: guide/ names a folder",
        "index.html: guide/gone.html names no file",
        "index.html: /guide/page.html starts at the root of the disk, not of the site",
    ]


def test_scripts_and_stylesheets_from_another_host_are_found(tmp_path):
    (tmp_path / "index.html").write_text(
        '<script src="https://cdn.example.org/shim.js"></script>'
        ' <link rel="stylesheet" href="//fonts.example.org/css">'
        ' <script src="assets/own.js"></script> <a href="https://example.org/">a link</a>',
        encoding="utf-8",
    )
    assert fetched_from_elsewhere(tmp_path) == [
        "//fonts.example.org/css",
        "https://cdn.example.org/shim.js",
    ]


def test_the_checker_reads_links_relative_to_their_page(tmp_path):
    (tmp_path / "reference").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (tmp_path / "reference" / "my%20page.html").write_text(
        '<a href="../index.html">home</a> <a href="my%2520page.html">itself</a>', encoding="utf-8"
    )
    assert link_problems(tmp_path) == []


def test_the_built_site_opens_from_disk(tmp_path):
    if importlib.util.find_spec("mkdocs") is None:
        pytest.fail("building the site needs the docs extra: pip install -e '.[docs]'")
    site = tmp_path / "site"
    # as `make docs` builds it (see the Makefile for what each variable is for)
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "JUPYTER_CONFIG_PATH": str(ROOT / ".jupyter"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    pages = {path.relative_to(site).as_posix() for path in site.rglob("*.html")}
    assert {"index.html", "getting-started.html", "cli.html", "rules.html"} <= pages
    assert "walkthrough.html" in pages
    assert any(page.startswith("reference/") for page in pages)
    assert link_problems(site) == []
    # every page of the navigation is reached from the entry page by a link naming its file
    assert 'href="getting-started.html"' in (site / "index.html").read_text(encoding="utf-8")
    # search works from disk: its index is a script beside the pages, not fetched, and so is the
    # shim that runs its worker from disk; nothing is loaded from another host
    assert (site / "search" / "search_index.js").is_file()
    assert fetched_from_elsewhere(site) == []
    assert not (site / "package.html").exists()  # the package index's page is not the site's
