"""Figures the audit compares, read from the typed tables by meaning, not position.

* row names (``四、事业收入`` → ``事业收入``) and total rows (合计/总计);
* function-code rows by *scope* (all funds, 一般公共预算, 财政拨款) and *measure*
  (total, basic, project), so that the same 类/款/项 can be compared across tables;
* a name index of every printed figure, for the narrative's claims.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..model import Budget, Table
from ..reference import function_classes
from ..text import ENUMERATOR_RE, WHOLE_TOTAL_RE, squash
from ..transform.amounts import is_money_unit, to_wanyuan
from ..transform.tables import count_row_unit, row_code_frame

TOTAL_LEAF_RE = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}(?:合计|总计|小计)|金额|预算数|财政拨款)$")
#: a code printed before a name (2010101 行政运行), never a year or a list of years opening it (2026年…, 2020、2021…)
LEADING_CODE_RE = re.compile(r"^\d{3,}(?![\d年、，,])\s*")


def name_of(text: str) -> str:
    """A row or column name without spaces, enumerators or codes."""
    text = squash(text)
    text = LEADING_CODE_RE.sub("", text)
    return ENUMERATOR_RE.sub("", text)


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
    text = LEADING_CODE_RE.sub("", text)
    return ENUMERATOR_RE.sub("", text)


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
    """The column holding the row totals of ``measure`` (total, basic or project); never a column of the
    prior year's figures (上年预算数, 2025年预算数 beside 2026年预算数)."""
    prior = prior_columns(table)
    money = [c for c in expenditure_columns(table) if c not in prior]
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


def summary_total_rows(table: Table) -> list[tuple[int, str, str, str, str]]:
    """The rows of a 收支总表 printing its 收入总计 beside its 支出总计 (both 总计 in the national template):
    (row, income column, expenditure column, income name, expenditure name).  本年收入 and 本年支出 are none:
    they differ by the carry-overs.  The columns are this year's, never the prior year's beside them (上年预算数)."""
    if table.spec.kind != "both" or table.is_empty:
        return []
    prior = prior_columns(table)
    income_cols = [c for c in table.money_columns if "收入" in squash(c.split("/")[0]) and c not in prior]
    spend_col = total_column(table)
    if not income_cols or spend_col is None:
        return []
    income_col = income_cols[0]
    income_names, spend_names = row_names(table, income_col), row_names(table, spend_col)
    out = []
    for i, (a, b) in enumerate(zip(income_names, spend_names, strict=True)):
        if (re.search(r"收入总计$", a) and re.search(r"支出总计$", b)) or (a == "总计" and b == "总计"):
            out.append((i, income_col, spend_col, a, b))
    return out


def grand_total_row(table: Table) -> int | None:
    names = row_names(table)
    totals = [i for i, n in enumerate(names) if WHOLE_TOTAL_RE.search(n)]
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


def sum_tree_leaves(values: list[Decimal | None], total: Decimal) -> list[int] | None:
    """The rows of ``values`` that are leaves of the one tree of sums they print, or None.

    Rows are in printed order, each group row directly above its parts (a unit above its 通用项目
    and 专用项目, a category above its projects); together the top rows add up to ``total``.  A row
    is a group when the rows after it add up to it exactly; where both readings fit, the group is
    tried first (a unit above its one sub-unit prints the same amount twice).  None when no reading
    adds up (a row left blank, a typo): the table's projects are then not known.
    """
    rows = [i for i, v in enumerate(values) if v is not None and v != 0]  # a nil row adds nothing
    amounts = [values[i] for i in rows]
    n = len(amounts)
    memo: dict[tuple[int, Decimal], tuple[int, tuple[int, ...]] | None] = {}

    def parts(start: int, whole: Decimal) -> tuple[int, tuple[int, ...]] | None:
        """Rows from ``start`` that add up to ``whole``: (the row after them, their leaves)."""
        if whole == 0 and start > 0:
            return start, ()
        if start >= n or whole < 0:
            return None
        key = (start, whole)
        if key not in memo:
            memo[key] = None
            head = amounts[start]
            found = None
            inner = parts(start + 1, head) if head > 0 else None
            if inner is not None and inner[0] > start + 1:
                rest = parts(inner[0], whole - head)
                if rest is not None:
                    found = rest[0], inner[1] + rest[1]
            if found is None:
                rest = parts(start + 1, whole - head)
                if rest is not None:
                    found = rest[0], (start,) + rest[1]
            memo[key] = found
        return memo[key]

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 3 * n + 1000))  # one frame per row below the total
    try:
        result = parts(0, total)
    except RecursionError:
        return None
    finally:
        sys.setrecursionlimit(limit)
    if result is None or result[0] != n:
        return None
    return [rows[k] for k in result[1]]


