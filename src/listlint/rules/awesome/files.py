"""What the README says about files beside it: no License section (LL604), a contributing.md
(LL605), a code of conduct that names its contact (LL616)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from listlint.model import Diagnostic
from listlint.registry import Context, rule
from listlint.rules.awesome.pieces import first_line


# -- LL604 ----------------------------------------------------------------------------------
@rule("LL604", "license-section", severity="error", default=False,
      summary='No "License" section in the README: the license belongs in a LICENSE file.')
def license_section(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Reports a heading named "License" or "Licence".

    ## Why is this bad?
    sindresorhus/awesome asks for the license in a `LICENSE` file, where GitHub detects it,
    and not as a section that readers of the list scroll past.

    ## Example
    ```markdown
    ## License
    CC0
    ```
    Use instead: a `LICENSE` file next to the README.

    ## Fix safety
    No fix: moving the text into a LICENSE file is for a human.
    """
    for s in ctx.doc.sections:
        if s.title.strip(" :").casefold() in ("license", "licence"):
            yield ctx.at(s.span, f"'{s.title}' section: move the license to a LICENSE file "
                                 f"and remove the section")


# -- LL605 ----------------------------------------------------------------------------------
@rule("LL605", "contributing-file", severity="error", default=False, needs=("repo_files",),
      summary="A non-empty contributing.md next to the README.")
def contributing_file(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    Looks for `contributing.md` (any letter case) next to the checked file or in `.github/`,
    and checks that it is not empty. Nothing is reported when the text does not come from a
    file.

    ## Why is this bad?
    Awesome lists grow through pull requests; contributors need to know the rules for
    adding an entry.

    ## Example
    A README with no `CONTRIBUTING.md` beside it.

    ## Fix safety
    No fix.
    """
    files = ctx.inputs.repo_files
    if files is None:
        return
    found = files.contributing
    if found is None:
        yield ctx.at(first_line(ctx.doc), "missing contributing.md next to the list: add one "
                                           "that says how to propose an entry")
    elif not found.text.strip():
        yield ctx.at(first_line(ctx.doc), f"{found.name} is empty: say how to propose an entry")


# -- LL616 ----------------------------------------------------------------------------------
# the Contributor Covenant's placeholders, left in when the text is copied unchanged
_COC_PLACEHOLDER = re.compile(r"\[INSERT (?:EMAIL ADDRESS|CONTACT METHOD)\]", re.I)
_COC_TEMPLATE_EMAIL = "sindresorhus@gmail.com"  # the address of the copy awesome lists start from


@rule("LL616", "code-of-conduct", severity="error", default=False, needs=("repo_files",),
      summary="The code of conduct next to the README is not empty and names your contact.")
def code_of_conduct(ctx: Context) -> Iterator[Diagnostic]:
    """
    ## What it does
    When there is a `code-of-conduct.md` (or `code_of_conduct.md`, any letter case, also in
    `.github/`) next to the checked file, checks that it is not empty, that the Contributor
    Covenant's placeholder (`[INSERT EMAIL ADDRESS]`, `[INSERT CONTACT METHOD]`) was
    replaced, and that it does not still give sindresorhus's e-mail address (copied from
    sindresorhus/awesome) in a repository of someone else. A list without a code of conduct
    is fine. Nothing is reported when the text does not come from a file.

    ## Why is this bad?
    A code of conduct whose contact is a placeholder, or someone else, leaves people with
    nobody to report to.

    ## Example
    ```markdown
    reported by contacting the project team at [INSERT EMAIL ADDRESS].
    ```

    ## Fix safety
    No fix: only you know your address.
    """
    files = ctx.inputs.repo_files
    if files is None or files.code_of_conduct is None:
        return
    name, text = files.code_of_conduct.name, files.code_of_conduct.text
    where = first_line(ctx.doc)
    if not text.strip():
        yield ctx.at(where, f"{name} is empty: add the code of conduct or remove the file")
        return
    m = _COC_PLACEHOLDER.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        yield ctx.at(where, f"{name} line {line} still has the placeholder '{m.group()}': "
                            f"write the address people should report to")
        return
    k = text.find(_COC_TEMPLATE_EMAIL)
    if k != -1 and files.remote_owner != "sindresorhus":
        line = text.count("\n", 0, k) + 1
        yield ctx.at(where, f"{name} line {line} gives {_COC_TEMPLATE_EMAIL}, the address of "
                            f"the copied template: write your own")
