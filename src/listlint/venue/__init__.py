"""What listlint knows about venues, shared by the venues family (LL3xx), ``listlint add``,
the online look-up (:mod:`listlint.net.lookup`) and the reports; no rule and no network here.

- :mod:`.table`: the known venues (``listlint/data/venues.json``) and every way to write them;
- :mod:`.mention`: a venue mention (:class:`~.mention.Venue`) and its year forms;
- :mod:`.scan`: finding mentions in a piece of text.
"""
