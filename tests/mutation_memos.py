"""A pytest plugin for mutation runs only: every test starts with jetrules' memos empty.

``make mutate`` loads it (``-p mutation_memos``; see ``[tool.mutmut]`` in pyproject.toml and
docs/development.md). jetrules keeps answers it worked out once: ``functools.cache`` on the
bundled editions and lists, the lazily read ``EDITIONS``, the tables of open days and resolved
holidays beside ``SERVICE_CALENDAR`` and the bundled ``HolidayTable``. In one process, the first
test to ask fills them and every later test reads them, so:

- a mutant in code under a memo would run only while the memo is empty: a test that reads the
  memo filled by the unmutated code would pass whatever the mutant does;
- mutmut, which records which tests call each function to run only those against its mutants,
  would see only the first test that filled the memo.

Emptying the memos before each test makes each test compute what it reads, as it would in a
fresh process. The memos never change an answer (docs/design.md, principle 6), so the tests pass
as they do without the plugin, only more slowly. The normal suite does not load it.

>>> forget_memos()  # nothing imported yet, or everything emptied: either way, no error
"""

from __future__ import annotations

import sys
from typing import Any

import attrs
import pytest

__all__ = ["forget_memos"]


def _fresh(memo: object) -> object | None:
    """A new, empty memo made from the same rules, for a memo that pickles as its rules."""
    reduce = type(memo).__dict__.get("__reduce__")
    if reduce is None:
        return None
    make, rules = reduce(memo)
    return make(*rules)


def _forget_beside(value: object, depth: int = 2) -> None:
    """Empty the memos kept beside *value* (fields not part of its value) and its fields' own."""
    if depth == 0 or not attrs.has(type(value)):
        return
    for field in attrs.fields(type(value)):
        held = getattr(value, field.name)
        if not field.eq:
            fresh = _fresh(held)
            if fresh is not None:
                object.__setattr__(value, field.name, fresh)  # the memo only, never the value
        else:
            _forget_beside(held, depth - 1)


def _forget(value: Any) -> None:
    clear = getattr(value, "cache_clear", None)
    if callable(clear):  # functools.cache and lru_cache
        clear()
    load = getattr(value, "_load", None)
    if callable(getattr(load, "cache_clear", None)):  # LazyTuple
        load.cache_clear()
    _forget_beside(value)


def forget_memos() -> None:
    """Empty every memo of every jetrules module imported so far."""
    for name, module in list(sys.modules.items()):
        if module is not None and (name == "jetrules" or name.startswith("jetrules.")):
            for value in list(vars(module).values()):
                _forget(value)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    forget_memos()
