"""Grids of consecutive pages joined into whole tables.

Two kinds of continuation occur in budget PDFs:

* horizontal parts: a wide table printed over several pages side by side
  (Excel's page order "down, then over"): the later parts carry no row labels
  and their body rows sit at the same heights as the first part's — or, printed
  under other lines or in rows of other heights, they are as many, matched in
  order; or they repeat the rows' codes and names;
* vertical continuation: a long table goes on over the next page, with its
  header rows repeated or not, in the same columns.

Only geometry and printed text decide; page numbers and figures never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from ..text import PAGE_NUMBER_RE, squash
from ..transform.amounts import BLANKS, completed_amount, is_amount_text, normalise_number_text, split_unit
from ..transform.codes import completed_code, is_code_column
from .evidence import inside
from .forms import is_form
from .grid import BODY_START_RE, column_paths, header_cells, header_height, own_text
from .pages import (
    EMPTY_NOTE_RE,
    ORG_RE,
    GridContext,
    banner_context,
    classify_context,
    foot_context,
    footnote_context,
    is_running_head,
    match_label,
    repeated_lines,
    side_by_side,
)
from .reader import NEARER, Grid, PageContent, TextLine

#: points of tolerance when comparing row heights and column borders across pages
GEOMETRY_TOL = 2.5


@dataclass
class Part:
    """One grid and what is printed around it."""

    grid: Grid
    ctx: GridContext
    first_on_page: bool
    last_on_page: bool
    header: int = 0
    #: for a continuation: the base part's column of each of this grid's columns
    col_map: list[int] | None = None
    #: and the last base column each one spans (类|款|项 printed as one cell, a label merged across)
    col_ends: list[int] | None = None
    #: text lines of the page outside any grid (for columns left unruled)
    loose_lines: list = field(default_factory=list, repr=False)
    #: text lines of the page printed inside the grid (where a grid read without rulings prints its amounts)
    lines: list[TextLine] = field(default_factory=list, repr=False)
    base_cols: list[tuple[float, float]] | None = None
    #: for a horizontal part repeating the row labels (codes, names): its row for each body row of its
    #: band's first part (``None``: not printed on it), and its columns joined to the table (its amounts)
    row_of: list[int | None] | None = None
    joined_cols: list[int] | None = None
    #: a key–value form (see :mod:`.forms`), read row by row
    form: bool = False
    #: the title found above the grid is a running head (the document's name), no table's title
    running_head: bool = False
    #: a horizontal part printing amounts only whose body rows are matched to its band's in order (not by
    #: height): its header rows are matched to the band's by depth too
    by_order: bool = False
    #: why the grid, looking like a horizontal part of the table before it, could not be joined to it
    problem: str = ""
    #: the width of the page the grid is printed on
    page_width: float = 0.0

    @property
    def body_rows(self) -> range:
        return range(self.header, self.grid.n_rows)


@dataclass
class BodyCell:
    text: str  # printed in this cell itself
    fill: str  # text of the merged region the cell lies in
    page: int
    region: tuple  # (page, anchor row, anchor col): identity of the merged region
    touches_top: bool = False
    touches_bottom: bool = False
    #: the text of a cell merged across this one from the left on a continuation page
    span_text: str = ""
    #: where the cell is printed on its page: (x0, y0, x1, y1) in PDF points, y upwards (the
    #: merged region's box for a cell merged over others; ``None`` for a column not ruled on the page)
    box: tuple[float, float, float, float] | None = None


@dataclass
class RawTable:
    """A stitched table: header paths, body cells, and its printed metadata."""

    title: str
    label: str
    unit: str | None
    unit_text: str
    org_line: str
    notes: list[str]
    columns: list[str]
    column_pages: list[int]
    rows: list[list[BodyCell]]
    pages: list[int]
    horizontal_parts: int
    continued_pages: int
    title_size: float = 0.0
    #: where the title was found (:data:`analysis.extract.pages.TITLE_SOURCES`)
    title_source: str = "above"
    parts: list[Part] = field(default_factory=list, repr=False)
    #: ``grid`` (columns under a header) or ``form`` (key–value forms, ``rows`` empty)
    layout: str = "grid"
    #: what could not be stitched, as (page, reason): a grid printing amounts only, with nothing naming
    #: it another table, that does not match the rows of the table before it
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def reader(self) -> str:
        """The reader(s) whose grids make up the table (``lattice-vector``, ``lattice-raster`` …)."""
        readers = dict.fromkeys(p.grid.reader for p in self.parts)
        return "+".join(readers) if readers else "text"


@dataclass
class _Band:
    """Parts printed side by side, sharing their body rows."""

    parts: list[Part]


def build_parts(pages: list[PageContent]) -> list[Part]:
    parts = []
    previous: PageContent | None = None
    repeated = repeated_lines(pages)
    for page in pages:
        outside = page.lines_outside_grids()
        pairs = _reading_order(list(zip(page.grids, classify_context(page, outside), strict=True)))
        for index, (grid, ctx) in enumerate(pairs):
            # a running head found above the grid gives way to a title printed in its top row or at the
            # foot of the page before; the grid keeps it only where nothing else names it
            head = (ctx.title, ctx.title_size) if is_running_head(ctx, repeated) else None
            if head:
                ctx.title, ctx.title_size = "", 0.0
            grid = footnote_context(banner_context(grid, ctx), ctx)
            if index == 0 and previous is not None and not (ctx.title and ctx.label):
                foot_context(previous, grid, ctx)
            part = Part(grid, ctx, first_on_page=index == 0, last_on_page=index == len(page.grids) - 1)
            part.page_width = page.width
            if head and not ctx.title:
                (ctx.title, ctx.title_size), part.running_head = head, True
            part.loose_lines = outside
            part.lines = [ln for ln in page.lines if inside(ln, grid.bbox)]
            part.form = is_form(grid, ctx.title)
            part.header = 0 if part.form else header_height(grid)
            parts.append(part)
        previous = page
    return parts


def _reading_order(pairs: list[tuple[Grid, GridContext]]) -> list[tuple[Grid, GridContext]]:
    """Grids top down, and those printed side by side left to right."""
    out = list(pairs)
    for i in range(1, len(out)):
        j = i
        while j and side_by_side(out[j - 1][0], out[j][0]) and out[j - 1][0].bbox[0] > out[j][0].bbox[0]:
            out[j - 1], out[j] = out[j], out[j - 1]
            j -= 1
    return out


def _body_top(part: Part) -> float:
    rows = part.grid.rows
    return rows[part.header][0] if part.header < len(rows) else rows[-1][1]


def _has_text_labels(part: Part, rows: range) -> bool:
    grid = part.grid
    return any((t := own_text(grid, r, c)) and not is_amount_text(t) for r in rows for c in range(grid.n_cols))


def _aligned_rows(base: Part, part: Part) -> list[int] | None:
    """Rows of ``part`` matching ``base``'s body rows by height, or ``None``."""
    top = _body_top(base)
    rows = [r for r in range(part.grid.n_rows) if part.grid.rows[r][0] <= top + GEOMETRY_TOL]
    base_rows = [base.grid.rows[r] for r in base.body_rows]
    if len(rows) != len(base_rows) or not rows:
        return None
    for r, (btop, bbottom) in zip(rows, base_rows, strict=True):
        ptop, pbottom = part.grid.rows[r]
        if abs(ptop - btop) > GEOMETRY_TOL or abs(pbottom - bbottom) > GEOMETRY_TOL:
            return None
    return rows


