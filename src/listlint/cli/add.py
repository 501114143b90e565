"""``add``: new entries for URLs, in the list's own notation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from listlint.cli.errors import UserError, handle_errors
from listlint.cli.options import STDIN


@click.command("add")
@click.argument("urls", nargs=-1)
@click.option("--file", "path", default="README.md", show_default=True, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=str), help="The list to add to.")
@click.option("--from", "from_file", default=None, metavar="FILE",
              type=click.Path(dir_okay=False, path_type=str),
              help="Read more URLs from FILE, one per line (# comments; '-' for stdin).")
@click.option("--section", default="", metavar="NAME",
              help="Section heading (case, emoji, punctuation aside) or #anchor.")
@click.option("--title", default="", metavar="T", help="Title (wins over the metadata).")
@click.option("--description", default="", metavar="D", help="Description (wins over the metadata).")
@click.option("--venue", default="", metavar="V", help="Venue, e.g. \"OSDI'24\" (wins over the metadata).")
@click.option("--diff", "show_diff", is_flag=True, help="Show the change; write nothing.")
@click.option("--yes", "-y", is_flag=True, help="Use the proposed section without asking.")
@click.option("--force", is_flag=True, help="Add even if the link or title is already listed.")
@click.option("--offline", is_flag=True, help="Ask no service; work from the options alone.")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the metadata cache.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, help="Use this configuration file instead of searching for one.")
@handle_errors
def add_cmd(urls: tuple[str, ...], path: str, from_file: str | None, section: str, title: str,
            description: str, venue: str, show_diff: bool, yes: bool, force: bool, offline: bool,
            no_cache: bool, config_path: Path | None) -> None:
    """Add entries for URLs, written the way the list writes them, in the right place.

    Title, description, venue and year come from the URL (arXiv, Crossref for DOIs,
    OpenReview, the GitHub API, any page's title) unless --offline; options win. Without
    --section the best-matching section is proposed (used with --yes, asked on a terminal).
    A link or title already in the list is refused (exit 1) unless --force. The file is
    written atomically, after checking every entry survived.

    \b
    Examples:
      listlint add https://arxiv.org/abs/2309.06180 --section "Serving"
      listlint add https://github.com/sindresorhus/got --yes --diff
      listlint add 10.1145/3600006.3613165 --venue "SOSP'23" --file papers.md
    """
    from listlint.add.run import AddOptions, run_add

    targets = list(urls)
    lists = [u for u in urls if u.lower().endswith((".md", ".markdown")) and "://" not in u
             and Path(u).is_file()]
    if lists:  # `listlint add URL README.md`: the list given where a URL goes
        raise UserError(f"{lists[0]} is a file, not a URL: name the list with "
                        f"--file {lists[0]}")
    if from_file:
        targets.extend(_urls_from(from_file))
    if not targets:
        raise UserError("give at least one URL (or --from FILE)")
    if len(targets) > 1 and (title or description):
        raise UserError("--title and --description apply to one URL; give one URL per call")
    opts = AddOptions(path=path, section=section, title=title, description=description,
                      venue=venue, diff=show_diff, force=force, offline=offline,
                      cache=not no_cache, config=config_path,
                      confirm="yes" if yes else ("ask" if sys.stdin.isatty() and
                                                 sys.stderr.isatty() else "no"))
    sys.exit(run_add(targets, opts))


def _urls_from(path: str) -> list[str]:
    from listlint.source import read_regular, read_stream

    try:  # bounded standard input, a regular file only: never a read without end
        raw = read_stream(sys.stdin.buffer) if path == STDIN else read_regular(path)[0]
        data = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: cannot read URLs ({exc})") from None
    return [line.strip() for line in data.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]
