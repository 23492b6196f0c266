"""What the text around each grid says: title, label, unit, unit/department line, notes.

Budget tables carry their metadata as free text lines around the ruled grid:
the title, a label such as ``表3-1``, ``附表4`` or ``公开01表`` (the forms are
declared in :mod:`analysis.specs`), the ``金额单位：万元`` line and a
``部门：``/``编制单位：`` line, and notes below (``注：``, ``本表为空表``).

The title is the line nearest above the grid that names a table: a label
line, or a line ending in 表; only where none is printed does the largest (or
centred) type above the grid stand for it.  Narrative paragraphs above a table
that starts mid-page are never its title.  Wide tables printed in horizontal parts spread
these over the parts, so each part records what it carries and the stitcher
merges them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ..specs import (
    CONTINUED_RE,
    LABEL_FORMS,
    RUNNING_HEAD_RE,
    SENTENCE_END_RE,
    TABLE_NAME_RE,
    UNKNOWN,
    spec_for_title,
)
from ..text import ENUMERATOR_RE, PAGE_NUMBER_RE, squash
from ..transform.amounts import UNIT_LINE_PATTERN, unit_from_line, unit_from_note
from .reader import Grid, PageContent, TextLine

#: a label (declared per template in :data:`analysis.specs.LABEL_FORMS`) and the title after it
LABEL_RE = re.compile(r"^(?P<label>" + "|".join(LABEL_FORMS) + r")\s*[:：.、]?\s*(?P<rest>.*)$")
ORG_RE = re.compile(r"^(?:编制|预算|填报)?(?:部门|单位)(?:名称)?\s*[:：]")
#: a page number printed on a header line (XX单位2024年部门预算公开 第3页, — 3 —, 3/12, a number apart)
PAGE_MARK_RE = re.compile(
    r"第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|[-－—]\s*\d{1,4}\s*[-－—]|\d{1,4}\s*/\s*\d{1,4}"
    r"|^\s*\d{1,4}\s+|\s+\d{1,4}\s*$"
)
#: a line ending in dot leaders, or a title followed by a page number, is a 目录 entry: no table's label or title
CONTENTS_LINE_RE = re.compile(r"(?:[.．…·]{2,}\s*\d{0,3}|[\u4e00-\u9fff]{2}表\s+\d{1,3})\s*$")
#: a note saying the table is printed empty: 本表为空表, 此表为空, 故该表为空, 本表无数据, 无此项预算 …
EMPTY_NOTE_RE = re.compile(
    r"[本此该]表(?:为|是)?空表?|[本此该]表无(?:数据|内容)|无此(?:项|类)?(?:预算|支出|收支)|本单位无"
)
#: where a table's title is printed: above its grid, in the grid's top row, at the foot of the page
#: before; ``header`` when no title is printed and the header's words name the standard table,
#: ``contents`` when the 目录 gives its label's title, ``project`` when a performance form is named after its
#: 项目名称, ``none`` when nothing names it
TITLE_SOURCES = {
    "above": "printed above the table",
    "grid": "printed in the table's top row",
    "previous page": "printed at the foot of the page before",
    "header": "no title printed: named by its header",
    "project": "no title printed: named after its 项目名称",
    "contents": "no title printed: the 目录's title for its label",
    "none": "no title printed",
}
#: the longest line taken for a title that does not end in 表 (a heading, not a line of a paragraph)
UNNAMED_TITLE_CHARS = 30
#: a clause break inside a line: running text, not a heading
CLAUSE_RE = re.compile(r"[，。；;]")
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
    #: where the title was found (see :data:`TITLE_SOURCES`)
    title_source: str = "above"
    #: the grid is marked as a continuation (续表, 表3（续）, …表（续）): ``title`` and ``label`` are what
    #: the mark names of the table it continues, if anything
    continued: bool = False


def match_label(text: str) -> re.Match | None:
    """The label (and the title after it) a line opens with, matched on its NFKC text with single spaces."""
    return LABEL_RE.match(re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip())


def classify_context(page: PageContent, outside: list[TextLine] | None = None) -> list[GridContext]:
    """One :class:`GridContext` per grid of ``page`` (grids are sorted top down).

    ``outside``: the page's lines outside any grid, when the caller has them already.
    """
    if outside is None:
        outside = page.lines_outside_grids()
    outside = [ln for ln in outside if 0 <= ln.yc <= page.height]
    contexts: list[GridContext] = []
    for index, grid in enumerate(page.grids):
        beside = [g for g in page.grids if g is not grid and side_by_side(g, grid)]
        if beside:
            # grids printed side by side (two tables on a landscape page): each takes the lines printed
            # over its own columns, and its neighbours are the grids above and below those columns
            mine = [ln for ln in outside if _nearest_grid(ln, [grid, *beside]) is grid]
            column = [g for g in page.grids if g is not grid and _overlap(g.bbox, grid.bbox) > 0]
            upper = min((g.bbox[1] for g in column if g.bbox[1] >= grid.bbox[3] - 2), default=page.height + 1)
            lower = max((g.bbox[3] for g in column if g.bbox[3] <= grid.bbox[1] + 2), default=-1)
        else:
            mine = outside
            upper = page.grids[index - 1].bbox[1] if index else page.height + 1
            lower = page.grids[index + 1].bbox[3] if index + 1 < len(page.grids) else -1
        above = [ln for ln in mine if grid.bbox[3] - 2 < ln.yc < upper]
        below = [ln for ln in mine if lower < ln.yc < grid.bbox[1] + 2]
        contexts.append(_context(above, _notes_of(below, last=lower < 0), grid))
    return contexts


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """How far two boxes (x0, y0, x1, y1) overlap horizontally (negative: the gap between them)."""
    return min(a[2], b[2]) - max(a[0], b[0])


def side_by_side(a: Grid, b: Grid) -> bool:
    """Two grids printed beside each other: they share heights on the page and no columns."""
    shared = min(a.bbox[3], b.bbox[3]) - max(a.bbox[1], b.bbox[1])
    return shared > 0 and _overlap(a.bbox, b.bbox) <= 0


def _nearest_grid(line: TextLine, grids: list[Grid]) -> Grid:
    """The grid a line is printed over: the one its extent overlaps most, else the nearest one across."""
    box = (line.x0, line.y0, line.x1, line.y1)
    return max(grids, key=lambda g: _overlap(box, g.bbox))


def opens_table(text: str) -> bool:
    """A line printed above a table that belongs to it: its label, title, unit or 部门 line."""
    squashed = squash(text)
    return bool(
        unit_from_line(text) or ORG_RE.match(squashed) or match_label(text) or TABLE_NAME_RE.search(squashed)
    ) and not EMPTY_NOTE_RE.search(squashed)


def _head_text(text: str) -> str:
    """A line's text without the page number a header line prints, squashed."""
    return squash(PAGE_MARK_RE.sub(" ", unicodedata.normalize("NFKC", text)))


