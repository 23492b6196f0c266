"""A grid's header rows and body rows, and the header path of each column.

Header rows are the top rows before the first row that reads as data: a row
with a printed amount, or whose first text is a totals/code/enumeration label
(``合 计``, ``205``, ``一、``), a table's label (``表1``, in a 目录
printed as a grid) or a first-level performance indicator (``产出指标``).  A row
made only of cells merged down from the row above is part of the header too.  Column paths join the texts of the
merged header cells above a column from the top down (``工资福利支出/基本工资``).
"""

from __future__ import annotations

import re

from ..text import TOTAL_RE, squash
from ..transform.amounts import is_amount_text, split_unit
from .reader import COLUMN_NUMBER_RE, Grid, is_column_numbers

BODY_START_RE = re.compile(
    r"^(?:合计|总计|小计|本年.*合计|收入总计|支出总计|\d{3,}$|\d{3,}-|[一二三四五六七八九十]+、"
    r"|[（(][一二三四五六七八九十]+[)）]|\d+[.、．](?!\d)"
    # the label of a table listed in a 目录 printed as a grid (表1 | 部门综合预算收支总表 | 是否空表)
    r"|附?表\s*(?:\d+|[一二三四五六七八九十]+)$)"
)
#: a first-level performance indicator (产出指标, 效益指标 …): a value of the 一级指标 column, never a heading — the
#: body of a 绩效目标表 printing no amount starts at its first row
INDICATOR_LEVEL_RE = re.compile(r"^(?:产出|效益|效果|满意度|成本|管理|履职|过程)指标$")


def own_text(grid: Grid, r: int, c: int) -> str:
    """Text printed in cell (r, c) itself (merged regions print in their anchor)."""
    return grid.region_text(r, c) if grid.region[r][c] == (r, c) else ""


def is_body_row(grid: Grid, r: int) -> bool:
    texts = [own_text(grid, r, c) for c in range(grid.n_cols)]
    if any(is_amount_text(split_unit(t)[0]) for t in texts if t):  # an amount, or one printed with its unit
        return True
    if any(INDICATOR_LEVEL_RE.match(squash(t)) for t in texts if t):
        return True
    first_col = next((c for c, t in enumerate(texts) if t), None)
    first = squash(texts[first_col]) if first_col is not None else ""
    if first and BODY_START_RE.match(first):
        # a header word such as 合计 under a cell merged down from above is no row label
        if any(grid.region[r][c][0] < r for c in range(first_col)):
            return False
        # nor is a 合计 printed beside other column headings (合计 | 因公出国(境)费 | …)
        others = [t for t in texts[first_col + 1 :] if t]
        return not (TOTAL_RE.fullmatch(first) and others)
    if not first:
        # an empty row: header if every cell continues a region from above
        return not all(grid.region[r][c][0] < r for c in range(grid.n_cols))
    return False


def header_height(grid: Grid) -> int:
    """Number of header rows at the top of ``grid``."""
    for r in range(grid.n_rows):
        if is_body_row(grid, r):
            # a row of column numbers (栏次 1 2 3 …) belongs to the header
            if _is_column_number_row(grid, r):
                continue
            while r > 1 and _is_group_row(grid, r - 1) and _is_heading_row(grid, r - 2):
                r -= 1
            return r
    return grid.n_rows


def _is_group_row(grid: Grid, r: int) -> bool:
    """A ruled row printing one name in its first cell and nothing else, no cell merged down from above:
    the first body row naming the group of the rows beneath (云南省某某厅本级 over its projects), not a
    level of the header above it."""
    if grid.reader == "network":  # no ruling shows a heading's wrapped line is not a row of its own
        return False
    if any(grid.region[r][c][0] < r for c in range(grid.n_cols)):
        return False
    texts = [own_text(grid, r, c).strip() for c in range(grid.n_cols)]
    return bool(texts[0]) and not any(texts[1:])


def _is_heading_row(grid: Grid, r: int) -> bool:
    """A header row of column headings: two or more printed in the row or merged down into it."""
    anchors = {grid.region[r][c] for c in range(grid.n_cols) if grid.region_text(r, c).strip()}
    return len(anchors) >= 2


def _is_column_number_row(grid: Grid, r: int) -> bool:
    return is_column_numbers([own_text(grid, r, c) for c in range(grid.n_cols)])


