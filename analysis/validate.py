"""Per-table identities: printed totals against the rows and columns they sum.

Three kinds of check run on every table, and each check is recorded on the
table (``table.validation``) whether it passes or not:

* ``column_total``: a 合计/小计/总计 column equals the sum of its sibling
  columns under the same header (基本支出 + 项目支出 = 合计; 人员经费 + 公用经费
  = 基本支出/合计), nested groups counted through their own subtotal;
* ``row_total``: a 合计/总计 row equals the sum of the top-level rows (the
  groups' 小计 rows, or the least detailed code level, or the units, or the
  enumerated items 一、二、), and a group's 小计 the sum of the group's rows; a 小计
  printed after each group of coded rows (201 … | 小计 | 205 … | 小计 | 合计) the
  least detailed codes since the previous 小计; a unit's own row (单位编码 | 单位名称)
  the least detailed codes beneath it; where unit codes nest, a group's own row the
  sum of its members' own rows (001 ⊃ 001001, 001002; 1 全额 ⊃ the units listed
  beneath it down to 2 差额).  Rows printed un-numbered right after a row whose
  figures add up to it in every column (年初财政拨款结转和结余 | 一般公共预算财政拨款 |
  政府性基金预算财政拨款 | …; 公务用车购置及运行维护费 | 其中：公务用车运行维护费 |
  公务用车购置费) are its parts, not summands, where the total does not add up with
  them counted.  A total numbered itself (一、“三公”经费合计 | 1、… | 2、… | 二、机关运行经费)
  is the sum of the rows beneath it down to the next row of its level (二、), not of its
  numbered siblings; a 合计/总计 over 一、二、 counts it as one of them.  The total is found by its name in the
  name column, or in another label column where the name cell is empty (合计
  printed in the 科目编码 column);
* ``function_hierarchy``: 类 = Σ款 and 款 = Σ项 down the function codes (printed, or found by
  name where a table prints names only) — in a table listing several units, or
  closing groups with 小计, within each unit's or group's rows where a code is printed
  again under the next;
* ``econ_hierarchy``: 类 = Σ款 down the economic codes (301 = Σ 301xx);
* blocks printed side by side under one repeated heading (人员经费 | 公用经费 | 公用经费 (2)) are one listing read
  block after block (:func:`continued_blocks`): its row totals and hierarchies run over the blocks' rows;
* ``target_total`` (项目绩效目标表): a unit's budget = Σ its projects' budgets;
* ``fund_total`` (one form per project): 年度资金总额 = Σ its sources;
* ``task_total`` (a department's form listing its tasks): each source's 合计 = Σ the tasks'.

Figures are compared exactly, allowing only the rounding of the printed
figures (half a unit of the last printed digit per summand).  Nothing is
corrected: a failing table is returned as printed, marked ``failed``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pandas as pd

from .model import Check, ColumnLists, Table, Validation, row_units
from .text import TOTAL_RE, WHOLE_TOTAL_RE, squash
from .transform.tables import (
    CODE_FRAME_COLUMNS,
    MEASURE_UNIT_HEADER_RE,
    Side,
    code_lists,
    count_rows,
    label_columns,
    row_labels_of,
    side_of,
    table_sides,
    unit_conflicts,
)
from .transform.target_forms import FUND_TOTAL_RE

TOTAL_NAMES = {"合计", "小计", "总计"}
#: a column heading that is the total of its siblings (合计, 收入合计, 支出总计 …)
TOTAL_COLUMN_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:合计|小计|总计)$")
#: the heading of a group's own amount beside its 其中 columns (事业收入/金额, 事业收入/其中：教育收费)
GROUP_AMOUNT_NAMES = {"金额", "小计", "合计", "总计"}
GRAND_TOTAL_RE = re.compile(r"总计")
ENUM_RE = re.compile(r"^[一二三四五六七八九十]+、")
CHINESE_PAREN_RE = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
ARABIC_ENUM_RE = re.compile(r"^(?:\d+[.、．](?!\d)|[（(]\d+[)）])")
ENUM_ANY_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))")
#: column groups that cross-cut a table's spending (政府采购 of it), never a part of its total
MEMO_GROUP_RE = re.compile(r"政府采购")
#: costs a “三公” table may print beside its items, outside the “三公” total
OTHER_COSTS_RE = re.compile(r"会议费|培训费")
#: the number the reader adds to a repeated heading (公用经费/决算数 (2)): no part of what the column is
REPEAT_SUFFIX_RE = re.compile(r" \(\d+\)$")


def _tolerance(values: list[Decimal]) -> Decimal:
    exponents = [-v.as_tuple().exponent for v in values if isinstance(v.as_tuple().exponent, int)]
    digits = max(exponents, default=2)
    return Decimal(5) * Decimal(10) ** (-(digits + 1)) * max(len(values) - 1, 1)


def _fmt(value: Decimal) -> str:
    return format(value, ",f")


def _compare(rule, description, total, parts, location, cells=()) -> Check | None:
    values = [p for p in parts if p is not None]
    if total is None and not values:
        return None
    expected = sum(values, Decimal(0))
    actual = total if total is not None else Decimal(0)
    difference = actual - expected
    passed = abs(difference) <= _tolerance([actual, *values]) if difference else True
    return Check(rule, description, _fmt(expected), _fmt(actual), passed, location, tuple(cells))


def _rows_sum(rule, description, table, df, pages, column, head, parts) -> Check | None:
    """Row ``head`` of ``column`` against the sum of the rows ``parts`` (an identity down one column).  A
    total of counts printed blank states none (a 政府采购 合计 leaves 数量 blank: 台 and 项 add up to nothing):
    no check."""
    if df.at[head, column] is None and table.column_kinds.get(column) == "count":
        return None
    return _compare(
        rule,
        description,
        df.at[head, column],
        [df.at[i, column] for i in parts],
        f"{table.name}; row {head}; column {column}; page {pages.at[head, column]}",
        [(i, column) for i in [head, *parts]],
    )


def column_total_checks(table: Table) -> list[Check]:
    df, pages = table.lists(), table.lists("cell_pages")
    money = table.money_columns
    paths = {c: [squash(p) for p in c.split("/")] for c in money}
    # each group heading once, in the order of its first column (a set would order the checks by hash)
    prefixes = dict.fromkeys(tuple(p[:k]) for p in paths.values() for k in range(len(p)))
    checks = []
    for prefix in sorted(prefixes, key=len):
        depth = len(prefix)
        children: dict[str, list[str]] = {}
        for column, parts in paths.items():
            if tuple(parts[:depth]) == prefix and len(parts) > depth:
                children.setdefault(parts[depth], []).append(column)
        totals = [name for name in children if TOTAL_COLUMN_RE.match(name) and len(children[name]) == 1]
        if not totals or len(children) < 2:
            continue
        total_column = children[totals[0]][0]
        # "其中：…" columns are parts of the sibling before them, not further summands — except
        # right after the total, where 其中 opens the total's own breakdown (小计 | 其中：基本支出 | 项目支出)
        names = list(children)
        others = [
            name
            for k, name in enumerate(names)
            if name != totals[0]
            and (not name.startswith("其中") or _opens_breakdown(names, k, totals[0]))
            and not MEMO_GROUP_RE.search(name)
        ]
        if not others:
            continue
        others = _three_public_summands(table, df, total_column, others, children, depth, paths)
        read = [total_column] + [c for name in others for c in children[name]]
        counted = count_rows(table, total_column)  # rows of counts or areas among the amounts: no sums of money
        for i in range(len(df)):
            if i in counted:
                continue
            parts = [_group_value(df, i, children[name], depth + 1, paths) for name in others]
            check = _compare(
                "column_total",
                f"{total_column} = " + " + ".join("/".join((*prefix, n)) for n in others),
                df.at[i, total_column],
                parts,
                f"{table.name}; row {i}; column {total_column}; page {pages.at[i, total_column]}",
                [(i, c) for c in read],
            )
            if check is not None:
                checks.append(check)
    return checks


def _three_public_summands(table: Table, df, total_column: str, others: list[str], children, depth: int, paths):
    """The summands of a “三公” table's 合计 printed beside 会议费 and 培训费 (“三公”经费及会议费、培训费支出表): the
    “三公” items alone where the 合计 adds up without 会议费/培训费 in every row and not with them in some
    (the 合计 is then the “三公” total); all of them otherwise."""
    extra = [name for name in others if OTHER_COSTS_RE.search(name)]
    if table.key != "three_public" or not extra or len(extra) == len(others):
        return others
    items = [name for name in others if name not in extra]

    def holds(names: list[str]) -> list[bool]:
        out = []
        for i in range(len(df)):
            parts = [_group_value(df, i, children[name], depth + 1, paths) for name in names]
            check = _compare("", "", df.at[i, total_column], parts, "")
            out.append(check is None or check.passed)
        return out

    return items if all(holds(items)) and not all(holds(others)) else others


def _opens_breakdown(names: list[str], k: int, total: str) -> bool:
    """``小计 | 其中：基本支出 | 项目支出``: a 其中 right after the total, with siblings after it, opens the
    total's own breakdown (``小计 | 其中：基本建设资金支出`` alone is a part of the total, not a summand)."""
    return k > 0 and names[k - 1] == total and any(not n.startswith("其中") for n in names[k + 1 :])


