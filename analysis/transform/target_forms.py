"""Performance-target forms (one form per project, or one for the department) → funds table and indicators.

A project's form reads, top down: ``项目名称`` and its value (or the project
named by the title above the form); the department and the implementing unit;
the project's funds (``年度资金总额：`` then its parts ``其中：财政拨款``, ``上年结转``,
``其他资金``, an amount printed alone or with its unit, ``280.7万元``); the annual
goal (beside its label, or under it); and an indicator block under its own
header row.  A department-wide form (部门整体绩效目标表) opens with the
department's name and may list its tasks under a header (任务名称 | 主要内容 |
总额 | 财政拨款 | 其他资金) down to their 合计, or its functions the same way
(部门职能: 职能名称 | 职能描述 | 合计 …); a department named by no row of its own
is the one its title names (某某局2024年部门整体支出绩效目标表).  Funds may also be
printed inside cells as ``名称：金额`` (湖北's 申报表: ``一般公共预算：1,156.40``
under headings 按收入性质分 / 按支出性质分 laid out as columns), each read as a
fund of the form in the group its heading names.  Indicator and task cells are
assigned to their header's columns by their horizontal position, because a
form's column borders change between blocks and pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..extract.coverage import unread_form_amounts
from ..extract.forms import DEPARTMENT_KEY_RE, FORM_KEY, FORM_LABEL_RE, FormCell, form_rows, indicator_roles
from ..extract.stitch import RawTable
from ..model import Table
from ..specs import TARGET_FORM, spec_by_key, spec_for_title
from ..text import WHOLE_TOTAL_RE, squash
from .amounts import (
    BLANKS,
    BRACKETED_UNIT_RE,
    MONEY_UNIT_PATTERN,
    UNIT_FACTORS,
    is_amount_text,
    normalise_number_text,
    parse_amount,
    split_unit,
)

#: the form's labels, declared with the template in analysis.specs (TARGET_FORM)
FUND_LABEL_RE = re.compile(TARGET_FORM.fund)
FUND_TOTAL_RE = re.compile(TARGET_FORM.fund_total)
GOAL_LABEL_RE = re.compile(TARGET_FORM.goal)
PERIOD_GOAL_RE = re.compile(TARGET_FORM.period_goal)
UNIT_LABEL_RE = re.compile(TARGET_FORM.unit)
DEPT_LABEL_RE = re.compile(TARGET_FORM.department)
TASK_RE = re.compile(TARGET_FORM.task)
TASK_CONTENT_RE = re.compile(TARGET_FORM.task_content)
TARGET_RE = re.compile(r"^(?P<op>[≥≤＞＜><=＝]=?)?\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>.*)$")
LABEL_UNIT_RE = BRACKETED_UNIT_RE
OPERATOR_NORMAL = {"＝": "=", "==": "=", ">=": "≥", "<=": "≤", "＞": ">", "＜": "<", "＞＝": "≥", "＜＝": "≤"}
#: a task named only by its number (任务1): its description says what it is
NUMBERED_TASK_RE = re.compile(r"^任务\s*[0-9一二三四五六七八九十]+$")
#: a form's total row under its indicators (总分, 合计): the weights' and scores' totals, no indicator
TOTAL_SCORE_RE = re.compile(r"^(?:总分|合计|总计)(?:[（(].*[)）])?$")
#: a title's words around the project it names: 2026年…项目绩效目标表（一级项目）
TITLE_AROUND_PROJECT_RE = re.compile(r"^\d{4}年度?|(?:项目)?(?:支出)?绩效目标表(?:[（(].*[)）])?$")
#: a department-wide form's title after the department it names: …2024年部门（单位）整体支出绩效目标申报表（一）
DEPARTMENT_TITLE_RE = re.compile(
    r"(?:\d{4}年度?)?(?:部门|单位)?(?:[（(]单位[)）])?(?:整体)?(?:支出)?绩效目标(?:申报)?表(?:[（(].*[)）])?$"
)
#: a year printed at the head of a title
LEADING_YEAR_RE = re.compile(r"^\d{4}年度?")
#: a cell printing funds with their names, 湖北's 申报表: ``一般公共预算：1,156.40`` (one or more such pairs);
#: an amount needs a separator, decimals or a money unit (a bare integer after a colon is a count or a code)
LABELLED_AMOUNT_RE = re.compile(
    rf"(?P<name>[^:：\d,.。;；、]{{1,20}}?)[:：](?P<number>[-−△▲]?\(?(?:\d[\d,.]*)?\d\)?)(?P<unit>{MONEY_UNIT_PATTERN})?"
)
LABELLED_SEPARATOR_RE = re.compile(r"[;；,，、]?")
#: a fund's name, as a 名称：金额 cell prints it (其他资金, 一般公共预算, 基本支出, 政府性基金拨款, 上级补助收入 …)
FUND_NAME_RE = re.compile(rf"{TARGET_FORM.fund}|预算|支出|经费|基金|补助|自筹|结余")
#: a year and month printed like an amount (完成时限：2024.12): never a fund
YEAR_MONTH_RE = re.compile(r"^(?:19|20)\d{2}\.\d{1,2}$")
#: points between a merged cell's top edge and the top of a continuation part's grid for the cell to be cut there
CUT_TOL = 2.0

FUND_COLUMNS = ["项目名称", "资金来源", "金额"]
#: the measures of a block of funds printing several, a column each (a self-evaluation's 年初预算数 | 全年预算数 |
#: 全年执行数 | 分值 | 执行率 | 得分): the first pattern a heading matches decides
FUND_MEASURES = (
    ("rate", r"率$|[%％]"),
    ("weight", r"^分值$|^权重$"),
    ("score", r"^得分$"),
    ("money", r"预算数$|执行数$|决算数$|完成数$|^预算$|^执行$|^金额$"),
)


@dataclass
class FundLine:
    """One figure of a form's funds: whose (the project, or a task of the department), which source."""

    project: str
    source: str
    #: the number as printed (without a unit printed beside it) and that unit
    printed: str
    unit: str | None
    page: int
    box: tuple[float, float, float, float] | None = None
    #: the figure's measure when a block of funds prints several (年初预算数 | 全年预算数 | 全年执行数)
    measure: str = ""


