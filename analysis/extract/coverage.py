"""What is printed but was not read: every page's table evidence against the tables read.

Read from the page text alone (:mod:`.evidence`), never from the grids that
were found, so a table no reader saw is reported instead of passing for
narrative:

* amounts laid out in columns outside every grid of the page (a table, or part
  of one, that no reader accounted for);
* amounts printed inside the grid of a table that was read as printed empty
  (its labels unread, say): the grid was found, its figures were not;
* a page that prints a table's label (``表3``, ``公开05表``) or a unit line
  (``单位：万元``) and from which no table was read;
* amounts drawn outside the page's visible area (not printed, so not read);
* a page whose text cannot be read (:mod:`.legibility`): glyphs without characters, or a picture of a
  page (an image with little text on it, drawings without text);
* amounts printed in the cells of a key–value form (绩效目标表) that no fund row or indicator read
  (:func:`unread_form_amounts`, reported with the form's table).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..model import Problem
from ..specs import TABLE_NAME_RE
from ..text import squash
from .evidence import UNIT_LINE_RE, amount_lines, inside, prints_amounts, unread_amounts
from .legibility import PICTURE_COVER
from .pages import CONTENTS_LINE_RE, match_label
from .reader import PageContent


def _label_lines(lines) -> list[str]:
    """Lines printing a table's label (with the title after it, if any) — not a sentence that begins
    with one (``预算公开06表“财政拨款基本支出预算表”中…``), not a 目录 entry."""
    out = []
    for line in lines:
        text = line.text.strip()
        match = match_label(text)
        if not match or CONTENTS_LINE_RE.search(text) or len(squash(text)) > 60:
            continue
        rest = squash(match.group("rest"))
        if not rest or TABLE_NAME_RE.search(rest):
            out.append(text)
    return out


def coverage_problems(
    pages: list[PageContent],
    table_pages: set[int],
    path: Path,
    contents: set[int] = frozenset(),
    empty_grids: dict[int, str] | None = None,
) -> list[Problem]:
    """One problem per page that prints a table (or part of one) that was not read.

    ``contents``: the pages of the 目录, whose entries name tables without printing them.
    ``empty_grids``: ``id`` of each grid of a table read as printed empty → that table's name.
    """
    empty_grids = empty_grids or {}
    problems = []

    def problem(kind: str, page: PageContent, reason: str, table: str = "", text: str = "") -> None:
        problems.append(Problem(kind, path.name, page.number, table, None, "", text, reason))

    for page in pages:
        if page.number in contents:
            continue
        if page.damage:
            problem("illegible", page, f"the page's content is damaged ({page.damage}): what it prints is read in part")
        legible = page.legibility
        if page.has_images and not page.lines and legible.image_cover < PICTURE_COVER:
            problem(
                "coverage", page, "the page holds an image and no text (a scan?): a table printed on it is not read"
            )
            continue
        if legible.mis_mapped or legible.is_picture(bool(page.lines)):
            problem("illegible", page, f"{legible.describe()}: a table printed on it is not read")
            continue
        if page.watermark:
            reason = "text drawn over the page's text, large or at an angle to it, is a watermark: not read"
            problem("watermark", page, reason, text=page.watermark)
        if page.hidden_amounts:
            problem(
                "hidden",
                page,
                f"{page.hidden_amounts} amounts drawn outside the page's visible area are not read (not printed)",
            )
        for grid in page.grids:
            if id(grid) in empty_grids:
                printed = [ln for ln in amount_lines(page.lines) if inside(ln, grid.bbox)]
                if printed:
                    reason = f"{len(printed)} amounts printed in a table read as printed empty: not extracted"
                    problem("coverage", page, reason, empty_grids[id(grid)], printed[0].text.strip())
        loose = unread_amounts(page.lines, [g.bbox for g in page.grids])
        outside = page.lines_outside_grids()
        labels = _label_lines(outside)
        table = labels[0] if labels else ""
        if loose:
            reason = f"{len(loose)} amounts laid out in columns outside every table read: not extracted"
            problem("coverage", page, reason, table, loose[0].text.strip())
            continue
        if page.number in table_pages:
            continue
        units = [ln.text.strip() for ln in outside if UNIT_LINE_RE.search(squash(ln.text))]
        if labels or units:
            signs = ([f"label {labels[0]!r}"] if labels else []) + ([f"unit line {units[0]!r}"] if units else [])
            problem(
                "coverage", page, f"the page prints a table ({', '.join(signs)}) from which nothing was read", table
            )
    return problems


#: the unread amounts a form's problem quotes, at most
QUOTED_AMOUNTS = 5


def unread_form_amounts(cells: Iterable, read: set) -> list[tuple[int, str]]:
    """(page, reason) for each page of a key–value form printing amounts in cells no reading took.

    ``cells``: the form's cells (``text``, ``page``, ``box``: each merged region once, where it is printed);
    ``read``: the (page, box) of the cells read into a fund row or an indicator.  An amount is what
    :func:`.evidence.prints_amounts` counts (amounts alone, or after their names), never a target, a date or
    a count.
    """
    unread: dict[int, list[str]] = {}
    for cell in cells:
        if cell.text and (cell.page, cell.box) not in read and prints_amounts(cell.text):
            unread.setdefault(cell.page, []).append(squash(cell.text))
    out = []
    for page, texts in unread.items():
        quoted = "; ".join(texts[:QUOTED_AMOUNTS]) + ("; …" if len(texts) > QUOTED_AMOUNTS else "")
        reason = f"{len(texts)} amounts printed in the form that no fund row or indicator reads: not extracted"
        out.append((page, f"{reason} ({quoted})"))
    return out
