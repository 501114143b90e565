"""The thresholds of the spelling checks, in one place.

English frequencies are pyspellchecker's corpus counts (``data/english-words.json.gz``).
"""

from __future__ import annotations

# English frequencies (pyspellchecker's counts): a suggestion target must be at least this common
COMMON = 1_000  # about the 19,000 most frequent words
COMMON_STRICT = 3_000  # about the 10,000 most frequent: titles, headings, link texts, names
COMMON_SHORT = 20_000  # about the 3,000 most frequent: words of five letters or fewer
FREQUENT = 3  # a document word used this often is a suggestion target
MIN_LENGTH = 4  # shorter words are never novel misspellings
RARE = 5  # a word used this often is never a novel misspelling
JOINED_MIN = 6  # shorter parts of hyphenated compounds are never novel misspellings
DOMINANT = 20  # a repeated word is a slip if a neighbour is used this many times more often