def _unruled_spans(grid: Grid, height: int) -> dict[tuple[int, int], tuple[tuple[int, int], str]]:
    """Header cells of a table printed without rulings that a heading spans: (row, col) → the heading's
    (anchor, text).

    No ruling shows a heading's span (``一般公共预算支出`` over ``合计 | 基本支出 | 项目支出``): an empty header
    cell is under the nearest heading of its row when its column's first heading below has headings under
    it and stands in the row of the heading's own sub-heading or right under the heading, or, the column's
    last heading, is printed centred on the rows below the heading's (see :func:`_centred_below`) — never
    under a label standing beside its row (``科目名称``, printed between the header's rows, has nothing
    under it, nor ``本年收入`` printed over the header's full height beside ``本年支出``).
    """
    if grid.reader != "network":
        return {}
    spans: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
    while height > 1 and _is_column_number_row(grid, height - 1):  # 栏次 1 2 3 …: numbers, no headings
        height -= 1

    def first_below(r: int, c: int) -> int | None:
        return next((k for k in range(r + 1, height) if own_text(grid, k, c).strip()), None)

    def centre(c: int) -> float:
        return (grid.cols[c][0] + grid.cols[c][1]) / 2

    for r in range(height - 1):
        filled = [c for c in range(grid.n_cols) if own_text(grid, r, c).strip()]
        for c in range(grid.n_cols):
            if c in filled or (below := first_below(r, c)) is None:
                continue
            near = [
                f
                for f in (
                    max((f for f in filled if f < c), default=None),
                    min((f for f in filled if f > c), default=None),
                )
                if f is not None
            ]
            if not near:
                continue
            heading = min(near, key=lambda f, r=r, c=c, filled=filled: (_off_centre(grid, r, f, c, filled), f))
            sub = first_below(r, heading)
            if sub is None:
                continue
            lowest = not any(own_text(grid, k, c).strip() for k in range(below + 1, height))
            if lowest:  # printed down to the header's foot: under the heading when centred below its row
                under = _centred_below(grid, r, below, height)
            else:  # a heading over others, in the row of the heading's own sub-heading or right under it
                under = below in (sub, r + 1)
            if under:
                spans[(r, c)] = ((r, heading), own_text(grid, r, heading))
    return spans


def _off_centre(grid: Grid, r: int, f: int, c: int, filled: list[int]) -> float:
    """How far the heading of cell (r, f) is printed from the middle of the columns it would span if it took
    column ``c``: from ``c`` to the heading's far side, up to the next heading of its row (or the table's edge).
    A heading is centred over its span, so the heading printed at the middle of such a span takes ``c``."""
    if c > f:
        first, last = max((g for g in filled if g < f), default=-1) + 1, c
    else:
        first, last = c, min((g for g in filled if g > f), default=grid.n_cols) - 1
    return abs((grid.cols[first][0] + grid.cols[last][1]) / 2 - grid.printed_centre(r, f))


def _centred_below(grid: Grid, r: int, k: int, height: int) -> bool:
    """A heading in row ``k`` with no heading under it, printed without rulings, is centred on the rows
    from below row ``r`` to the header's foot — a heading under one in row ``r`` — rather than on rows
    reaching up to row ``r`` (a heading printed over the header's full height, ``本年收入`` beside ``本年支出``
    over ``小计 | 基本支出 | 项目支出``, sits as high as the sub-headings)."""
    foot = grid.rows[height - 1][1]
    top, bottom = grid.rows[r]
    under, beside = (bottom + foot) / 2, (top + foot) / 2
    y = (grid.rows[k][0] + grid.rows[k][1]) / 2
    return y < (under + beside) / 2


def header_cells(grid: Grid, height: int) -> list[list[tuple[tuple[int, int], str]]]:
    """For each column, the (region anchor, text) of the header regions above it, top down."""
    columns = []
    spans = _unruled_spans(grid, height)
    for c in range(grid.n_cols):
        seen: list[tuple[tuple[int, int], str]] = []
        for r in range(height):
            anchor = grid.region[r][c]
            if (r, c) in spans:
                anchor, text = spans[(r, c)]
                if not any(a == anchor for a, _ in seen):
                    seen.append((anchor, text))
                continue
            if any(a == anchor for a, _ in seen):
                continue
            text = grid.region_text(r, c)
            if COLUMN_NUMBER_RE.match(squash(text)) or squash(text).isdigit():
                continue
            seen.append((anchor, text))
        columns.append(seen)
    return columns


def column_paths(cells: list[list[tuple[tuple[int, int], str]]]) -> list[str]:
    """Header paths: non-empty texts joined by ``/``, repeated levels dropped."""
    paths = []
    for column in cells:
        parts: list[str] = []
        for _, text in column:
            text = text.strip()
            if text and (not parts or parts[-1] != text):
                parts.append(text)
        paths.append("/".join(parts))
    return paths
