"""A read-only list whose items are made when they are read: results too big to build whole.

The window shows every photo of a 100k-photo library in one grid that paints a few dozen at a time, so
the store's rows (:class:`~album.core.store.db.PhotoRows`) and the search's unranked hits
(:class:`~album.core.search.UnrankedHits`) are built as they are read. Both behave as the lists they
stand for: indexing (negative too), slicing into a list, iteration, equality with any sequence of the
same items.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Iterator, Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """Subclasses say how long they are and how to make the item at a (valid, non-negative) position;
    they may iterate faster than item by item (in chunks) by overriding ``__iter__``."""

    @abstractmethod
    def __len__(self) -> int: ...

    @abstractmethod
    def _item(self, position: int) -> T:
        """The item at ``position``, 0 ≤ position < len(self)."""

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError(index)
        return self._item(position)

    def __iter__(self) -> Iterator[T]:
        return (self._item(i) for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        """Equal to any sequence of the same items, as the list it stands for would be."""
        return isinstance(other, Sequence) and len(self) == len(other) and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # mutable-list semantics: not hashable
