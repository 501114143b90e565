"""What the venue rules share for one document: the settings, the venue table, the venues of
every entry and the list's own notation, found once (the run's memo) and only when the list
uses venues."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from listlint.registry import Context
from listlint.rules.venues.entries import (
    EntryVenues,
    doc_venues_cached,
    loose_mentions,
    uses_venues,
)
from listlint.rules.venues.notation import FileNotation, file_notation
from listlint.rules.venues.settings import VenueSettings, venue_settings
from listlint.venue.mention import Venue
from listlint.venue.table import VenueTable


@dataclass(frozen=True, slots=True)
class VenueState:
    """The venues of one document that uses them, as every venue rule reads them."""

    settings: VenueSettings
    table: VenueTable
    found: list[EntryVenues]
    notation: FileNotation
    loose: list[Venue]  # mentions in list items that are not entries

    def mentions(self) -> Iterator[Venue]:
        """Every venue mention in the text, of entries and of other list items."""
        for ev in self.found:
            yield from ev.mentions
        yield from self.loose


def venue_state(ctx: Context) -> VenueState | None:
    """The venues of the document, or None when the list does not use venues."""
    return ctx.memo.get("venues.state", lambda: _find_state(ctx), ctx.doc)


def _find_state(ctx: Context) -> VenueState | None:
    settings = venue_settings(ctx.config)
    if ctx.inputs.venue_force:  # listlint venues --write
        import dataclasses

        settings = dataclasses.replace(settings, enabled="on")
    state = None
    if settings.enabled != "off":
        table = settings.table
        found = doc_venues_cached(ctx.doc, ctx.memo, table)
        if uses_venues(found, settings):
            state = VenueState(settings, table, found, file_notation(ctx.doc, found),
                               loose_mentions(ctx.doc, table))
    return state


def replacement(v: Venue, text: str) -> str:
    """``text`` to write in place of (part of) ``v``: URL-encoded when ``v`` is in a badge."""
    if v.notation == "badge":
        return text.replace(" ", "%20").replace("&", "%26")
    return text
