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
"""

from __future__ import annotations

from listlint.rules.spelling import misspelling, title_typo, unknown_word

__all__ = ["misspelling", "title_typo", "unknown_word"]