def _group_value(df, i: int, columns: list[str], depth: int, paths) -> Decimal | None:
    """Value of a header group in row i: its own subtotal column, else the sum of its leaves."""
    if len(columns) == 1 and len(paths[columns[0]]) == depth:
        return df.at[i, columns[0]]
    subtotal = [c for c in columns if len(paths[c]) == depth + 1 and paths[c][depth] in GROUP_AMOUNT_NAMES]
    if subtotal:
        return df.at[i, subtotal[0]]
    sub: dict[str, list[str]] = {}
    for c in columns:
        if len(paths[c]) > depth and not paths[c][depth].startswith("其中"):
            sub.setdefault(paths[c][depth], []).append(c)
    values = [_group_value(df, i, cols, depth + 1, paths) for cols in sub.values()]
    values = [v for v in values if v is not None]
    return sum(values, Decimal(0)) if values else None


def _label_column_for(table: Table, money_column: str) -> str | None:
    """The nearest text column left of ``money_column`` naming its rows."""
    return table.memo("label_column_for", lambda: _label_columns_left(table))[money_column]


def _label_columns_left(table: Table) -> dict[str, str | None]:
    out, nearest = {}, None
    for name, kind in table.column_kinds.items():
        out[name] = nearest
        # (a 计量单位 column prints the rows' measure words, 台 | 项: it names no row, nor a total)
        if kind == "text" and not MEASURE_UNIT_HEADER_RE.match(squash(name.split("/")[-1])):
            nearest = name
    return out


def row_total_checks(table: Table, codes: ColumnLists) -> list[Check]:
    df, pages = table.lists(), table.lists("cell_pages")
    if df.empty:
        return []
    checks = []
    nestings: dict[str | None, list[tuple[int, list[int]]] | None] = {}
    units = _unit_rows(table, df, codes)
    continued = _continued_columns(table)
    # the rows' names, and the identities they make, are those of every column the same names label
    names_of: dict[tuple, list[str]] = {}
    identities: dict[tuple, list[tuple[str, int, list[int]]]] = {}
    for column in table.money_columns:
        if column in continued:
            continue  # a block of a listing printed over several: see :func:`continued_block_checks`
        label_col = _label_column_for(table, column)
        named_by = (label_col, side_of(table, column))
        if named_by not in names_of:
            labels = _total_labels(table, df, column, label_col, codes)
            # rows of counts among the amounts (公务用车保有量（辆）, 接待人次（人）) are no summands of money
            counted = count_rows(table, column)
            names_of[named_by] = [("" if i in counted else label) for i, label in enumerate(labels)]
        labels = names_of[named_by]
        key = (label_col, tuple(labels))
        if key not in identities:
            identities[key] = _row_identities(table, df, codes, units, labels, label_col, nestings)
        for description, head, parts in identities[key]:
            checks.append(_rows_sum("row_total", description, table, df, pages, column, head, parts))
    return [c for c in checks if c is not None]


