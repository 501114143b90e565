"""The inline blocks of the prose (:mod:`listlint.document.prose`) as it keeps them: columns
of machine ints, with a view of one block for the blocks whose words are wanted."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence


class Block:
    """One inline block: where its prose is, and where its link texts are (a view of
    :class:`Blocks`, made for the blocks whose words are wanted)."""

    __slots__ = ("start", "end", "kind", "content_start", "pieces", "link_texts", "first_piece")

    def __init__(self, start: int, end: int, kind: str, content_start: int,
                 pieces: Sequence[int], link_texts: Sequence[int], first_piece: int) -> None:
        self.start = start
        self.end = end
        self.kind = kind
        self.content_start = content_start  # after a list marker and checkbox
        # ranges as flat sequences (start, end, start, end, ...; see pairs)
        self.pieces = pieces  # the unmasked parts, from content_start on
        self.link_texts = link_texts  # the text of each link (not images)
        self.first_piece = first_piece  # where its first piece is in the prose's piece ends


class Blocks:
    """Every inline block of the prose, as columns of machine ints: a huge list has a block
    per line, and an object per block (with a tuple of its ranges, an int object per
    offset) weighed several times its offsets. Block ``k``'s pieces are
    ``pieces[piece_at[k]:piece_at[k + 1]]`` (flat ranges, see :func:`pairs`), its link texts
    likewise in ``link_texts``."""

    __slots__ = ("starts", "ends", "kinds", "content_starts", "pieces", "piece_at",
                 "link_texts", "link_at")

    def __init__(self) -> None:
        self.starts = array("q")
        self.ends = array("q")
        self.kinds: list[str] = []
        self.content_starts = array("q")
        self.pieces = array("q")
        self.piece_at = array("q", [0])
        self.link_texts = array("q")
        self.link_at = array("q", [0])

    def __len__(self) -> int:
        return len(self.kinds)

    def add(self, start: int, end: int, kind: str, content_start: int, pieces: list[int],
            link_texts: list[int]) -> None:
        self.starts.append(start)
        self.ends.append(end)
        self.kinds.append(kind)
        self.content_starts.append(content_start)
        self.pieces.extend(pieces)
        self.piece_at.append(len(self.pieces))
        self.link_texts.extend(link_texts)
        self.link_at.append(len(self.link_texts))

    def __getitem__(self, k: int) -> Block:
        p0, p1 = self.piece_at[k], self.piece_at[k + 1]
        return Block(self.starts[k], self.ends[k], self.kinds[k], self.content_starts[k],
                      self.pieces[p0:p1], self.link_texts[self.link_at[k]:self.link_at[k + 1]],
                      p0 // 2)


def pairs(flat: Iterable[int]) -> Iterator[tuple[int, int]]:
    """The ``(start, end)`` ranges of flat offsets ``(start, end, start, end, ...)``."""
    it = iter(flat)
    return zip(it, it)
