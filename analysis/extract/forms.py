"""Key–value forms: a performance-target table (绩效目标表) printed as one form per project.

Most templates print each project's performance targets as a form rather than
as columns: label cells (``项目名称``, ``年度资金总额：``, ``年度总体目标``) with
their values beside them, then an indicator block whose own header row
(一级指标 / 二级指标 / 三级指标 / 指标值 / 分值) names the columns.  A
department-wide form (部门整体绩效目标表) opens with the department's name and
may list its tasks with their funds (任务名称 / 主要内容 / 总额 / 财政拨款), or its
functions (部门职能: 职能名称 / 职能描述 / 合计).
Some templates leave the project's name to the title above the form
(``单警装备…项目绩效目标表``) and open with its funds.

A form's column borders change from block to block and from page to page, so
a form is read row by row as a sequence of merged regions with their x extent,
not through a fixed column map.  What a form prints is declared in
:data:`analysis.specs.TARGET_FORM`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..specs import TARGET_FORM
from ..text import squash
from .reader import Grid

#: the labels that open a form, and the labels of its first rows (declared in analysis.specs)
FORM_KEY = TARGET_FORM.opens
DEPARTMENT_KEY_RE = re.compile(TARGET_FORM.opens_department)
FORM_LABEL_RE = re.compile(TARGET_FORM.labels)
TARGET_TITLE_RE = re.compile(TARGET_FORM.title)
INDICATOR_HEADER = dict(TARGET_FORM.indicator_header)
#: text this long in a cell is a goal or a description, never a column heading
LONG_TEXT = 20


@dataclass(frozen=True)
class FormCell:
    """One merged region as seen from one row of a form."""

    x0: float
    x1: float
    text: str  # printed in this row (the region's anchor row)
    fill: str  # text of the whole region (merged down over rows)
    page: int
    #: the region's top and bottom edges (PDF points, y upwards)
    y0: float = 0.0
    y1: float = 0.0

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x0, self.y0, self.x1, self.y1)


def indicator_roles(row: list[FormCell]) -> dict[str, tuple[float, float]]:
    """The indicator block's columns, by role, when ``row`` is its header row (else ``{}``)."""
    roles: dict[str, tuple[float, float]] = {}
    for cell in row:
        name = squash(cell.fill)
        for role, pattern in INDICATOR_HEADER.items():
            if role not in roles and re.search(pattern, name):
                roles[role] = (cell.x0, cell.x1)
                break
    return roles if {"level1", "level3"} <= roles.keys() or {"level3", "target"} <= roles.keys() else {}


def _row_texts(grid: Grid, r: int) -> list[str]:
    return [squash(grid.region_text(r, c)) for c in range(grid.n_cols)]


def is_form(grid: Grid, title: str = "") -> bool:
    """True when the grid is a key–value form, not a table of columns under a header.

    A form opens with ``项目名称`` (or the department's ``部门（单位）名称``) beside its
    value, and goes on with further labels of its own (主管部门, 年度资金总额 …) in its
    first rows; a table whose header row begins with 项目名称 has none.  Under a title
    naming a performance-target table, a grid whose indicator header row comes after
    rows printing figures or text (funds, a goal) is a form too.
    """
    for r in range(min(3, grid.n_rows)):
        row = _row_texts(grid, r)
        if row and (row[0] == FORM_KEY or DEPARTMENT_KEY_RE.match(row[0])):
            others = [t for t in row[1:] if t and t != row[0]]
            if any("指标" in t or "预算" in t for t in others):
                return False  # a column header row (项目名称 | 预算数 | 绩效指标 …)
            if not others:
                break  # nothing beside the label: a blank form, or a header of one column
            rows = range(r + 1, min(r + 6, grid.n_rows))
            if not rows:  # the form's first row at the foot of a page: the rest follows on the next
                return row[0] == FORM_KEY
            labels = [squash(grid.region_text(i, c)) for i in rows for c in range(min(2, grid.n_cols))]
            return any(FORM_LABEL_RE.match(t) for t in labels)
    if not TARGET_TITLE_RE.search(squash(title)):
        return False
    rows = form_rows(grid)
    for r, row in enumerate(rows):
        if indicator_roles(row):
            above = [c for cells in rows[:r] for c in cells if c.text]
            return any(
                FORM_LABEL_RE.match(squash(c.text)) or len(squash(c.text)) >= LONG_TEXT or _has_figure(c.text)
                for c in above
            )
    return False


def _has_figure(text: str) -> bool:
    return bool(re.search(r"\d+\.\d{2}", text))


def form_rows(grid: Grid) -> list[list[FormCell]]:
    """Each row of ``grid`` as its regions from left to right."""
    rows = []
    for r in range(grid.n_rows):
        cells: list[FormCell] = []
        c = 0
        while c < grid.n_cols:
            r0, r1, c0, c1 = grid.region_extent(r, c)
            fill = grid.region_text(r, c)
            cells.append(
                FormCell(
                    x0=grid.cols[c0][0],
                    x1=grid.cols[c1][1],
                    text=fill if r0 == r else "",
                    fill=fill,
                    page=grid.page,
                    y0=grid.rows[r1][1],
                    y1=grid.rows[r0][0],
                )
            )
            c = c1 + 1
        rows.append(cells)
    return rows