def _row_identities(table: Table, df, codes, units, labels, label_col, nestings) -> list[tuple[str, int, list[int]]]:
    """The row totals of the amount columns named by ``labels`` in ``label_col``: (description, the total's row,
    the rows it adds up), in the order they are checked.  ``nestings`` holds the nesting found for a label column
    (:func:`_nesting`), found once for all its columns."""
    identities = []
    side = [c for c in table.money_columns if _label_column_for(table, c) == label_col]
    figures = [[df.at[i, c] for c in side] for i in range(len(df))]
    totals = [i for i, lab in enumerate(labels) if WHOLE_TOTAL_RE.search(lab)]
    closed = _closed_subtotals(table, df, codes, labels, totals, label_col)
    for subtotal, parts in closed or []:
        identities.append((f"{labels[subtotal]} = Σ {len(parts)} rows since the previous total", subtotal, parts))
    # a total numbered itself (一、“三公”经费合计 | 1、… | 二、机关运行经费): its parts are the rows beneath it
    numbered = {i: rows for i in totals if (rows := _numbered_parts(labels, i))}
    for head, rows in numbered.items():
        flat, summed = _without_sub_items(labels, rows), _without_sub_items(labels, rows, figures)
        parts, note = _parts_by_sums(labels, figures, head, [], flat, summed)
        identities.append((f"{labels[head]} = Σ {len(parts)} rows beneath it{note}", head, parts))
    # the other totals (合计 | 一、“三公”经费合计 | … | 二、…) add up the numbered totals with their siblings
    totals = [i for i in totals if i not in numbered]
    if not totals:
        return identities
    first = totals[0]
    if closed:
        # each 小计 is checked against its own rows: the total against theirs, so that a wrong 小计 fails alone
        parts_rows = [i for _, parts in closed for i in parts]
    else:
        parts_rows = _top_rows(codes, labels, first, totals, units)
    plain = parts_rows and not _coded(codes) and not any(ENUM_ANY_RE.match(labels[i]) for i in parts_rows)
    if plain and label_col not in nestings:
        nestings[label_col] = _nesting(table, df, first, parts_rows, label_col)
    nesting = nestings.get(label_col) if plain else None
    note = ""
    if nesting:
        parts_rows = [head for head, _ in nesting]
        identities += [(f"{labels[head]} = Σ {len(rows)} rows beneath it", head, rows) for head, rows in nesting]
    elif not closed and parts_rows:
        summed = _top_rows(codes, labels, first, totals, units, figures)
        parts_rows, note = _parts_by_sums(labels, figures, first, [], parts_rows, summed)
    if parts_rows:
        identities.append((f"{labels[first]} = Σ {len(parts_rows)} rows{note}", first, parts_rows))
    grand = [i for i in totals if i > first and GRAND_TOTAL_RE.search(labels[i])]
    if grand and first > 0:
        rows = [i for i in range(first + 1, grand[0]) if labels[i] and not WHOLE_TOTAL_RE.search(labels[i])]
        flat, summed = _without_sub_items(labels, rows), _without_sub_items(labels, rows, figures)
        between, note = _parts_by_sums(labels, figures, grand[0], [first], flat, summed)
        identities.append(
            (f"{labels[grand[0]]} = {labels[first]} + Σ {len(between)} rows{note}", grand[0], [first, *between])
        )
    return identities


def _total_labels(table: Table, df, column: str, label_col: str | None, codes) -> list[str]:
    """Each row's name for the amounts of ``column``: the name cell left of it; where that is empty, a
    total's name printed in a code column of the row (合计 in the 科目编码 or 类 column), or in another
    name column where the rows are told by their codes.

    In a table of names only, a total printed in an outer column (采购品目大类: 合计 | 货物 | 服务) is the
    total of that column's groups, not of the rows the name column nearest the amounts names (the items
    under them): it is left to that column, as before."""
    labels = [squash(str(v or "")) for v in (df[label_col] if label_col else [""] * len(df))]
    coded = _coded(codes)
    others = [
        c
        for c in label_columns(table, column)
        if c != label_col and (table.column_kinds[c] == "code" or (coded and table.column_kinds[c] == "text"))
    ]
    for i, label in enumerate(labels):
        if label:
            continue
        named = [squash(str(df[c][i] or "")) for c in others]
        labels[i] = next((text for text in named if TOTAL_RE.search(text)), "")
    return labels


def _least_detailed(codes, rows) -> list[int]:
    """The rows of the least detailed code level among ``rows`` (the 类 rows), function codes first."""
    for kind in ("func_code", "econ_code"):
        coded = [i for i in rows if codes.at[i, kind]]
        if coded:
            shortest = min(len(codes.at[i, kind]) for i in coded)
            return [i for i in coded if len(codes.at[i, kind]) == shortest]
    return []


def _closed_subtotals(table, df, codes, labels, totals, label_col) -> list[tuple[int, list[int]]] | None:
    """A 小计 printed after each group of coded rows (201 … | 小计 | 205 … | 小计 | 合计): each 小计 with the
    least detailed codes printed since the previous 小计 or total.

    ``None`` unless every 小计 closes coded rows and none is left after the last one; a 小计 named by an
    outer column (一般公共预算资金 | 小计) is its group's, checked by :func:`subtotal_checks`.
    """
    subtotals = [i for i, label in enumerate(labels) if label == "小计" and i not in totals]
    if not subtotals:
        return None
    outer_col = _label_column_for(table, label_col) if label_col else None
    if outer_col is not None and any(df[outer_col][i] for i in subtotals):
        return None
    closing = sorted({*subtotals, *totals})
    groups = []
    for i in subtotals:
        start = max((j for j in closing if j < i), default=-1) + 1
        parts = _least_detailed(codes, range(start, i))
        if not parts:
            return None
        groups.append((i, parts))
    end = min((j for j in totals if j > subtotals[-1]), default=len(labels))
    if _least_detailed(codes, range(subtotals[-1] + 1, end)):
        return None
    return groups


def _unit_rows(table: Table, df, codes) -> list[int]:
    """The units' own rows (单位编码 | 单位名称, no other code) of a table listing several units beneath which
    every coded row is printed: the units a total adds up.  Empty unless two or more units print a row of
    figures each."""
    if not any(codes.at[i, "unit_code"] for i in range(len(codes))):
        return []
    side = table_sides(table)[0]
    units = row_units(table, side.labels, code_lists(table))
    own = [
        i
        for i in range(len(codes))
        if _own_unit_row(codes, units, i) and any(df[c][i] is not None for c in table.money_columns)
    ]
    coded = [i for i in range(len(codes)) if codes.at[i, "func_code"] or codes.at[i, "econ_code"]]
    listed = {units[i][0] for i in own}
    if len(own) < 2 or len(listed) < len(own) or any(not units[i][0] for i in coded):
        return []  # one unit printed on every row (358643 | 考试考务费, 358643 | 其他收入) lists no units
    return own


