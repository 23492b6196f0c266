"""Performance-target forms (one form per project) → funds table and indicators.

A form reads, top down: ``项目名称`` and its value; the department and the
implementing unit; the project's funds (``年度资金总额：`` then its parts
``其中：财政拨款``, ``上年结转``, ``其他资金``); the annual goal; and an indicator
block under its own header row.  Indicator cells are assigned to the header's
columns by their horizontal position, because a form's column borders change
between blocks and pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..extract.forms import FORM_KEY, FormCell, form_rows
from ..extract.stitch import RawTable
from ..extract.text import squash
from ..model import Table
from ..specs import TABLE_SPECS
from .amounts import BLANKS, is_amount_text, normalise_number_text, parse_amount

#: header words of the indicator block, by role
INDICATOR_HEADER = {
    "level1": r"^一级指标",
    "level2": r"^二级指标",
    "level3": r"^三级指标|^指标名称",
    "operator": r"^指标性质|^符号",
    "target": r"^指标值|^目标值",
    "measure_unit": r"^度量单位|^计量单位",
    "weight": r"^分值|^权重|^指标权重",
    "direction": r"方向",
}
#: the labels of a form's funds: its total (年度资金总额, 当年预算) and its parts (财政拨款, 市级支出 …)
FUND_LABEL_RE = re.compile(r"资金|拨款|结转|收入|总额|合计|^当年预算|^市级支出|^补助区县")
FUND_TOTAL_RE = re.compile(r"总额|合计|^当年预算")
GOAL_LABEL_RE = re.compile(r"年度总体目标|年度目标|总体目标|绩效目标$")
UNIT_LABEL_RE = re.compile(r"^实施单位|^单位名称")
DEPT_LABEL_RE = re.compile(r"^主管部门")
TARGET_RE = re.compile(r"^(?P<op>[≥≤＞＜><=＝]=?)?\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>.*)$")
LABEL_UNIT_RE = re.compile(r"[(（](亿元|万元|元)[)）]")
OPERATOR_NORMAL = {"＝": "=", "==": "=", ">=": "≥", "<=": "≤", "＞": ">", "＜": "<", "＞＝": "≥", "＜＝": "≤"}

FUND_COLUMNS = ["项目名称", "资金来源", "金额"]


@dataclass
class FormProject:
    name: str = ""
    department: str = ""
    unit_name: str = ""
    #: (label as printed, amount as printed, page)
    funds: list[tuple[str, str, int]] = field(default_factory=list)
    goal: str = ""
    indicators: list[dict] = field(default_factory=list)
    #: unit printed in a funds label such as ``项目资金（万元）``
    unit: str | None = None
    #: the weights' total printed in the indicator header (``分值（90）``)
    weight_total: Decimal | None = None


def _label(text: str) -> str:
    return re.sub(r"^其中\s*[:：]", "", squash(text)).rstrip(":：")


def _value_after(row: list[FormCell], index: int) -> FormCell | None:
    return next((c for c in row[index + 1 :] if c.fill), None)


def parse_forms(raw: RawTable) -> list[FormProject]:
    """The projects of a stitched form table, in printed order."""
    projects: list[FormProject] = []
    roles: dict[str, tuple[float, float]] = {}
    for part in raw.parts:
        for row in form_rows(part.grid):
            labels = [squash(c.fill) for c in row]
            if labels and labels[0] == FORM_KEY:
                projects.append(FormProject(name=(_value_after(row, 0) or FormCell(0, 0, "", "", 0)).fill.strip()))
                roles = {}
                continue
            if not projects:
                continue
            project = projects[-1]
            header = _indicator_header(row)
            if header:
                roles = header
                weight_header = next((squash(c.fill) for c in row if re.search(r"^分值|^权重", squash(c.fill))), "")
                printed_total = re.search(r"[（(](\d+(?:\.\d+)?)[)）]", weight_header)
                if printed_total:
                    project.weight_total = Decimal(printed_total.group(1))
                continue
            if roles:
                indicator = _indicator(row, roles)
                if indicator:
                    project.indicators.append(indicator)
                continue
            _read_key_values(project, row)
    return projects


def _read_key_values(project: FormProject, row: list[FormCell]) -> None:
    for i, cell in enumerate(row):
        label = squash(cell.text)
        if not label:
            continue
        unit = LABEL_UNIT_RE.search(label)
        if unit and FUND_LABEL_RE.search(label):
            project.unit = unit.group(1)
        value = _value_after(row, i)
        if GOAL_LABEL_RE.search(label) and value is not None:
            project.goal += value.text.strip()
        elif UNIT_LABEL_RE.search(label) and value is not None:
            project.unit_name = value.fill.strip()
        elif DEPT_LABEL_RE.search(label) and value is not None:
            project.department = value.fill.strip()
        elif FUND_LABEL_RE.search(label) and not is_amount_text(label):
            following = row[i + 1] if i + 1 < len(row) else None
            if following is not None and following.text and is_amount_text(following.text):
                project.funds.append((_label(cell.text), following.text.strip(), following.page))


def _indicator_header(row: list[FormCell]) -> dict[str, tuple[float, float]]:
    roles: dict[str, tuple[float, float]] = {}
    for cell in row:
        name = squash(cell.fill)
        for role, pattern in INDICATOR_HEADER.items():
            if role not in roles and re.search(pattern, name):
                roles[role] = (cell.x0, cell.x1)
                break
    return roles if {"level1", "level3"} <= roles.keys() or {"level3", "target"} <= roles.keys() else {}


def _indicator(row: list[FormCell], roles: dict[str, tuple[float, float]]) -> dict | None:
    found: dict[str, FormCell] = {}
    for cell in row:
        for role, (x0, x1) in roles.items():
            if x0 - 1 <= cell.xc <= x1 + 1 and role not in found:
                found[role] = cell
                break

    def text(role: str, merged: bool = False) -> str:
        cell = found.get(role)
        if cell is None:
            return ""
        return (cell.fill if merged else cell.text).strip()

    level3, target = text("level3"), text("target")
    if not level3 and not target:
        return None
    operator, value, unit = split_target(target, text("operator"), text("measure_unit"))
    weight_text = text("weight")
    weight = parse_amount(weight_text) if weight_text and is_amount_text(weight_text) else None
    return {
        "level1": squash(text("level1", merged=True)),
        "level2": squash(text("level2", merged=True)),
        "level3": level3,
        "operator": operator,
        "target": value,
        "measure_unit": unit,
        "weight": weight,
        "direction": text("direction"),
        "quantitative": operator != "定性",
        "page": found["level3"].page if "level3" in found else found["target"].page,
    }


def split_target(target: str, operator: str = "", unit: str = "") -> tuple[str, str, str]:
    """(operator, value, measure unit) of a printed target such as ``≥95%`` or ``20 门``.

    Words without a number (``显著``, ``有效``) are qualitative targets (``定性``).
    """
    operator = OPERATOR_NORMAL.get(squash(operator), squash(operator))
    match = TARGET_RE.match(squash(target))
    if match is None:
        return (operator or "定性", target, unit)
    if re.match(r"^年\d|^年.*月|^月", match.group("unit")):
        return (operator or "=", squash(target), unit)  # a date (2023年8月底): the value is the whole text
    op = match.group("op") or ""
    op = OPERATOR_NORMAL.get(op, op)
    return (operator or op or "=", match.group("value"), unit or match.group("unit"))


def form_table(raw: RawTable, unit: str, path: Path) -> Table:
    """The forms' funds as a typed table: one row per project and source of funds."""
    # the form's structure (项目名称, indicator block) makes it a target table whatever its title
    spec = next(s for s in TABLE_SPECS if s.key == "performance_targets")
    records, pages, printed = [], [], []
    projects = parse_forms(raw)
    printed_unit = next((p.unit for p in projects if p.unit), None) or raw.unit
    title, notes = raw.title, list(raw.notes)
    if not spec.matches(title) and projects and projects[0].name:
        # the title was printed on the previous page (or not at all): the template's name
        title = f"{projects[0].name}绩效目标表"
        notes.append(f"title not printed above the form; named after its 项目名称 {projects[0].name!r}")
    unreadable: dict[tuple[int, str], str] = {}
    for project in projects:
        for label, amount_text, page in project.funds:
            try:
                amount = parse_amount(amount_text)
            except ValueError:
                amount = None
            if amount is None and normalise_number_text(amount_text) not in BLANKS:
                unreadable[(len(records), "金额")] = amount_text
            records.append({"项目名称": project.name, "资金来源": label, "金额": amount})
            pages.append({"项目名称": page, "资金来源": page, "金额": page})
            printed.append({"项目名称": project.name, "资金来源": label, "金额": amount_text})
    return Table(
        spec=spec,
        title=title,
        label=raw.label,
        unit=printed_unit or unit,
        unit_text=raw.unit_text or (f"（{printed_unit}）" if printed_unit else ""),
        unit_assumed=printed_unit is None,
        org_line=raw.org_line,
        pages=raw.pages,
        df=pd.DataFrame.from_records(records, columns=FUND_COLUMNS),
        column_kinds={"项目名称": "text", "资金来源": "text", "金额": "money"},
        cell_pages=pd.DataFrame.from_records(pages, columns=FUND_COLUMNS),
        printed=pd.DataFrame.from_records(printed, columns=FUND_COLUMNS),
        notes=notes,
        continued_pages=raw.continued_pages,
        raw=raw,
        unreadable=unreadable,
        reader="form",
        source=path.name,
    )


def form_indicators(table: Table) -> list[dict]:
    """Indicator rows (the columns of :data:`~.indicators.INDICATOR_COLUMNS`) of a form table."""
    out = []
    for project in parse_forms(table.raw):
        total = next((text for label, text, _ in project.funds if FUND_TOTAL_RE.search(label)), "")
        if not total and project.funds:
            total = project.funds[0][1]
        budget = parse_amount(total) if total else None
        for indicator in project.indicators:
            out.append(
                {
                    "table_title": table.title,
                    "unit_printed": table.unit,
                    "row_index": len(out),
                    "unit_name": project.unit_name,
                    "project": project.name,
                    "budget_printed": total,
                    "budget": budget if isinstance(budget, Decimal) else None,
                    "annual_goal": project.goal,
                    **indicator,
                    "weight_total": project.weight_total,
                }
            )
    return out