def repeated_lines(pages: list[PageContent]) -> set[str]:
    """The lines outside the grids printed on more than one page (page numbers aside): running heads,
    the document's title, repeated titles."""
    seen: dict[str, set[int]] = {}
    for page in pages:
        for line in page.lines_outside_grids():
            text = _head_text(line.text)
            if text:
                seen.setdefault(text, set()).add(page.number)
    return {text for text, numbers in seen.items() if len(numbers) > 1}


def is_running_head(ctx: GridContext, repeated: set[str]) -> bool:
    """The title found above a grid is a running head, no table's title: it names no standard table
    (no label, not ending in 表, no spec knows it) and repeats on other pages (the document's title
    printed again) or reads as the document's own name (…部门预算, …部门预算公开)."""
    if not ctx.title or ctx.label or ctx.continued or ctx.title_source != "above":
        return False
    title = squash(ctx.title)
    if TABLE_NAME_RE.search(title) or spec_for_title(title) is not UNKNOWN:
        return False
    text = _head_text(ctx.title)
    return text in repeated or bool(RUNNING_HEAD_RE.search(text))


def _notes_of(below: list[TextLine], last: bool = False) -> list[TextLine]:
    """The lines below a grid that are its own (notes), up to where the next table opens.

    A note stating the unit (注：本表金额单位：元) is the grid's; so is a unit line alone under the page's
    last grid (（金额单位：元）) with no table opening after it: no table below it takes it.
    """
    out = []
    lines = sorted(below, key=lambda ln: -ln.yc)
    for k, line in enumerate(lines):
        if opens_table(line.text) and not NOTE_RE.match(squash(line.text)):
            alone = unit_from_line(line.text) and not squash(re.sub(UNIT_LINE_PATTERN, "", line.text)).strip("()（）")
            if not (last and alone and not any(opens_table(ln.text) for ln in lines[k + 1 :])):
                break
        out.append(line)
    return out


