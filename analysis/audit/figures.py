"""Figures the audit compares, read from the typed tables by meaning, not position.

* row names (``四、事业收入`` → ``事业收入``) and total rows (合计/总计);
* function-code rows by *scope* (all funds, 一般公共预算, 财政拨款) and *measure*
  (total, basic, project), so that the same 类/款/项 can be compared across tables;
* a name index of every printed figure, for the narrative's claims.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..extract.text import squash
from ..model import Budget, Table
from ..reference import function_classes
from ..transform.amounts import to_wanyuan
from ..transform.tables import row_code_frame

TOTAL_LABEL_RE = re.compile(r"合计|总计")
TOTAL_LEAF_RE = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:合计|总计|小计)|金额|预算数|财政拨款)$")
ENUM_PREFIX_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．])")


def name_of(text: str) -> str:
    """A row or column name without spaces, enumerators or codes."""
    text = squash(text)
    text = re.sub(r"^\d{3,}\s*", "", text)
    return ENUM_PREFIX_RE.sub("", text)


def text_columns(table: Table) -> list[str]:
    return [c for c, k in table.column_kinds.items() if k == "text"]


def label_column(table: Table, column: str) -> str | None:
    """The text column naming the rows of ``column``: the nearest one to its left."""
    names = list(table.column_kinds)
    for j in range(names.index(column) - 1, -1, -1):
        if table.column_kinds[names[j]] == "text":
            return names[j]
    return None


def printed_name(text: str) -> str:
    """A name as printed, without its layout spaces and enumerator (full-width brackets kept)."""
    text = re.sub(r"\s+", "", str(text or ""))
    text = re.sub(r"^\d{3,}", "", text)
    return ENUM_PREFIX_RE.sub("", text)


def row_names(table: Table, column: str | None = None, printed: bool = False) -> list[str]:
    """The name of each row: its last printed text cell (left of ``column``, when given).

    Names are squashed for matching (NFKC, no spaces); ``printed=True`` keeps them as printed.
    """
    cols = text_columns(table)
    if column is not None:
        label = label_column(table, column)
        cols = [label] if label else cols
    names = []
    for i in range(len(table.df)):
        values = [str(table.df.at[i, c] or "") for c in cols]
        text = next((v for v in reversed(values) if squash(v)), "")
        names.append(printed_name(text) if printed else name_of(text))
    return names


def total_column(table: Table, measure: str = "total") -> str | None:
    """The column holding the row totals of ``measure`` (total, basic or project)."""
    money = expenditure_columns(table)
    if not money:
        return None
    paths = {c: [squash(p) for p in c.split("/")] for c in money}
    if measure == "total":
        if table.spec.measure != "total":
            return None
        top = [c for c in money if TOTAL_LEAF_RE.match(paths[c][-1]) and not _under_measure(paths[c])]
        return (top or money)[0] if top or table.spec.scope else None
    if table.spec.measure == measure:
        return money[0]
    word = "基本支出" if measure == "basic" else "项目支出"
    exact = [c for c in money if paths[c][-1] == word]
    if exact:
        return exact[0]
    grouped = [c for c in money if word in paths[c][:-1] and TOTAL_LEAF_RE.match(paths[c][-1])]
    return grouped[0] if grouped else None


def expenditure_columns(table: Table) -> list[str]:
    """Money columns of expenditure (a 收支总表 prints income on its left half)."""
    money = table.money_columns
    if table.spec.kind == "both":
        money = [c for c in money if "支出" in squash(c.split("/")[0])]
    return money


def _under_measure(path: list[str]) -> bool:
    return any(p in ("基本支出", "项目支出") for p in path[:-1])


def grand_total_row(table: Table) -> int | None:
    names = row_names(table)
    totals = [i for i, n in enumerate(names) if TOTAL_LABEL_RE.search(n)]
    return totals[0] if totals else None


def class_codes_by_name() -> dict[str, str]:
    frame = function_classes()
    return {squash(r.name_zh): r.code for r in frame.itertuples()}


def row_function_codes(codes, names: list[str]) -> list[str]:
    """Each row's function code: the printed one; else a 类 known by its name (``names``, squashed), for the
    first row of that name only; none for a row with an economic code (其他支出 is an economic class too)."""
    by_name = class_codes_by_name()
    out, named = [], set()
    for i, name in enumerate(names):
        code = codes.at[i, "func_code"]
        if not code and not codes.at[i, "econ_code"]:
            code = by_name.get(name, "")
            if code in named:
                code = ""
            named.add(code)
        out.append(code)
    return out


@dataclass(frozen=True)
class ProjectAmount:
    """One project of a 项目支出表: its amount in 万元 (all its rows), first page, function codes."""

    amount: Decimal
    page: int
    codes: frozenset[str]


def project_amounts(table: Table, printed: bool = False) -> dict[str, ProjectAmount]:
    """Project name → :class:`ProjectAmount` of a 项目支出表 (its rows with a function code).

    Names are squashed for matching; ``printed=True`` keeps them as printed.
    """
    from ..transform.amounts import to_wanyuan

    column = expenditure_columns(table)[0]
    names = row_names(table, column, printed=printed)
    codes = row_code_frame(table)
    out: dict[str, ProjectAmount] = {}
    for i, name in enumerate(names):
        value, code = table.df.at[i, column], codes.at[i, "func_code"]
        if not code or value is None or not name:
            continue
        previous = out.get(name, ProjectAmount(Decimal(0), int(table.cell_pages.at[i, column]), frozenset()))
        out[name] = ProjectAmount(
            previous.amount + to_wanyuan(value, table.unit), previous.page, previous.codes | {code}
        )
    return out


def table_groups(budget: Budget) -> list[list[Table]]:
    """Tables as compared: the labelled parts of one wide table (表3-1, 表3-1(2) …) form one group."""
    groups: dict[tuple, list[Table]] = {}
    for index, table in enumerate(budget.tables):
        if not table.spec.scope or table.is_empty:
            continue
        # labelled tables of one title are one table's parts (表3-1, 表3-1(2) …; 附表1-1, 附表1-2 …)
        key = (table.key, table.title) if table.label else (index,)
        groups.setdefault(key, []).append(table)
    return list(groups.values())


def scope_of(budget: Budget, table: Table) -> str:
    """The scope a table's figures are compared in (its spec's, with 财政拨款 read as 一般公共预算 when
    the document's government fund and state capital tables are nil)."""
    scope = table.spec.scope
    if scope == "fiscal":
        # 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营: the same figures when the other two are nil
        others = [t for t in budget.tables if t.spec.scope in ("gov_fund", "soe")]
        if all(t.is_empty for t in others):
            return "gpb"
    return scope


