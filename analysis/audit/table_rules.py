"""Rules on the tables: within each table, and the same figures across tables."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal

from ..model import Check, Table
from ..specs import MEASURE_NAMES as SPEC_MEASURE_NAMES
from ..specs import SCOPE_NAMES as SPEC_SCOPE_NAMES
from ..text import WHOLE_TOTAL_RE, squash
from ..transform.amounts import UNIT_FACTORS, to_wanyuan
from ..transform.indicators import project_budgets, project_indicators
from ..transform.tables import table_sides
from .core import AuditContext, Outcome, fmt, fmt_amount
from .figures import (
    grand_total_row,
    name_of,
    project_amounts,
    row_names,
    scope_of,
    summary_total_rows,
    table_groups,
    total_column,
)

PAGE_RE = re.compile(r"page (\d+)")
NOT_RUN_RE = re.compile(r"^(?P<rule>\S+) (?P<description>.*) \((?P<location>[^()]*)\): (?P<why>unreadable .*)$")
#: a figure rounded to cents may differ by rounding only: half a cent per summand
CENT = Decimal("0.005")


def show(value: Decimal) -> str:
    """An amount converted from 元 as read on screen: to the cent when exact there (500,000.00 元 →
    50.00 万元), else ≈ and two decimals (146,820 元 → ≈14.68 万元); the figure itself stays exact."""
    cents = value.quantize(Decimal("0.01"))
    return fmt(cents) if cents == value else fmt_amount(value)


def _to_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except Exception:
        return None


def _outcome_of_check(table: Table, check: Check) -> Outcome:
    expected, actual = _to_decimal(check.expected), _to_decimal(check.actual)
    difference = fmt(actual - expected) if expected is not None and actual is not None else ""
    page = PAGE_RE.search(check.location)
    verdict = "成立" if check.passed else "不成立"
    return Outcome(
        status="passed" if check.passed else "failed",
        message=f"{table.name}：{check.description} {verdict}",
        expected=check.expected,
        actual=check.actual,
        difference=difference,
        location=check.location,
        page=int(page.group(1)) if page else None,
    )


def _check_kind(check: Check) -> str:
    """Which audit rule a table validation check belongs to."""
    if check.rule == "column_total":
        parts = {
            squash(p.split("/")[-1]).removeprefix("其中：").removeprefix("其中:")
            for p in check.description.split(" = ", 1)[-1].split(" + ")
        }
        if parts == {"基本支出", "项目支出"}:
            return "basic_plus_project"
        if parts == {"人员经费", "公用经费"}:
            return "personnel_plus_public"
        return "table_totals"
    if check.rule == "row_total":
        return "table_totals"
    if check.rule == "function_hierarchy":
        return "function_hierarchy"
    return "target_budgets"


def validation_rule(kind: str, nothing: str):
    """A rule reading the checks ``validate`` recorded on each table."""

    def rule(ctx: AuditContext) -> Iterator[Outcome]:
        found = False
        for table in ctx.budget.tables:
            for check in table.validation.checks:
                if _check_kind(check) == kind:
                    found = True
                    yield _outcome_of_check(table, check)
            for entry in table.validation.not_run:
                # an identity that needs an unreadable cell: "rule description (location): unreadable cell …"
                m = NOT_RUN_RE.match(entry)
                if m and _check_kind(Check(m["rule"], m["description"], "", "", False)) == kind:
                    found = True
                    page = PAGE_RE.search(m["location"])
                    yield Outcome(
                        "not_run",
                        f"{table.name}：{m['description']} — {m['why']}",
                        location=m["location"],
                        page=int(page.group(1)) if page else None,
                    )
        if not found:
            yield Outcome("not_run", nothing)

    return rule


def income_equals_expenditure(ctx: AuditContext) -> Iterator[Outcome]:
    """收支总表: 收入总计 = 支出总计."""
    found = False
    for table in ctx.budget.tables:
        for i, income_col, spend_col, a, b in summary_total_rows(table):
            found = True
            income, spend = table.df.at[i, income_col], table.df.at[i, spend_col]
            if income is None or spend is None:
                continue
            ok = abs(income - spend) <= CENT
            yield Outcome(
                "passed" if ok else "failed",
                f"{table.name}：{a} = {b}" + (" 成立" if ok else " 不成立"),
                expected=fmt(income),
                actual=fmt(spend),
                difference=fmt(spend - income),
                location=f"{table.name}; row {i}; page {table.cell_pages.at[i, spend_col]}",
                page=int(table.cell_pages.at[i, spend_col]),
            )
    if not found:
        yield Outcome("not_run", "no 收支总表 with 收入总计 and 支出总计 side by side")


def _compare_group(label: str, entries: list[tuple[str, Decimal, str]]) -> Outcome:
    _, first_value, first_where = entries[0]
    differing = [(n, v, w) for n, v, w in entries[1:] if abs(v - first_value) > CENT]
    listing = "；".join(f"{n} {fmt(v)}（{w}）" for n, v, w in entries)
    page = PAGE_RE.search(first_where)
    if not differing:
        return Outcome("passed", f"{label}：{listing}", fmt(first_value), fmt(first_value), "0", listing)
    _, value, _ = differing[0]
    # a cent apart: rounding of the printed figures (a class printed rounded, its items summed) — worth a look
    rounding = all(abs(v - first_value) <= Decimal("0.01") for _, v, _ in differing)
    return Outcome(
        "failed",
        f"{label} 在各表中不一致：{listing}" + ("（相差一分，舍入所致 rounding）" if rounding else ""),
        expected=fmt(first_value),
        actual=fmt(value),
        difference=fmt(value - first_value),
        location=listing,
        page=int(page.group(1)) if page else None,
        severity="warning" if rounding else None,
    )


SCOPE_NAMES = {k: zh for k, (zh, _) in SPEC_SCOPE_NAMES.items()}
MEASURE_NAMES = {k: zh for k, (zh, _) in SPEC_MEASURE_NAMES.items()}


def function_rows_agree(ctx: AuditContext) -> Iterator[Outcome]:
    """A function code printed (or summed up) in several tables has one figure."""
    ran = False
    for (scope, measure, code), entries in sorted(ctx.function_figures.items()):
        if len(entries) < 2:
            continue
        ran = True
        yield _compare_group(f"{code} {SCOPE_NAMES[scope]} {MEASURE_NAMES[measure]}", entries)
    if not ran:
        yield Outcome("not_run", "no function code is printed in two tables of the same scope")


def split_outcome(subject: str, total, basic, project, location: str) -> Outcome:
    """合计 = 基本支出 + 项目支出, each ``(table, value, …)`` as printed in its own table (a cent of slack per part)."""
    ok = abs(total[1] - basic[1] - project[1]) <= CENT * 2
    return Outcome(
        "passed" if ok else "failed",
        f"{subject}：合计 {fmt(total[1])}（{total[0]}）= 基本支出 {fmt(basic[1])}（{basic[0]}）"
        f"+ 项目支出 {fmt(project[1])}（{project[0]}）" + ("" if ok else " 不成立"),
        expected=fmt(basic[1] + project[1]),
        actual=fmt(total[1]),
        difference=fmt(total[1] - basic[1] - project[1]),
        location=location,
    )


def grand_totals(ctx: AuditContext) -> dict[tuple[str, str], list[tuple[str, Decimal, str]]]:
    """(scope, measure) → each table's grand total (合计 row; 本年支出合计 in a 收支总表)."""
    found: dict[tuple[str, str], list] = defaultdict(list)
    for tables in table_groups(ctx.budget):
        scope = scope_of(ctx.budget, tables[0])
        name = tables[0].name if len(tables) == 1 else f"{tables[0].title} ({len(tables)} parts)"
        for measure in ("total", "basic", "project"):
            total, where = Decimal(0), ""
            for table in tables:
                column = total_column(table, measure)
                if column is None:
                    continue
                blocks = _block_totals(table, column)
                if blocks:
                    total += sum(value for value, _ in blocks)
                    where = where or blocks[0][1]
                    continue
                row = _total_row(table, column)
                if row is None or table.df.at[row, column] is None:
                    continue
                total += table.df.at[row, column]
                where = where or f"row {row}, page {table.cell_pages.at[row, column]}"
            if where:
                found[(scope, measure)].append((name, total, where))
    return found


