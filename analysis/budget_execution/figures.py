"""What one document prints, as figures a budget and its final accounts can share.

Every figure is keyed by *section* (``function`` codes 类/款/项, ``economic``
classes, ``three_public`` items), *scope* (全部资金, 一般公共预算, 财政拨款 …, from
the table spec or, where the spec leaves it open, the title's words), *measure*
(合计, 基本支出, 项目支出) and *role*: ``budget`` in a 预算; ``final`` (the
outcome), ``initial`` (年初预算数), ``adjusted`` (调整预算数) or
``printed_budget`` (预算数) in a 决算.  Roles come from the header words of
:data:`analysis.specs.COLUMN_ROLES`, never from a table's position or title.

Of several tables of one scope, measure and role, the one printing the most
codes is read; a 类 or 款 it does not print is summed from its finer rows
(``derived``), and its total is its printed 合计 row (else the sum of its 类).
A blank cell of a printed row is none (0), as the documents mean it; a row
printed without any amount is not a figure.  Amounts are exact ``Decimal`` in 万元.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

from ..audit.figures import (
    TOTAL_LEAF_RE,
    expenditure_columns,
    label_column,
    printed_name,
    row_function_codes,
    row_names,
    table_groups,
)
from ..model import Budget, Table
from ..reference import econ_code_for_column
from ..schema import FIGURES
from ..specs import COLUMN_ROLES, scope_named
from ..text import ENUMERATOR_RE, WHOLE_TOTAL_RE, squash
from ..transform.amounts import to_wanyuan
from ..transform.codes import classify_code
from ..transform.tables import format_amount, row_code_frame

FIGURE_COLUMNS = FIGURES.names  # declared in analysis/schema.py
#: the scopes compared by function code (income by function is not spending)
SPENDING_SCOPES = ("all", "gpb", "fiscal", "gov_fund", "soe")
MEASURES = ("total", "basic", "project")
MEASURE_WORDS = {"basic": "基本支出", "project": "项目支出"}
#: the role of each document kind's own figures
OWN_ROLE = {"预算": "budget", "决算": "final"}
#: a 收支总表's expenditure total (本年支出合计, not 支出总计 with the carry-over)
SUMMARY_TOTAL_RE = re.compile(r"^本年支出(?:合计)?$|^支出合计$")
PART_RE = re.compile(r"^其中")
YEAR_IN_HEADER_RE = re.compile(r"(20\d{2})")
#: “三公” items: key, Chinese name, pattern on a header or row name (the leaf first, then its group)
THREE_PUBLIC_ITEMS: tuple[tuple[str, str, str], ...] = (
    ("abroad", "因公出国（境）费", r"因公出国"),
    ("vehicle_purchase", "公务用车购置费", r"公务用车购置费|^购置费$|^车辆购置费$"),
    ("vehicle_running", "公务用车运行费", r"公务用车运行|^运行(?:维护)?费$"),
    ("vehicles", "公务用车购置及运行费", r"公务用车购置及运行|^公务用车费?$"),
    ("reception", "公务接待费", r"公务接待"),
    ("total", "“三公”经费合计", r"^(?:合计|总计|小计|“?三公”?经费(?:合计|支出)?|金额)$"),
)
THREE_PUBLIC_EN = {
    "abroad": "official travel abroad",
    "vehicle_purchase": "official vehicle purchase",
    "vehicle_running": "official vehicle running costs",
    "vehicles": "official vehicles (purchase and running)",
    "reception": "official receptions",
    "total": "total",
}


def levels(column: str) -> list[str]:
    return [squash(p) for p in column.split("/") if squash(p)]


def column_role(column: str, kind: str, year: int | None) -> str:
    """The role of a money column in a document of ``kind`` (预算/决算) for ``year``.

    ``ignored`` for columns that are not the year's figure (行次, prior year, rates,
    carry-overs, income); see :data:`analysis.specs.COLUMN_ROLES`.
    """
    parts = levels(column)
    years = {int(y) for y in YEAR_IN_HEADER_RE.findall("".join(parts))}
    if year and years and years != {year}:
        return "ignored"
    role = OWN_ROLE.get(kind, "budget")
    for name, pattern in COLUMN_ROLES:
        if any(re.search(pattern, p) for p in parts):
            role = name
            break
    if kind != "决算" and role != "ignored":
        return "ignored" if role == "final" else "budget"  # a budget's 决算 columns are the prior year's
    return role


def role_columns(table: Table, kind: str, year: int | None) -> dict[str, list[str]]:
    """Expenditure money columns of ``table`` by role (ignored ones left out), in printed order."""
    out: dict[str, list[str]] = {}
    for column in expenditure_columns(table):
        role = column_role(column, kind, year)
        if role != "ignored":
            out.setdefault(role, []).append(column)
    return out


def _under_measure(parts: list[str]) -> bool:
    return any(p in MEASURE_WORDS.values() for p in parts[:-1])


def _names_measure(parts: list[str]) -> bool:
    return any(p in MEASURE_WORDS.values() for p in parts) or any(p in ("人员经费", "公用经费") for p in parts)


def measure_column(table: Table, columns: list[str], measure: str) -> str | None:
    """Of ``columns`` (one role's), the one holding the row totals of ``measure``."""
    usable = [c for c in columns if not any(PART_RE.match(p) for p in levels(c))]
    if not usable:
        return None
    paths = {c: levels(c) for c in usable}
    if table.spec.measure != "total":
        if measure != table.spec.measure:
            return None
        totals = [c for c in usable if TOTAL_LEAF_RE.match(paths[c][-1])]
        return (totals or usable)[0]
    if measure == "total":
        top = [c for c in usable if TOTAL_LEAF_RE.match(paths[c][-1]) and not _under_measure(paths[c])]
        if top:
            return top[0]
        plain = [c for c in usable if not _names_measure(paths[c])]
        return plain[0] if plain else None
    word = MEASURE_WORDS[measure]
    exact = [c for c in usable if paths[c][-1] == word]
    if exact:
        return exact[0]
    grouped = [c for c in usable if word in paths[c][:-1] and TOTAL_LEAF_RE.match(paths[c][-1])]
    return grouped[0] if grouped else None


def table_scope(table: Table) -> str:
    """The spec's scope, or the funds the title names (一般公共预算“三公”经费支出表 → gpb); ``""`` if none."""
    if table.spec.scope:
        return table.spec.scope
    return scope_named(table.title)


@dataclass
class Reading:
    """One table group's figures of one scope, measure and role: code → amount, its total."""

    table: str
    kind: str  # the spec kind: a 收支总表 (both) is read only when no table lists the codes
    codes: dict[str, Decimal] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    pages: dict[str, int] = field(default_factory=dict)
    total: Decimal | None = None
    total_page: int | None = None


def _total_rows(table: Table, column: str) -> list[int]:
    names = row_names(table, column)
    if table.spec.kind == "both":
        return [i for i, n in enumerate(names) if SUMMARY_TOTAL_RE.search(n)][:1]
    return [i for i, n in enumerate(names) if WHOLE_TOTAL_RE.search(n)][:1]


def _function_readings(doc: Budget) -> dict[tuple[str, str, str], list[Reading]]:
    kind, year = doc.meta.get("kind", "预算"), doc.meta.get("year")
    found: dict[tuple[str, str, str], list[Reading]] = defaultdict(list)
    for tables in table_groups(doc):
        scope = table_scope(tables[0])
        if scope not in SPENDING_SCOPES:
            continue
        name = tables[0].name if len(tables) == 1 else f"{tables[0].title} ({len(tables)} parts)"
        for measure in MEASURES:
            readings: dict[str, Reading] = {}
            for table in tables:
                codes = row_code_frame(table)
                spending = expenditure_columns(table)
                printed_row = [any(table.df.at[i, c] is not None for c in spending) for i in range(len(table.df))]
                for role, columns in role_columns(table, kind, year).items():
                    # a column of part of the funds (…/一般公共预算拨款/基本支出 in a 财政拨款 table) is not the scope's
                    columns = [c for c in columns if column_scope(c, table) == scope]
                    column = measure_column(table, columns, measure)
                    if column is None:
                        continue
                    reading = readings.setdefault(role, Reading(name, tables[0].spec.kind))
                    printed = row_names(table, column, printed=True)
                    row_codes = row_function_codes(codes, row_names(table, column))
                    for i, code in enumerate(row_codes):
                        value = table.df.at[i, column]
                        if not code or (value is None and not printed_row[i]):
                            continue
                        value = Decimal(0) if value is None else value  # a blank cell of a printed row: none
                        reading.codes[code] = reading.codes.get(code, Decimal(0)) + to_wanyuan(value, table.unit)
                        reading.names.setdefault(code, printed[i])
                        reading.pages.setdefault(code, int(table.cell_pages.at[i, column]))
                    for i in _total_rows(table, column):
                        value = table.df.at[i, column]
                        if value is not None:
                            reading.total = (reading.total or Decimal(0)) + to_wanyuan(value, table.unit)
                            reading.total_page = reading.total_page or int(table.cell_pages.at[i, column])
            for role, reading in readings.items():
                if reading.codes:  # a table without function codes (by economic class) has no function total
                    found[(scope, measure, role)].append(reading)
    return found


def _printed_empty(doc: Budget) -> list[tuple[str, Table]]:
    """(scope, table) of the tables printed without any amount (本表为空表): a scope with nothing spent."""
    return [(table_scope(t), t) for t in doc.tables if t.is_empty and table_scope(t) in SPENDING_SCOPES]


def _best(readings: list[Reading]) -> Reading:
    """The reading that lists the most codes (a table of codes before a 收支总表 of class names)."""
    return max(readings, key=lambda r: (len(r.codes), r.kind != "both"))


def derive_parents(codes: dict[str, Decimal]) -> dict[str, Decimal]:
    """款 and 类 the rows do not print, summed from their finer rows (项 → 款, then 款 → 类)."""
    known = dict(codes)
    derived: dict[str, Decimal] = {}
    for length, finer in ((5, 7), (3, 5)):
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for code, value in known.items():
            if len(code) == finer and code[:length] not in codes:
                sums[code[:length]] += value
        for code, value in sums.items():
            derived[code] = value
            known[code] = value
    return derived


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def function_figures(doc: Budget) -> pd.DataFrame:
    """Figures by function code: one row per (scope, measure, role, code), plus each one's 合计 (code ``""``)."""
    rows = []
    for (scope, measure, role), readings in sorted(_function_readings(doc).items()):
        best = _best(readings)
        for code in sorted(best.codes):
            rows.append(
                _row(
                    "function",
                    scope,
                    measure,
                    code,
                    best.names[code],
                    role,
                    best.codes[code],
                    best.table,
                    best.pages[code],
                    False,
                )
            )
        derived = derive_parents(best.codes)
        for code in sorted(derived):
            rows.append(_row("function", scope, measure, code, "", role, derived[code], best.table, None, True))
        if best.total is not None:
            rows.append(
                _row("function", scope, measure, "", "合计", role, best.total, best.table, best.total_page, False)
            )
        else:
            classes = {**best.codes, **derived}
            total = sum((v for c, v in classes.items() if len(c) == 3), Decimal(0))
            rows.append(_row("function", scope, measure, "", "合计", role, total, best.table, None, True))
    own = OWN_ROLE.get(doc.meta.get("kind", "预算"), "budget")
    printed = {(r["scope"], r["measure"]) for r in rows if r["role"] == own}
    for scope, table in _printed_empty(doc):
        if (scope, "total") not in printed:
            printed.add((scope, "total"))
            page = table.pages[0] if table.pages else None
            rows.append(
                _row(
                    "function",
                    scope,
                    "total",
                    "",
                    "合计",
                    own,
                    Decimal(0),
                    f"{table.name} (printed empty)",
                    page,
                    False,
                )
            )
    return _frame(rows)


def exact(value: Decimal) -> Decimal:
    """The same amount with at least two decimals and no trailing zeros beyond them (元 → 万元 gives six)."""
    return Decimal(format_amount(value))


def _row(section, scope, measure, code, name, role, amount, table, page, derived) -> dict:
    amount = exact(amount)
    return {
        "section": section,
        "scope": scope,
        "measure": measure,
        "code": code,
        "name_zh": name,
        "role": role,
        "amount": amount,
        "table": table,
        "page": page,
        "derived": derived,
    }


# ---------------------------------------------------------------- economic classes


def _code_column_left_of(table: Table, column: str) -> str | None:
    names = list(table.column_kinds)
    for j in range(names.index(column) - 1, -1, -1):
        if table.column_kinds[names[j]] == "code":
            return names[j]
    return None


def _block_value(table: Table, columns: list[str], i: int) -> Decimal | None:
    """A row's figure in one block of an economic-class table: its total column, or 人员经费 + 公用经费."""
    leaves = {c: levels(c)[-1] if levels(c) else "" for c in columns}
    totals = [c for c in columns if TOTAL_LEAF_RE.match(leaves[c])]
    if totals or len(columns) == 1:
        return table.df.at[i, (totals or columns)[0]]
    if set(leaves.values()) <= {"人员经费", "公用经费"}:
        values = [table.df.at[i, c] for c in columns if table.df.at[i, c] is not None]
        return sum(values, Decimal(0)) if values else None
    return table.df.at[i, columns[0]]


def _econ_rows(table: Table, columns: list[str]) -> dict[str, tuple[Decimal, str, int]]:
    """Economic codes printed as rows: code → (amount in 万元, printed name, page), block by block."""
    blocks: dict[str | None, list[str]] = {}
    for column in columns:
        blocks.setdefault(label_column(table, column), []).append(column)
    codes = row_code_frame(table)
    found: dict[str, tuple[Decimal, str, int]] = {}
    for label, block in blocks.items():
        code_column = _code_column_left_of(table, label or block[0])
        for i in range(len(table.df)):
            code = squash(str(table.df.at[i, code_column] or "")) if code_column else ""
            code = code if classify_code(code) == "econ" else ""
            if not code and len(blocks) == 1:
                code = codes.at[i, "econ_code"]
            value = _block_value(table, block, i)
            if not code or value is None:
                continue
            name = printed_name(str(table.df.at[i, label] or "")) if label else ""
            previous = found.get(code)
            amount = to_wanyuan(value, table.unit) + (previous[0] if previous else Decimal(0))
            found[code] = (amount, previous[1] if previous else name, int(table.cell_pages.at[i, block[0]]))
    return found


def _econ_columns(table: Table, columns: list[str]) -> dict[str, tuple[Decimal, str, int]]:
    """Economic codes printed as columns (工资福利支出/基本工资): their figures on the 合计 row."""
    coded = {c: econ_code_for_column(c) for c in columns}
    coded = {c: code for c, code in coded.items() if code}
    if not coded:
        return {}
    rows = _total_rows(table, next(iter(coded)))
    if not rows:
        return {}
    found: dict[str, tuple[Decimal, str, int]] = {}
    for column, code in coded.items():
        value = table.df.at[rows[0], column]
        if value is not None:
            previous = found.get(code, (Decimal(0), "", 0))
            found[code] = (
                previous[0] + to_wanyuan(value, table.unit),
                printed_name(column.split("/")[-1]),
                int(table.cell_pages.at[rows[0], column]),
            )
    return found


def economic_figures(doc: Budget) -> pd.DataFrame:
    """Figures by economic class (301 工资福利支出, 30101 基本工资 …), printed as rows or as columns."""
    kind, year = doc.meta.get("kind", "预算"), doc.meta.get("year")
    candidates: dict[tuple[str, str, str], list[tuple[str, dict]]] = defaultdict(list)
    for tables in table_groups(doc):
        scope = table_scope(tables[0])
        if scope not in SPENDING_SCOPES:
            continue
        name = tables[0].name if len(tables) == 1 else f"{tables[0].title} ({len(tables)} parts)"
        measure = tables[0].spec.measure
        merged: dict[str, dict] = {}
        for table in tables:
            for role, columns in role_columns(table, kind, year).items():
                found = merged.setdefault(role, {})
                for code, (amount, printed, page) in {
                    **_econ_columns(table, columns),
                    **_econ_rows(table, columns),
                }.items():
                    previous = found.get(code)
                    found[code] = (
                        amount + (previous[0] if previous else Decimal(0)),
                        previous[1] if previous else printed,
                        page,
                    )
        for role, found in merged.items():
            if found:
                candidates[(scope, measure, role)].append((name, found))
    rows = []
    for (scope, measure, role), options in sorted(candidates.items()):
        name, found = max(options, key=lambda o: len(o[1]))
        for code in sorted(found):
            amount, printed, page = found[code]
            rows.append(_row("economic", scope, measure, code, printed, role, amount, name, page, False))
        items = {c: v[0] for c, v in found.items() if len(c) == 5}
        sums: dict[str, Decimal] = defaultdict(Decimal)
        for code, value in items.items():
            if code[:3] not in found:
                sums[code[:3]] += value
        for code in sorted(sums):
            rows.append(_row("economic", scope, measure, code, "", role, sums[code], name, None, True))
    return _frame(rows)


# ---------------------------------------------------------------- “三公” expenses


def three_public_item(column_or_name: str) -> str:
    """The “三公” item a header path or row name names (``""`` if none).

    The level nearest the leaf that names an item decides (a fund level under it, ``…/一般公共预算``, is
    passed over); a 小计/合计 level belongs to the item its group names (``公务用车购置及运行费/小计`` →
    vehicles), else it is the table's total.
    """
    parts = [ENUMERATOR_RE.sub("", p) for p in (levels(column_or_name) or [squash(column_or_name)])]
    for k in range(len(parts) - 1, -1, -1):
        if re.fullmatch(r"小计|合计", parts[k]):
            group = next((_item_of(p) for p in reversed(parts[:k]) if _item_of(p)), "")
            return group or "total"
        item = _item_of(parts[k])
        if item:
            return item
    return ""


def column_scope(column: str, table: Table) -> str:
    """The funds a column covers: a level naming them (``因公出国(境)费/一般公共预算``), else the table's."""
    for part in reversed(levels(column)):
        scope = scope_named(part)
        if scope:
            return scope
    return table_scope(table)


def _item_of(part: str) -> str:
    return next((key for key, _, pattern in THREE_PUBLIC_ITEMS if re.search(pattern, part)), "")


def _named_role(text: str, kind: str, year: int | None) -> str | None:
    """The role a row's name gives its figures (``2023年预算数``, ``决算数``), ``None`` when it names none."""
    words = squash(text)
    if not words or not (YEAR_IN_HEADER_RE.search(words) or any(re.search(p, words) for _, p in COLUMN_ROLES)):
        return None
    return column_role(words, kind, year)


def _three_public_readings(table: Table, kind: str, year: int | None) -> dict[tuple[str, str], dict]:
    """(scope, role) → item → (amount in 万元, page) of a “三公” table, its items printed as columns or as rows.

    With items as columns, the row read is the 合计 row, else the one row of figures, else the rows whose
    names give a role (``2023年预算数``, ``决算数``); a column's role yields to its row's.  Columns split by
    fund (``…/一般公共预算``, ``…/政府性基金预算``) are read as the scopes they name.
    """
    found: dict[tuple[str, str], dict[str, tuple[Decimal, int]]] = {}
    roles = {c: column_role(c, kind, year) for c in expenditure_columns(table)}
    items = {c: three_public_item(c) for c, role in roles.items() if role != "ignored"}
    by_column = _three_public_only({c: k for c, k in items.items() if k}, others=not all(items.values()))
    if len({k for k in by_column.values() if k != "total"}) >= 2:
        filled = [i for i in range(len(table.df)) if any(table.df.at[i, c] is not None for c in by_column)]
        filled = [i for i in filled if not _is_column_numbers(table, i, list(by_column))]
        totals = [i for i in _total_rows(table, next(iter(by_column))) if i in filled]
        texts = [c for c, k in table.column_kinds.items() if k == "text"]
        named = {i: _named_role(" ".join(str(table.df.at[i, c] or "") for c in texts), kind, year) for i in filled}
        if totals or len(filled) == 1:
            rows = {(totals or filled)[0]: None}
        else:
            rows = {i: role for i, role in named.items() if role not in (None, "ignored")}
        for i, row_role in rows.items():
            for column, key in by_column.items():
                value = table.df.at[i, column]  # a blank item of the row: none spent
                reading = found.setdefault((column_scope(column, table), row_role or roles[column]), {})
                if key not in reading:
                    reading[key] = (to_wanyuan(value or Decimal(0), table.unit), int(table.cell_pages.at[i, column]))
        return found
    for role, columns in role_columns(table, kind, year).items():
        column = measure_column(table, columns, "total") or columns[0]
        names = row_names(table, column, printed=True)
        filled = {i: name for i, name in enumerate(names) if table.df.at[i, column] is not None and squash(name)}
        items = {i: three_public_item(name) for i, name in filled.items()}
        by_row = _three_public_only({i: k for i, k in items.items() if k}, others=not all(items.values()), names=filled)
        reading = found.setdefault((column_scope(column, table), role), {})
        for i, key in by_row.items():
            if key not in reading:
                reading[key] = (to_wanyuan(table.df.at[i, column], table.unit), int(table.cell_pages.at[i, column]))
    return {key: reading for key, reading in found.items() if reading}


def _three_public_only(items: dict, others: bool, names: dict | None = None) -> dict:
    """A bare 合计 printed beside other spending (会议费, 培训费) is not the “三公” total: only a total that
    names 三公 (``“三公”经费/小计``) is, then."""
    if not others:
        return items
    return {k: item for k, item in items.items() if item != "total" or "三公" in squash(str((names or {}).get(k, k)))}


def _is_column_numbers(table: Table, i: int, columns: list[str]) -> bool:
    """A 栏次 row (1, 2, 3 … under the header) is not a row of amounts."""
    names = "".join(str(table.df.at[i, c] or "") for c, k in table.column_kinds.items() if k == "text")
    if "栏次" in squash(names):
        return True
    present = [table.df.at[i, c] for c in columns if table.df.at[i, c] is not None]
    return len(present) > 2 and present == [Decimal(n) for n in range(int(present[0]), int(present[0]) + len(present))]


def three_public_figures(doc: Budget) -> pd.DataFrame:
    """“三公”经费 items (因公出国（境）费, 公务用车购置及运行费 …, 公务接待费, their total) of the “三公” tables;
    a total or a 公务用车购置及运行费 the table does not print is the sum of its parts (``derived``)."""
    kind, year = doc.meta.get("kind", "预算"), doc.meta.get("year")
    names = {k: zh for k, zh, _ in THREE_PUBLIC_ITEMS}
    rows = []
    seen: set[tuple[str, str]] = set()
    for table in doc.tables:
        if "three_public" not in table.key or table.is_empty:
            continue
        for (scope, role), found in _three_public_readings(table, kind, year).items():
            if (scope, role) in seen:
                continue
            seen.add((scope, role))
            amounts = {key: amount for key, (amount, _) in found.items()}
            derived = {}
            if "vehicles" not in amounts and {"vehicle_purchase", "vehicle_running"} <= amounts.keys():
                derived["vehicles"] = amounts["vehicle_purchase"] + amounts["vehicle_running"]
            if "total" not in amounts:
                parts = [amounts.get(k, derived.get(k)) for k in ("abroad", "vehicles", "reception")]
                derived["total"] = sum((v for v in parts if v is not None), Decimal(0))
            printed = [(key, amount, page, False) for key, (amount, page) in found.items()]
            for key, amount, page, is_sum in printed + [(k, v, None, True) for k, v in derived.items()]:
                name = names[key]
                rows.append(_row("three_public", scope, "total", key, name, role, amount, table.name, page, is_sum))
    return _frame(rows)


def document_figures(doc: Budget) -> pd.DataFrame:
    """Every figure of ``doc`` the comparison with its counterpart can use (see the module's docstring)."""
    frames = [f for f in (function_figures(doc), economic_figures(doc), three_public_figures(doc)) if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else _frame([])
