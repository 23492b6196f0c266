"""What the text around each grid says: title, label, unit, unit/department line, notes.

Budget tables carry their metadata as free text lines around the ruled grid:
the title (largest type above the grid), a label such as ``表3-1`` or ``附表4``,
the ``金额单位：万元`` line and a ``部门：``/``编制单位：`` line, and notes below
(``注：``, ``本表为空表``).  Wide tables printed in horizontal parts spread
these over the parts, so each part records what it carries and the stitcher
merges them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..transform.amounts import unit_from_line
from .reader import Grid, PageContent, TextLine
from .text import squash

LABEL_RE = re.compile(
    r"^(?P<label>(?:附表|表)\s*[0-9０-９一二三四五六七八九十]+(?:\s*[-－—–]\s*[0-9０-９]+)*"
    r"(?:\s*[（(]\s*[0-9０-９]+\s*[)）])?)\s*[:：.、]?\s*(?P<rest>.*)$"
)
ORG_RE = re.compile(r"^(?:编制|预算|填报)?(?:部门|单位)(?:名称)?\s*[:：]")
PAGE_NUMBER_RE = re.compile(r"^[-－—\s]*(?:第\s*)?\d{1,3}(?:\s*页)?[-－—\s]*$|^\d+\s*/\s*\d+$")
EMPTY_NOTE_RE = re.compile(r"本表(?:为)?空表|本表无数据|无此(?:项|类)?(?:预算|支出|收支)|本单位无")
HEADING_RE = re.compile(r"^[（(]?[一二三四五六七八九十]+[)）、]")
NOTE_RE = re.compile(r"^(?:注|备注|说明)\s*[:：\d]")


@dataclass
class GridContext:
    """Metadata lines printed around one grid."""

    title: str = ""
    title_size: float = 0.0
    label: str = ""
    unit: str | None = None
    unit_text: str = ""
    org_line: str = ""
    notes: list[str] = field(default_factory=list)


def _is_label(text: str) -> re.Match | None:
    return LABEL_RE.match(squash(text))


def classify_context(page: PageContent, outside: list[TextLine] | None = None) -> list[GridContext]:
    """One :class:`GridContext` per grid of ``page`` (grids are sorted top down).

    ``outside``: the page's lines outside any grid, when the caller has them already.
    """
    if outside is None:
        outside = page.lines_outside_grids()
    outside = [ln for ln in outside if 0 <= ln.yc <= page.height]
    contexts: list[GridContext] = []
    for index, grid in enumerate(page.grids):
        upper = page.grids[index - 1].bbox[1] if index else page.height + 1
        above = [ln for ln in outside if grid.bbox[3] - 2 < ln.yc < upper]
        lower = page.grids[index + 1].bbox[3] if index + 1 < len(page.grids) else -1
        below = [ln for ln in outside if lower < ln.yc < grid.bbox[1] + 2]
        contexts.append(_context(above, below, grid))
    return contexts


def _context(above: list[TextLine], below: list[TextLine], grid: Grid) -> GridContext:
    ctx = GridContext()
    candidates: list[TextLine] = []
    for line in above:
        text = line.text.strip()
        squashed = squash(text)
        if not squashed or PAGE_NUMBER_RE.match(squashed):
            continue
        unit = unit_from_line(text)
        if unit:
            ctx.unit, ctx.unit_text = unit, text
            head = re.split(r"(?:金额)?单\s*位\s*[:：]\s*(?:亿元|万元|元|人|个|辆)", text)[0].strip()
            if head and ORG_RE.match(squash(head)):
                ctx.org_line = head
            continue
        if ORG_RE.match(squashed):
            ctx.org_line = text
            continue
        label = _is_label(text)
        if label:
            ctx.label = squash(label.group("label"))
            rest = label.group("rest").strip()
            if rest:
                candidates.append(TextLine(line.x0, line.y0, line.x1, line.y1, line.size, rest))
            continue
        if NOTE_RE.match(squashed) or EMPTY_NOTE_RE.search(squashed):
            ctx.notes.append(text)
            continue
        candidates.append(line)
    # a title is set larger than the table's text, or centred over it; other
    # lines (clipped text of merged cells spilling over the page) are not titles
    centre = (grid.bbox[0] + grid.bbox[2]) / 2
    width = grid.bbox[2] - grid.bbox[0]
    candidates = [ln for ln in candidates if ln.size > grid.text_size * 1.1 or abs(ln.xc - centre) < 0.08 * width]
    # section headings of the document (五、…, （一）…) printed above a table are not its title
    titles = [ln for ln in candidates if not HEADING_RE.match(squash(ln.text))] or candidates
    # and where a centred title exists, a left-aligned line (a wrapped heading) is not part of it
    titles = [ln for ln in titles if abs(ln.xc - centre) < 0.08 * width] or titles
    if titles:
        size = max(ln.size for ln in titles)
        title_lines = [ln for ln in titles if ln.size >= size - 0.6]
        # keep the block of title-sized lines nearest the grid (a title may wrap)
        title_lines.sort(key=lambda ln: ln.y0)
        block = [title_lines[0]]
        for line in title_lines[1:]:
            if line.y0 - block[-1].y1 > 1.5 * size:
                break
            block.append(line)
        block.sort(key=lambda ln: (-ln.y1, ln.x0))
        ctx.title = "".join(ln.text.strip() for ln in block)
        ctx.title_size = size
    for line in below:
        squashed = squash(line.text)
        if squashed and not PAGE_NUMBER_RE.match(squashed):
            ctx.notes.append(line.text.strip())
    return ctx