@dataclass
class FormProject:
    name: str = ""
    department: str = ""
    unit_name: str = ""
    funds: list[FundLine] = field(default_factory=list)
    goal: str = ""
    #: the goal over the project's whole period, when printed (实施期目标)
    period_goal: str = ""
    indicators: list[dict] = field(default_factory=list)
    #: unit printed in a funds label such as ``项目资金（万元）``
    unit: str | None = None
    #: the weights' total printed in the indicator header (``分值（90）``)
    weight_total: Decimal | None = None
    #: a department-wide form (部门整体绩效目标表), not a project's
    whole_department: bool = False

    @property
    def is_blank(self) -> bool:
        return not (self.funds or self.indicators or self.goal or self.period_goal)


@dataclass
class _TaskBlock:
    """A department-wide form's task list: where its columns are."""

    name: tuple[float, float]
    content: tuple[float, float] | None
    #: (printed label, x0, x1) of each amount column
    amounts: list[tuple[str, float, float]]
    #: the label cell merged down the block's left edge (年度主要任务), if any
    group: str


def _label(text: str) -> str:
    return re.sub(r"^其中\s*[:：]", "", squash(text)).rstrip(":：")


def _value_after(row: list[FormCell], index: int) -> FormCell | None:
    return next((c for c in row[index + 1 :] if c.fill), None)


def _at(row: list[FormCell], span: tuple[float, float]) -> FormCell | None:
    x0, x1 = span
    return next((c for c in row if x0 - 1 <= c.xc <= x1 + 1), None)


def department_from_title(title: str) -> str:
    """The department a department-wide form's title names (``某某区文化和旅游局2024年部门整体支出绩效目标表``
    → ``某某区文化和旅游局``), or ``""`` for a title naming none (``2024年部门整体支出绩效目标表``)."""
    return LEADING_YEAR_RE.sub("", DEPARTMENT_TITLE_RE.sub("", squash(title)))


def project_from_title(title: str) -> str:
    """The project a form's title names (``单警装备…项目建设项目绩效目标表`` → ``单警装备…项目建设``), or ``""``."""
    return TITLE_AROUND_PROJECT_RE.sub("", TITLE_AROUND_PROJECT_RE.sub("", squash(title)))


def parse_forms(raw: RawTable) -> list[FormProject]:
    """The projects (or the department) of a stitched form table, in printed order."""
    return _parse(raw)[0]