def _title_block(lines: list[TextLine], start: int, width: float) -> list[TextLine]:
    """The title line at ``lines[start]`` with the lines it wraps from (just above it, same type size,
    centred on the same axis or starting at the same left edge; a section heading is not one of them)."""
    block = [lines[start]]
    size = lines[start].size
    for line in lines[start + 1 :]:
        if abs(line.size - size) > 0.6 or line.y0 - block[-1].y1 > 1.5 * size:
            break
        aligned = abs(line.xc - block[-1].xc) < 0.08 * width or abs(line.x0 - block[-1].x0) < 2
        squashed = squash(line.text)
        if not aligned or HEADING_RE.match(squashed) or TABLE_NAME_RE.search(squashed) or match_label(line.text):
            break
        block.append(line)
    return block


def _context(above: list[TextLine], below: list[TextLine], grid: Grid) -> GridContext:
    ctx = GridContext()
    candidates: list[TextLine] = []
    titled_units: list[TextLine] = []  # unit lines printed after the title on its line
    labelled: list[tuple[TextLine, str]] = []
    # nearest the grid first
    for line in sorted(above, key=lambda ln: ln.y0):
        text = line.text.strip()
        squashed = squash(text)
        if not squashed or PAGE_NUMBER_RE.match(squashed):
            continue
        unit = unit_from_line(text)
        if unit:
            head = re.split(UNIT_LINE_PATTERN, text)[0].strip()
            if not ctx.unit:
                ctx.unit, ctx.unit_text = unit, text
                if head and ORG_RE.match(squash(head)):
                    ctx.org_line = head
                    continue
            # a title printed with its unit on one line (…支出表（单位：万元）): the title is what precedes it
            head = re.sub(r"[（(\s]+$", "", head)
            if head and TABLE_NAME_RE.search(squash(head)) and not ORG_RE.match(squash(head)):
                candidates.append(replace(line, text=head))
                titled_units.append(line)
            continue
        if ORG_RE.match(squashed):
            ctx.org_line = ctx.org_line or text
            continue
        if NOTE_RE.match(squashed) or EMPTY_NOTE_RE.search(squashed) or unit_from_note(text):
            ctx.notes.append(text)  # a unit stated in a note (金额单位为元) is the table's when no unit line is
            continue
        if CONTENTS_LINE_RE.search(text):
            continue  # an entry of the 目录 (…表……4), no table's label or title
        label = match_label(text)
        if label:
            labelled.append((line, squash(label.group("label")), squash(label.group("rest"))))
            continue
        if SENTENCE_END_RE.search(squashed) and not TABLE_NAME_RE.search(squashed):
            break  # running text above the table (…包括：): the narrative's, as is all above it
        candidates.append(line)
    # a line on the baseline of a unit or 部门 line is no title when it is the 部门 line's value printed as a
    # line of its own; a title centred with its unit printed apart at the right (…表 …… 单位：元) is one
    meta = [
        ln
        for ln in above
        if (unit_from_line(ln.text) or ORG_RE.match(squash(ln.text))) and not any(ln is t for t in titled_units)
    ]
    candidates = [ln for ln in candidates if _beside_meta(ln, [m for m in meta if abs(ln.yc - m.yc) < ln.size / 2])]
    if labelled:
        line, ctx.label, rest = labelled[0]  # the label nearest the grid
        if rest:
            ctx.title, ctx.title_size = rest, line.size
        else:
            # the title printed under the label (between it and the grid), or beside it: the line naming
            # a table nearest the label, else the nearest line; with the lines it wraps from
            under = [ln for ln in candidates if ln.yc < line.yc - line.size / 2]
            near = [ln for ln in candidates if abs(ln.y0 - line.y0) < 4 * line.size]
            named = [ln for ln in under + near if TABLE_NAME_RE.search(squash(ln.text))] or near
            if named:
                best = min(named, key=lambda ln: abs(ln.yc - line.yc))
                block = _title_block(candidates, candidates.index(best), grid.bbox[2] - grid.bbox[0])
                block.sort(key=lambda ln: (-ln.y1, ln.x0))
                ctx.title, ctx.title_size = "".join(ln.text.strip() for ln in block), best.size
    else:
        ctx.title, ctx.title_size = _named_title(candidates, grid, _running_lines(above, grid))
    for line in below:
        squashed = squash(line.text)
        if squashed and not PAGE_NUMBER_RE.match(squashed):
            ctx.notes.append(line.text.strip())
    _continuation_mark(ctx)
    return ctx


