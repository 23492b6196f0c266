"""项目绩效目标表 → one row per performance indicator.

The table prints each project's name, budget and annual goal in cells merged
down over its indicator rows, and those merged cells are cut by page breaks.
Projects are told apart by their merged project-name regions; a region cut by a
page break continues the same project, and the annual goal's pieces on both
pages are joined.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ..extract.stitch import BodyCell
from ..extract.text import squash
from ..model import Table
from ..schema import INDICATORS
from .amounts import parse_amount
from .target_forms import form_indicators

#: the tables whose indicators are read: a project's targets and the department's as a whole
TARGET_KEYS = ("performance_targets", "department_targets")

#: the indicator table's columns, declared once in analysis.schema
INDICATOR_COLUMNS = INDICATORS.names

#: header patterns of the columns we read, by role
ROLE_PATTERNS = {
    "unit_name": r"单位名称|部门名称|单位$",
    "project": r"项目名称|^项目$",
    "budget": r"预算|金额|资金",
    "annual_goal": r"年度目标|绩效目标|总体目标",
    "level1": r"一级指标",
    "level2": r"二级指标",
    "level3": r"三级指标|指标名称",
    "operator": r"指标性质|性质|符号",
    "target": r"指标值|目标值",
    "measure_unit": r"度量单位|计量单位|单位",
    "weight": r"权重|分值",
    "direction": r"方向",
}

OPERATORS = {
    "=": "=",
    "＝": "=",
    "≥": "≥",
    ">=": "≥",
    "＞＝": "≥",
    "≤": "≤",
    "<=": "≤",
    "＜＝": "≤",
    ">": ">",
    "＞": ">",
    "<": "<",
    "＜": "<",
    "定性": "定性",
}


def _roles(columns: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for role, pattern in ROLE_PATTERNS.items():
        for j, name in enumerate(columns):
            if j in roles.values():
                continue
            if re.search(pattern, squash(name)):
                roles[role] = j
                break
    return roles


def _same_block(prev: BodyCell, cell: BodyCell) -> bool:
    if prev.region == cell.region:
        return True
    # a merged cell cut by a page break continues on the next page
    return prev.touches_bottom and cell.touches_top and (not cell.text or cell.fill == prev.fill)


def project_indicators(indicators: pd.DataFrame) -> pd.DataFrame:
    """The indicators of projects (not those of the department as a whole)."""
    return indicators[indicators["table_key"] == "performance_targets"]


def project_budgets(indicators: pd.DataFrame) -> dict[str, tuple[Decimal, int]]:
    """Project → (budget in 万元, page) from an indicator table (one entry per project)."""
    from .amounts import to_wanyuan

    out: dict[str, tuple[Decimal, int]] = {}
    for row in project_indicators(indicators).drop_duplicates("project").itertuples():
        if row.budget is not None and row.budget == row.budget:
            out[row.project] = (to_wanyuan(Decimal(str(row.budget)), row.unit_printed or "万元"), int(row.page))
    return out


def indicator_frame(tables: list[Table]) -> pd.DataFrame:
    """All indicators of the document's performance-target tables."""
    rows = []
    for table in tables:
        raw = table.raw
        if raw is None:
            continue
        if raw.layout == "form":
            found = form_indicators(table)
        else:
            roles = _roles(raw.columns)
            if "project" not in roles or "level3" not in roles:
                continue
            found = _table_indicators(table, roles)
        table.indicators_read = len(found)  # a table printing indicators only is not printed empty
        rows.extend(found)
    frame = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    return frame


def _table_indicators(table: Table, roles: dict[str, int]) -> list[dict]:
    raw = table.raw
    pj = roles["project"]
    blocks: list[list[int]] = []
    for i, row in enumerate(raw.rows):
        if blocks and _same_block(raw.rows[blocks[-1][-1]][pj], row[pj]):
            blocks[-1].append(i)
        else:
            blocks.append([i])
    out = []
    for block in blocks:
        cells = [raw.rows[i] for i in block]
        project = next((c[pj].fill for c in cells if c[pj].fill), "")
        budget_text = ""
        if "budget" in roles:
            budget_text = next((c[roles["budget"]].text for c in cells if c[roles["budget"]].text), "")
        goal = ""
        if "annual_goal" in roles:
            seen_regions = []
            for c in cells:
                cell = c[roles["annual_goal"]]
                if cell.region not in seen_regions:
                    seen_regions.append(cell.region)
                    goal += cell.text or (cell.fill if cell.fill not in goal else "")
        for i, c in zip(block, cells, strict=True):
            level3 = c[roles["level3"]].text
            target = c[roles["target"]].text if "target" in roles else ""
            if not level3 and not target:
                continue

            def get(role: str, c=c) -> str:
                # indicator levels 1 and 2 may be merged over their rows; the rest are per row
                if role not in roles:
                    return ""
                cell = c[roles[role]]
                return cell.fill if role in ("unit_name", "level1", "level2") else cell.text

            operator_text = squash(get("operator"))
            operator = OPERATORS.get(operator_text, operator_text)
            weight_text = get("weight")
            try:
                weight = parse_amount(weight_text) if weight_text else None
            except ValueError:
                weight = None
            budget = None
            try:
                budget = parse_amount(budget_text) if budget_text else None
            except ValueError:
                budget = None
            out.append(
                {
                    "table_key": table.key,
                    "table_title": table.title,
                    "unit_printed": table.unit,
                    "row_index": i,
                    "unit_name": get("unit_name"),
                    "project": project,
                    "budget_printed": budget_text,
                    "budget": budget,
                    "annual_goal": goal,
                    "level1": get("level1"),
                    "level2": get("level2"),
                    "level3": level3,
                    "operator": operator,
                    "target": target,
                    "measure_unit": get("measure_unit"),
                    "weight": weight if isinstance(weight, Decimal) else None,
                    "direction": get("direction"),
                    "quantitative": operator != "定性",
                    "page": c[roles["level3"]].page,
                }
            )
    return out