def _coded(codes) -> bool:
    return any(codes.at[i, k] for i in range(len(codes)) for k in ("func_code", "econ_code", "unit_code"))


def _without_sub_items(labels: list[str], rows: list[int], figures=None) -> list[int]:
    """Rows numbered ``1.``/``（1）`` under a row of another style (上年结余、结转 | 1.财政拨款结余 …), and a
    ``其中：（1）…`` row with the items numbered after it (``（2）…``), are the parts of the row above them.

    Given ``figures`` (each row's amounts in the money columns of its side), so are the un-numbered rows
    recognised by their sums (:func:`_summed_runs`): a ``其中：…`` row and the un-numbered rows after it
    (公务用车购置及运行维护费 | 其中：公务用车运行维护费 | 公务用车购置费), or a run of un-numbered rows printed
    right after a row (年初财政拨款结转和结余 | 一般公共预算财政拨款 | 政府性基金预算财政拨款 |
    国有资本经营预算财政拨款), that add up to it."""
    if figures is not None:
        parts = {i for _, run in _summed_runs(labels, rows, figures) for i in run}
        return [i for i in _without_sub_items(labels, rows) if i not in parts]
    out, parent_style, sub_style = [], None, None
    for i in rows:
        if labels[i].startswith("其中"):
            sub_style = _enum_style(re.sub(r"^其中[:：]?", "", labels[i]))
            continue
        style = _enum_style(labels[i])
        if sub_style not in (None, "plain") and style == sub_style:
            continue
        sub_style = None
        if style in ARABIC_STYLES and parent_style not in (None, style):
            if parent_style not in ARABIC_STYLES or ARABIC_STYLES.index(parent_style) < ARABIC_STYLES.index(style):
                continue
        out.append(i)
        parent_style = style
    return out


#: arabic numbering, outer level first: 1. / 1、 then （1）
ARABIC_STYLES = ("arabic", "arabic_paren")


def _summed_runs(labels: list[str], rows: list[int], figures) -> list[tuple[int, list[int]]]:
    """Each row of ``rows`` followed by a run of rows that are its parts by their sums, and the run: two or more
    rows right after it, un-numbered (the first may open with 其中), whose figures add up to the row's in every
    column where either prints one (:func:`_adds_up`) — the fewest that do, with the rows after them that print
    nothing but zeros (国有资本经营预算财政拨款 0.00)."""
    runs, k = [], 0
    while k < len(rows) - 1:
        head, candidates = rows[k], []
        for n, i in enumerate(rows[k + 1 :]):
            if (labels[i].startswith("其中") and n) or (
                not labels[i].startswith("其中") and _enum_style(labels[i]) != "plain"
            ):
                break
            candidates.append(i)
        run = next(
            (candidates[:n] for n in range(1, len(candidates) + 1) if _adds_up(figures, head, candidates[:n])), []
        )
        while run and len(run) < len(candidates) and not any(figures[candidates[len(run)]]):
            run = candidates[: len(run) + 1]
        if len(run) > 1:
            runs.append((head, run))
            k += len(run)
        k += 1
    return runs


def _adds_up(figures, head: int, parts: list[int]) -> bool:
    """Rows ``parts`` add up to row ``head`` in every column where one of them prints a figure (to the rounding of the
    printed figures), and ``head`` prints one other than zero."""
    compared = False
    for c, total in enumerate(figures[head]):
        values = [figures[i][c] for i in parts if figures[i][c] is not None]
        if total is None and not values:
            continue
        total = total if total is not None else Decimal(0)
        if abs(sum(values, Decimal(0)) - total) > _tolerance([total, *values]):
            return False
        compared = compared or total != 0
    return compared


def _parts_by_sums(labels, figures, total: int, fixed: list[int], flat: list[int], summed: list[int]):
    """The rows that row ``total`` adds up with rows ``fixed``, and a note for the check's description.

    ``summed`` (:func:`_without_sub_items` given the figures) where the total does not add up with ``flat`` (its
    sub-rows counted as summands, as before) in some column of the side, and does with ``summed`` in every column
    where it does with ``flat``; ``flat`` otherwise — a total that adds up with the sub-rows counted is left so."""
    if summed == flat:
        return flat, ""
    before, after = (
        [_holds(figures, total, [*fixed, *rows], c) for c in range(len(figures[total]))] for rows in (flat, summed)
    )
    if all(before) or any(b and not a for b, a in zip(before, after, strict=True)):
        return flat, ""
    removed = sorted(set(flat) - set(summed))
    heads: dict[int, list[int]] = {}
    for i in removed:
        heads.setdefault(max((j for j in summed if j < i), default=-1), []).append(i)
    notes = []
    for head, rows in heads.items():
        parts = [j for j in range(head + 1, rows[-1] + 1) if labels[j]]
        of = f" as parts of {labels[head]}" if head >= 0 else " as parts"
        notes.append(", ".join(labels[j] for j in parts) + of)
    return summed, f" ({'; '.join(notes)})"


def _holds(figures, total: int, rows: list[int], c: int) -> bool:
    """Row ``total`` = Σ ``rows`` in the side's ``c``-th column, or nothing to compare there."""
    check = _compare("", "", figures[total][c], [figures[i][c] for i in rows], "")
    return check is None or check.passed


def _enum_style(label: str) -> str:
    if ENUM_RE.match(label):
        return "chinese"
    if CHINESE_PAREN_RE.match(label):
        return "chinese_paren"
    if ARABIC_ENUM_RE.match(label):
        return "arabic_paren" if label[0] in "(（" else "arabic"
    return "plain"


#: the levels of numbering, outer first: 一、 then （一） then 1. / 1、 then （1）
ENUM_LEVELS = ("chinese", "chinese_paren", *ARABIC_STYLES)


def _numbered_parts(labels: list[str], total: int) -> list[int]:
    """The rows beneath a total that is numbered itself (一、“三公”经费合计 | 1、… | 2、… | 3、… | 其中：… | 二、…),
    down to the next row of its own level or above (二、), or the next total: its parts, with the sub-items among
    them.  Empty where the total is not numbered, or the next row is of its level (一、合计 | 二、… | 三、…: the items
    follow it, as siblings)."""
    style = _enum_style(labels[total])
    if style not in ENUM_LEVELS:
        return []
    rows = []
    for i in range(total + 1, len(labels)):
        if not labels[i]:
            continue
        level = _enum_style(labels[i])
        if WHOLE_TOTAL_RE.search(labels[i]) or (
            level in ENUM_LEVELS and ENUM_LEVELS.index(level) <= ENUM_LEVELS.index(style)
        ):
            break
        rows.append(i)
    return rows