def _is_horizontal_part(band: _Band, part: Part) -> bool:
    """``part`` prints more columns of the rows of ``band``: on the next page, under the same label or
    none, its rows at the heights of the band's and printing amounts only — or, repeating the rows' codes
    and names, each row one of the band's, in order (see :func:`_rows_by_labels`) — or, printing amounts
    only at other heights, as many rows as the band's, in order (see :func:`_rows_by_order`)."""
    prev = band.parts[-1]
    part.row_of = part.joined_cols = None
    part.by_order = False
    if not (part.first_on_page and prev.last_on_page and part.grid.page == prev.grid.page + 1):
        return False
    if part.ctx.label and prev.ctx.label and not _part_label(part.ctx.label, prev.ctx.label):
        return False
    if _other_unit([band], part):
        return False
    rows = _aligned_rows(band.parts[0], part)
    if rows is not None and not _has_text_labels(part, range(rows[0], part.grid.n_rows)):
        return True
    if rows is not None and _headed_apart(band.parts[0], part, rows[0]):
        return True
    joined = _rows_by_labels(band, part)
    if joined is not None:
        part.row_of, part.joined_cols = joined
        return True
    ordered = _rows_by_order(band, part)
    if ordered is None:
        return False
    part.row_of, part.by_order = ordered, True
    return True


def _headed_apart(base: Part, part: Part, body: int) -> bool:
    """``part``, its rows at the heights of ``base``'s and under ``base``'s title (or none), prints the other side
    of a two-sided table: ``base``'s leaf headings under another heading over them, not a repeat of ``base``'s
    header — the right-hand columns of a sheet too wide for its page, printed on the next (a 收支总表's 支出 |
    项目 | 预算数 beside its 收入 | 项目 | 预算数), each row beside the row at its height."""
    if body < 1 or base.header < 1:
        return False
    # (on its page under the table's title and label again, or under none: never another table's)
    for mine, theirs in ((part.ctx.title, base.ctx.title), (part.ctx.label, base.ctx.label)):
        if mine and squash(mine) != squash(theirs):
            return False
    own = _header_rows_text(part, body)
    theirs = _header_rows_text(base, base.header)
    # the same leaf headings under another heading over them: the table's other side (收入 | 支出)
    leaves = [t for t in own[-1] if t]
    if not leaves or leaves != [t for t in theirs[-1] if t]:
        return False
    words = {t for row in theirs for t in row if t}
    return not _repeats_header(base, part) and bool({t for row in own for t in row if t} - words)


def _rows_by_order(band: _Band, part: Part) -> list[int] | None:
    """A horizontal part printing amounts only, its rows at other heights than the band's (printed under
    other lines — no label, no title — or in rows drawn taller or shorter): its body rows, one for each of
    the band's body rows in order, when it is :func:`_amounts_part` of the band and prints exactly as many
    body rows as the band's first part; ``None`` otherwise."""
    if not _amounts_part(band, part) or len(part.body_rows) != len(band.parts[0].body_rows):
        return None
    return list(part.body_rows)


def _amounts_part(band: _Band, part: Part) -> bool:
    """``part`` prints more columns for the rows of ``band``, as far as it can tell without its rows: it
    opens the page after the band's last part; nothing printed around it names another table (a title
    other than the band's, a label other than the band's or its next part number, another unit, another
    unit's 部门 line); its header is as deep as the band's first part's and heads only columns the band
    does not print (项目支出 beside 基本支出 — the same columns again are the table going on, or another
    table); and its body prints amounts only (blank marks such as ``-`` aside), while the band's first
    part names its rows (codes, names): a grid of amounts names no rows of its own."""
    base, prev = band.parts[0], band.parts[-1]
    grid = part.grid
    if not (part.first_on_page and prev.last_on_page and grid.page == prev.grid.page + 1):
        return False
    label = next((p.ctx.label for p in band.parts[::-1] if p.ctx.label), "")
    if part.ctx.label and not (label and _part_label(squash(part.ctx.label), squash(label))):
        return False
    titles = {_PART_MARK_RE.sub("", squash(p.ctx.title)) for p in band.parts if not p.running_head} - {""}
    title = "" if part.running_head else _PART_MARK_RE.sub("", squash(part.ctx.title))
    if title and title not in titles:
        return False
    if _other_unit([band], part):
        return False
    org = next((p.ctx.org_line for p in band.parts[::-1] if p.ctx.org_line), "")
    if part.ctx.org_line and _unit_named(part.ctx.org_line) != _unit_named(org):
        return False
    if not base.header or part.header != base.header or part.header >= grid.n_rows:
        return False
    body = part.body_rows
    if any(_names_row(part, r) for r in body) or not any(_names_row(base, r) for r in base.body_rows):
        return False
    if not any(is_amount_text(own_text(grid, r, c)) for r in body for c in range(grid.n_cols)):
        return False
    seen = {path for p in band.parts for path in column_paths(header_cells(p.grid, p.header))}
    paths = column_paths(header_cells(grid, part.header))
    return all(path and path not in seen for path in paths)


def _names_row(part: Part, r: int) -> bool:
    """Row ``r`` of ``part`` prints a name: text that is neither an amount nor a blank mark (``-``, ``—``)."""
    grid = part.grid
    return any(
        (t := own_text(grid, r, c)) and not is_amount_text(t) and normalise_number_text(t) not in BLANKS
        for c in range(grid.n_cols)
    )


#: a part number printed after a table's label: 表3-1(2) is the second part of 表3-1 (labels are squashed)
_PART_NUMBER_RE = re.compile(r"\((\d+)\)$")
#: a part's mark left of its title when the label took only 表3-1 of 表3-1（续2）
_PART_MARK_RE = re.compile(r"^\(续?\d*\)")


def _part_label(label: str, before: str) -> bool:
    """``label`` names the table ``before`` names: the same label, or its label with the next part number
    (表3-1 → 表3-1(2) → 表3-1(3))."""
    if label == before:
        return True
    number = _PART_NUMBER_RE.search(label)
    if not number:
        return False
    stem, previous = label[: number.start()], _PART_NUMBER_RE.search(before)
    if previous:
        return before[: previous.start()] == stem and int(number.group(1)) == int(previous.group(1)) + 1
    return before == stem and number.group(1) == "2"