def _beside_meta(line: TextLine, meta: list[TextLine]) -> bool:
    """``line`` is a title candidate although printed on the baseline of the unit or 部门 lines ``meta``: it
    names a table or is set larger than them, and none of them is a bare 部门： line (whose value, printed as a
    line of its own, ``line`` would be)."""
    if not meta:
        return True
    if not (TABLE_NAME_RE.search(squash(line.text)) or all(line.size > 1.2 * m.size for m in meta)):
        return False
    return not any(ORG_RE.match(squash(m.text)) and not ORG_RE.sub("", squash(m.text)) for m in meta)


def _continuation_mark(ctx: GridContext) -> None:
    """A title carrying a continuation mark (续表, 续表3, 表3（续）, …表（续）) marks the grid as the
    continuation of a table: the title and label left are those the mark names."""
    title = squash(ctx.title)
    if not CONTINUED_RE.search(title):
        return
    rest = CONTINUED_RE.sub("", title)
    label = match_label(rest) if rest else None
    if label and not ctx.label:
        ctx.label, rest = squash(label.group("label")), squash(label.group("rest"))
    ctx.title, ctx.continued = rest, True


def _running_lines(lines: list[TextLine], grid: Grid) -> list[TextLine]:
    """The lines of the narrative's running text above a grid: lines that end a sentence or run over
    most of the grid's width."""
    width = grid.bbox[2] - grid.bbox[0]
    return [ln for ln in lines if SENTENCE_END_RE.search(squash(ln.text)) or ln.x1 - ln.x0 >= 0.6 * width]


def _at_margin(line: TextLine, running: list[TextLine]) -> bool:
    """A line starting where two other lines of running text start, in their type size: a line of the
    paragraph above a table (the last line of a wrapped sentence), not a title centred over it."""
    same = [ln for ln in running if ln is not line and abs(ln.x0 - line.x0) < 1.5 and abs(ln.size - line.size) < 0.6]
    return len(same) >= 2


