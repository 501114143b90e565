"""Duplicate rules (LL1xx): the same link or the same paper listed twice, however it is spelled.

One analysis per document, shared by the four rules, decides for every entry whether it
repeats an earlier one and by which evidence, strongest first, so that a pair is reported
once:

1. same link identity (:func:`listlint.linkid.entry_identity`) -> ``duplicate-link`` (LL101),
   or ``same-paper-different-title`` (LL104) when the link is a paper id (arXiv, DOI, ...)
   and the titles differ;
2. same normalised title, different link -> ``duplicate-title`` (LL102);
3. a title one word or one typo away from an earlier one -> ``near-duplicate-title`` (LL103),
   found through an index of word-deletion keys (:mod:`.titles`), never by comparing all pairs.

Only an entry's main link (``entry.url``) counts, and bare URLs that list something on
their own (:mod:`.bare`, LL101 only). Entries in skipped sections, an entry and
its own sub-items, and pairs marked as deliberate (``allow-cross-section`` or
``<!-- listlint-allow-duplicate -->`` on or just before an entry) are never reported.

The analysis is :mod:`.analysis`; :mod:`.copies` decides whether a repeat is a copy as written
(and how to delete it), :mod:`.messages` words the findings, :mod:`.rules` holds the four
rules. Importing the package registers them.
"""

from listlint.rules.duplicates import rules  # noqa: F401  (registers LL101-LL104)