def _block_totals(table: Table, column: str) -> list[tuple[Decimal, str]]:
    """The totals of a table printed in blocks side by side, each the total of its own part (人员经费合计 |
    公用经费合计 in a 基本支出表): the table's total is their sum, never the first block's.  Empty unless every
    block closes with a total named after its own part (blocks of one classification each, closing with a
    plain 合计, are the same total printed twice)."""
    if table.spec.kind == "both":
        return []
    sides = [side for side in table_sides(table) if side.amounts]
    if len(sides) < 2 or column not in sides[0].amounts:
        return []
    found = []
    for side in sides:
        first = next((c for c in side.amounts if c in table.money_columns), None)
        names = row_names(table, first) if first else []
        rows = [i for i, n in enumerate(names) if WHOLE_TOTAL_RE.search(n)]
        value = table.df.at[rows[0], first] if rows else None
        if value is None:
            continue  # a block continuing the one before it (公用经费 over two blocks): its total is in the last
        found.append((names[rows[0]], value, f"row {rows[0]}, page {table.cell_pages.at[rows[0], first]}"))
    parts = {name for name, _, _ in found}
    if len(found) < 2 or len(parts) < len(found) or any(WHOLE_TOTAL_RE.fullmatch(n) for n in parts):
        return []
    return [(value, where) for _, value, where in found]