def _named_title(candidates: list[TextLine], grid: Grid, running: list[TextLine] = ()) -> tuple[str, float]:
    """The title among the unlabelled lines above a grid (nearest first), and its type size; ``running``:
    the lines of running text above it, whose margin no unnamed title starts at."""
    # a line naming a table (…表), the nearest one to the grid
    for i, line in enumerate(candidates):
        if TABLE_NAME_RE.search(squash(line.text)) and line.size >= grid.text_size * 0.95:
            block = _title_block(candidates, i, grid.bbox[2] - grid.bbox[0])
            block.sort(key=lambda ln: (-ln.y1, ln.x0))
            title = "".join(ln.text.strip() for ln in block)
            return _strip_enumerator(title), line.size
    # none: a title is set larger than the table's text, or centred over it, and printed just above;
    # other lines (clipped text of merged cells spilling over the page, narrative) are not titles
    centre = (grid.bbox[0] + grid.bbox[2]) / 2
    width = grid.bbox[2] - grid.bbox[0]
    near, previous = [], None
    for line in candidates:  # nearest first: stop at the first line far from the one before
        if previous and line.y0 - previous.y1 > 3 * max(line.size, previous.size):
            break
        previous = line
        if not _at_margin(line, running):  # a line of the paragraph above is no title
            near.append(line)
    near = [ln for ln in near if ln.size > grid.text_size * 1.1 or abs(ln.xc - centre) < 0.08 * width]
    # a title not naming a table is a short heading; a long line is a wrapped line of running text
    near = [ln for ln in near if len(squash(ln.text)) <= UNNAMED_TITLE_CHARS and not CLAUSE_RE.search(ln.text)]
    titles = [ln for ln in near if not HEADING_RE.match(squash(ln.text))] or near
    titles = [ln for ln in titles if abs(ln.xc - centre) < 0.08 * width] or titles
    if not titles:
        return "", 0.0
    size = max(ln.size for ln in titles)
    title_lines = [ln for ln in titles if ln.size >= size - 0.6]
    block = [title_lines[0]]
    for line in title_lines[1:]:
        if line.y0 - block[-1].y1 > 1.5 * size:
            break
        block.append(line)
    block.sort(key=lambda ln: (-ln.y1, ln.x0))
    return "".join(ln.text.strip() for ln in block), size


def _strip_enumerator(title: str) -> str:
    """``一、2018年度部门收支预算总表`` → ``2018年度部门收支预算总表`` (the enumerator is the outline's)."""
    return ENUMERATOR_RE.sub("", title.strip()).strip()


def foot_context(previous: PageContent, grid: Grid, ctx: GridContext) -> None:
    """A title or label printed at the foot of the page before belongs to the table opening ``grid``.

    The lines after the previous page's last grid (or its narrative) are read
    as the lines above ``grid`` when one of them opens a table (its label, a
    line naming a table, its unit or 部门 line); what ``grid`` lacks (its title,
    its label) is taken from them.  A title without a label must name a standard
    table: a part heading (二、部门预算表) at the foot of the narrative names none.
    """
    trailing = previous.trailing_lines()
    if not any(opens_table(ln.text) for ln in trailing):
        return
    found = _context(trailing, [], grid)
    named = bool(found.title) and TABLE_NAME_RE.search(squash(found.title)) is not None
    if not found.label and not (named and spec_for_title(found.title) is not UNKNOWN):
        return
    if ctx.label and found.label and ctx.label != found.label:
        return  # another table's label: that table is printed without a grid
    if ctx.title and found.title and squash(ctx.title) != squash(found.title):
        return
    if not ctx.title and found.title:
        ctx.title, ctx.title_size, ctx.title_source = found.title, found.title_size, "previous page"
    ctx.label = ctx.label or found.label
    ctx.unit, ctx.unit_text = ctx.unit or found.unit, ctx.unit_text or found.unit_text
    ctx.org_line = ctx.org_line or found.org_line
    ctx.notes.insert(0, f"{'title' if found.title else 'label'} printed at the foot of page {previous.number}")


def _meta_row(grid: Grid, r: int) -> bool:
    """Row ``r`` prints only a 部门 line and a unit line, each in cells of one row (blank cells between)."""
    cells = dict.fromkeys(grid.region[r][c] for c in range(grid.n_cols))
    if any(grid.region_extent(*c)[1] != r for c in cells):
        return False
    texts = [squash(grid.region_text(*c)) for c in cells]
    texts = [t for t in texts if t]
    return any(unit_from_line(t) for t in texts) and all(unit_from_line(t) or ORG_RE.match(t) for t in texts)