def _rows_by_labels(band: _Band, part: Part) -> tuple[list[int | None], list[int]] | None:
    """A horizontal part repeating the rows' codes and names (科目编码 | 科目名称 | 项目支出 …): its rows
    matched to the band's rows by what they print, or ``None``.

    The part repeats the band's title (or prints none); its first columns are headed as the band's first
    part's are and hold all its text besides amounts (its codes and names), its other columns are headed
    as no column of the band is (the same columns again are another table, or the table going on); and
    each of its rows prints the codes and names of one of the band's rows, in order.
    """
    base = band.parts[0]
    titles = {_PART_MARK_RE.sub("", squash(p.ctx.title)) for p in band.parts} - {""}
    title = _PART_MARK_RE.sub("", squash(part.ctx.title))
    if title and titles and title not in titles:
        return None
    if not part.header or part.header >= part.grid.n_rows or not base.header:
        return None
    paths = column_paths(header_cells(part.grid, part.header))
    base_paths = column_paths(header_cells(base.grid, base.header))
    width = next((c for c, (a, b) in enumerate(zip(paths, base_paths, strict=False)) if a != b or not a), 0)
    body = range(part.header, part.grid.n_rows)
    named = any(_names(part.grid, r, c) for r in body for c in range(width))
    if not width or not named or any(_names(part.grid, r, c) for r in body for c in range(width, part.grid.n_cols)):
        return None
    seen = {p for q in band.parts for p in column_paths(header_cells(q.grid, q.header))}
    joined = list(range(width, part.grid.n_cols))
    if not joined or any(not paths[c] or paths[c] in seen for c in joined):
        return None
    keys = [_row_key(base.grid, r, width) for r in base.body_rows]
    row_of: list[int | None] = [None] * len(keys)
    i = 0
    for r in body:
        key = _row_key(part.grid, r, width)
        if not any(key):
            return None
        while i < len(keys) and keys[i] != key:
            i += 1
        if i == len(keys):
            return None
        row_of[i], i = r, i + 1
    return row_of, joined


def _names(grid: Grid, r: int, c: int) -> bool:
    """Cell (r, c) prints a name (text that is no amount: a code reads as one)."""
    text = own_text(grid, r, c)
    return bool(text) and not is_amount_text(text)


def _row_key(grid: Grid, r: int, width: int) -> tuple[str, ...]:
    """What a row prints in its first ``width`` columns: its codes and names."""
    return tuple(squash(own_text(grid, r, c)) for c in range(width))


def _header_rows_text(part: Part, upto: int) -> list[list[str]]:
    return [[squash(part.grid.region_text(r, c)) for c in range(part.grid.n_cols)] for r in range(upto)]


def _column_map(base: Grid, grid: Grid) -> list[int] | None:
    """Base column of each column of ``grid`` (same borders), or ``None``.

    A continuation may lack a column whose merged cell spans the whole page
    (no ruled line crosses it), so a subset of the base columns is accepted.
    """
    mapping = []
    tol = GEOMETRY_TOL * 2
    for x0, x1 in grid.cols:
        # a column may also span several base columns (类|款|项 printed as one code cell)
        starts = [j for j, (b0, _) in enumerate(base.cols) if abs(x0 - b0) <= tol]
        ends = [j for j, (_, b1) in enumerate(base.cols) if abs(x1 - b1) <= tol]
        if not starts or not ends or ends[0] < starts[0]:
            return None
        mapping.append(starts[0])
    if mapping != sorted(set(mapping)) or len(mapping) * 2 < base.n_cols:
        return None
    return mapping


def _column_spans(base: Grid, grid: Grid, mapping: list[int]) -> list[int]:
    """For each column of ``grid``, the last base column it spans (a cell merged across base columns)."""
    tol = GEOMETRY_TOL * 2
    out = []
    for c, (_, x1) in enumerate(grid.cols):
        ends = [j for j, (_, b1) in enumerate(base.cols) if abs(x1 - b1) <= tol and j >= mapping[c]]
        out.append(ends[0] if ends else mapping[c])
    return out


def _split_on_page(prev: Part, part: Part) -> bool:
    """A grid right under the one before on the same page, with nothing printed over it (no title, label, unit or
    部门 line) and no more than a blank line or two between: one table cut in two (a word processor's table split
    at an empty paragraph, or a row drawn without borders between two ruled blocks)."""
    if part.grid.page != prev.grid.page or part.running_head or part.ctx.continued:
        return False
    if part.ctx.title or part.ctx.label or part.ctx.unit or part.ctx.unit_text or part.ctx.org_line or part.ctx.notes:
        return False
    gap = prev.grid.bbox[1] - part.grid.bbox[3]  # bbox: (x0, y0, x1, y1), y upwards
    size = prev.grid.text_size or 10.0
    return -GEOMETRY_TOL <= gap <= 3.5 * size


def _continues_vertically(bands: list[_Band], part: Part, title: str, label: str) -> bool:
    prev = bands[-1].parts[-1]
    next_page = part.first_on_page and prev.last_on_page and part.grid.page == prev.grid.page + 1
    if not (next_page or _split_on_page(prev, part)):
        return False
    # a running head over the grid (the document's name repeated on every page) is no title: the grid
    # continues the table above as one printed with nothing above it does — unless both open with a total
    running = part.running_head and squash(part.ctx.title) != squash(title)
    if running and _opens_with_total(part) and _opens_with_total(bands[0].parts[0]):
        return False
    own_title = "" if running else part.ctx.title
    if own_title and squash(own_title) != squash(title):
        return False
    if part.ctx.label and part.ctx.label != label and (label or not part.ctx.continued):
        return False  # a 续表3 under a table printed without its label names it
    if _other_unit(bands, part):
        return False
    # the 部门：/单位： line opens a table — unless the page repeats the table's own title, with its
    # label or with the same 部门 line, or repeats the same unit's 部门 line and the header without the
    # title (a table of another unit prints another 部门 line)
    same_title = bool(own_title) and squash(own_title) == squash(title)
    # a page marked 续表 (表3（续）, …表（续）) says it continues the table: it may repeat any line
    repeated = (same_title and bool(label and part.ctx.label == label)) or part.ctx.continued
    base_org = squash(bands[0].parts[0].ctx.org_line)
    # a table whose header alone ends a page goes on with the next page's untitled grid, whatever lines it repeats
    headed_only = len(bands) == 1 and not bands[0].parts[0].body_rows and not (own_title or part.ctx.label)
    if part.ctx.org_line and not (
        repeated
        or headed_only
        or (same_title and squash(part.ctx.org_line) == base_org)
        or _same_unit_continued(bands, part, own_title, label)
    ):
        return False
    # the same title, or none, over its own grand total when the table opened with one: a table of its own
    # (a page marked 续表 says it continues); another title has ended the table above already
    if not repeated and _opens_with_total(part) and _opens_with_total(bands[0].parts[0]):
        return False
    base = bands[0].parts[0]
    part.col_map = _column_map(base.grid, part.grid)
    if part.col_map is not None:
        part.col_ends = _column_spans(base.grid, part.grid, part.col_map)
    elif _unruled(base, part):
        # no ruling draws the columns: their borders are where each page's texts reach, so the amounts place them
        part.col_map = part.col_ends = _amount_column_map(base, part)  # type: ignore[assignment]
    if part.col_map is None:
        return False
    part.base_cols = base.grid.cols
    # a continuation repeats the header or has none; a grid with header-like rows
    # but nothing printed around it (no title, label, unit or 部门 line) continues too
    if part.header == 0 or _repeated_header(base, part) > 0 or repeated:
        return True
    # read without rulings, lines over the first amounts printing names only (a label wrapped at the top of the
    # page) are no header: a page going on with a table without its header has none
    if not (part.ctx.unit or part.ctx.org_line) or headed_only or _names_above_amounts(part):
        part.header = 0
        return True
    return False


def _unruled(base: Part, part: Part) -> bool:
    """Both grids were read without rulings (a 三线表): their column borders are where the texts reach."""
    return base.grid.reader == part.grid.reader == "network"


def _prints_amount(text: str) -> bool:
    """A cell or line printing an amount as budget tables print them: with decimals or thousands separators
    (``1,234.00``, ``12.50万元``) — a bare number may be a code (201, 2010101) or a count."""
    number = split_unit(text.strip())[0]
    return is_amount_text(number) and bool(re.search(r"\d[.,]\d", number))


