"""What lets a ledger take more receipts in time that follows them, not the ledger's size.

- :class:`ReceiptIds`: an immutable set of receipt ids kept as a few frozensets, so adding *k*
  ids to *n* costs *O(k log n)* amortised, where one frozenset would be copied whole each time.
- :func:`merged`: a sorted tuple with a few items replaced or inserted, found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar, final

__all__ = ["Order", "ReceiptIds", "find", "merged"]

T = TypeVar("T")


@final
class ReceiptIds:
    """Receipt ids, as frozensets each more than twice the size of the next (a binary counter).

    Adding ids merges the smallest layers while they are no larger than what is added; an id is
    thus copied *O(log n)* times over a ledger's life, and there are at most *log2 n* layers.

    >>> ids = ReceiptIds.of(["a", "b"]).with_ids(frozenset({"c"}))
    >>> "c" in ids, "d" in ids, sorted(ids.all())
    (True, False, ['a', 'b', 'c'])
    """

    __slots__ = ("_layers",)

    def __init__(self, layers: tuple[frozenset[str], ...]) -> None:
        self._layers = layers

    @classmethod
    def of(cls, ids: Iterable[str]) -> ReceiptIds:
        """The ids given, in one layer."""
        return cls((frozenset(ids),))

    def __contains__(self, receipt_id: object) -> bool:
        return any(receipt_id in layer for layer in self._layers)

    def isdisjoint(self, ids: frozenset[str]) -> bool:
        """Whether none of *ids* is among these."""
        return all(layer.isdisjoint(ids) for layer in self._layers)

    def with_ids(self, ids: frozenset[str]) -> ReceiptIds:
        """These ids and *ids* (which must hold none of them); this value is left as it was."""
        layers = list(self._layers)
        added = ids
        while layers and len(layers[-1]) <= 2 * len(added):
            added = layers.pop() | added
        return ReceiptIds((*layers, added))

    def all(self) -> frozenset[str]:
        """Every id, as one frozenset."""
        return frozenset().union(*self._layers)

    def __reduce__(self) -> tuple[type[ReceiptIds], tuple[tuple[frozenset[str], ...]]]:
        """Rebuilt from its layers, under every pickle protocol (0 and 1 know no slots).

        >>> import pickle
        >>> ids = ReceiptIds.of(["a"]).with_ids(frozenset({"b"}))
        >>> sorted(pickle.loads(pickle.dumps(ids, protocol=0)).all())
        ['a', 'b']
        """
        return ReceiptIds, (self._layers,)


Order = tuple[str, int]
"""Where a statement sorts: its participant, then its fiscal year."""


def find(items: Sequence[T], key: Callable[[T], Order], wanted: Order, start: int = 0) -> int:
    """Where *wanted* is, or would go, in *items* sorted by *key*, looking from *start*.

    That is the first position whose key is not below *wanted*, or ``len(items)``.
    """
    return bisect_left(items, wanted, lo=start, key=key)


def merged(
    items: tuple[T, ...], key: Callable[[T], Order], changed: Mapping[Order, T]
) -> tuple[T, ...]:
    """*items* (sorted by *key*) with the item of each key of *changed* replaced or inserted.

    Costs a copy of *items* plus a bisection per changed key: no key is computed for the rest.

    >>> merged((1, 3, 5), lambda x: ("", x), {("", 3): 3, ("", 4): 4, ("", 9): 9})
    (1, 3, 4, 5, 9)
    """
    result: list[T] = []
    start = 0
    for wanted in sorted(changed):
        position = find(items, key, wanted, start)
        result.extend(items[start:position])
        result.append(changed[wanted])
        start = position
        if position < len(items) and key(items[position]) == wanted:
            start += 1
    result.extend(items[start:])
    return tuple(result)