def _parse(raw: RawTable) -> tuple[list[FormProject], set[tuple[int, tuple[float, float, float, float]]]]:
    """The projects of a stitched form table, and the cells (page, box) of the rows read as indicators.

    A merged cell cut by a page break prints blank at the top of the next page (its text stays above
    the break): a block's name cell (年度主要任务) cut so goes on with the block above while its rows keep the
    block's shape, and an indicator's level cells (一级指标, 二级指标) cut so carry the levels from above.
    """
    projects: list[FormProject] = []
    indicator_cells: set[tuple[int, tuple[float, float, float, float]]] = set()
    roles: dict[str, tuple[float, float]] = {}
    tasks: _TaskBlock | None = None
    #: the column headings of a block of funds laid out as columns (资金总额 | 按收入性质分 | 按支出性质分)
    headings: list[FormCell] = []
    #: goal labels printed in a row of their own, the texts under them in the next: (role, x0, x1)
    pending_goals: list[tuple[str, float, float]] = []
    department_title = spec_for_title(raw.title).key == "department_targets"
    for index, part in enumerate(raw.parts):
        # the top edge of a continuation part: a blank merged cell starting there was cut by the page break
        top = part.grid.rows[0][0] if index and part.grid.rows else None

        def cut(cell: FormCell, top: float | None = top) -> bool:
            return top is not None and not cell.fill.strip() and abs(cell.y1 - top) <= CUT_TOL

        for row in form_rows(part.grid):
            labels = [squash(c.fill) for c in row]
            first = labels[0] if labels else ""
            if first == FORM_KEY or (DEPARTMENT_KEY_RE.match(first) and row[0].text):
                value = _value_after(row, 0)
                name = value.fill.strip() if value else ""
                carried = projects.pop() if projects and projects[-1].is_blank else None
                project = FormProject(name=name, whole_department=first != FORM_KEY)
                if first != FORM_KEY:
                    project.unit_name = name
                elif carried is not None:
                    project.unit_name, project.department = carried.unit_name, carried.department
                projects.append(project)
                roles, tasks, pending_goals, headings = {}, None, [], []
                continue
            if not projects:
                # no opening label: the project is named by the title, a department's form by its 单位 line
                # (or, without one, by the title: 某某局2024年部门整体支出绩效目标表)
                name = project_from_title(raw.title) if not department_title else ""
                unit = _org_value(raw.org_line) or (department_from_title(raw.title) if department_title else "")
                projects.append(FormProject(name=name or unit, unit_name=unit, whole_department=department_title))
            project = projects[-1]
            header = indicator_roles(row)
            if header:
                roles, tasks, pending_goals, headings = header, None, [], []
                weight_header = next((squash(c.fill) for c in row if re.search(r"^分值|权重", squash(c.fill))), "")
                printed_total = re.search(r"[（(](\d+(?:\.\d+)?)分?[)）]", weight_header)
                if printed_total:
                    project.weight_total = Decimal(printed_total.group(1))
                continue
            if roles:
                total = _score_total(row)
                if total is not None:  # the 总分 row: the weights' (and scores') totals, no indicator
                    project.weight_total = project.weight_total if project.weight_total is not None else total
                    indicator_cells.update((c.page, c.box) for c in row)
                    continue
                previous = project.indicators[-1] if project.indicators else None
                indicator = _indicator(row, roles, previous, cut)
                if indicator:
                    project.indicators.append(indicator)
                    indicator_cells.update((c.page, c.box) for c in row)
                continue
            block = _task_header(row)
            if block is not None:
                tasks, pending_goals, headings = block, [], []
                unit = next((m for c in row if (m := LABEL_UNIT_RE.search(squash(c.fill)))), None)
                project.unit = unit.group(1) if unit else project.unit
                continue
            if tasks is not None:
                if _read_task_row(project, tasks, row, cut(row[0])):
                    continue
                tasks = None
            if pending_goals and _read_goals_under(project, pending_goals, row):
                pending_goals = []
                continue
            pending_goals = _goal_labels_only(row)
            if pending_goals:
                headings = []
                continue
            read = _read_fund_measures(project, row, headings)
            if read is not None:
                indicator_cells.update(read)
                continue  # the block of funds goes on under its headings
            _read_fund_cells(project, row, headings)
            _read_key_values(project, row)
            headings = _fund_headings(row) or (headings if _amounts_only(row) else [])
    return [p for p in projects if not p.is_blank], indicator_cells