def _total_row(table: Table, column: str) -> int | None:
    names = row_names(table, column)
    if table.spec.kind == "both":
        rows = [i for i, n in enumerate(names) if re.search(r"^本年支出(合计)?$|^支出合计$", n)]
        return rows[0] if rows else None
    return grand_total_row(table)


def totals_agree(ctx: AuditContext) -> Iterator[Outcome]:
    """Each table's grand total against the other tables of the same scope; total = basic + project."""
    totals = grand_totals(ctx)
    ran = False
    for (scope, measure), entries in sorted(totals.items()):
        if len(entries) >= 2:
            ran = True
            yield _compare_group(f"{SCOPE_NAMES[scope]} {MEASURE_NAMES[measure]} 总额", entries)
    for scope in sorted({s for s, _ in totals}):
        parts = [totals.get((scope, m)) for m in ("total", "basic", "project")]
        if all(parts):
            ran = True
            total, basic, project = (p[0] for p in parts)
            yield split_outcome(SCOPE_NAMES[scope], total, basic, project, f"{total[0]}; {basic[0]}; {project[0]}")
    if not ran:
        yield Outcome("not_run", "fewer than two tables print a grand total of the same scope")


THREE_PUBLIC_CODES = {
    r"因公出国": ("30212",),
    r"公务接待": ("30217",),
    r"公务用车运行": ("30231",),
    r"公务用车购置费|^公务用车购置$": ("31013", "30913"),
}


def three_public_vs_econ(ctx: AuditContext) -> Iterator[Outcome]:
    """“三公”经费表 against the economic-class detail (因公出国(境)费用 30212, 公务接待费 30217 …)."""
    tidy = ctx.budget.tidy
    three = [t for t in ctx.budget.tables if t.key == "three_public" and not t.is_empty]
    detail = tidy[tidy.table_key.isin(["gpb_expense"]) & (tidy.column_econ_code != "")]
    if not three:
        yield Outcome("not_run", "no 一般公共预算“三公”经费表 with figures")
        return
    if detail.empty:
        yield Outcome("not_run", "no 一般公共预算 table by economic class item to compare the 三公 figures with")
        return
    detail_totals = detail[detail.row_label.map(lambda s: bool(re.search(r"合\s*计|总\s*计", s)))]
    detail_totals = detail_totals.drop_duplicates(["table_label", "column"])
    for table in three:
        row = grand_total_row(table)
        if row is None:
            yield Outcome("not_run", f"{table.name}: no 合计 row")
            continue
        for column in table.money_columns:
            leaf = squash(column.split("/")[-1])
            codes = next((c for pattern, c in THREE_PUBLIC_CODES.items() if re.search(pattern, leaf)), None)
            if codes is None:
                continue
            value = table.df.at[row, column]
            value = to_wanyuan(value, table.unit) if value is not None else Decimal(0)
            rows = detail_totals[detail_totals.column_econ_code.isin(codes)]
            econ = sum((Decimal(a) for a in rows.amount), Decimal(0))
            ok = abs(econ - value) <= CENT
            yield Outcome(
                "passed" if ok else "failed",
                f"{table.name} {leaf} {fmt(value)} 万元 与经济分类明细 {'/'.join(codes)} 合计 {fmt(econ)} 万元"
                + ("一致" if ok else "不一致"),
                expected=fmt(econ),
                actual=fmt(value),
                difference=fmt(value - econ),
                location=f"{table.name}; column {column}; page {table.cell_pages.at[row, column]}",
                page=int(table.cell_pages.at[row, column]),
            )


