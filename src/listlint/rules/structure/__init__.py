"""Structure rules (LL0xx): links, checkboxes, anchors, files, headings, table of contents.

One module a topic: :mod:`.link_targets` (empty links, relative links to missing files),
:mod:`.checkboxes`, :mod:`.anchors` (in-page links), :mod:`.headings`, :mod:`.toc` with its
analysis and repair in :mod:`.tocsync`, :mod:`.directives` (listlint's own comments) and
:mod:`.unread` (items not read as entries). Importing the package registers every rule.
"""

from listlint.rules.structure import (  # noqa: F401  (each module registers its rules)
    anchors,
    checkboxes,
    directives,
    headings,
    link_targets,
    toc,
    unread,
)
