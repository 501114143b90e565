"""One longest increasing subsequence, the measure of how far a sequence is from sorted.

Used by the order rule of the style family (which entries are out of place), by the table of
contents repair (is a ToC in an order of its own?) and by ``--diff-base`` (the lines two
versions of a file share in the same order).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any, Protocol, TypeVar


class _Ordered(Protocol):
    def __lt__(self, other: Any, /) -> bool: ...


K = TypeVar("K", bound=_Ordered)


def longest_increasing(keys: Sequence[K], *, strict: bool = False) -> list[int]:
    """Positions (ascending) of one longest non-decreasing subsequence of ``keys``, or of one
    longest strictly increasing one with ``strict``; O(n log n) by patience sorting. Of
    several longest ones, the one that ends with the latest possible tail is chosen."""
    place = bisect_left if strict else bisect_right
    tails: list[K] = []  # tails[j]: the smallest key ending a run of length j + 1
    tail_at: list[int] = []  # the position of that key
    back = [-1] * len(keys)  # back[i]: the position before i in its run
    for i, k in enumerate(keys):
        j = place(tails, k)
        if j == len(tails):
            tails.append(k)
            tail_at.append(i)
        else:
            tails[j] = k
            tail_at[j] = i
        back[i] = tail_at[j - 1] if j else -1
    run: list[int] = []
    i = tail_at[-1] if tail_at else -1
    while i != -1:
        run.append(i)
        i = back[i]
    run.reverse()
    return run


def unsorted_positions(keys: Sequence[K]) -> list[int]:
    """Positions outside one longest non-decreasing subsequence of ``keys`` (O(n log n))."""
    keep = set(longest_increasing(keys))
    return [i for i in range(len(keys)) if i not in keep]
