"""``listlint add URL``: add a paper or project the way the list writes entries, in the right
place, never twice.

- :mod:`listlint.add.metadata`: what the URL is about (arXiv, Crossref, OpenReview, GitHub, any
  page's title), politely, cached, overridable by environment variables;
- :mod:`listlint.add.place`: which section (``--section`` or a proposal) and where in it;
- :mod:`listlint.add.render`: the list's own way of writing an entry or a table row;
- :mod:`listlint.add.plan`: duplicates refused, options over metadata, the edit verified.
"""

from __future__ import annotations
