"""The lazy sequence behind the store's rows and the unranked hits behaves as the list it stands for."""

from __future__ import annotations

import pytest

from album.core.lazy_sequence import LazySequence


class Squares(LazySequence[int]):
    """Squares of 0..n-1, counting how many it made."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.made = 0

    def __len__(self) -> int:
        return self.n

    def _item(self, position: int) -> int:
        self.made += 1
        return position * position


def test_it_reads_like_its_list_and_makes_only_what_is_read() -> None:
    squares, expected = Squares(6), [0, 1, 4, 9, 16, 25]
    assert squares[2] == 4 and squares[-1] == 25 and squares.made == 2
    assert squares[1:4] == [1, 4, 9] and squares[::-2] == expected[::-2] and squares[10:] == []
    assert list(squares) == expected and 16 in squares and squares.index(9) == 3
    for bad in (6, -7):
        with pytest.raises(IndexError):
            squares[bad]


def test_it_equals_any_sequence_of_the_same_items() -> None:
    assert Squares(3) == [0, 1, 4] and Squares(3) == (0, 1, 4) and Squares(3) == Squares(3)
    assert Squares(3) != [0, 1] and Squares(3) != [0, 1, 5] and Squares(0) == [] and Squares(1) != "a"
    with pytest.raises(TypeError):
        hash(Squares(1))