def _project_table(ctx: AuditContext) -> Table | None:
    for key in ("project_expense", "gpb_project_expense"):
        tables = [t for t in ctx.budget.tables if t.key == key and not t.is_empty]
        if tables:
            return tables[0]
    return None


def targets_vs_projects(ctx: AuditContext) -> Iterator[Outcome]:
    """项目绩效目标表 budgets against the 项目支出表, project by project and in total."""
    indicators = project_indicators(ctx.budget.indicators)
    projects_table = _project_table(ctx)
    if indicators.empty:
        yield Outcome("not_run", "no 项目绩效目标表 with indicators")
        return
    if projects_table is None:
        yield Outcome("not_run", "no 项目支出表 listing projects")
        return
    listed = project_amounts(projects_table)
    target_budgets = {name_of(p): v for p, v in project_budgets(indicators).items()}
    for name, (budget, page) in target_budgets.items():
        if name not in listed:
            yield Outcome(
                "failed",
                f"绩效目标表项目“{name}”（{show(budget)} 万元）不在{projects_table.name}中",
                expected="",
                actual=show(budget),
                location=f"项目绩效目标表; project {name}; page {page}",
                page=page,
                severity="warning",
            )
            continue
        amount, table_page = listed[name].amount, listed[name].page
        ok = abs(amount - budget) <= CENT
        yield Outcome(
            "passed" if ok else "failed",
            f"项目“{name}”：绩效目标表 {show(budget)} 万元，{projects_table.name} {show(amount)} 万元",
            expected=show(amount),
            actual=show(budget),
            difference=show(budget - amount),
            location=f"项目绩效目标表 page {page}; {projects_table.name} page {table_page}",
            page=page,
        )
    for name, project in listed.items():
        amount, page = project.amount, project.page
        if name not in target_budgets:
            yield Outcome(
                "failed",
                f"{projects_table.name}项目“{name}”（{show(amount)} 万元）没有绩效目标",
                expected=show(amount),
                actual="",
                location=f"{projects_table.name}; project {name}; page {page}",
                page=page,
                severity="warning",
            )
    total_targets = sum((b for b, _ in target_budgets.values()), Decimal(0))
    total_listed = sum((p.amount for p in listed.values()), Decimal(0))
    ok = abs(total_targets - total_listed) <= CENT
    yield Outcome(
        "passed" if ok else "failed",
        f"绩效目标表项目预算合计 {show(total_targets)} 万元（{len(target_budgets)} 个项目），"
        f"{projects_table.name}项目合计 {show(total_listed)} 万元（{len(listed)} 个项目）",
        expected=show(total_listed),
        actual=show(total_targets),
        difference=show(total_targets - total_listed),
        location=f"项目绩效目标表; {projects_table.name}",
    )


WEIGHT_HEADER_RE = re.compile(r"[（(](\d+)[)）]")