def labelled_amounts(text: str) -> list[tuple[str, str, str | None]]:
    """The funds a cell prints with their names (``一般公共预算：1,156.40``, ``财政拨款：100.00；其他资金：20.00``,
    ``其中：上年结转：12万元``) as (name, number as printed, unit printed with it); ``[]`` for any other text.

    The name must name a fund (:data:`FUND_NAME_RE`), the number have a separator, decimals or a money unit
    and be no year and month (``完成时限：2024.12``); a malformed number (``1,00.00``) is kept, to be reported.
    """
    text = re.sub(r"^其中\s*[:：]", "", squash(text))
    pairs, pos = [], 0
    while pos < len(text):
        match = LABELLED_AMOUNT_RE.match(text, pos)
        if match is None:
            return []
        name, number, unit = match.group("name"), match.group("number"), match.group("unit")
        if not FUND_NAME_RE.search(name) or YEAR_MONTH_RE.match(number) or not (unit or re.search(r"[,.]", number)):
            return []
        pairs.append((name, number, unit))
        pos = LABELLED_SEPARATOR_RE.match(text, match.end()).end()
    return pairs


def _is_amount_cell(cell: FormCell) -> bool:
    return bool(cell.text) and is_amount_text(split_unit(cell.text)[0])


def _amounts_only(row: list[FormCell]) -> bool:
    """A row printing amounts only, bare or with their names (a block of funds laid out as columns goes on)."""
    printed = [c for c in row if c.text]
    return bool(printed) and all(_is_amount_cell(c) or labelled_amounts(c.text) for c in printed)


def _fund_headings(row: list[FormCell]) -> list[FormCell]:
    """The row's cells when it heads a block of funds laid out as columns (年度预算申请（万元） | 资金总额 |
    按收入性质分 | 按支出性质分): short words in two cells or more, no amount, and no form label after the first
    (``主管部门 | 某某局 | 实施单位 | 某某所`` is a row of key–value pairs)."""
    printed = [c for c in row if c.text]
    if len(printed) < 2 or any(len(squash(c.text)) >= 12 or _is_amount_cell(c) for c in printed):
        return []
    if any(labelled_amounts(c.text) for c in printed) or _is_form_label(squash(printed[0].text), opening=True):
        return []
    if any(_is_form_label(squash(c.text)) for c in printed[1:]):
        return []
    return printed


def _is_form_label(label: str, opening: bool = False) -> bool:
    label = _label(label)
    if opening:
        return label == FORM_KEY or bool(DEPARTMENT_KEY_RE.match(label) or UNIT_LABEL_RE.search(label))
    return bool(
        FORM_LABEL_RE.match(label)
        or label == FORM_KEY
        or DEPARTMENT_KEY_RE.match(label)
        or UNIT_LABEL_RE.search(label)
        or DEPT_LABEL_RE.search(label)
        or _goal_role(label)
    )


def _read_fund_cells(project: FormProject, row: list[FormCell], headings: list[FormCell]) -> None:
    """Funds printed in cells of their own: ``名称：金额`` cells (each a fund of the form, named as printed), and
    amounts under a column heading naming a fund (资金总额 over 1,256.40).

    A ``名称：金额`` cell under a heading grouping funds (按收入性质分, 按支出性质分) belongs to that group: the
    form's total is the sum of each group, not of all of them.  An amount beside a label of its own row is that
    label's value (:func:`_read_key_values`), never read under a heading.
    """
    for i, cell in enumerate(row):
        if not cell.text:
            continue
        left = next((c for c in reversed(row[:i]) if c.text), None)
        in_columns = left is None or _is_amount_cell(left) or bool(labelled_amounts(left.text))
        heading = next((h for h in headings if h.x0 - 1 <= cell.xc <= h.x1 + 1), None) if in_columns else None
        pairs = labelled_amounts(cell.text)
        if pairs:
            group = squash(heading.text) if heading is not None else project.name
            for name, number, unit in pairs:
                project.funds.append(FundLine(group, name, number, unit, cell.page, cell.box))
        elif heading is not None and _is_amount_cell(cell) and FUND_LABEL_RE.search(squash(heading.text)):
            number, printed_unit = split_unit(cell.text)
            project.funds.append(
                FundLine(project.name, _label(heading.text), number, printed_unit, cell.page, cell.box)
            )


def _score_total(row: list[FormCell]) -> Decimal | None:
    """The weights' total a form's 总分 row prints under its indicators (``总分 | 100 | 98.50``); None for any
    other row."""
    printed = [c for c in row if c.text]
    if not printed or not TOTAL_SCORE_RE.match(squash(printed[0].text)):
        return None
    figures = [c.text for c in printed[1:] if is_amount_text(c.text)]
    return parse_amount(figures[0]) if figures else None