def _nesting(table: Table, df, first: int, rows: list[int], label_col) -> list[tuple[int, list[int]]] | None:
    """Rows printed without codes may nest (a unit and its items beneath it: 广州市统计局 | 工资福利支出 …).

    Where the rows do not add up to the total flat, they are read as groups —
    each row followed by the rows that add up to it — if the table's first
    amount column splits that way from top to bottom; ``None`` otherwise.  The
    groups then hold for every column of the table.
    """
    column = next(c for c in table.money_columns if _label_column_for(table, c) == label_col)
    values = [df.at[i, column] or Decimal(0) for i in rows]
    total = df.at[first, column]
    if total is None or abs(sum(values, Decimal(0)) - total) <= _tolerance([total, *values]):
        return None  # flat: no nesting to find
    groups, i = [], 0
    while i < len(rows):
        head, running, j = values[i], Decimal(0), i + 1
        while j < len(rows):
            running += values[j]
            j += 1
            if abs(running - head) <= _tolerance([head, *values[i + 1 : j]]):
                break
        if j == i + 1 or abs(running - head) > _tolerance([head, *values[i + 1 : j]]):
            return None
        groups.append((rows[i], rows[i + 1 : j]))
        i = j
    return groups if any(len(children) > 1 for _, children in groups) or len(groups) > 1 else None


def _top_rows(
    codes, labels: list[str], first: int, totals: list[int], unit_rows: list[int] = (), figures=None
) -> list[int]:
    # groups that print their own 小计 (一般公共预算资金 | 小计, …): the total is the sum of the 小计 rows
    subtotals = [i for i in range(len(labels)) if labels[i] == "小计" and i not in totals]
    if subtotals:
        return subtotals
    units = [i for i in range(len(labels)) if codes.at[i, "unit_code"] and i not in totals]
    # a unit code shorter than the others' is a group of units (1 全额 ⊃ 222001 西安市交通运输局): the groups add up
    outer = [i for i in units if len(codes.at[i, "unit_code"]) == min(len(codes.at[j, "unit_code"]) for j in units)]
    if len(outer) < len(units):
        return outer
    # units listed with their rows beneath them (001001 某某局本级 | 201 … | 001002 某某中心 | 201 …): the units add up
    if len(unit_rows) > 1:
        return [i for i in unit_rows if i not in totals]
    for kind in ("func_code", "econ_code"):
        coded = [i for i in range(len(labels)) if codes.at[i, kind]]
        if coded:
            shortest = min(len(codes.at[i, kind]) for i in coded)
            return [i for i in coded if len(codes.at[i, kind]) == shortest]
    if units:
        return units
    candidates = range(first + 1, len(labels)) if first == 0 else range(first)
    rows = [i for i in candidates if labels[i] and i not in totals]
    enumerated = [i for i in rows if ENUM_RE.match(labels[i])]
    # numbered from 一、: the total's parts; from 二、 on (合计 | 行政单位 | 事业单位 | 二、实物量) another block
    # follows the total's own rows, no part of it
    if enumerated and not labels[enumerated[0]].startswith("一、"):
        rows, enumerated = [i for i in rows if i < enumerated[0]], []
    return enumerated or _without_sub_items(labels, rows, figures)


def subtotal_checks(table: Table) -> list[Check]:
    """``小计`` rows of a group (the rows under one merged label of an outer column) = Σ the group's other rows."""
    df, pages = table.lists(), table.lists("cell_pages")
    checks = []
    for column in table.money_columns:
        label_col = _label_column_for(table, column)
        outer_col = _label_column_for(table, label_col) if label_col else None
        if outer_col is None:
            continue
        labels = [squash(str(v or "")) for v in df[label_col]]
        outer = [squash(str(v or "")) for v in df[outer_col]]
        for i, label in enumerate(labels):
            if label != "小计" or not outer[i]:
                continue
            group = [j for j in range(len(labels)) if outer[j] == outer[i] and _contiguous(outer, i, j)]
            parts = [j for j in group if j != i and labels[j] and not labels[j].startswith("其中")]
            if not parts:
                continue
            description = f"{outer[i]} 小计 = Σ {len(parts)} rows"
            check = _rows_sum("row_total", description, table, df, pages, column, i, parts)
            if check is not None:
                checks.append(check)
    return checks


def _contiguous(values: list[str], i: int, j: int) -> bool:
    lo, hi = min(i, j), max(i, j)
    return all(values[k] == values[i] for k in range(lo, hi + 1))


def _listing_codes(codes: ColumnLists) -> ColumnLists:
    """The codes that tell a table's top rows: printed ones, and those found by name unless one of them repeats —
    a classification listed again under each unit (广州市统计局 | 工资福利支出 … 广州市统计普查中心 | 工资福利支出 …)
    is structured by the rows printed without a code, which the totals follow."""
    named = [source == "name" for source in codes["code_source"]]
    out = {c: codes[c] for c in CODE_FRAME_COLUMNS}
    for kind in ("func_code", "econ_code"):
        found = [code for code, by_name in zip(codes[kind], named, strict=True) if by_name and code != ""]
        if len(set(found)) < len(found):
            out[kind] = ["" if by_name else code for code, by_name in zip(codes[kind], named, strict=True)]
    return ColumnLists.of_columns(out, len(codes))


def hierarchy_checks(table: Table) -> list[Check]:
    """类 = Σ款 = Σ项 down the function codes, and 类 = Σ款 down the economic codes, printed or found by
    name, on each side of the table (a 收支总表's expense side has codes of its own).

    A code printed more than once (201 … under each unit of a table listing several) is checked
    within each unit's rows, or each group's closed by a 小计 or 合计, where it is printed once."""
    checks = []
    continued = _continued_columns(table)
    for side in table_sides(table):
        codes = code_lists(table, side.amounts[0]) if side.amounts else None
        columns = [c for c in table.money_columns if c in side.amounts and c not in continued]
        if codes is None or not columns:
            continue
        blocks = _blocks(table, side, codes)
        checks += _hierarchy(table, codes["func_code"], "function_hierarchy", columns, blocks)
        checks += _hierarchy(table, codes["econ_code"], "econ_hierarchy", columns, blocks)
    return checks


