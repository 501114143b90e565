"""Online link checking: HTTP session, per-host politeness, retries, disk cache.

Only :mod:`listlint.net.verdict` is imported by offline code (the LL4xx rules read verdicts
from it); :mod:`listlint.net.http` imports ``requests`` and is loaded only by ``listlint links``
and ``check --online``.
"""