def _measure_of(heading: str) -> str:
    """What a column of a block of funds measures: ``money`` (年初预算数, 全年执行数), ``weight`` (分值), ``rate``
    (执行率), ``score`` (得分); ``""`` for another heading."""
    label = _label(heading)
    for kind, pattern in FUND_MEASURES:
        if re.search(pattern, label):
            return kind
    return ""


def _read_fund_measures(
    project: FormProject, row: list[FormCell], headings: list[FormCell]
) -> set[tuple[int, tuple[float, float, float, float]]] | None:
    """A fund's row in a block of funds printing several measures, a column each (a self-evaluation's 项目资金:
    年度资金总额 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分): one fund line per money column, its
    measure the heading; the 分值, 执行率 and 得分 the row prints are the form's score for 预算执行率, an
    indicator.  Returns the cells read (None when the row is no such row: the block's headings name no two money
    measures, or the row opens with no name, or with a label of the form's, or prints no figure under them)."""
    columns = [(h, _measure_of(h.text)) for h in headings]
    if sum(1 for _, kind in columns if kind == "money") < 2:
        return None
    unit = next((m for h in headings if (m := LABEL_UNIT_RE.search(squash(h.text)))), None)
    project.unit = unit.group(1) if unit else project.unit  # 项目资金（万元）, 金额（万元） over the block
    printed = [c for c in row if c.text]
    if not printed or _is_amount_cell(printed[0]):
        return None
    if not FUND_LABEL_RE.search(_label(printed[0].text)) and _is_form_label(squash(printed[0].text)):
        return None  # a label of the form's own (年度总体目标): the block has ended
    label, read = _label(printed[0].text), set()
    lines = len(project.funds)
    scored: dict[str, FormCell] = {}
    for cell in printed[1:]:
        heading, kind = next(((h, k) for h, k in columns if h.x0 - 1 <= cell.xc <= h.x1 + 1), (None, ""))
        if heading is None:
            continue
        if kind == "money" and _is_amount_cell(cell):
            number, unit = split_unit(cell.text)
            project.funds.append(FundLine(project.name, label, number, unit, cell.page, cell.box, _label(heading.text)))
            read.add((cell.page, cell.box))
        elif kind in ("weight", "rate", "score"):
            scored[kind] = cell
            read.add((cell.page, cell.box))
    if len(project.funds) == lines:
        return None  # no figure under a money column: the block has ended
    weight, score = (scored.get(k) for k in ("weight", "score"))
    if weight is not None and is_amount_text(weight.text):
        rate = scored.get("rate")
        project.indicators.append(
            _indicator_record(
                level3="预算执行率",
                weight=parse_amount(weight.text),
                actual=rate.text.strip() if rate is not None else "",
                score=parse_amount(score.text) if score is not None and is_amount_text(score.text) else None,
                page=weight.page,
            )
        )
    return read


def _indicator_record(**fields) -> dict:
    """One indicator of a form: every field a form gives (blank where not printed), ``fields`` set."""
    record = dict.fromkeys(
        ("level1", "level2", "level3", "operator", "target", "measure_unit", "direction", "core", "actual"), ""
    )
    record.update(weight=None, score=None, deviation="", quantitative=True, page=None)
    record.update(fields)
    return record


