"""Everything that talks to the network, and its disk caches.

- :mod:`.http`: the link checker (HEAD/GET, redirects, retries, verdicts) on one client;
- :mod:`.client`: that client (urllib3 directly: pools, proxies, cookies, one SSL context);
- :mod:`.deadline`: total deadlines per request, for every connection listlint opens;
- :mod:`.session`: ``requests`` sessions under those deadlines, and the one
  :func:`~.session.fetch` of the API clients;
- :mod:`.limiter`: per-host politeness (in-flight limit, spacing, ``Retry-After``);
- :mod:`.service`: a paced client of one API (venue look-ups, ``listlint add``);
- :mod:`.lookup`, :mod:`.github`: venue look-ups and a repository's GitHub facts;
- :mod:`.run`: one link pass over files, with the cache of :mod:`.cache`;
- :mod:`.store`: the cache folder (platformdirs), its files and content-keyed stores;
- :mod:`.jsoncache`: one small JSON cache file (the link cache, the look-up caches);
- :mod:`.verdict`: what a link check found (the LL4xx rules read it).

Only :mod:`.verdict`, :mod:`.store` and :mod:`.jsoncache` are imported by offline code; the
modules that import urllib3 or ``requests`` are loaded only by ``listlint links``,
``check --online``, ``venues --lookup`` and ``add`` (the link checker never loads
``requests``).
"""