def indicator_weights(ctx: AuditContext) -> Iterator[Outcome]:
    """Each project's indicator weights sum to 100 (or to the total its form's header prints)."""
    indicators = ctx.budget.indicators
    if indicators.empty or indicators.weight.isna().all():
        yield Outcome("not_run", "no indicator weights printed")
        return
    for project, rows in indicators.groupby("project", sort=False):
        weights = [w for w in rows.weight if w is not None and w == w]
        total = sum((Decimal(str(w)) for w in weights), Decimal(0))
        printed = rows.weight_total.dropna() if "weight_total" in rows else []
        expected = Decimal(str(printed.iloc[0])) if len(printed) else Decimal(100)
        page = int(rows.page.iloc[0])
        if total == expected:
            yield Outcome("passed", f"项目“{project}”指标权重合计 {fmt(total)}", fmt(expected), fmt(total), "0")
            continue
        # many templates keep 10 points for 预算执行率 outside the indicator list
        reserved = expected == 100 and total == 90
        yield Outcome(
            "failed",
            f"项目“{project}”指标权重合计 {fmt(total)}，应为 {fmt(expected)}"
            + ("（另 10 分通常留给预算执行率，表中未列）" if reserved else ""),
            expected=fmt(expected),
            actual=fmt(total),
            difference=fmt(total - expected),
            location=f"项目绩效目标表; project {project}; page {page}",
            page=page,
            severity="info" if reserved else None,
        )


def _income_key(name: str) -> str:
    """An income line's name as matched across tables (``一、财政拨款`` ≈ ``财政拨款收入``, ``一般公共预算资金``
    ≈ ``一般公共预算拨款收入``)."""
    return re.sub(r"(?:拨款收入|拨款资金|收入资金|拨款|资金|收入)$", "", name_of(name))


def _income_figures(table: Table) -> dict[str, tuple[Decimal | None, str, str]]:
    """Income source → (total in 万元, where) of a 收入总表: its columns' names in the grand-total row,
    and its rows' names when it lists the sources as rows."""
    out: dict[str, tuple[Decimal | None, str, str]] = {}
    row = grand_total_row(table)
    if row is None and len(table.df) == 1:  # one unit's row: its own total
        row = 0
    if row is not None:
        groups: dict[str, list] = {}  # a heading over several columns: the sum of its columns (or its 小计)
        for column in table.money_columns:
            value = table.df.at[row, column]
            value = to_wanyuan(value, table.unit) if value is not None else None
            where = f"{table.name} {column}, page {table.cell_pages.at[row, column]}"
            levels = [squash(p) for p in column.split("/")]
            leaf = levels[-1]
            # the grand total: the first 合计/总计 column (收入合计, 收入预算/合计)
            key = "总计" if re.match(r"^(?:收入)?(?:合计|总计)$", leaf) and len(levels) <= 2 else _income_key(leaf)
            if key and key not in out and (key == "总计" or not GROUP_TOTAL_RE.match(leaf)):
                out[key] = (value, where, leaf)
            for depth, level in enumerate(levels[:-1]):
                group_where = f"{table.name} {level}（各栏之和）, page {table.cell_pages.at[row, column]}"
                entry = groups.setdefault(_income_key(level), [Decimal(0), None, group_where, level, False])
                if depth == len(levels) - 2 and GROUP_TOTAL_RE.match(leaf):
                    entry[1], entry[2] = value, where  # the heading's own 小计 (事业收入/金额)
                elif value is not None and not leaf.startswith("其中"):  # 其中：教育收费 is inside another
                    entry[0] += value
                    entry[4] = True
        for key, (total, subtotal, where, level, any_value) in groups.items():
            if key and key not in out and (subtotal is not None or any_value):
                out[key] = (subtotal if subtotal is not None else total, where, level)
    if table.money_columns:
        column = table.money_columns[0]
        for i, name in enumerate(row_names(table, column)):
            value = table.df.at[i, column]
            if name and not WHOLE_TOTAL_RE.search(name) and _income_key(name) not in out and value is not None:
                where = f"{table.name} row {i}, page {table.cell_pages.at[i, column]}"
                out[_income_key(name)] = (to_wanyuan(value, table.unit), where, name)
    return out


GROUP_TOTAL_RE = re.compile(r"^(?:小计|合计|金额)$")
#: half a cent of each money unit, in 万元
UNIT_HALF = {unit: CENT * factor for unit, factor in UNIT_FACTORS.items()}