def _org_value(org_line: str) -> str:
    """``单位名称：重庆市科学技术局`` → ``重庆市科学技术局``."""
    parts = re.split(r"[:：]", org_line, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 else ""


def _goal_role(label: str) -> str | None:
    if GOAL_LABEL_RE.search(label):
        return "goal"
    if PERIOD_GOAL_RE.search(label):
        return "period_goal"
    return None


def _goal_labels_only(row: list[FormCell]) -> list[tuple[str, float, float]]:
    """A row printing goal labels only (``当年整体绩效目标``; ``实施期总目标 | 年度目标``): their columns."""
    printed = [c for c in row if c.text]
    found = [(_goal_role(squash(c.text)), c.x0, c.x1) for c in printed]
    if not printed or any(role is None for role, _, _ in found):
        return []
    # a label beside its value is a key–value row; the left label of a block (总体目标) heads the others
    return [(role, x0, x1) for role, x0, x1 in found] if all(len(squash(c.text)) < 12 for c in printed) else []


def _read_goals_under(project: FormProject, pending: list[tuple[str, float, float]], row: list[FormCell]) -> bool:
    found = False
    for role, x0, x1 in pending:
        cell = _at(row, (x0, x1))
        if cell is not None and cell.text and _goal_role(squash(cell.text)) is None:
            setattr(project, role, getattr(project, role) + cell.text.strip())
            found = True
    return found


def _read_key_values(project: FormProject, row: list[FormCell]) -> None:
    for i, cell in enumerate(row):
        label = squash(cell.text)
        if not label or labelled_amounts(label):
            continue  # a 名称：金额 cell is a fund of its own (_read_fund_cells), no label of the next cell
        unit = LABEL_UNIT_RE.search(label)
        if unit and FUND_LABEL_RE.search(label):
            project.unit = unit.group(1)
        value = _value_after(row, i)
        role = _goal_role(label)
        if role and value is not None and _goal_role(squash(value.fill)) is None:
            setattr(project, role, getattr(project, role) + value.text.strip())
        elif UNIT_LABEL_RE.search(label) and value is not None:
            project.unit_name = value.fill.strip()
        elif DEPT_LABEL_RE.search(label) and value is not None:
            project.department = value.fill.strip()
        elif FUND_LABEL_RE.search(label) and not is_amount_text(label):
            following = row[i + 1] if i + 1 < len(row) else None
            if following is not None and following.text:
                number, printed_unit = split_unit(following.text)
                if is_amount_text(number):
                    project.funds.append(
                        FundLine(project.name, _label(cell.text), number, printed_unit, following.page, following.box)
                    )


def _task_header(row: list[FormCell]) -> _TaskBlock | None:
    names = [c for c in row if TASK_RE.match(squash(c.fill))]
    if not names:
        return None
    name = names[0]
    content = next((c for c in row if TASK_CONTENT_RE.match(squash(c.fill))), None)
    right = content.x1 if content else name.x1
    amounts = [(_label(c.fill), c.x0, c.x1) for c in row if c.x0 >= right - 1 and _names_funds(c.fill)]
    group = row[0].fill if row[0] is not name else ""
    return _TaskBlock((name.x0, name.x1), (content.x0, content.x1) if content else None, amounts, squash(group))


def _read_task_row(project: FormProject, block: _TaskBlock, row: list[FormCell], cut: bool = False) -> bool:
    """Read one row of a task list (a task, its 合计, or the amounts' own header); False at the block's end.

    The block goes on while its name cell (年度主要任务, merged down its left edge) does; ``cut``: the row's
    left cell is that cell cut by a page break (blank at the top of the next page), so the block goes on
    while the row has the block's shape (a task or its 合计, and amounts under the block's columns).
    """
    if block.group and not (squash(row[0].fill) == block.group and not row[0].text):
        if not (cut and _has_block_shape(block, row)):
            return False
    if not block.group and row[0].text and re.match(TARGET_FORM.labels, squash(row[0].text)):
        return False
    left = block.content[1] if block.content else block.name[1]
    heads = [c for c in row if c.x0 >= left - 1 and c.text]
    if heads and all(_names_funds(c.text) and not is_amount_text(c.text) for c in heads):
        # the amounts' own header under a merged 预算金额（万元）: its columns
        block.amounts = [(_label(c.text), c.x0, c.x1) for c in heads]
        return True
    name_cell = _at(row, block.name)
    total = next((c for c in row if c.text and WHOLE_TOTAL_RE.search(squash(c.text))), None)
    if total is not None:
        task = squash(total.text)
    elif name_cell is not None and name_cell.text:
        task = name_cell.text.strip()
        content = _at(row, block.content) if block.content else None
        if NUMBERED_TASK_RE.match(squash(task)) and content is not None and content.text:
            task = f"{squash(task)}：{content.text.strip()}"
    else:
        return bool(name_cell is not None and not name_cell.text)  # a blank task row
    for label, x0, x1 in block.amounts:
        cell = _at(row, (x0, x1))
        if cell is None or not cell.text or cell is total:
            continue
        number, printed_unit = split_unit(cell.text)
        if is_amount_text(number):
            # a column of a measure (全年预算数 | 全年执行数) holds the task's funds in that measure
            source, measure = ("", label) if not FUND_LABEL_RE.search(label) else (label, "")
            project.funds.append(FundLine(task, source, number, printed_unit, cell.page, cell.box, measure))
    return True


def _names_funds(heading: str) -> bool:
    """A column heading over funds: a source (财政拨款, 其他资金, 总额) or a measure of money (全年执行数)."""
    return bool(FUND_LABEL_RE.search(squash(heading))) or _measure_of(heading) == "money"


def _has_block_shape(block: _TaskBlock, row: list[FormCell]) -> bool:
    """A row of a task list: a task named under the block's name column (or its 合计) and an amount under
    one of its amount columns."""
    name = _at(row, block.name)
    named = (name is not None and bool(name.text)) or any(c.text and WHOLE_TOTAL_RE.search(squash(c.text)) for c in row)
    return named and any(
        (cell := _at(row, (x0, x1))) is not None and _is_amount_cell(cell) for _, x0, x1 in block.amounts
    )


def _indicator(
    row: list[FormCell],
    roles: dict[str, tuple[float, float]],
    previous: dict | None = None,
    cut: Callable[[FormCell], bool] | None = None,
) -> dict | None:
    """The indicator a row prints (None for a row without 三级指标 or 指标值).

    A level cell cut by a page break (``cut``: blank at the top of a continuation part) carries the level of
    the ``previous`` indicator: 一级指标 always, 二级指标 under the same 一级指标.
    """
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
    weight_text, score_text = text("weight"), text("score")
    weight = parse_amount(weight_text) if weight_text and is_amount_text(weight_text) else None
    score = parse_amount(score_text) if score_text and is_amount_text(score_text) else None
    level1, level2 = squash(text("level1", merged=True)), squash(text("level2", merged=True))
    if previous is not None and cut is not None:
        if not level1 and "level1" in found and cut(found["level1"]):
            level1 = previous["level1"]
        if not level2 and "level2" in found and cut(found["level2"]) and level1 == previous["level1"]:
            level2 = previous["level2"]
    return _indicator_record(
        level1=level1,
        level2=level2,
        level3=level3,
        operator=operator,
        target=value,
        measure_unit=unit,
        weight=weight,
        direction=text("direction"),
        core=text("core"),
        actual=text("actual"),
        score=score,
        deviation=text("deviation", merged=True),
        quantitative=operator != "定性",
        page=found["level3"].page if "level3" in found else found["target"].page,
    )


def split_target(target: str, operator: str = "", unit: str = "") -> tuple[str, str, str]:
    """(operator, value, measure unit) of a printed target such as ``≥95%`` or ``20 门``.

    Words without a number (``显著``, ``有效``) are qualitative targets (``定性``).
    """
    operator = OPERATOR_NORMAL.get(squash(operator), squash(operator))
    match = TARGET_RE.match(squash(target))
    if match is None:
        return (operator or "定性", target, unit)
    if re.match(r"^年\d|^年.*月|^月|^[/\-－.]\d", match.group("unit")):
        # a date (2023年8月底, 2023/12/1前): the value is the whole text
        return (operator or "=", squash(target), unit)
    op = match.group("op") or ""
    op = OPERATOR_NORMAL.get(op, op)
    return (operator or op or "=", match.group("value"), unit or match.group("unit"))


def _amount_in(line: FundLine, unit: str) -> Decimal | None:
    """The figure of ``line`` in the table's unit (a figure printed with another unit converted exactly);
    None for a figure that cannot be read (the funds table reports that cell)."""
    try:
        value = parse_amount(line.printed)
    except ValueError:
        return None
    if value is None or not line.unit or line.unit == unit or unit not in UNIT_FACTORS:
        return value
    return value * UNIT_FACTORS[line.unit] / UNIT_FACTORS[unit]


def form_table(raw: RawTable, unit: str, path: Path) -> Table:
    """The forms' funds as a typed table: one row per project (or task) and source of funds.

    Amounts the form prints in cells that no fund row or indicator read are the table's ``unread`` (a
    ``coverage`` problem per page, :func:`~analysis.extract.coverage.unread_form_amounts`); a form of which
    no fund was read at all is a table read as printed empty, its printed amounts reported as such.
    """
    projects, indicator_cells = _parse(raw)
    # the form's structure (项目名称, indicator block) makes it a target table whatever its title
    spec = spec_for_title(raw.title)
    if spec.kind != "targets":
        whole = any(p.whole_department for p in projects)
        spec = spec_by_key("department_targets" if whole else "performance_targets")
    records, pages, printed, boxes = [], [], [], []
    printed_unit = next((p.unit for p in projects if p.unit), None) or next(
        (f.unit for p in projects for f in p.funds if f.unit), None
    )
    table_unit = printed_unit or raw.unit or unit
    title, notes, title_source = raw.title, list(raw.notes), raw.title_source
    if not spec.matches(title) and projects and projects[0].name:
        # the title was printed on the previous page (or not at all): the template's name
        title, title_source = f"{projects[0].name}绩效目标表", "project"
        notes.append(f"title not printed above the form; named after its 项目名称 {projects[0].name!r}")
    unreadable: dict[tuple[int, str], str] = {}
    # a block of funds printing several measures gives a column each (年初预算数 | 全年预算数 | 全年执行数)
    amounts = list(dict.fromkeys(line.measure or "金额" for p in projects for line in p.funds)) or ["金额"]
    columns = [*FUND_COLUMNS[:2], *amounts]
    rows: dict[tuple, int] = {}
    for project in projects:
        for k, line in enumerate(project.funds):
            name = line.project or project.name
            # one row per fund (and per line where no measure is printed: each is its own row, as before)
            key = (id(project), name, line.source) if line.measure else (id(project), k)
            if key not in rows:
                rows[key] = len(records)
                records.append(dict.fromkeys(columns))
                records[-1].update({"项目名称": name, "资金来源": line.source})
                pages.append(dict.fromkeys(columns, line.page))
                printed.append({"项目名称": name, "资金来源": line.source})
                boxes.append(dict.fromkeys(columns))
            i, column = rows[key], line.measure or "金额"
            amount = _amount_in(line, table_unit)
            if amount is None and normalise_number_text(line.printed) not in BLANKS:
                unreadable[(i, column)] = line.printed
            records[i][column], printed[i][column], boxes[i][column] = amount, line.printed, line.box
            pages[i][column] = line.page
    unread = []
    if any(r[c] is not None for r in records for c in amounts):
        read = indicator_cells | {(line.page, line.box) for p in projects for line in p.funds}
        unread = unread_form_amounts([c for part in raw.parts for row in form_rows(part.grid) for c in row], read)
    return Table(
        spec=spec,
        title=title,
        label=raw.label,
        unit=table_unit,
        unit_text=raw.unit_text or (f"（{printed_unit}）" if printed_unit else ""),
        unit_assumed=printed_unit is None and raw.unit is None,
        org_line=raw.org_line,
        pages=raw.pages,
        df=pd.DataFrame.from_records(records, columns=columns),
        column_kinds={"项目名称": "text", "资金来源": "text", **dict.fromkeys(amounts, "money")},
        cell_pages=pd.DataFrame.from_records(pages, columns=columns),
        printed=pd.DataFrame.from_records(printed, columns=columns),
        cell_boxes=pd.DataFrame.from_records(boxes, columns=columns),
        notes=notes,
        continued_pages=raw.continued_pages,
        raw=raw,
        unreadable=unreadable,
        unread=unread,
        reader="form",
        source=path.name,
        title_source=title_source,
    )


def _project_budget(project: FormProject) -> FundLine | None:
    """The project's budget: the year's total (年度资金总额, 当年预算) before a total over its whole period."""
    # a department's tasks add up to their 合计: the department's budget
    own = [f for f in project.funds if f.project == project.name or WHOLE_TOTAL_RE.search(squash(f.project))]
    totals = [f for f in own if FUND_TOTAL_RE.search(squash(f.source))]
    yearly = [f for f in totals if re.search(r"年度|当年|本年", f.source)]
    return (yearly or totals or project.funds or [None])[0]


def form_indicators(table: Table) -> list[dict]:
    """Indicator rows (the columns of :data:`~.indicators.INDICATOR_COLUMNS`) of a form table."""
    out = []
    for project in parse_forms(table.raw):
        line = _project_budget(project)
        budget = _amount_in(line, table.unit) if line is not None else None
        goal = project.goal or project.period_goal
        for indicator in project.indicators:
            out.append(
                {
                    "table_key": table.key,
                    "table_title": table.title,
                    "unit_printed": table.unit,
                    "row_index": len(out),
                    "unit_name": project.unit_name,
                    "project": project.name,
                    "budget_printed": line.printed if line is not None else "",
                    "budget": budget if isinstance(budget, Decimal) else None,
                    "annual_goal": goal,
                    **indicator,
                    "weight_total": project.weight_total,
                }
            )
    return out