def _amount_edges(part: Part) -> dict[int, float] | None:
    """For each column of ``part``'s grid printing amounts in its body, where they end: the median right edge
    of its amounts (printed right-aligned); ``None`` when a column's amounts are not found on the page's lines.

    A page's line may run an amount into the words printed next to it (``2,350.00 一、一般公共服务支出``): an
    amount ending a line ends where it does; one opening a line ends its own width further on (see
    :func:`_amount_width`)."""
    grid = part.grid
    rows = part.body_rows
    if not rows:
        return None
    top, bottom = grid.rows[rows[0]][0] + GEOMETRY_TOL, grid.rows[rows[-1]][1] - GEOMETRY_TOL
    lines = [ln for ln in part.lines if bottom <= ln.yc <= top]
    samples = [(ln.text.strip(), ln.x1 - ln.x0) for ln in lines if _prints_amount(ln.text)]
    printed: list[tuple[float, float]] = []  # (centre, right edge) of each amount printed
    for ln in lines:
        words = ln.text.split()
        if not words:
            continue
        if _prints_amount(ln.text):
            printed.append((ln.xc, ln.x1))
            continue
        if _prints_amount(words[-1]):
            width = _amount_width(words[-1], samples, ln.size)
            printed.append((ln.x1 - width / 2, ln.x1))
        if _prints_amount(words[0]):
            width = _amount_width(words[0], samples, ln.size)
            printed.append((ln.x0 + width / 2, ln.x0 + width))
    edges = {}
    for c in range(grid.n_cols):
        if not any(_prints_amount(own_text(grid, r, c)) for r in rows):
            continue
        x0, x1 = grid.cols[c]
        found = sorted(right for centre, right in printed if x0 <= centre <= x1)
        if not found:
            return None
        edges[c] = found[len(found) // 2]
    return edges


def _amount_width(text: str, samples: list[tuple[str, float]], size: float) -> float:
    """How wide ``text``, an amount, is printed: as wide as an amount of the same digits and marks printed alone
    on the page (figures are as wide as each other), or by the widths of a figure and a mark (``,`` ``.``) the
    page's amounts printed alone show — half and a quarter of the type size where it prints none."""

    def shape(t: str) -> tuple[int, int]:
        marks = sum(ch in ",." for ch in t)
        return len(t) - marks, marks

    same = sorted(w for t, w in samples if shape(t) == shape(text))
    if same:
        return same[len(same) // 2]
    figure, mark = size / 2, size / 4
    shapes = [(shape(t), w) for t, w in samples]
    # least squares of width = figures × figure + marks × mark
    aa = sum(f * f for (f, _), _ in shapes)
    ab = sum(f * m for (f, m), _ in shapes)
    bb = sum(m * m for (_, m), _ in shapes)
    aw = sum(f * w for (f, _), w in shapes)
    bw = sum(m * w for (_, m), w in shapes)
    det = aa * bb - ab * ab
    if det > 1e-6:
        figure, mark = (aw * bb - bw * ab) / det, (aa * bw - ab * aw) / det
    elif shapes:
        # one shape only: a mark taken as half a figure
        figure = sum(w for _, w in shapes) / sum(f + m / 2 for (f, m), _ in shapes)
        mark = figure / 2
    figures, marks = shape(text)
    return figures * figure + marks * mark


def _text_columns(part: Part, amounts: set[int] | dict[int, float]) -> list[int]:
    """Columns of ``part``'s grid, other than its amount columns, printing text in its body (names, codes)."""
    grid = part.grid
    return [
        c
        for c in range(grid.n_cols)
        if c not in amounts
        and any(
            (t := own_text(grid, r, c).strip()) and not _prints_amount(t) and normalise_number_text(t) not in BLANKS
            for r in part.body_rows
        )
    ]


def _amount_column_map(base: Part, part: Part) -> list[int | None] | None:
    """Base column of each column of ``part``, for grids read without rulings, or ``None``.

    As many columns print amounts on both pages, and they end where the base's do, in order (amounts are
    right-aligned: their right edges stay where the columns' texts reach differently on each page) — under the
    table's header repeated, or none, fewer may (a column printing no amount on the page is not read at all);
    the columns of names and codes between them go, in order, to the base's between the same amount columns.
    A column printing nothing in the body (a heading alone) has no base column (``None``): the base's header
    names it.
    """
    base_edges, part_edges = _amount_edges(base), _amount_edges(part)
    if not base_edges or not part_edges or len(part_edges) > len(base_edges):
        return None
    if len(part_edges) < len(base_edges) and not (
        part.header == 0 or _names_above_amounts(part) or _repeats_header(base, part)
    ):
        return None  # fewer amount columns under a header of its own: another table
    tol = GEOMETRY_TOL * 2
    pairs: list[tuple[int, int]] = []  # (part column, base column) of each amount column
    for p in sorted(part_edges):
        after = [b for b in sorted(base_edges) if not pairs or b > pairs[-1][1]]
        b = next((b for b in after if abs(part_edges[p] - base_edges[b]) <= tol), None)
        if b is None:
            return None
        pairs.append((p, b))
    mapping: list[int | None] = [None] * part.grid.n_cols
    for p, b in pairs:
        mapping[p] = b
    base_texts, part_texts = _text_columns(base, base_edges), _text_columns(part, part_edges)
    bounds = [(-1, -1), *pairs, (part.grid.n_cols, base.grid.n_cols)]
    for (p0, b0), (p1, b1) in pairwise(bounds):
        names = [c for c in base_texts if b0 < c < b1]
        own = [c for c in part_texts if p0 < c < p1]
        if len(own) > len(names):
            return None
        if len(own) < len(names):
            # fewer columns of names printed on this page: each under the base column it starts nearest
            own_starts = [part.grid.cols[c][0] for c in own]
            names = [min(names, key=lambda b, x=x: abs(base.grid.cols[b][0] - x)) for x in own_starts]
        for p, b in zip(own, names, strict=True):
            mapping[p] = b
    placed = [b for b in mapping if b is not None]
    if placed != sorted(set(placed)) or len(placed) * 2 < base.grid.n_cols:
        return None
    return mapping


def _names_above_amounts(part: Part) -> bool:
    """``part``, read without rulings, prints names only over its first amount row: its header rows print
    nothing over a column of amounts (a label wrapped at the top of a page, no heading)."""
    grid = part.grid
    if grid.reader != "network" or not part.header or part.header >= grid.n_rows:
        return False
    edges = _amount_edges(part)
    if not edges:
        return False
    texts = [(c, own_text(grid, r, c).strip()) for r in range(part.header) for c in range(grid.n_cols)]
    return all(c not in edges and not is_amount_text(t) for c, t in texts if t)


def _other_unit(bands: list[_Band], part: Part) -> bool:
    """The page prints a unit (单位：元) other than the one the table printed: another table, its amounts in
    that unit — never a continuation or a part of the table above, whose unit would be applied to them."""
    unit = next((p.ctx.unit for band in bands for p in band.parts if p.ctx.unit), None)
    return bool(part.ctx.unit and unit and part.ctx.unit != unit)


def _unit_named(org_line: str) -> str:
    """The unit a 部门：/编制单位： line names (its text after the colon), ``""`` for none."""
    return ORG_RE.sub("", squash(org_line), count=1)


def _same_unit_continued(bands: list[_Band], part: Part, own_title: str, label: str) -> bool:
    """A page printing no title, the same unit's 部门 line as the page before and the table's header again
    goes on with the table: only another unit's line, or a page opening with its own grand total, starts
    another table."""
    if own_title or (part.ctx.label and part.ctx.label != label):
        return False
    unit = _unit_named(part.ctx.org_line)
    # the unit named on the table's latest page printing one (the page before, or the pages before it)
    before = next((p.ctx.org_line for band in bands[::-1] for p in band.parts[::-1] if p.ctx.org_line), "")
    if not unit or unit != _unit_named(before):
        return False
    base = bands[0].parts[0]
    if not base.header or not _repeats_header(base, part):
        return False
    return not (_opens_with_total(part) and _opens_with_total(base))


def _opens_with_total(part: Part) -> bool:
    """The part's first body row is a grand total (合计, 总计: printed once, at a table's top or foot)."""
    grid = part.grid
    if part.header >= grid.n_rows:
        return False
    first = next((squash(t) for c in range(grid.n_cols) if (t := own_text(grid, part.header, c))), "")
    return bool(re.match(r"^(?:合计|总计)$", first))


def _continues_form(bands: list[_Band], part: Part) -> bool:
    """A grid after a form, with nothing printed before it, goes on with the form: a 部门/单位 line naming
    the form's unit (or none) is the page's repeated head, not a table of its own."""
    prev = bands[-1].parts[-1]
    if part.form or part.ctx.title or part.ctx.label:
        return False  # a form opening with 项目名称 is the next project's
    if part.ctx.org_line:
        # the same unit's line again, with the form's money unit (or none): the page's head repeated
        if _unit_named(part.ctx.org_line) not in ("", _form_unit(bands)) or _other_unit(bands, part):
            return False
    same_page = part.grid.page == prev.grid.page
    next_page = part.grid.page == prev.grid.page + 1 and part.first_on_page and prev.last_on_page
    return same_page or next_page


#: a form's key naming its unit (部门名称 | 云南省某某厅)
_UNIT_KEY_RE = re.compile(r"^(?:预算|填报)?(?:部门|单位)(?:名称)?[:：]?$")


def _form_unit(bands: list[_Band]) -> str:
    """The unit a form names: on its latest 部门/单位 line, or in the cell after its 部门名称 key."""
    line = next((p.ctx.org_line for band in bands[::-1] for p in band.parts[::-1] if p.ctx.org_line), "")
    if line:
        return _unit_named(line)
    grid = bands[0].parts[0].grid
    for r in range(grid.n_rows):
        for c in range(grid.n_cols - 1):
            if grid.region[r][c] == (r, c) and _UNIT_KEY_RE.match(squash(grid.region_text(r, c))):
                after = grid.region_extent(r, c)[3] + 1
                if after < grid.n_cols:
                    return squash(grid.region_text(r, after))
    return ""


def _repeats_header(base: Part, part: Part) -> bool:
    """``part``'s top rows repeat the whole of ``base``'s header."""
    if _unruled(base, part) and _repeated_words(base, part)[0]:
        return True
    return _repeated_header(base, part) >= base.header


def _repeated_words(base: Part, part: Part) -> tuple[int, dict[tuple[int, int], str]]:
    """For grids read without rulings, how many top rows of ``part`` print all of ``base``'s header words and
    nothing else (each line its own row, as the parser set them: they need not be ``base``'s rows), or 0; and
    the text a cell of the last of them prints after its heading, the cell's word of a column of names: a
    label's line printed under the header read into its last line (``科目名称`` + ``机关事业单位基本养老``)."""
    grid = part.grid
    words = [w for r in range(base.header) for c in range(base.grid.n_cols) if (w := squash(own_text(base.grid, r, c)))]
    if not words:
        return 0, {}
    amounts = _amount_edges(part) or {}
    after: dict[tuple[int, int], str] = {}
    for r in range(grid.n_rows):
        if not words:
            return r, after
        if after:  # words after a heading are the body's: no header row comes after them
            return 0, {}
        for c in range(grid.n_cols):
            text = squash(own_text(grid, r, c))
            if not text:
                continue
            word = max((w for w in words if text.startswith(w)), key=len, default="")
            if not word:
                return 0, {}
            words.remove(word)
            rest = text[len(word) :]
            if rest:
                if c in amounts or is_amount_text(rest) or _prints_amount(rest):
                    return 0, {}
                after[(r, c)] = rest
    return (grid.n_rows, after) if not words else (0, {})


def _continuation_header(base: Part, part: Part) -> int:
    """The header rows of ``part``, continuing ``base``'s table: those repeating its header, none when it is
    not repeated.  Read without rulings, a label's line read into the repeated header's last line is set
    apart, a body line of its own where it is printed (a label line opening the page)."""
    if _unruled(base, part):
        rows, after = _repeated_words(base, part)
        if rows and after:
            part.grid = _line_apart(part, rows, after)
        if rows:
            return rows
    return _repeated_header(base, part)


def _line_apart(part: Part, rows: int, after: dict[tuple[int, int], str]) -> Grid:
    """``part``'s grid with the words after the headings of its header's last row (``rows`` - 1) moved into a
    row of their own under the header, at the height of the text line printing them."""
    grid = part.grid
    texts = [list(row) for row in grid.texts]
    line = [""] * grid.n_cols
    top = bottom = grid.rows[rows - 1][1]
    for (r, c), rest in after.items():
        text = texts[r][c]
        cut = next((i for i in range(len(text), -1, -1) if squash(text[i:]) == rest), None)
        if cut is None:
            continue
        texts[r][c], line[c] = text[:cut].rstrip(), text[cut:].strip()
        x0, x1 = grid.cols[c]
        printed = [ln for ln in part.lines if x0 <= ln.xc <= x1 and squash(ln.text) == rest]
        if printed:
            top, bottom = max(ln.y1 for ln in printed), min(ln.y0 for ln in printed)
    texts.insert(rows, line)
    spans = [*grid.rows[:rows], (top, bottom), *grid.rows[rows:]]
    region = [[(r, c) for c in range(grid.n_cols)] for r in range(len(texts))]
    return replace(grid, rows=spans, texts=texts, region=region)


def _repeated_header(base: Part, part: Part) -> int:
    """How many top rows of ``part`` repeat ``base``'s header rows."""
    if _unruled(base, part):
        rows = _repeated_words(base, part)[0]
        if rows:
            return rows
    header = _header_rows_text(base, base.header)
    candidate = _header_rows_text(part, min(base.header, part.grid.n_rows))
    count = 0
    for a, b in zip(header, candidate, strict=False):
        # text of a merged body cell cut by the page break may be drawn (clipped)
        # inside the repeated header cell: the header text need only be contained
        if len(a) != len(b) or not all(x in y for x, y in zip(a, b, strict=True)):
            break
        count += 1
    return count


def group_parts(parts: list[Part]) -> list[list[_Band]]:
    """Group parts into tables, each a list of bands (vertical pieces)."""
    tables: list[list[_Band]] = []
    titles: list[tuple[str, str]] = []
    for part in parts:
        if tables:
            bands = tables[-1]
            title, label = titles[-1]
            if bands[0].parts[0].form:
                if _continues_form(bands, part):
                    bands.append(_Band([part]))
                    continue
            elif _joins_band(bands, part):
                if part.row_of is None:
                    part.header = (_aligned_rows(bands[-1].parts[0], part) or [0])[0]
                bands[-1].parts.append(part)
                titles[-1] = (title or part.ctx.title, label or part.ctx.label)
                continue
            elif _continues_vertically(bands, part, title, label):
                part.header = _continuation_header(bands[0].parts[0], part)
                if part.running_head and squash(part.ctx.title) != squash(title):
                    part.ctx.title = ""  # the running head over a continuation names no table
                bands.append(_Band([part]))
                continue
        if tables and not tables[-1][0].parts[0].form:
            part.problem = _unmatched_part(tables[-1], part)
        tables.append([_Band([part])])
        titles.append((part.ctx.title, part.ctx.label))
    return tables


def _unmatched_part(bands: list[_Band], part: Part) -> str:
    """Why ``part``, opening a table of its own, may be a horizontal part of the table before it that could
    not be matched (its amounts then name no row): ``""`` when nothing says it is one."""
    band = bands[-1]
    if not _amounts_part(band, part):
        return ""
    base = band.parts[0]
    pages = f"page {base.grid.page}" if len(bands) == 1 else f"pages {bands[0].parts[0].grid.page}–{base.grid.page}"
    if len(part.body_rows) != len(base.body_rows):
        why = f"its {len(part.body_rows)} body rows are not the table's {len(base.body_rows)}"
    else:
        why = "the table's pages before it print no such part"
    return (
        f"a grid printing amounts only, under columns the table on {pages} does not print and no title or label "
        f"of its own, reads as more columns of that table, but {why}: not joined, its amounts name no row"
    )


def _joins_band(bands: list[_Band], part: Part) -> bool:
    """``part`` is a horizontal part of the table's last band (a band of a later page has room for as many
    parts as the first band has); a part not joined forgets the rows and columns matched for it."""
    if _is_horizontal_part(bands[-1], part) and (len(bands) == 1 or _band_has_room(bands, part)):
        return True
    part.row_of = part.joined_cols = None
    part.by_order = False
    return False


def _band_has_room(bands: list[_Band], part: Part) -> bool:
    index = len(bands[-1].parts)
    if index >= len(bands[0].parts):
        return False
    # a part joined by its rows' labels gives the table as many columns as the first band's part did
    return part.joined_cols is None or len(part.joined_cols) == _width(bands[0].parts[index])


def _width(part: Part) -> int:
    """How many columns ``part`` gives its table."""
    return part.grid.n_cols if part.joined_cols is None else len(part.joined_cols)


def _fill_across_parts(band: _Band, cells: list[list[list[tuple[tuple[int, int], str]]]]) -> None:
    """A merged header cell cut by the page edge: give both halves the printed text.

    Excel prints the text of such a cell once, on one of the pages.  An empty
    half takes the text of the adjoining half at the same height, looking at
    the next page first (a cell continuing over the edge), then the previous.
    """
    pairs = list(range(len(band.parts) - 1))
    for direction, order in (("from_right", pairs[::-1]), ("from_left", pairs)):
        for k in order:
            left, right = band.parts[k], band.parts[k + 1]
            lg, rg = left.grid, right.grid
            # parts whose rows were matched in order, not by height: header rows by depth
            by_order = left.by_order or right.by_order
            for r in range(right.header):
                anchor = rg.region[r][0]
                r0, r1, _, _ = rg.region_extent(*anchor)
                top, bottom = rg.rows[r0][0], rg.rows[r1][1]
                for lr in range(left.header):
                    la = lg.region[lr][lg.n_cols - 1]
                    l0, l1, _, _ = lg.region_extent(*la)
                    if by_order:
                        if (l0, l1) != (r0, r1):
                            continue
                    elif abs(lg.rows[l0][0] - top) > GEOMETRY_TOL or abs(lg.rows[l1][1] - bottom) > GEOMETRY_TOL:
                        continue
                    ltext, rtext = _header_text(cells[k], la), _header_text(cells[k + 1], anchor)
                    if direction == "from_right" and rtext and not ltext:
                        _set_header_text(cells[k], la, rtext)
                    elif direction == "from_left" and ltext and not rtext:
                        _set_header_text(cells[k + 1], anchor, ltext)


def _header_text(columns: list[list[tuple[tuple[int, int], str]]], anchor) -> str:
    return next((t for column in columns for a, t in column if a == anchor and t), "")


def _set_header_text(columns: list[list[tuple[tuple[int, int], str]]], anchor, text: str) -> None:
    for column in columns:
        for i, (a, t) in enumerate(column):
            if a == anchor and not t:
                column[i] = (a, text)


def _band_rows(band: _Band, widths: list[int]) -> list[list[BodyCell]]:
    """Body rows of a band, one cell per table column (``widths``: columns per base part)."""
    base = band.parts[0]
    rows: list[list[BodyCell | None]] = [[None] * sum(widths) for _ in base.body_rows]
    for index, part in enumerate(band.parts):
        grid = part.grid
        offset = sum(widths[:index])
        col_map = part.col_map or list(range(grid.n_cols))
        if index == 0:
            body: list[int | None] = list(part.body_rows)
        else:
            body = part.row_of if part.row_of is not None else list(_aligned_rows(base, part) or [])
        joined = part.joined_cols if part.joined_cols is not None else range(grid.n_cols)
        for i, r in enumerate(body):
            if r is None:  # a row the part does not print
                for k in range(len(joined)):
                    rows[i][offset + k] = BodyCell("", "", grid.page, (grid.page, "unprinted", i, k))
                continue
            for k, c in enumerate(joined):
                if part.joined_cols is None and col_map[c] is None:
                    continue  # a column printing a heading only, over no base column (read without rulings)
                anchor = grid.region[r][c]
                r0, r1, c0, c1 = grid.region_extent(r, c)
                from_header = anchor[0] < part.header
                cell = BodyCell(
                    text=own_text(grid, r, c),
                    fill="" if from_header else grid.region_text(r, c),
                    page=grid.page,
                    region=(grid.page, *anchor),
                    touches_top=r0 == part.header,
                    touches_bottom=r1 == grid.n_rows - 1,
                    box=(grid.cols[c0][0], grid.rows[r1][1], grid.cols[c1][1], grid.rows[r0][0])
                    if not from_header
                    else (grid.cols[c][0], grid.rows[r][1], grid.cols[c][1], grid.rows[r][0]),
                )
                rows[i][offset + (k if part.joined_cols is not None else col_map[c])] = cell
                for j in range(col_map[c] + 1, (part.col_ends or col_map)[c] + 1):
                    rows[i][offset + j] = BodyCell(
                        "", "", grid.page, (grid.page, "spanned", c), span_text=cell.fill or cell.text
                    )
    page = base.grid.page
    for j in range(len(rows[0]) if rows else 0):
        if all(row[j] is not None for row in rows):
            continue
        # a column not ruled on this page (a merged cell spanning it): one region
        text = _unruled_text(base, band, widths, j)
        for row in rows:
            if row[j] is None:
                row[j] = BodyCell("", text, page, (page, "unruled", j), True, True)
    return rows  # type: ignore[return-value]


def _unruled_text(base: Part, band: _Band, widths: list[int], j: int) -> str:
    """Text printed inside an unruled column of a continuation page."""
    index, offset = 0, j
    while offset >= widths[index]:
        offset -= widths[index]
        index += 1
    part = band.parts[index] if index < len(band.parts) else base
    if not part.base_cols:
        return ""
    # the column's borders on this page: where the table's columns were first ruled
    x0, x1 = part.base_cols[offset]
    y0, y1 = part.grid.bbox[1], part.grid.bbox[3]
    lines = [ln for ln in part.loose_lines if x0 <= ln.xc <= x1 and y0 <= ln.yc <= y1]
    return "".join(ln.text.strip() for ln in sorted(lines, key=lambda ln: (-ln.y1, ln.x0)))


def _join_regions_across_pages(rows: list[list[BodyCell]], boundaries: list[int], columns: list[str]) -> None:
    """Merged body cells cut by a page break: share their text when one half is blank."""
    if not rows:
        return
    # a cell may span several page breaks: pass forward then backward
    for b in boundaries + boundaries[::-1]:
        if b <= 0 or b >= len(rows):
            continue
        for c in range(min(len(rows[b - 1]), len(rows[b]))):
            above, below = rows[b - 1][c], rows[b][c]
            if not (above.touches_bottom and below.touches_top):
                continue
            # codes are printed on every row: a blank code cell is blank, not merged
            if c < len(columns) and is_code_column(columns[c]):
                continue
            if above.fill and below.fill:
                continue
            if "spanned" in (above.region[1], below.region[1]):
                continue  # a cell merged across from the left is not one continuing over the break
            text = above.fill or below.fill
            if not text:
                continue
            for key in (above.region, below.region):
                for row in rows:
                    cell = row[c] if c < len(row) else None
                    if cell is not None and cell.region == key and not cell.fill:
                        cell.fill = text


def _continues_cell_text(last: list[BodyCell], first: list[BodyCell], columns: list[str]) -> bool:
    """The first row of a page finishing the text of the last row of the page before (a row broken
    across the page: ``十七、国土海洋气象等支`` | ``出``): words only, each under a word of the row
    before, and none that opens a row of its own (an enumerator, a code, 合计)."""
    texts = [(j, c.text) for j, c in enumerate(first) if c.text.strip()]
    if not texts or len(first) != len(last):
        return False
    for j, text in texts:
        word = squash(text)
        # a total word may end a label (当年收入 | 小计); an enumerator or a code opens a row of its own
        if (
            is_amount_text(text)
            or is_code_column(columns[j])
            or (BODY_START_RE.match(word) and not _TOTAL_END.match(word))
        ):
            return False
        if not last[j].text.strip() or is_amount_text(last[j].text) or _TOTAL_END.search(squash(last[j].text)):
            return False
    return True


_TOTAL_END = re.compile(r"(?:合计|小计|总计)$")


OFF_PAGE = (
    "the table's rules run past the edge of the page: the columns printed beyond it are not on the page (a table "
    "wider than the page, cut when printed), not read"
)


def _off_page(part: Part) -> bool:
    """A ruled grid whose rules run more than a point past the page's left or right edge: the page cut the table."""
    x0, _, x1, _ = part.grid.bbox
    return part.grid.reader.startswith("lattice") and part.page_width > 0 and (x0 < -1 or x1 > part.page_width + 1)


REPEATED_ROW = (
    "a row printed again at the top of the page, the same as the last row of the page before (a copy the page "
    "break clips): read once"
)


def _same_row(last: list[BodyCell], first: list[BodyCell]) -> bool:
    """The first row of a page printing exactly what the last row of the page before prints — a name or code and
    amounts in every cell alike: the same row printed twice."""
    if len(last) != len(first):
        return False
    texts = [(a.text.strip(), b.text.strip()) for a, b in zip(last, first, strict=True)]
    return (
        all(a == b for a, b in texts)
        and any(is_amount_text(a) for a, _ in texts)
        and any(a and not is_amount_text(a) for a, _ in texts)
    )


def _finishes_amounts(last: list[BodyCell], first: list[BodyCell]) -> bool:
    """A page's first row printing nothing but the rest of amounts the last row of the page before was cut in (a
    row broken across the page in narrow amount columns: ``7,404.6`` | ``6``): each of its cells the digits that
    make its column's cut amount one of two decimals."""
    texts = [(j, c.text.strip()) for j, c in enumerate(first) if c.text.strip()]
    if not texts or len(first) != len(last):
        return False
    return all(completed_amount(last[j].text.strip(), text) is not None for j, text in texts)


def _code_tail_rows(last: list[BodyCell], first: list[BodyCell], columns: list[str]) -> int:
    """How many of a page's first rows finish the code of the last row of the page before (a row broken across
    the page in a narrow code column: ``205`` | ``020`` / ``2``): rows printing digits in the code column and
    nothing else, that make the code one of a level (5 or 7 digits)."""
    for j, column in enumerate(columns):
        if not is_code_column(column) or j >= len(last):
            continue
        below = (
            None
            if len(row) != len(last) or any(c.text.strip() for k, c in enumerate(row) if k != j)
            else row[j].text.strip()
            for row in first
        )
        _, n = completed_code(last[j].text.strip(), below)
        if n:
            return n
    return 0


def _opens_row_below(line: list[BodyCell], below: list[list[BodyCell]], columns: list[str]) -> bool:
    """A page's first line of words opening the amount row under it (a label wrapped over two lines, the
    row's amounts centred between them: ``机关事业单位基本养老`` / ``保险缴费支出 60.00``), not finishing the
    last row of the page before: the row under it prints amounts and goes on with text under each of the
    line's words, and the line is clearly nearer that row than that row is to the next one (rows ruled
    apart, or a line printed a row's height above, are as far apart as two rows are)."""
    if len(below) < 2 or len(below[0]) != len(line):
        return False
    row, after = below[0], below[1]
    words = [j for j, cell in enumerate(line) if cell.text.strip()]
    amounts = [
        j
        for j, cell in enumerate(row)
        if is_amount_text(cell.text) and not (j < len(columns) and is_code_column(columns[j]))
    ]
    if not words or not amounts or any(not row[j].text.strip() or is_amount_text(row[j].text) for j in words):
        return False
    j = words[0]
    boxes = [line[j].box, row[j].box, after[j].box if j < len(after) else None]
    if any(box is None for box in boxes):
        return False
    top, middle, bottom = ((box[1] + box[3]) / 2 for box in boxes)  # type: ignore[index]
    return top - middle <= NEARER * (middle - bottom)


def _append_cell_text(last: list[BodyCell], first: list[BodyCell]) -> None:
    for cell, more in zip(last, first, strict=True):
        if more.text.strip():
            cell.text = cell.text + more.text.strip()
            cell.fill = (cell.fill or "") + more.text.strip()


def _prepend_cell_text(row: list[BodyCell], line: list[BodyCell]) -> None:
    """The words of ``line`` opening the cells of ``row`` printed under them (the cells now reach up to it)."""
    for cell, head in zip(row, line, strict=True):
        words = head.text.strip()
        if not words:
            continue
        cell.text, cell.fill = words + cell.text, words + (cell.fill or "")
        if cell.box and head.box:
            cell.box = (min(cell.box[0], head.box[0]), cell.box[1], max(cell.box[2], head.box[2]), head.box[3])


def _prints_nothing(bands: list[_Band]) -> bool:
    parts = [p for band in bands for p in band.parts]
    if any(p.ctx.title or p.ctx.label for p in parts):
        return False
    return not any(any(row) for p in parts for row in p.grid.texts)


def _form_table(bands: list[_Band]) -> RawTable:
    parts = [p for band in bands for p in band.parts]
    ctx = parts[0].ctx
    return RawTable(
        title=ctx.title,
        title_size=ctx.title_size,
        title_source=ctx.title_source if ctx.title else "none",
        label=ctx.label,
        unit=next((p.ctx.unit for p in parts if p.ctx.unit), None),
        unit_text=next((p.ctx.unit_text for p in parts if p.ctx.unit_text), ""),
        org_line=ctx.org_line,
        notes=[n for p in parts for n in p.ctx.notes],
        columns=[],
        column_pages=[],
        rows=[],
        pages=sorted({p.grid.page for p in parts}),
        horizontal_parts=1,
        continued_pages=len(parts) - 1,
        parts=parts,
        layout="form",
    )


def gridless_empty_tables(pages: list[PageContent]) -> list[RawTable]:
    """Tables printed as a title and a note such as 本表为空表, with no ruled grid at all.

    Only pages without any grid are looked at; the title is the largest line
    above the note, and it must name a standard table (it ends in 表 and a
    table spec recognises it), so a narrative sentence saying 无…支出 is not
    taken for a table.  A page may print several such tables one under the
    other (政府性基金 and 国有资本经营预算支出表): each takes the lines above its
    note up to the note of the one before.
    """
    out = []
    for page in pages:
        if page.grids:
            continue
        lines = sorted((ln for ln in page.lines if squash(ln.text)), key=lambda ln: (-ln.y1, ln.x0))
        # the notes in blocks: a note right under another (a note wrapped over lines) is the same table's
        blocks: list[list[TextLine]] = []
        for k, line in enumerate(lines):
            if not EMPTY_NOTE_RE.search(squash(line.text)):
                continue
            if blocks and lines[k - 1] is blocks[-1][-1]:
                blocks[-1].append(line)
            else:
                blocks.append([line])
        ceiling = float("inf")
        for block in blocks:
            table = _gridless_empty_table(page, [ln for ln in lines if block[0].y1 - 1 <= ln.y0 < ceiling], block)
            if table is not None:
                out.append(table)
            ceiling = block[-1].y0
    return out


def _gridless_empty_table(page: PageContent, above: list[TextLine], notes: list[TextLine]) -> RawTable | None:
    """The empty table of ``notes``, titled among the lines ``above`` them (None when no standard table is
    named there)."""
    from ..specs import UNKNOWN, spec_for_title
    from ..transform.amounts import unit_from_line

    label, unit, unit_text, org_line, candidates = "", None, "", "", []
    for line in above:
        text = squash(line.text)
        if line in notes or PAGE_NUMBER_RE.match(text):
            continue
        found_unit = unit_from_line(line.text)
        if found_unit:
            unit, unit_text = found_unit, line.text.strip()
            continue
        if ORG_RE.match(text):
            org_line = line.text.strip()
            continue
        match = match_label(line.text)
        if match:
            label = squash(match.group("label"))
            text = squash(match.group("rest"))
            if not text:
                continue
        candidates.append((line.size, text))
    if not candidates:
        return None
    size = max(s for s, _ in candidates)
    title = "".join(t for s, t in candidates if s >= size - 0.6)
    bare = re.sub(r"[（(][^）)]*[)）]$", "", title)
    if not bare.endswith("表") or spec_for_title(title) is UNKNOWN:
        return None
    return RawTable(
        title=title,
        label=label,
        unit=unit,
        unit_text=unit_text,
        org_line=org_line,
        notes=[ln.text.strip() for ln in notes],
        columns=[],
        column_pages=[],
        rows=[],
        pages=[page.number],
        horizontal_parts=0,
        continued_pages=0,
    )


def stitch(pages: list[PageContent]) -> list[RawTable]:
    """All tables of a document, continued tables joined (and empty tables printed without a grid)."""
    tables = []
    for bands in group_parts(build_parts(pages)):
        if _prints_nothing(bands):
            continue  # ruling without any text (a stray frame): not a table
        base = bands[0]
        if base.parts[0].form:
            tables.append(_form_table(bands))
            continue
        cells = [header_cells(p.grid, p.header) for p in base.parts]
        _fill_across_parts(base, cells)
        # a part repeating the rows' codes and names gives the table its other columns only
        cells = [[cells[k][c] for c in p.joined_cols] if p.joined_cols else cells[k] for k, p in enumerate(base.parts)]
        columns = [path for part_cells in cells for path in column_paths(part_cells)]
        column_pages = [p.grid.page for p in base.parts for _ in range(_width(p))]
        rows: list[list[BodyCell]] = []
        boundaries = []
        widths = [_width(p) for p in base.parts]
        repeated: list[tuple[int, str]] = []
        for band in bands:
            boundaries.append(len(rows))
            band_rows = _band_rows(band, widths)
            if rows and band_rows and _same_row(rows[-1], band_rows[0]):
                # the row the page break cut, printed whole again on the next page (its copy on the page before
                # clipped, as some HTML-to-PDF converters print it): read once, said
                band_rows.pop(0)
                repeated.append((band.parts[0].grid.page, REPEATED_ROW))
            for _ in range(_code_tail_rows(rows[-1], band_rows, columns) if rows else 0):
                _append_cell_text(rows[-1], band_rows.pop(0))
            if rows and band_rows and _finishes_amounts(rows[-1], band_rows[0]):
                _append_cell_text(rows[-1], band_rows.pop(0))
            if rows and band_rows and _continues_cell_text(rows[-1], band_rows[0], columns):
                line = band_rows.pop(0)
                # a line ruled apart from the rows under it (a lattice's row of its own) opens none of them
                ruled = band.parts[0].grid.reader.startswith("lattice")
                if not ruled and _opens_row_below(line, band_rows, columns):
                    _prepend_cell_text(band_rows[0], line)
                else:
                    _append_cell_text(rows[-1], line)
            rows.extend(band_rows)
        _join_regions_across_pages(rows, boundaries, columns)
        all_parts = [p for band in bands for p in band.parts]
        ctxs = [p.ctx for p in all_parts]
        titled = [c for c in ctxs if c.title]
        tables.append(
            RawTable(
                title=titled[0].title if titled else "",
                title_size=titled[0].title_size if titled else 0.0,
                title_source=titled[0].title_source if titled else "none",
                label=next((c.label for c in ctxs if c.label), ""),
                unit=next((c.unit for c in ctxs if c.unit), None),
                unit_text=next((c.unit_text for c in ctxs if c.unit_text), ""),
                org_line=next((c.org_line for c in ctxs if c.org_line), ""),
                notes=[n for c in ctxs for n in c.notes],
                columns=columns,
                column_pages=column_pages,
                rows=[row for row in rows if row],
                pages=sorted({p.grid.page for p in all_parts}),
                horizontal_parts=len(base.parts),
                continued_pages=len(bands) - 1,
                parts=all_parts,
                problems=[(p.grid.page, p.problem) for p in all_parts if p.problem]
                + repeated
                + [(p.grid.page, OFF_PAGE) for p in all_parts if _off_page(p)],
            )
        )
    tables.extend(gridless_empty_tables(pages))
    return sorted(tables, key=lambda t: t.pages[0])