def income_lines_agree(ctx: AuditContext) -> Iterator[Outcome]:
    """Every income line of the 收支总表 against the same source in the 收入总表, matched by name."""
    summaries = [t for t in ctx.budget.tables if t.key == "income_expense_summary" and not t.is_empty]
    incomes = [t for t in ctx.budget.tables if t.key == "income_summary" and not t.is_empty]
    if not summaries or not incomes:
        missing = "收支总表" if not summaries else "收入总表"
        yield Outcome("not_run", f"no {missing} with figures to compare the income lines")
        return
    income = incomes[0]
    figures = _income_figures(income)
    unmatched, ran = [], False
    # a 收支总表 continued over pages is read as its parts (the same title): every part's income lines
    parts = [t for t in summaries if (t.label, t.title) == (summaries[0].label, summaries[0].title)]
    lines = []
    for summary in parts:
        columns = [c for c in summary.money_columns if "收入" in squash(c.split("/")[0])] or summary.money_columns[:1]
        if columns:
            lines += [(summary, columns[0], i, name) for i, name in enumerate(row_names(summary, columns[0]))]
    if not lines:
        yield Outcome("not_run", f"{summaries[0].name}: no income column")
        return
    for summary, column, i, name in lines:
        tolerance = max(UNIT_HALF.get(summary.unit, CENT), UNIT_HALF.get(income.unit, CENT))
        value = summary.df.at[i, column]
        if not name or value is None:
            continue
        if re.search(r"收入总计$|^总计$", name):
            key = "总计"
        elif WHOLE_TOTAL_RE.search(name):
            continue  # 本年收入合计: the 收入总表 prints no such line
        else:
            key = _income_key(name)
        if key not in figures:
            unmatched.append(name)
            continue
        other, where, _ = figures[key]
        value = to_wanyuan(value, summary.unit)
        other_value = other if other is not None else Decimal(0)
        if other is None and value == 0:
            continue
        ran = True
        ok = abs(value - other_value) <= tolerance
        others = [(p, v) for k, (v, _, p) in figures.items() if k not in (key, "总计") and v is not None]
        elsewhere = [p for p, v in others if abs(v - value) <= tolerance]
        note = f"；{income.name}的 {fmt(value.normalize())} 万元列在“{elsewhere[0]}”" if elsewhere and not ok else ""
        shown = fmt(other_value.normalize()) + " 万元" if other is not None else "未列"
        yield Outcome(
            "passed" if ok else "failed",
            f"{summary.name}“{name}” {fmt(value.normalize())} 万元，{where.split(',')[0]} {shown}"
            + ("" if ok else f"（income line differs between the tables{note}）"),
            expected=fmt(other_value),
            actual=fmt(value),
            difference=fmt(value - other_value),
            location=f"{summary.name} row {i}, page {summary.cell_pages.at[i, column]}; {where}",
            page=int(summary.cell_pages.at[i, column]),
        )
    if unmatched:
        yield Outcome("not_run", f"{income.name} prints no line named like: {'、'.join(unmatched)}")
    elif not ran:
        yield Outcome("not_run", f"no income line of {summaries[0].name} with a figure")


def splits_agree(ctx: AuditContext) -> Iterator[Outcome]:
    """A 类/款/项's total in one table = its 基本支出 + 项目支出 in the others (tables of the same scope)."""
    figures = ctx.function_figures
    ran = False
    keys = sorted({(scope, code) for scope, measure, code in figures})
    for scope, code in keys:
        parts = [figures.get((scope, m, code), []) for m in MEASURES]
        if not all(parts):
            continue
        total, basic, project = (p[0] for p in parts)
        if len({total[0], basic[0], project[0]}) < 2:
            continue  # one table's own columns: rule T03
        ran = True
        location = f"{total[0]} {total[2]}; {basic[0]} {basic[2]}; {project[0]} {project[2]}"
        yield split_outcome(f"{code} {SCOPE_NAMES[scope]}", total, basic, project, location)
    if not ran:
        yield Outcome("not_run", "no function code's 基本支出 and 项目支出 are printed in other tables than its total")


MEASURES = ("total", "basic", "project")
