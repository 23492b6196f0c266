"""项目绩效目标表 → one row per performance indicator.

The table prints each project's name, budget and annual goal in cells merged
down over its indicator rows, and those merged cells are cut by page breaks.
Projects are told apart by their merged project-name regions; a region cut by a
page break continues the same project, and the annual goal's pieces on both
pages are joined.  An indicator row whose project-name cell is blank (ruled,
not merged) continues the project above.  A column naming units and projects in
one (``单位名称、项目名称``) prints each unit on a row of its own (its name and
nothing else), which names the unit of the projects beneath.

A performance-target table printing indicators of which none is read is a
problem of the document (:func:`indicator_problems`), never skipped silently.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ..extract.stitch import BodyCell
from ..model import Problem, Table
from ..schema import INDICATORS
from ..specs import TABLE_SPECS
from ..text import squash
from .amounts import parse_amount
from .target_forms import form_indicators, split_target

#: the tables whose indicators are read: a project's targets, the department's as a whole, and the
#: self-evaluations of final accounts (every table spec of kind ``targets``)
TARGET_KEYS = tuple(spec.key for spec in TABLE_SPECS if spec.kind == "targets")

#: the indicator table's columns, declared once in analysis.schema
INDICATOR_COLUMNS = INDICATORS.names

#: header patterns of the columns we read, by role; each role takes the first column its pattern matches
#: of those not yet taken, in this order: a heading naming units and projects in one column
#: (单位名称、项目名称) is the project's, and 度量单位/计量单位 is never the unit's name (单位$)
ROLE_PATTERNS = {
    "project": r"项目名称|^项目$",
    "measure_unit": r"度量单位|计量单位",
    "unit_name": r"单位名称|部门名称|单位$",
    "budget": r"预算|金额|资金",
    "annual_goal": r"年度目标|绩效目标|总体目标",
    "level1": r"一级指标",
    "level2": r"二级指标",
    "level3": r"三级指标|指标名称",
    "operator": r"指标性质|性质|符号",
    "target": r"指标值|目标值",
    "weight": r"权重|分值",
    "direction": r"方向",
    "core": r"是否核心|核心指标",
    "actual": r"实际完成值|实际值|完成值",
    "score": r"^得分",
    "deviation": r"偏差原因|原因分析|改进措施",
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


#: a project column's heading that names the units too (单位名称、项目名称, 单位（项目）名称)
UNIT_AND_PROJECT_RE = re.compile(r"单位.*项目|项目.*单位")
#: a column heading naming indicators (一级指标, 三级指标, 指标名称, 指标值 …), not the goal (绩效目标)
INDICATOR_HEADING_RE = re.compile(r"指标")


def _roles(columns: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for role, pattern in ROLE_PATTERNS.items():
        for j, name in enumerate(columns):
            if j in roles.values():
                continue
            if re.search(pattern, squash(name)):
                roles[role] = j
                break
    # a column headed 单位 alone right after the target's is the target's unit, not a unit's name
    unit = roles.get("unit_name")
    if "measure_unit" not in roles and unit is not None and unit == roles.get("target", -2) + 1:
        if squash(columns[unit]) == "单位":
            roles["measure_unit"] = roles.pop("unit_name")
    return roles


def _same_block(prev: BodyCell, cell: BodyCell) -> bool:
    if prev.region == cell.region:
        return True
    # a blank project cell (ruled, not merged) continues the project above
    if not cell.text and not cell.fill:
        return True
    # a merged cell cut by a page break continues on the next page
    return prev.touches_bottom and cell.touches_top and (not cell.text or cell.fill == prev.fill)


def _is_unit_row(rows: list[list[BodyCell]], i: int, pj: int) -> bool:
    """A unit's own row in a column of units and projects: its name, not merged over the rows beneath, and
    nothing else printed in the row."""
    row = rows[i]
    if not row[pj].text or (i + 1 < len(rows) and rows[i + 1][pj].region == row[pj].region):
        return False
    return not any(c.text for j, c in enumerate(row) if j != pj)


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
                found = []  # a table that prints indicators is named by indicator_problems
            else:
                found = _table_indicators(table, roles)
        table.indicators_read = len(found)  # a table printing indicators only is not printed empty
        rows.extend(found)
    frame = pd.DataFrame(rows, columns=INDICATOR_COLUMNS)
    return frame


def indicator_problems(tables: list[Table]) -> list[Problem]:
    """The performance-target tables that print indicators but yielded none (after :func:`indicator_frame`).

    A table of projects and their goals only (项目 | 预算数 | 绩效目标) prints no indicator; a blank form
    or a table printed empty names nothing.
    """
    problems = []
    for table in tables:
        raw = table.raw
        if raw is None or table.key not in TARGET_KEYS or table.indicators_read:
            continue
        if raw.layout == "form":
            if not _form_prints_anything(table):
                continue
            column, reason = "", "a performance-target form whose indicators could not be read"
        else:
            printed = [
                j
                for j, name in enumerate(raw.columns)
                if INDICATOR_HEADING_RE.search(squash(name)) and any(row[j].text for row in raw.rows)
            ]
            if not printed:
                continue
            roles = _roles(raw.columns)
            needed = (("project", "项目名称"), ("level3", "三级指标/指标名称"))
            missing = [name for role, name in needed if role not in roles]
            column = raw.columns[printed[0]]
            reason = "a performance-target table printing indicators whose indicators could not be read" + (
                f": no column of {' or '.join(missing)} found in its header" if missing else ""
            )
        problems.append(
            Problem(
                kind="coverage",
                file=table.source,
                page=table.pages[0] if table.pages else None,
                table=table.name or "(untitled)",
                row=None,
                column=column,
                text="",
                reason=reason,
            )
        )
    return problems


def _form_prints_anything(table: Table) -> bool:
    from .target_forms import parse_forms

    return any(p.name or p.goal or p.funds for p in parse_forms(table.raw))


def _score(text: str) -> Decimal | None:
    """A weight or score as printed (``10``, ``9.5``); None when blank or no number."""
    try:
        value = parse_amount(text) if text else None
    except ValueError:
        return None
    return value if isinstance(value, Decimal) else None


def _table_indicators(table: Table, roles: dict[str, int]) -> list[dict]:
    raw = table.raw
    pj = roles["project"]
    units_in_rows = "unit_name" not in roles and bool(UNIT_AND_PROJECT_RE.search(squash(raw.columns[pj])))
    # blocks of rows of one project, with the unit named by the unit row above them
    blocks: list[tuple[list[int], str]] = []
    unit = ""
    open_block = False
    for i, row in enumerate(raw.rows):
        if units_in_rows and _is_unit_row(raw.rows, i, pj):
            unit, open_block = row[pj].text, False
            continue
        if open_block and _same_block(raw.rows[blocks[-1][0][-1]][pj], row[pj]):
            blocks[-1][0].append(i)
        else:
            blocks.append(([i], unit))
            open_block = True
    out = []
    for block, block_unit in blocks:
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
            measure_unit = get("measure_unit")
            if target and (not operator or (not measure_unit and operator != "定性")):
                # a target printed with its operator or unit (≥800公里) is read as a form's is: ≥ | 800 | 公里
                operator, target, measure_unit = split_target(target, operator, measure_unit)
            weight, score = _score(get("weight")), _score(get("score"))
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
                    "unit_name": get("unit_name") if "unit_name" in roles else block_unit,
                    "project": project,
                    "budget_printed": budget_text,
                    "budget": budget,
                    "annual_goal": goal,
                    "level1": get("level1"),
                    "level2": get("level2"),
                    "level3": level3,
                    "operator": operator,
                    "target": target,
                    "measure_unit": measure_unit,
                    "weight": weight,
                    "direction": get("direction"),
                    "core": get("core"),
                    "actual": get("actual"),
                    "score": score,
                    "deviation": get("deviation"),
                    "quantitative": operator != "定性",
                    "page": c[roles["level3"]].page,
                }
            )
    return out