def project_amounts(table: Table, printed: bool = False) -> dict[str, ProjectAmount]:
    """Project name → :class:`ProjectAmount` of a 项目支出表.

    Its projects are its rows with a function code; in a table printing no function code (units,
    categories and projects named in one column, as Xi'an prints them) they are the rows no other
    row adds up, under the tree of sums below its 合计 (:func:`sum_tree_leaves`).  Names are squashed
    for matching; ``printed=True`` keeps them as printed.
    """
    from ..transform.amounts import to_wanyuan

    column = expenditure_columns(table)[0]
    names = row_names(table, column, printed=printed)
    codes = row_code_frame(table)
    projects = [i for i in range(len(names)) if codes.at[i, "func_code"]]
    coded = bool(projects)
    if not coded:
        total = grand_total_row(table)
        if total is not None and table.df.at[total, column] is not None:
            below = [table.df.at[i, column] if names[i] else None for i in range(total + 1, len(names))]
            leaves = sum_tree_leaves(below, table.df.at[total, column]) or []
            projects = [total + 1 + k for k in leaves]
    out: dict[str, ProjectAmount] = {}
    for i in projects:
        name, value, code = names[i], table.df.at[i, column], codes.at[i, "func_code"]
        if value is None or not name:
            continue
        previous = out.get(name, ProjectAmount(Decimal(0), int(table.cell_pages.at[i, column]), frozenset()))
        out[name] = ProjectAmount(
            previous.amount + to_wanyuan(value, table.unit), previous.page, previous.codes | ({code} - {""})
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
        if not is_money_unit(table.unit) or table.is_empty:
            continue
        first = {}
        prior = prior_columns(table, budget.meta.get("year"))
        for column in table.money_columns:
            if column in prior:  # the prior year's figures are not this year's (rates use them: prior_year_figures)
                continue
            names = row_names(table, column)
            totals = {i for i, n in enumerate(names) if WHOLE_TOTAL_RE.search(n)}
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
            if value is not None and is_money_unit(table.unit):
                value = to_wanyuan(value, table.unit)
            elif not is_money_unit(table.unit):
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


def three_public_table(budget):
    """The document's “三公”经费表 printing figures (the first, if it prints several); ``None``: it prints none."""
    return next((t for t in budget.tables if t.key == "three_public" and not t.is_empty), None)


def three_public_figures(table, year: int | None) -> tuple[dict[str, tuple[Decimal, str]], str]:
    """Item → (figure in 万元, where) of a “三公”经费表, and why it gives none.

    Items printed as columns are read in the table's 合计 row (else the row of the document's year,
    else its only row), the columns of one item added up (its funds: 一般公共预算, 政府性基金 …); items
    printed as rows are read in the table's first amount column.
    """
    names = row_names(table, printed=False)
    by_row: dict[str | None, int] = {}
    for i, name in enumerate(names):  # an item's first row: the rows of counts after it (团组数（个）) are none
        if re.search(r"三公|因公出国|公务用车|公务接待", name) and not count_row_unit(name):
            by_row.setdefault(three_public_item([name]), i)
    by_row.pop(None, None)
    out: dict[str, tuple[Decimal, str]] = {}
    # neither the prior year's columns, nor the changes (增减变化情况), nor, in a table printing the final
    # figure beside its budget (预算数 | 决算数), the budget's are this document's figures
    skipped = prior_columns(table, year) | {base for base, _, _ in _paired_columns(table, _budget_role)}
    skipped |= {c for c in table.money_columns if any(CHANGE_HEADER_RE.search(squash(p)) for p in c.split("/"))}
    if {"abroad", "reception"} & set(by_row):
        # items printed as rows (项目 | 预算数 | 决算数): this document's figures are in its own column; the
        # 合计 row is the “三公” total when no other cost (会议费, 培训费) is listed with the items
        column = next((c for c in table.money_columns if c not in skipped), table.money_columns[0])
        total = grand_total_row(table)
        if "total" not in by_row and total is not None and not any(OTHER_COSTS_RE.search(n) for n in names):
            by_row["total"] = total
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
    items = {c: three_public_item(c.split("/")) for c in table.money_columns if c not in skipped}
    # the “三公” total under its own heading (“三公”经费预算/小计) rather than a 合计 that adds 会议费, 培训费 to it
    if any(item == "total" and "三公" in c for c, item in items.items()):
        items = {c: item for c, item in items.items() if item != "total" or "三公" in c}
    for column, item in items.items():
        if item is None:
            continue
        value = table.df.at[row, column]
        value = Decimal(0) if value is None else value  # a blank cell of an item's column: nothing budgeted
        entry = sums.setdefault(
            item, [Decimal(0), f"{table.name} “{squash(column)}”, page {table.cell_pages.at[row, column]}"]
        )
        entry[0] += to_wanyuan(value, table.unit)
    return {item: (value, where) for item, (value, where) in sums.items()}, ""


# -- the names a narrative claim's subject goes by in the tables ------------------------------------

#: words too general to name one figure
GENERIC_NAMES = {
    "支出", "收入", "合计", "总计", "预算", "预算数", "决算", "决算数", "金额", "项目",
    "一般公共预算", "本年支出", "本年收入",
}  # fmt: skip
INCOME_SUFFIXES = ("拨款", "资金", "收入", "拨款收入", "收入资金")


def subject_names(subject: str) -> list[str]:
    """Names a claim's subject may go by in the tables, most specific first."""
    subject = squash(subject)
    levels = re.findall(r"([^（()）]+?)[（(](?:\d+)?(类|款|项)[)）]", subject)
    if levels:
        base = levels[-1][0]
        if levels[-1][1] == "类" and subject.endswith("支出") and not base.endswith("支出"):
            base += "支出"
        names = [base]
    else:
        base = re.sub(r"^(?:部门|单位|本部门|本单位)", "", subject)
        names = [base, re.sub(r"预算$", "", base), re.sub(r"^一般公共预算(?:当年)?", "", base)]
    out = []
    for name in list(names):
        # an income source goes by 拨款, 资金 or 收入 (一般公共预算拨款 = 一般公共预算资金, 事业收入资金 = 事业收入)
        base = re.sub(r"(?:拨款收入|拨款资金|收入资金|拨款|资金|收入)$", "", name)
        if base != name:
            names += [base + suffix for suffix in INCOME_SUFFIXES]
    for name in names:
        for variant in (name, re.sub(r"支出$", "", name), name + "支出" if not name.endswith("支出") else name):
            variant = name_of(variant)
            if len(variant) >= 3 and variant not in GENERIC_NAMES and variant not in out:
                out.append(variant)
    return out


LEVEL_MARK_RE = re.compile(r"[（(](?:\d+)?(类|款|项)[)）]")
LEVEL_LENGTHS = {"类": 3, "款": 5, "项": 7}


def level_key(name: str) -> str:
    """A class name as compared across the text and the tables (no spaces, enumerator or final 支出)."""
    return re.sub(r"支出$", "", name_of(name))


def named_levels(subject: str) -> list[tuple[str, str]]:
    """(name, level) of each function-code level a subject names, coarsest first: each name is the text
    between two level marks (``党委办公厅（室）及相关机构事务（款）行政运行（项）支出`` → 党委办公厅（室）及相关机构事务
    款, 行政运行 项)."""
    subject, out, start = squash(subject), [], 0
    for m in LEVEL_MARK_RE.finditer(subject):
        out.append((level_key(subject[start : m.start()]), m.group(1)))
        start = m.end()
    return out


def printed_level_names(ctx) -> dict[str, set[str]]:
    """Function code → the names the tables print for it (as :func:`level_key` gives them)."""
    return {code: {level_key(f.name) for f in figures} for code, figures in ctx.code_figures.items()}


def under_named_levels(code: str, levels: list[tuple[str, str]], printed: dict[str, set[str]]) -> bool:
    """Whether a row's function code lies under the coarser levels a subject names: each of its 类 and 款
    that the tables print (``printed``: code → its names, as :func:`level_key` gives them) has the name the
    subject gives it."""
    return all(
        name in printed.get(code[: LEVEL_LENGTHS[level]], {name})
        for name, level in levels[:-1]
        if LEVEL_LENGTHS[level] < len(code)
    )


#: what a prior-year (or this year's) column or row names after its year: 预算数, 决算数, 执行数 …
FIGURE_KIND = r"(?:年初)?(?:预算执行数|预计执行数|执行数|预算数|决算数|预算|决算|执行)?(?:数)?"
#: a header naming no year's figure: carried-over funds (上年结转, 上年结余) are this year's income, and
#: changes and rates (增减, 比上年 …) are not a year's figure
NOT_A_YEAR_RE = re.compile(r"结转|结余|增减|增长|比上年|较上年|同比|[%％]|率|变动")
#: a header part over changes, not figures (增减变化情况, 比上年增减, 增长率 …)
CHANGE_HEADER_RE = re.compile(r"增减|增长|变动|变化|比上年|较上年|同比|[%％]|率")


def year_of(text: str, year: int | None) -> str:
    """``prior`` when a header part or row label names the prior year's figure (上年预算数, 2025年决算数,
    上年执行数), ``current`` when it names this year's (本年预算数, 2026年预算数), else ``""``."""
    part = squash(text)
    if not part or NOT_A_YEAR_RE.search(part):
        return ""
    prior = r"上年度?|上一年度?|去年" + (rf"|{year - 1}年度?" if year else "")
    current = r"本年度?|当年|今年" + (rf"|{year}年度?" if year else "")
    if re.fullmatch(rf"(?:{prior}){FIGURE_KIND}", part):
        return "prior"
    if re.fullmatch(rf"(?:{current}){FIGURE_KIND}", part):
        return "current"
    return ""


def prior_columns(table: Table, year: int | None = None) -> set[str]:
    """The money columns printing the prior year's figures: a header naming 上年 (上年预算数, 上年决算数), or
    the year before the document's (without it, a year before another year the table's headers name)."""
    if year is None:
        named = [int(y) for c in table.money_columns for y in re.findall(r"(20\d{2})\s*年", c)]
        year = max(named) if named else None
    return {c for c in table.money_columns if any(year_of(p, year) == "prior" for p in c.split("/"))}


def figure_kind(text: str) -> str:
    """The kind of figure a header or a comparison names: 决算, 执行 (预算执行数), 预算; ``""`` when none."""
    text = squash(text)
    for kind in ("决算", "执行", "预算"):
        if kind in text:
            return kind
    return ""


#: a header part naming a final-accounts budget figure (年初预算数, 调整预算数, 全年预算数, 预算数) and the final one
BUDGET_PART_RE = re.compile(r"(?:本年度?|当年)?(?P<kind>年初|调整后?|全年)?预算数?")
#: a final figure's column (决算数; 统计数 in the “三公” tables of some templates: 预算数 | 统计数)
FINAL_PART_RE = re.compile(r"(?:本年度?|当年)?(?:(?:支出)?决算数?|统计数)")


@dataclass(frozen=True)
class ComparedFigure:
    """One row's figure printed beside the one it is compared with — the prior year's (上年预算数 beside
    本年预算数) or, in final accounts, the budget (预算数 beside 决算数) —, both in 万元 with half a unit of
    each one's last printed digit, and what names the row: its function code and its names."""

    table: Table
    code: str
    names: tuple[str, ...]
    current: Decimal
    current_half: Decimal
    #: the figure compared with: the prior year's, or the budget
    base: Decimal
    base_half: Decimal
    #: the compared figure as printed (in the table's unit)
    base_printed: str
    #: where the compared figure is printed: the column (or row) naming it
    base_label: str
    #: the kind of figure compared with: 预算, 执行, 决算 (a prior year's); 年初, 调整, 全年 or "" (a budget)
    kind: str
    page: int


def _compared_cells(table: Table, code: str, names: tuple[str, ...], current, base, label: str, kind: str):
    """The figure of cell ``current`` (row, column) beside the one of cell ``base`` it is compared with."""
    return ComparedFigure(
        table=table,
        code=code,
        names=names,
        current=to_wanyuan(table.df.at[current], table.unit),
        current_half=_half(table.printed.at[current], table.unit),
        base=to_wanyuan(table.df.at[base], table.unit),
        base_half=_half(table.printed.at[base], table.unit),
        base_printed=str(table.printed.at[base] or "").strip(),
        base_label=label,
        kind=kind,
        page=int(table.cell_pages.at[base]),
    )


def _half(printed: str, unit: str) -> Decimal:
    text = str(printed or "").replace(",", "").strip()
    places = len(text.split(".")[1]) if "." in text else 0
    return to_wanyuan(Decimal(5) * Decimal(10) ** (-(places + 1)), unit)


def _paired_columns(table: Table, role) -> list[tuple[str, str, int]]:
    """(compared column, this year's or final column, where in the path the role is named) pairs.

    ``role(part)`` says whether a header part names the compared figure (``base``) or the current one
    (``current``).  A compared column is paired with the current column whose header is the same but for
    that part (``2025年预算数/合计`` with ``2026年预算数/合计``, ``公务接待费/预算数`` with ``公务接待费/决算数``),
    else — when nothing follows the part — with the current total column (``上年预算数`` with
    ``本年预算数/合计``).
    """
    paths = {c: [squash(p) for p in c.split("/")] for c in table.money_columns}
    pairs = []
    for column, path in paths.items():
        at = next((i for i, p in enumerate(path) if role(p) == "base"), None)
        if at is None:
            continue
        same = [
            c
            for c, other in paths.items()
            if len(other) == len(path)
            and role(other[at]) == "current"
            and other[:at] == path[:at]
            and other[at + 1 :] == path[at + 1 :]
        ]
        if not same and at == len(path) - 1:
            same = [
                c
                for c, other in paths.items()
                if len(other) > at
                and role(other[at]) == "current"
                and other[:at] == path[:at]
                and TOTAL_LEAF_RE.match(other[-1])
            ]
        if same:
            pairs.append((column, same[0], at))
    return pairs


def _column_figures(table: Table, pairs: list[tuple[str, str, int]], kind_of) -> list[ComparedFigure]:
    out = []
    codes = row_function_codes(row_code_frame(table), row_names(table))
    for base_column, current_column, at in pairs:
        names = row_names(table, base_column)
        parts = [name_of(p) for k, p in enumerate(base_column.split("/")) if k != at and name_of(p)]
        for i in range(len(table.df)):
            base, current = table.df.at[i, base_column], table.df.at[i, current_column]
            if base is None or current is None:
                continue
            whole_row = WHOLE_TOTAL_RE.search(names[i]) or not names[i] or len(table.df) == 1
            out.append(
                _compared_cells(
                    table,
                    codes[i],
                    tuple(n for n in [names[i], *(parts if whole_row else [])] if n),
                    (i, current_column),
                    (i, base_column),
                    f"“{squash(base_column)}”",
                    kind_of(base_column.split("/")[at]),
                )
            )
    return out


def prior_year_figures(budget: Budget) -> list[ComparedFigure]:
    """Every figure of the prior year a table prints beside this year's: in a column naming the prior year
    (上年预算数, 2025年预算数, 上年决算数 …), or in a row naming it (a “三公” table printing one row per year).

    The narrative's rates of change are recomputed from them where the text states no prior-year figure.
    """
    year = budget.meta.get("year")
    out: list[ComparedFigure] = []
    for table in budget.tables:
        if not is_money_unit(table.unit) or table.is_empty:
            continue
        pairs = _paired_columns(table, lambda part: {"prior": "base", "current": "current"}.get(year_of(part, year)))
        if pairs:
            out += _column_figures(table, pairs, figure_kind)
        else:
            out += _row_priors(table, year)
    return out


def _budget_role(part: str) -> str:
    part = squash(part)
    if BUDGET_PART_RE.fullmatch(part):
        return "base"
    return "current" if FINAL_PART_RE.fullmatch(part) else ""


def _budget_kind(part: str) -> str:
    m = BUDGET_PART_RE.fullmatch(squash(part))
    return re.sub(r"后$", "", m.group("kind") or "") if m else ""


def budget_figures(budget: Budget) -> list[ComparedFigure]:
    """Every final figure a final-accounts table prints beside its budget (预算数 | 决算数, 年初预算数 | 调整预算数 |
    决算数): the narrative's completion rates are recomputed from them where the text states no budget."""
    if budget.meta.get("kind") != "决算":
        return []
    out: list[ComparedFigure] = []
    for table in budget.tables:
        if not is_money_unit(table.unit) or table.is_empty:
            continue
        out += _column_figures(table, _paired_columns(table, _budget_role), _budget_kind)
    return out


def _row_priors(table: Table, year: int | None) -> list[ComparedFigure]:
    """A table printing one row per year (年度 | 合计 | 因公出国（境）费 …): each column's figure of the
    prior year's row beside the one of this year's row."""
    labels = {}
    for i in range(len(table.df)):
        for column in text_columns(table):
            which = year_of(str(table.df.at[i, column] or ""), year)
            if which and which not in labels:
                labels[which] = (i, squash(str(table.df.at[i, column])))
    if set(labels) != {"prior", "current"}:
        return []
    (p, label), (c, _) = labels["prior"], labels["current"]
    out = []
    items: dict[str, list[str]] = defaultdict(list)
    for column in table.money_columns:
        prior, current = table.df.at[p, column], table.df.at[c, column]
        if prior is None or current is None:
            continue
        if table.key == "three_public":
            items[three_public_item(column.split("/")) or ""].append(column)
        out.append(
            _compared_cells(
                table,
                "",
                tuple(name_of(part) for part in column.split("/") if part),
                (c, column),
                (p, column),
                f"“{label}”行",
                figure_kind(label) or figure_kind(column),
            )
        )
    # a “三公” item printed in a column per fund (一般公共预算, 政府性基金 …): the item is their sum
    for item, columns in items.items():
        if not item or len(columns) < 2:
            continue
        total = {r: sum((to_wanyuan(table.df.at[r, k], table.unit) for k in columns), Decimal(0)) for r in (p, c)}
        half = {r: sum((_half(table.printed.at[r, k], table.unit) for k in columns), Decimal(0)) for r in (p, c)}
        out.append(
            ComparedFigure(
                table=table,
                code="",
                names=(THREE_PUBLIC_NAMES[item],),
                current=total[c],
                current_half=half[c],
                base=total[p],
                base_half=half[p],
                base_printed=format(total[p], "f"),
                base_label=f"“{label}”行（{len(columns)} 列之和）",
                kind=figure_kind(label),
                page=int(table.cell_pages.at[p, columns[0]]),
            )
        )
    return out
