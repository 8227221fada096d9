"""A read-only mapping that hashes as one value (private: the kernel's).

A frozen attrs value may hold a table by name (each parameter's provenance, each participant by
id): a ``dict`` would make it unhashable and open to change. :class:`FrozenMapping` holds a dict
of its own, gives it read-only, and hashes as the set of its items; a subclass sets ``_items``
in its ``__init__`` and says what it equals.

>>> class Table(FrozenMapping[str, int]):
...     __slots__ = ()
...     def __init__(self, items: dict[str, int]) -> None:
...         self._items = dict(items)
>>> table = Table({"a": 1})
>>> table["a"], list(table), len(table), hash(table) == hash(Table({"a": 1}))
(1, ['a'], 1, True)
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Mapping
from typing import TypeVar

__all__ = ["FrozenMapping"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V", bound=Hashable)


class FrozenMapping(Mapping[K, V]):
    """A read-only mapping over ``self._items``, hashing as the set of its items."""

    __slots__ = ("_items",)

    _items: dict[K, V]

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))
