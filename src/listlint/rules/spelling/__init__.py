"""The spelling family (LL2xx): typos in prose, without crying wolf on jargon.

* :mod:`.known`: known misspellings from maintained dictionaries (typos, codespell's data);
* :mod:`.english`: the English word store (the shipped word list with frequencies);
* :mod:`.vocabulary`: what counts as a word of one list (its own words, derivations);
* :mod:`.slips`: novel typos, one typing slip from a word the list or English uses often;
* :mod:`.names`: words that are no prose (people's names, pieces cut by markup);
* :mod:`.analysis`: one document's findings, from all of the above;
* :mod:`.family`: the rules' settings and shared analysis; then one module per
  rule: :mod:`.misspelling` (LL201), :mod:`.unknown_word` (LL202), :mod:`.title_typo` (LL203).

The words of the prose themselves come from :mod:`listlint.document.prose`. Importing this
package registers every LL2xx rule. The family declares no ``prepare`` step and no worker on
its registry entry: both were measured and bought less than 5% of `check`'s time
(``docs/architecture.md``).

The commands use the family through two functions here, never its modules:
:func:`unknown_words` (``listlint words``) and :func:`word_store` (``--version --verbose``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from listlint.rules.spelling import misspelling, title_typo, unknown_word

if TYPE_CHECKING:
    from listlint.config import Config
    from listlint.document import Document
    from listlint.net.store import Shelf


def unknown_words(doc: Document, config: Config, path: str, min_count: int = 1) -> str:
    """``listlint words``: the words of ``doc`` no dictionary knows and ``config`` does not
    allow yet, as a block to paste into ``words = [...]`` (likely typos commented out)."""
    from listlint.rules.spelling.family import analyse_document, words_block

    return words_block(analyse_document(doc, config), path, min_count)


def word_store() -> tuple[Path | None, Shelf]:
    """This install's English word-list file (whether built yet or not) and the shelf that
    keeps the built lists."""
    from listlint.rules.spelling.english import english_entry, words_shelf

    return english_entry(), words_shelf()


__all__ = ["misspelling", "title_typo", "unknown_word", "unknown_words", "word_store"]