def function_figures(budget: Budget) -> dict[tuple[str, str, str], list[tuple[str, Decimal, str]]]:
    """(scope, measure, func_code) → [(table name, value, where)] for every table printing it.

    Wide tables printed as labelled parts each carry a 合计 of their own part
    only, so their parts are added up and count as one table.  A 类 or 款 that
    a table does not print is derived from its finest rows (Σ 项), so that it
    can be compared with the tables that do print it.
    """
    found: dict[tuple[str, str, str], list] = defaultdict(list)
    for tables in table_groups(budget):
        scope = scope_of(budget, tables[0])
        name = tables[0].name if len(tables) == 1 else f"{tables[0].title} ({len(tables)} parts)"
        for measure in ("total", "basic", "project"):
            sums: dict[str, list] = {}
            for table in tables:
                column = total_column(table, measure)
                if column is None:
                    continue
                row_codes = row_function_codes(row_code_frame(table, column), row_names(table, column))
                for i, code in enumerate(row_codes):
                    value = table.df.at[i, column]
                    if not code or value is None:
                        continue
                    entry = sums.setdefault(code, [Decimal(0), f"row {i}, page {table.cell_pages.at[i, column]}"])
                    entry[0] += value
            for code, (value, where) in sums.items():
                found[(scope, measure, code)].append((name, value, where))
            for length in (5, 3):
                finest = [c for c in sums if len(c) > length]
                derived: dict[str, Decimal] = defaultdict(Decimal)
                for code in finest:
                    if not any(len(o) > length and o != code and code.startswith(o) for o in finest):
                        derived[code[:length]] += sums[code][0]
                for code, value in derived.items():
                    if code not in sums:
                        found[(scope, measure, code)].append((name, value, f"Σ of its {len(code) + 2}-digit rows"))
    return found


@dataclass(frozen=True)
class NamedFigure:
    """A printed figure filed under a name: the table, the value in 万元, and whether it is the row's
    total (its table's first amount column) or the column's figure in a total row."""

    table: Table
    value: Decimal
    whole: bool


def named_figures(budget: Budget) -> dict[str, list[NamedFigure]]:
    """Every printed figure under the names a sentence may use for it.

    A row's figures are filed under the row's name; a total row's figures also
    under their column's name (``基本支出``, ``人员经费``).  Values in 万元.
    """
    from ..transform.amounts import to_wanyuan

    index: dict[str, list[NamedFigure]] = defaultdict(list)
    for table in budget.tables:
        if table.unit not in ("万元", "元", "亿元") or table.is_empty:
            continue
        first = {}
        for column in table.money_columns:
            names = row_names(table, column)
            totals = {i for i, n in enumerate(names) if TOTAL_LABEL_RE.search(n)}
            leaf_names = {name_of(p) for p in column.split("/")}
            for i in range(len(table.df)):
                value = table.df.at[i, column]
                if value is None:
                    continue
                value = to_wanyuan(value, table.unit)
                if names[i]:
                    whole = first.setdefault((i, names[i]), column) == column
                    index[names[i]].append(NamedFigure(table, value, whole))
                if i in totals or (i == 0 and not names[i]):
                    for leaf in leaf_names:
                        index[leaf].append(NamedFigure(table, value, True))
    return index


