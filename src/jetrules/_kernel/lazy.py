"""A tuple read from a policy file on first use, so that importing a face reads no file (private).

A module constant such as ``subsidy.EDITIONS`` is a :class:`LazyTuple`: it behaves as the tuple
its loader returns (indexing, slicing, ``len``, iteration, ``in``, equality with a tuple), and
calls the loader once, the first time any of that is asked. The memo is the table itself, built
once; it never changes an answer.

>>> calls = []
>>> def load():
...     calls.append(1)
...     return (1, 2, 3)
>>> numbers = LazyTuple(load)
>>> calls
[]
>>> numbers[-1], len(numbers), 2 in numbers, numbers == (1, 2, 3), calls
(3, 3, True, True, [1])
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar, final, overload

__all__ = ["LazyTuple"]

T = TypeVar("T")


@final
class LazyTuple(Sequence[T], Generic[T]):
    """The tuple *load* returns, loaded on first use."""

    __slots__ = ("_load",)

    def __init__(self, load: Callable[[], tuple[T, ...]]) -> None:
        self._load = functools.cache(load)

    def loaded(self) -> tuple[T, ...]:
        """The loaded tuple itself."""
        return self._load()

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self._load()[index]

    def __len__(self) -> int:
        return len(self._load())

    def __iter__(self) -> Iterator[T]:
        return iter(self._load())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyTuple):
            other = other.loaded()
        return self._load() == other

    def __hash__(self) -> int:
        return hash(self._load())

    def __add__(self, other: tuple[T, ...]) -> tuple[T, ...]:
        return self._load() + tuple(other)

    def __repr__(self) -> str:
        return repr(self._load())

    def __reduce__(self) -> tuple[Callable[..., tuple[T, ...]], tuple[Sequence[T]]]:
        return (tuple, (self._load(),))
