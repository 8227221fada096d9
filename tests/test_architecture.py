"""The house plan (docs/design.md, "Layout"), checked on the source itself.

import-linter (``make lint``) checks the layers and the forbidden imports; these tests check what it
does not: import cycles (imports under ``TYPE_CHECKING`` and inside functions count), private names
reached across families, the size of modules and functions, and every face's ``__all__``.
"""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src"
PACKAGE = SRC / "jetrules"
FAMILIES = ("calendar", "subsidy", "threads", "booking", "phone")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(name: str) -> Iterator[tuple[str, str | None, int]]:
    """Every (module, imported name or None, line) that module *name* imports from jetrules."""
    path = MODULES[name]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "jetrules":
                    yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.split(".")[0] != "jetrules":
                continue
            for alias in node.names:
                target = f"{base}.{alias.name}"
                if target in MODULES:
                    yield target, None, node.lineno
                else:
                    yield base, alias.name, node.lineno


def _family(module: str) -> str | None:
    """The family a module belongs to: its face, or its private package."""
    parts = module.split(".")
    if len(parts) < 2:
        return None
    head = parts[1].removeprefix("_")
    return head if head in FAMILIES else None


def _is_private(module: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in module.split("."))


def test_the_modules_are_found():
    assert {"jetrules.subsidy", "jetrules._kernel.fields", "jetrules.cli.app"} <= set(MODULES)


def test_no_module_reaches_into_another_familys_private_names():
    """Only a family (its face or its private package) imports its private modules and names."""
    wrong = []
    for name in MODULES:
        own = _family(name)
        for target, imported, line in _imports(name):
            family = _family(target)
            private = _is_private(target) or (imported or "").startswith("_")
            if family is not None and private and family != own and name != "jetrules":
                wrong.append(f"{name}:{line} imports {target} {imported or ''}")
    assert wrong == []


def test_faces_import_only_their_own_family_and_the_kernel():
    wrong = []
    for face in FAMILIES:
        name = f"jetrules.{face}"
        if name not in MODULES:
            continue
        for target, imported, line in _imports(name):
            if _is_private(target) and not target.startswith(
                ("jetrules._kernel", f"jetrules._{face}")
            ):
                wrong.append(f"{name}:{line} imports {target} {imported or ''}")
    assert wrong == []


def _cycles() -> list[list[str]]:
    graph = {name: sorted({t for t, _, _ in _imports(name) if t in MODULES}) for name in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph[node]:
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph[node]:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles_counting_type_only_imports():
    """A package's ``__init__`` importing its own modules is no cycle unless they import it back."""
    assert _cycles() == []


def test_cycle_finder_finds_a_cycle(monkeypatch):
    """The check above can fail: a module importing one that imports it back is found."""
    real = _imports

    def with_cycle(name: str) -> Iterator[tuple[str, str | None, int]]:
        yield from real(name)
        if name == "jetrules.errors":
            yield "jetrules.money", None, 1

    monkeypatch.setattr(sys.modules[__name__], "_imports", with_cycle)
    assert any({"jetrules.errors", "jetrules.money"} <= set(cycle) for cycle in _cycles())


MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def test_no_module_over_400_lines():
    long = {
        name: lines
        for name, path in MODULES.items()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_over_60_lines():
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name} ({lines} lines)")
    assert long == []


FACES = {
    "jetrules": [
        "FiscalYear",
        "InvalidInput",
        "InvalidRecords",
        "JetRulesError",
        "Label",
        "NoRuleInForce",
        "OutOfRange",
        "Reason",
        "ReasonTemplate",
        "Refused",
        "Rounding",
        "Source",
        "WrongType",
        "Yen",
        "__version__",
    ],
    "jetrules.calendar": [
        "FIRST_DAY",
        "LAST_DAY",
        "SERVICE_CALENDAR",
        "BusinessCalendar",
        "ClosedDay",
        "Deadline",
        "FiscalYear",
        "Holiday",
        "HolidayKind",
        "HolidayTable",
        "deadline",
        "holiday_on",
        "holidays_in",
        "is_national_holiday",
        "load_official_holidays",
    ],
    "jetrules.threads": [
        "EDITIONS",
        "REASONS",
        "UNLIMITED",
        "WEB_MAIL_SOURCE",
        "Author",
        "ContractCode",
        "LateReply",
        "Message",
        "Registration",
        "StatusKind",
        "Thread",
        "ThreadState",
        "ThreadStatus",
        "ThreadsReport",
        "WebMailTerms",
        "check_message_text",
        "count_lines",
        "reply_deadline",
        "report",
        "terms_for",
    ],
    "jetrules.booking": [
        "EDITIONS",
        "NO_PUBLISHED_LIMIT",
        "REASONS",
        "Appointment",
        "BookingTerms",
        "FiscalYear",
        "Ledger",
        "Reschedule",
        "SignUp",
        "Status",
        "Usage",
        "check_start",
        "ledger_of",
        "refusals_over_limit",
        "terms_for",
    ],
}


@pytest.mark.parametrize("face", sorted(FACES))
def test_every_faces_all_is_pinned(face):
    """What users import stays: every face keeps every name it had, and exports what it lists."""
    module = importlib.import_module(face)
    assert set(FACES[face]) <= set(module.__all__)
    for name in module.__all__:
        assert hasattr(module, name), name


def test_faces_only_re_export():
    """A face defines no function or class of its own: it names what its family holds."""
    for face in FAMILIES:
        path = MODULES.get(f"jetrules.{face}")
        if path is None:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = [
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef | ast.AsyncFunctionDef)
        ]
        assert defined == [], face


def test_import_contracts_fail_on_a_forbidden_import(tmp_path):
    """The import contracts can fail: a copy of the package where _subsidy imports _threads."""
    lint = Path(sys.executable).with_name("lint-imports")
    copy = tmp_path / "src"
    shutil.copytree(PACKAGE, copy / "jetrules", ignore=shutil.ignore_patterns("__pycache__"))
    config = (SRC.parent / "pyproject.toml").read_text(encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    clean = subprocess.run(
        [str(lint), "--no-cache"],
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(copy)},
        capture_output=True,
    )
    assert clean.returncode == 0, clean.stdout.decode()
    broken = copy / "jetrules" / "_subsidy" / "index.py"
    broken.write_text(
        "import jetrules._threads.text\n" + broken.read_text(encoding="utf-8"), encoding="utf-8"
    )
    failed = subprocess.run(
        [str(lint), "--no-cache"],
        check=False,
        cwd=tmp_path,
        env={"PYTHONPATH": str(copy)},
        capture_output=True,
    )
    assert failed.returncode != 0
    assert "jetrules._subsidy.index -> jetrules._threads.text" in failed.stdout.decode()


@pytest.mark.parametrize("face", ["booking", "calendar", "phone", "records", "subsidy", "threads"])
def test_a_face_offers_what_it_lists_and_nothing_more(face):
    """What ``dir`` and a notebook's completion show of a face is its ``__all__`` (red-team
    finding: ``annotations``, the name ``from __future__ import annotations`` binds, was shown)."""
    module = importlib.import_module(f"jetrules.{face}")
    shown = {name for name in dir(module) if not name.startswith("_")}
    assert shown - set(module.__all__) == set()