def _blocks(table: Table, side, codes) -> list[tuple[int, str]]:
    """Each row's block: the unit it is printed under (:func:`~analysis.model.row_units`), and the count of
    rows closing a listing (合计, 小计) above it."""
    units = row_units(table, side.labels, codes)
    labels = row_labels_of(table, side)
    out, closed = [], 0
    for i, (unit, _) in enumerate(units):
        out.append((closed, unit))
        if TOTAL_RE.search(squash(labels[i])):
            closed += 1
    return out


def _hierarchy(table: Table, codes: list[str], rule: str, columns: list[str], blocks) -> list[Check]:
    checks, done = _hierarchy_in(table, codes, rule, columns, range(len(codes)), set(), "")
    rows_of: dict[tuple[int, str], list[int]] = {}
    for i, code in enumerate(codes):
        if code:
            rows_of.setdefault(blocks[i], []).append(i)
    if len(rows_of) > 1:
        for (_, unit), rows in rows_of.items():
            where = f" under {unit}" if unit else f" in rows {rows[0]}–{rows[-1]}"
            checks += _hierarchy_in(table, codes, rule, columns, rows, done, where)[0]
    return checks


def _hierarchy_in(table, codes, rule, columns, rows, done, where) -> tuple[list[Check], set[str]]:
    """The identities of the codes printed once among ``rows`` whose parts are each printed once too,
    except those of the codes in ``done``; and the codes checked."""
    df, pages = table.lists(), table.lists("cell_pages")
    by_code: dict[str, list[int]] = {}
    for i in rows:
        if codes[i]:
            by_code.setdefault(codes[i], []).append(i)
    checks, checked = [], set()
    for code, found in by_code.items():
        if len(code) not in (3, 5) or len(found) != 1 or code in done:
            continue
        children = [c for c in by_code if len(c) == len(code) + 2 and c.startswith(code)]
        if not children or any(len(by_code[c]) != 1 for c in children):
            continue
        checked.add(code)
        parent = found[0]
        for column in columns:
            child_rows = [by_code[c][0] for c in children]
            description = f"{code} = Σ {', '.join(sorted(children))}{where}"
            check = _rows_sum(rule, description, table, df, pages, column, parent, child_rows)
            if check is not None:
                checks.append(check)
    return checks, checked


def continued_blocks(table: Table) -> list[list[Side]]:
    """Sides printed one after another under one repeated heading: a listing printed block after block.

    The national 一般公共预算财政拨款基本支出决算表 prints 人员经费 (科目编码 | 科目名称 | 决算数) | 公用经费
    (科目编码 | 科目名称 | 决算数 | 科目编码 | 科目名称 | 决算数): the 公用经费 classes run on from the second block
    into the third (302 heads the second, its items 30239, 30299 top the third, then 310), and 公用经费合计 is
    printed once, in the last block.  Adjacent sides whose columns are headed alike but for the number the reader
    adds to a repeated heading (公用经费/决算数 | 公用经费/决算数 (2)) are such blocks when they read as one listing:
    no code printed in two of them, the rows naming a 合计/总计 all below (or all above) every other row, and each
    such total printed by one block at most (the last, or the first where the others print nothing there).
    Blocks of different headings (人员经费 | 公用经费, a 收支总表's 收入 | 支出) are read apart, as printed."""
    return table.memo("continued_blocks", lambda: _continued_blocks(table))


def _continued_blocks(table: Table) -> list[list[Side]]:
    names = list(table.column_kinds)

    def heading(side: Side) -> tuple:
        columns = sorted((*side.labels, *side.amounts), key=names.index)
        return tuple((REPEAT_SUFFIX_RE.sub("", c), table.column_kinds[c]) for c in columns)

    runs: list[list[Side]] = []
    for side in table_sides(table):
        if runs and side.amounts and side.labels and heading(side) == heading(runs[-1][-1]):
            runs[-1].append(side)
        else:
            runs.append([side])
    return [run for run in runs if len(run) > 1 and _run_rows(table, run) is not None]


def _continued_columns(table: Table) -> set[str]:
    return {c for run in continued_blocks(table) for side in run for c in side.amounts}


def _run_rows(table: Table, run: list[Side]) -> list[tuple[int, int]] | None:
    """The rows of a run of blocks read as one listing: (block, row) of each block's rows in turn, the rows naming
    a total (one each, from the block printing its figures) after them or before them, as printed; ``None``
    where the blocks do not read as one listing (:func:`continued_blocks`)."""
    return table.memo(("run_rows", tuple(run)), lambda: _read_run_rows(table, run))


def _read_run_rows(table: Table, run: list[Side]) -> list[tuple[int, int]] | None:
    data, n = table.lists(), len(table.df)
    labels = [[squash(text) for text in row_labels_of(table, side)] for side in run]
    printing = [[any(data[c][i] is not None for c in side.amounts) for i in range(n)] for side in run]
    seen: dict[str, int] = {}
    for b, side in enumerate(run):
        codes = code_lists(table, side.amounts[0])
        for code in {code for kind in ("func_code", "econ_code") for code in codes[kind] if code}:
            if seen.setdefault(code, b) != b:
                return None  # a code printed in two blocks: listings of their own
    is_total = [[bool(WHOLE_TOTAL_RE.search(labels[b][i])) for i in range(n)] for b in range(len(run))]
    totals = [i for i in range(n) if any(is_total[b][i] for b in range(len(run)))]
    content = [
        [i for i in range(n) if not is_total[b][i] and (labels[b][i] or printing[b][i])] for b in range(len(run))
    ]
    rows = [i for block in content for i in block]
    if not rows:
        return None
    total_rows = []
    for i in totals:
        named = [b for b in range(len(run)) if is_total[b][i]]
        printed = [b for b in named if printing[b][i]]
        if len(printed) > 1:
            return None  # each block closes its own listing (收入合计 | 支出合计)
        total_rows.append(((printed or named)[-1], i))
    listing = [(b, i) for b, block in enumerate(content) for i in block]
    if all(i > max(rows) for i in totals):
        return listing + total_rows
    if all(i < min(rows) for i in totals):
        return total_rows + listing
    return None