def footnote_context(grid: Grid, ctx: GridContext) -> Grid:
    """A note printed inside the grid's bottom rows (``注：…``, ``说明：…``, as sheets printed with their notes in
    the ruled area have it): read as the table's note, and the grid returned without those rows.  A note's
    figures are the note's, no row of the table.

    A note row's cells begin and end with the row (none merged down into it) and print, from the first column,
    the note — in one cell merged across the table, or its label (``注：``) in a cell of its own and its text in
    the next, blank cells beside."""
    notes = 0
    while notes < grid.n_rows - 1:
        text, first = _note_row(grid, grid.n_rows - notes - 1)
        if not text:
            break
        ctx.notes.insert(0, text)
        notes = grid.n_rows - first
    return grid.row_slice(0, grid.n_rows - notes) if notes else grid


def _note_row(grid: Grid, last: int) -> tuple[str, int]:
    """The note printed in the row(s) of the grid ending at row ``last``, and their first row; ``""`` when they
    print none."""
    first = grid.region_extent(last, 0)[0]
    if first == 0:
        return "", first
    anchors = list(dict.fromkeys(grid.region[r][c] for r in range(first, last + 1) for c in range(grid.n_cols)))
    for anchor in anchors:
        top, bottom, _, _ = grid.region_extent(*anchor)
        if top != first or bottom != last:
            return "", first
    printed = [grid.region_text(*a).strip() for a in sorted(anchors, key=lambda a: a[1])]
    printed = [t for t in printed if t]
    if not printed or grid.region_text(first, 0).strip() != printed[0] or len(printed) > 2:
        return "", first
    if len(printed) == 2 and len(squash(printed[0])) > 3:  # two cells of their own: a label (注：) and its text
        return "", first
    text = "".join(printed)
    return (text, first) if NOTE_RE.match(squash(text)) else ("", first)


def banner_context(grid: Grid, ctx: GridContext) -> Grid:
    """A title, unit or 部门 line printed inside the grid's top rows (a cell merged across the whole
    table, as sheets printed with their title in the ruled area have it): read as the table's context,
    and the grid returned without those rows."""
    banners = 0
    for r in range(grid.n_rows - 1):
        anchors = {grid.region[r][c] for c in range(grid.n_cols)}
        text = grid.region_text(r, 0) if len(anchors) == 1 else ""
        if not text and _meta_row(grid, r):
            # the 部门 line and the unit line side by side in cells of their own (部门：… | 单位：万元)
            for c in dict.fromkeys(grid.region[r][c] for c in range(grid.n_cols)):
                cell = grid.region_text(*c)
                if unit_from_line(cell):
                    ctx.unit, ctx.unit_text = ctx.unit or unit_from_line(cell), ctx.unit_text or cell.strip()
                elif cell.strip():
                    ctx.org_line = ctx.org_line or cell.strip()
            banners = r + 1
            continue
        if not text or grid.region_extent(r, 0)[1] != r or not opens_table(text):
            break
        unit = unit_from_line(text)
        label = match_label(text)
        if unit:
            ctx.unit, ctx.unit_text = ctx.unit or unit, ctx.unit_text or text.strip()
        elif ORG_RE.match(squash(text)):
            ctx.org_line = ctx.org_line or text.strip()
        elif label and not ctx.label:
            ctx.label = squash(label.group("label"))
            if not ctx.title and squash(label.group("rest")):
                ctx.title, ctx.title_source = squash(label.group("rest")), "grid"
        elif not ctx.title:
            ctx.title, ctx.title_source = _strip_enumerator(squash(text)), "grid"
        banners = r + 1
    return grid.row_slice(banners, grid.n_rows) if banners else grid
