"""Link rules (LL4xx, online): dead, redirected, blocked and unreachable links.

These rules never touch the network. ``listlint links`` and ``check --online`` run the network
pass first (:mod:`listlint.net.run`) and hand the rules its verdicts as
``ctx.inputs.link_verdicts`` (a :class:`~listlint.net.verdict.LinkVerdicts`); without
that service the rules report nothing.

One module a rule (:mod:`.dead`, :mod:`.redirects`, :mod:`.blocked`, :mod:`.unreachable`),
:mod:`.verdicts` for what they share; this package registers the ``[tool.listlint.links]``
table the network pass reads, and importing it registers every rule.
"""

from listlint.config import register_family_table
from listlint.rules.links import (  # noqa: F401  (each module registers its rule)
    blocked,
    dead,
    redirects,
    unreachable,
)

register_family_table("links", {
    "timeout": 10.0,
    "concurrency": 64,
    "per-host": 6,
    "min-interval": 0.04,
    "retries": 2,
    "max-age": "3d",
    "failure-max-age": "1h",
    "accept": [],
    "exclude": [],
    "cache-file": "",
    "deadline": 0.0,  # seconds per link in all; 0: three times the timeout
    "budget": 0.0,  # seconds for the whole run; 0: no limit
})