@dataclass(frozen=True)
class CodeFigure:
    """One function-code row of a table: its printed name and total in 万元."""

    table: Table
    name: str
    value: Decimal | None
    page: int


def code_figures(budget: Budget) -> dict[str, list[CodeFigure]]:
    """Function code → the rows printing it, in every table that prints codes (total column, in 万元).

    Tables without a total column still give the row's printed name (``value`` is ``None``).
    """
    from ..transform.amounts import to_wanyuan

    found: dict[str, list[CodeFigure]] = defaultdict(list)
    for table in budget.tables:
        if table.is_empty or not table.money_columns:
            continue
        codes = row_code_frame(table)
        if not any(codes.func_code):
            continue
        column = total_column(table) if table.spec.scope else None
        names = row_names(table, column, printed=True)
        for i in range(len(table.df)):
            code = codes.at[i, "func_code"]
            if not code or not names[i]:
                continue
            value = table.df.at[i, column] if column else None
            page = int(table.cell_pages.at[i, column or table.money_columns[0]])
            if value is not None and table.unit in ("万元", "元", "亿元"):
                value = to_wanyuan(value, table.unit)
            elif table.unit not in ("万元", "元", "亿元"):
                value = None
            found[code].append(CodeFigure(table, names[i], value, page))
    return found


#: the “三公” items, as the narrative and the tables name them
THREE_PUBLIC_NAMES = {
    "total": "“三公”经费",
    "abroad": "因公出国（境）费",
    "vehicles": "公务用车购置及运行费",
    "purchase": "公务用车购置费",
    "running": "公务用车运行费",
    "reception": "公务接待费",
}
OTHER_COSTS_RE = re.compile(r"会议费|培训费|机关运行|行政经费")


def three_public_item(names: list[str]) -> str | None:
    """Which “三公” item a subject or a table heading path names (``None``: none of them).

    A vehicle heading's parts (购置费, 运行费 under 公务用车购置及运行费) are the finer items; a path under
    no item but 合计/总计 (or a subject naming 三公 only) is the total.
    """
    names = [squash(n) for n in names if n]
    text = "/".join(names)
    if OTHER_COSTS_RE.search(text):
        return None
    if "公务用车" in text or any("购置及运行" in n for n in names):
        for name in names:
            if "购置及运行" in name:
                continue
            if re.search(r"购置", name):
                return "purchase"
            if re.search(r"运行", name):
                return "running"
        return "vehicles"
    if "因公出国" in text:
        return "abroad"
    if "公务接待" in text:
        return "reception"
    if "三公" in text or any(re.match(r"^(?:合计|总计)$", n) for n in names):
        return "total"
    return None


def three_public_figures(table, year: int | None) -> tuple[dict[str, tuple[Decimal, str]], str]:
    """Item → (figure in 万元, where) of a “三公”经费表, and why it gives none.

    Items printed as columns are read in the table's 合计 row (else the row of the document's year,
    else its only row), the columns of one item added up (its funds: 一般公共预算, 政府性基金 …); items
    printed as rows are read in the table's first amount column.
    """
    names = row_names(table, printed=False)
    by_row = {
        three_public_item([n]): i for i, n in enumerate(names) if re.search(r"三公|因公出国|公务用车|公务接待", n)
    }
    by_row.pop(None, None)
    out: dict[str, tuple[Decimal, str]] = {}
    if {"abroad", "reception"} & set(by_row):
        column = table.money_columns[0]
        for item, i in by_row.items():
            value = table.df.at[i, column]
            if value is not None:
                out[item] = (
                    to_wanyuan(value, table.unit),
                    f"{table.name} row {names[i]}, page {table.cell_pages.at[i, column]}",
                )
        return out, ""
    row = grand_total_row(table)
    if row is None and year:
        rows = [
            i
            for i in range(len(table.df))
            if any(re.match(rf"^{year}\s*年?度?$", str(table.df.at[i, c] or "").strip()) for c in text_columns(table))
        ]
        row = rows[0] if rows else None
    if row is None and len(table.df) == 1:
        row = 0
    if row is None:
        return {}, f"{table.name}: no 合计 row (nor a row of the year {year})"
    sums: dict[str, list] = {}
    for column in table.money_columns:
        item = three_public_item(column.split("/"))
        if item is None:
            continue
        value = table.df.at[row, column]
        value = Decimal(0) if value is None else value  # a blank cell of an item's column: nothing budgeted
        entry = sums.setdefault(
            item, [Decimal(0), f"{table.name} “{squash(column)}”, page {table.cell_pages.at[row, column]}"]
        )
        entry[0] += to_wanyuan(value, table.unit)
    return {item: (value, where) for item, (value, where) in sums.items()}, ""
