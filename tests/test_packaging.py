"""What the package declares: its Pythons, license and links, and its package index page."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
PYTHONS = ("3.11", "3.12", "3.13")
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>\s]+)>|href=\"([^\"]+)\"")


def test_the_declared_pythons_are_the_tested_ones():
    assert PROJECT["requires-python"] == ">=3.11"
    declared = tuple(
        classifier.removeprefix("Programming Language :: Python :: ")
        for classifier in PROJECT["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    )
    assert declared == PYTHONS
    # `make test` runs the wheel's tests on the same Pythons
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^PYTHONS \?= (.*)$", makefile, re.MULTILINE)[1].split() == list(PYTHONS)


def test_the_license_file_is_the_declared_mit_license():
    assert PROJECT["license"] == "MIT"
    assert PROJECT["license-files"] == ["LICENSE"]
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 The jetrules developers\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND' in text


def test_the_project_links_name_the_documentation_the_changelog_and_the_source():
    urls = PROJECT["urls"]
    assert {"Documentation", "Changelog", "Source"} <= set(urls)
    source = urls["Source"]
    for url in urls.values():
        parts = urlsplit(url)
        assert (parts.scheme, parts.netloc) == ("https", "github.com"), url
        assert url.startswith(source), url
    assert urls["Changelog"].endswith("/CHANGELOG.md")
    assert urls["Documentation"].endswith("/docs")


def links_of(markdown: str) -> list[str]:
    return [
        next(group for group in match.groups() if group)
        for match in MARKDOWN_LINK.finditer(markdown)
    ]


def test_link_finder_finds_markdown_autolinks_and_html_links():
    assert links_of('[a](b.md) <https://x.org/y> <a href="c.html">c</a> [d](#e)') == [
        "b.md",
        "https://x.org/y",
        "c.html",
        "#e",
    ]


def test_the_package_index_page_tells_how_to_install_and_links_absolutely():
    assert PROJECT["readme"] == "docs/package.md"
    page = (ROOT / PROJECT["readme"]).read_text(encoding="utf-8")
    assert "python -m pip install jetrules" in page
    assert "3.11, 3.12 and 3.13" in page
    # read on the package index, far from a clone: no make targets, no .venv, no relative link
    assert not re.search(r"\bmake\b|\.venv", page)
    links = links_of(page)
    assert links
    assert [link for link in links if not link.startswith("https://")] == []


def test_the_installed_metadata_declares_the_python_running_the_tests():
    # for the wheel's tests on each Python (make test-wheels) as for the editable install
    installed = metadata.metadata("jetrules")
    running = f"{sys.version_info.major}.{sys.version_info.minor}"
    assert f"Programming Language :: Python :: {running}" in installed.get_all("Classifier")
    assert installed["Requires-Python"] == ">=3.11"
    assert installed["License-Expression"] == "MIT"
    assert installed.get_all("License-File") == ["LICENSE"]
    assert installed["Description-Content-Type"] == "text/markdown"
    assert "python -m pip install jetrules" in installed.get_payload()
