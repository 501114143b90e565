"""Venue rules (LL3xx): where each paper was published, said the same way, and said at all.

The rules run only on lists that use venues: ``[tool.listlint.venues] enabled = "auto"``
(the default) turns them on when at least ``min-entries`` entries name a known venue in their
text; ``"on"`` and ``"off"`` decide for the file.

The family, offline from end to end (the online look-up is :mod:`listlint.net.lookup`), reads
venues with :mod:`listlint.venue` (the table of known venues, a mention, the scanner of text),
which ``listlint add`` and the look-up share:

- :mod:`.settings`: ``[tool.listlint.venues]``;
- :mod:`.urls`: the venue a paper URL implies;
- :mod:`.entries`: the venues of every entry of a document (text, badges, table columns, URL);
- :mod:`.notation`: how the list writes venues; :mod:`.listing`: the table of
  ``listlint venues``;
- :mod:`.state`: what the rules share per document; the rules themselves in :mod:`.names`
  (LL301, LL303: how a venue is spelled) and :mod:`.placement` (LL302, LL304, LL305: where it
  is written and whether at all).
"""

from listlint.rules.venues import names, placement

__all__ = ["names", "placement"]