def continued_block_checks(table: Table) -> list[Check]:
    """Row totals and hierarchies of each run of blocks printing one listing (:func:`continued_blocks`), over the
    blocks' rows read one block after another: 公用经费合计 = Σ the 类 rows of both blocks (302 + 310), 302 = Σ its
    items wherever they are printed.  Each identity is that of the table read as one block of these rows
    (:func:`row_total_checks`, :func:`hierarchy_checks`), its cells those printed."""
    checks = []
    pages = table.lists("cell_pages")
    names = list(table.column_kinds)
    for run in continued_blocks(table):
        rows = _run_rows(table, run)
        columns = [sorted((*side.labels, *side.amounts), key=names.index) for side in run]
        block = _run_table(table, columns, rows)
        codes = _listing_codes(code_lists(block))
        for check in row_total_checks(block, codes) + hierarchy_checks(block):
            cells = tuple((rows[i][1], columns[rows[i][0]][columns[0].index(c)]) for i, c in check.cells)
            row, column = cells[0]
            location = f"{table.name}; row {row}; column {column}; page {pages.at[row, column]}"
            checks.append(replace(check, location=location, cells=cells))
    return checks


def _run_table(table: Table, columns: list[list[str]], rows: list[tuple[int, int]]) -> Table:
    """The table of one run of blocks read as one block: the first block's columns, the rows ``rows``."""

    def frame(source: pd.DataFrame) -> pd.DataFrame:
        values = {c: source[c].tolist() for block in columns for c in block}
        return pd.DataFrame(
            {c: [values[columns[b][k]][i] for b, i in rows] for k, c in enumerate(columns[0])}, dtype=object
        )

    return replace(
        table,
        df=frame(table.df),
        column_kinds={c: table.column_kinds[c] for c in columns[0]},
        cell_pages=frame(table.cell_pages),
        printed=frame(table.printed),
        cell_boxes=None,
        validation=Validation(),
        raw=None,
        unreadable={},
        covered=set(),
        column_units={c: u for c, u in table.column_units.items() if c in columns[0]},
    )


def unit_total_checks(table: Table) -> list[Check]:
    """A unit's own row (单位编码 | 单位名称) = Σ the least detailed codes printed beneath it, down to the next
    unit's row (001001 某某局本级 = Σ its 类 rows), where the unit's row prints a figure."""
    df, pages = table.lists(), table.lists("cell_pages")
    checks = []
    for _, columns, codes, units in _unit_sides(table):
        for i, (unit, name) in enumerate(units):
            if not _own_unit_row(codes, units, i) or all(df[c][i] is None for c in columns):
                continue
            block = []
            for j in range(i + 1, len(units)):
                if units[j][0] != unit or (codes.at[j, "unit_code"] == unit and not _coded_row(codes, j)):
                    break
                block.append(j)
            parts = _least_detailed(codes, block)
            if not parts:
                continue
            description = f"{unit} {name} = Σ {len(parts)} rows beneath it".replace("  ", " ")
            for column in columns:
                check = _rows_sum("row_total", description, table, df, pages, column, i, parts)
                if check is not None:
                    checks.append(check)
    return checks


def _unit_sides(table: Table):
    """Each side of a table listing units (单位编码 | 单位名称): (the side, its money columns, its rows' codes,
    the unit each row is printed under)."""
    for side in table_sides(table):
        columns = [c for c in table.money_columns if c in side.amounts]
        if not columns:
            continue
        codes = code_lists(table, side.amounts[0])
        if any(codes["unit_code"]):
            yield side, columns, codes, row_units(table, side.labels, codes)


def _own_unit_row(codes, units, i: int) -> bool:
    """A unit's own row: its unit code (:func:`~analysis.model.row_units`) and no other code."""
    unit = units[i][0]
    other = ("func_code", "econ_code", "income_code")
    return bool(unit) and codes.at[i, "unit_code"] == unit and not any(codes.at[i, k] for k in other)


def _coded_row(codes, i: int) -> bool:
    return bool(codes.at[i, "func_code"] or codes.at[i, "econ_code"])


def unit_group_checks(table: Table) -> list[Check]:
    """A group of units' own row = Σ its members' own rows, in every column (:func:`_unit_groups`): a
    department's row and its units (001 某某部门 ⊃ 001001 某某局本级, 001002 某某中心), or a kind of
    funding and the units listed beneath it (1 全额 ⊃ 222001 西安市交通运输局 …).

    Members broken down by their codes (001001 | 201 … | 001002 | 201 …) are summed by their own rows, never
    by their coded rows; a group one of whose members prints no figure on its own row (a heading, its
    figures in a 小计 below) is not checked."""
    df, pages = table.lists(), table.lists("cell_pages")
    checks = []
    for side, columns, codes, units in _unit_sides(table):
        labels = row_labels_of(table, side)
        for head, members in _unit_groups(codes, units, labels):
            if not all(any(df[c][i] is not None for c in columns) for i in [head, *members]):
                continue
            code, name = units[head]
            listed = ", ".join(units[i][0] for i in members)
            description = f"{code} {name} = Σ {len(members)} units beneath it: {listed}".replace("  ", " ")
            for column in columns:
                check = _rows_sum("row_total", description, table, df, pages, column, head, members)
                if check is not None:
                    checks.append(check)
    return checks


def _unit_groups(codes, units, labels: list[str]) -> list[tuple[int, list[int]]]:
    """The groups of units of a table whose unit codes nest: each group's own row and its members' own rows.

    A unit's own row (:func:`_own_unit_row`) opens a group of the units whose own rows follow it with a
    longer code, down to the next unit's own row whose code is no longer than its own, or a 合计/总计 row:
    001 ⊃ 001001, 001002 (the members' codes extending the group's), and 1 全额 ⊃ 222001, 222002 down to
    2 差额 (a kind of funding heading the units beneath it) alike — as the total adds up the shortest codes
    (:func:`_top_rows`).  Its members are the units it holds directly: 001 ⊃ 001001 ⊃ 001001001 makes two
    groups.  Empty where no unit's own row is followed by one of a longer code."""
    children: dict[int, list[int]] = {}
    open_groups: list[int] = []
    for i in range(len(units)):
        if _own_unit_row(codes, units, i):
            length = len(units[i][0])
            while open_groups and len(units[open_groups[-1]][0]) >= length:
                open_groups.pop()
            if open_groups:
                children.setdefault(open_groups[-1], []).append(i)
            open_groups.append(i)
        elif WHOLE_TOTAL_RE.search(squash(labels[i])):
            open_groups = []
    return list(children.items())


