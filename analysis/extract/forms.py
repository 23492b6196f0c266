"""Key–value forms: a 项目绩效目标表 printed as one form per project.

Central-government templates print each project's performance targets as a
form rather than as columns: label cells (``项目名称``, ``年度资金总额：``,
``年度总体目标``) with their values beside them, then an indicator block whose
own header row (一级指标 / 二级指标 / 三级指标 / 指标值 / 分值) names the columns.
A form's column borders change from block to block and from page to page, so
a form is read row by row as a sequence of merged regions with their x extent,
not through a fixed column map.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .reader import Grid
from .text import squash

#: the label that opens a form (its first cell)
FORM_KEY = "项目名称"
#: labels a form prints in its first rows besides 项目名称 (a column header row has none of them)
FORM_LABEL_RE = re.compile(
    r"^(?:主管部门|实施单位|项目单位|年度资金总额|项目资金|资金来源|年度总体目标|年度目标|总体目标"
    r"|当年预算|项目概况|当年绩效目标)"
)


@dataclass(frozen=True)
class FormCell:
    """One merged region as seen from one row of a form."""

    x0: float
    x1: float
    text: str  # printed in this row (the region's anchor row)
    fill: str  # text of the whole region (merged down over rows)
    page: int

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


def is_form(grid: Grid) -> bool:
    """True when the grid opens with a ``项目名称`` label beside its value (not a column header).

    A form goes on with further labels of its own (主管部门, 年度资金总额 …) in
    its first rows; a table whose header row begins with 项目名称 has none.
    """
    for r in range(min(3, grid.n_rows)):
        row = [squash(grid.region_text(r, c)) for c in range(grid.n_cols)]
        if row and row[0] == FORM_KEY:
            others = [t for t in row[1:] if t and t != FORM_KEY]
            if not others or any("指标" in t or "预算" in t for t in others):
                return False
            rows = range(r + 1, min(r + 6, grid.n_rows))
            if not rows:  # the form's first row at the foot of a page: the rest follows on the next
                return True
            labels = [squash(grid.region_text(i, c)) for i in rows for c in range(min(2, grid.n_cols))]
            return any(FORM_LABEL_RE.match(t) for t in labels)
    return False


def form_rows(grid: Grid) -> list[list[FormCell]]:
    """Each row of ``grid`` as its regions from left to right."""
    rows = []
    for r in range(grid.n_rows):
        cells: list[FormCell] = []
        c = 0
        while c < grid.n_cols:
            r0, _, c0, c1 = grid.region_extent(r, c)
            fill = grid.region_text(r, c)
            cells.append(
                FormCell(
                    x0=grid.cols[c0][0],
                    x1=grid.cols[c1][1],
                    text=fill if r0 == r else "",
                    fill=fill,
                    page=grid.page,
                )
            )
            c = c1 + 1
        rows.append(cells)
    return rows