def fund_total_checks(table: Table) -> list[Check]:
    """Performance-target forms: 年度资金总额 = 财政拨款 + 上年结转 + 其他资金 for each project."""
    checks = []
    for project, rows in table.df.groupby("项目名称", sort=False):
        labels = [squash(v) for v in rows["资金来源"]]
        totals = [i for i, label in enumerate(labels) if FUND_TOTAL_RE.search(label)]
        if len(totals) != 1 or len(rows) < 2:
            continue
        # each measure the funds are printed in (金额; or 年初预算数, 全年预算数, 全年执行数), on its own
        for column in table.money_columns:
            amounts = rows[column].tolist()
            parts = [a for i, a in enumerate(amounts) if i != totals[0]]
            measure = f" ({column})" if column != "金额" else ""
            check = _compare(
                "fund_total",
                f"{labels[totals[0]]} = Σ " + ", ".join(x for i, x in enumerate(labels) if i != totals[0]) + measure,
                amounts[totals[0]],
                parts,
                f"{table.title}; {project}; page {table.cell_pages.at[rows.index[0], column]}",
                [(i, column) for i in rows.index],
            )
            if check:
                checks.append(check)
    return checks + task_total_checks(table)


def task_total_checks(table: Table) -> list[Check]:
    """A department's form listing its tasks: each source's 合计 = Σ the tasks' figures of that source."""
    checks = []
    names = [squash(v) for v in table.df["项目名称"]]
    for i, name in enumerate(names):
        if not WHOLE_TOTAL_RE.search(name):
            continue
        source = table.df.at[i, "资金来源"]
        rows = [j for j in range(i) if table.df.at[j, "资金来源"] == source and not WHOLE_TOTAL_RE.search(names[j])]
        for column in table.money_columns:  # 金额, or each measure the tasks print (全年预算数, 全年执行数)
            what = " ".join(x for x in (source, column if column != "金额" else "") if x)
            check = _compare(
                "task_total",
                f"{name} {what} = Σ {len(rows)} tasks' {what}",
                table.df.at[i, column],
                [table.df.at[j, column] for j in rows],
                f"{table.title}; {name}; page {table.cell_pages.at[i, column]}",
                [(j, column) for j in [i, *rows]],
            )
            if check is not None and rows:
                checks.append(check)
    return checks


def _first_matching(names, pattern: str) -> str | None:
    return next((n for n in names if re.search(pattern, squash(n.split("/")[-1]))), None)


def target_total_checks(table: Table) -> list[Check]:
    """Performance-target tables: a unit's (or department's) budget = Σ its projects' budgets.

    A total row names a unit and no project; its projects are the rows whose
    unit code begins with the total's code (358 ⊃ 358643), or, without codes,
    every project row after it.
    """
    names = list(table.column_kinds)
    unit_col = _first_matching(names, r"单位名称|部门名称|^单位$")
    project_col = _first_matching(names, r"项目名称|^项目$")
    money = table.money_columns
    if unit_col is None or project_col is None or not money:
        return []
    df, amount_col = table.lists(), money[0]
    pages = table.lists("cell_pages")
    totals, projects = [], []
    previous = None
    for i in range(len(df)):
        value, project, unit = df.at[i, amount_col], df.at[i, project_col] or "", df.at[i, unit_col] or ""
        if value is None:
            continue
        if not project:
            totals.append((i, unit, value))
        elif (unit, project) != previous:
            projects.append((i, unit, value))
        previous = (unit, project) if project else None
    checks = []
    for i, unit, value in totals:
        code = re.match(r"^\d+", squash(unit))
        if code:
            rows = [j for j, u, _ in projects if squash(u).startswith(code.group())]
        else:
            rows = [j for j, _, _ in projects if j > i]
        members = [v for j, _, v in projects if j in rows]
        check = _compare(
            "target_total",
            f"{unit} {amount_col} = Σ 项目{amount_col} ({len(members)} projects)",
            value,
            members,
            f"{table.name}; row {i}; column {amount_col}; page {pages.at[i, amount_col]}",
            [(j, amount_col) for j in [i, *rows]],
        )
        if check is not None and members:
            checks.append(check)
    return checks


def validate_table(table: Table) -> Table:
    """Run every identity on ``table`` and record the results on it."""
    if table.raw is not None and getattr(table.raw, "layout", "grid") == "form":
        checks = fund_total_checks(table)
    elif table.key == "performance_targets":
        checks = target_total_checks(table)
    else:
        codes = _listing_codes(code_lists(table))
        checks = (
            column_total_checks(table)
            + row_total_checks(table, codes)
            + subtotal_checks(table)
            + hierarchy_checks(table)
            + continued_block_checks(table)
            + unit_total_checks(table)
            + unit_group_checks(table)
        )
    # a total whose cell is covered by a label merged across it prints no figure: nothing to compare
    checks = [c for c in checks if not (c.cells and c.cells[0] in table.covered)]
    if table.unreadable:
        # an identity that needs an unreadable cell is not run: its figures are not all known
        kept = []
        for check in checks:
            missing = [cell for cell in check.cells if cell in table.unreadable]
            if missing:
                row, column = missing[0]
                table.validation.not_run.append(
                    f"{check.rule} {check.description} ({check.location}): "
                    f"unreadable cell {table.unreadable[missing[0]]!r} in row {row}, column {column!r}"
                )
            else:
                kept.append(check)
        checks = kept
        table.validation.problems.append(f"{len(table.unreadable)} unreadable cell(s) left out")
    table.validation.checks = checks
    if table.unit_assumed and not table.is_empty and not table.is_text:
        table.validation.problems.append(assumed_unit_message(table))
    table.validation.problems.extend(unit_conflicts(table))
    return table


#: where an assumed unit comes from (:attr:`~analysis.model.Table.unit_source`)
ASSUMED_FROM = {
    "table": "assumed from another table's unit line",
    "narrative": "assumed from the narrative, which states its amounts in {unit}",
    "default": "assumed by default: no table, note or narrative of the document prints a unit",
}


def assumed_unit_message(table: Table) -> str:
    """Why a table printing no unit (no unit line, heading, cell unit or note) is read in its unit."""
    source = ASSUMED_FROM.get(table.unit_source, "assumed").format(unit=table.unit)
    return f"no unit printed for the table (no unit line, heading, cell or note names one); {table.unit} {source}"
