"""Stitched tables to typed tables, and typed tables to the tidy long table.

Column kinds: ``code`` (类/款/项, 科目编码, 单位代码 …), ``text`` (names and
other words), ``money`` (amounts in the table's unit), ``count`` (head
counts, unit 人) and ``rate`` (percentages such as 增长率: kept in the table,
not amounts of the tidy table).  A column is text when most of its printed cells are words, unless
its header names amounts (合计, 预算数, 金额 …) and it prints one; a word inside an amount column (and a
percentage: never an amount) is an unreadable cell, listed as a problem of the document, never a
silently dropped figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..extract.stitch import RawTable
from ..model import TIDY_COLUMNS, ColumnLists, Problem, Table, row_units
from ..specs import UNKNOWN, TableSpec, spec_for_title
from ..text import TOTAL_RE, squash
from .amounts import (
    BLANKS,
    BRACKETED_UNIT_RE,
    UNIT_FACTORS,
    is_amount_text,
    normalise_number_text,
    parse_amount,
    split_unit,
    to_wanyuan,
    unit_from_line,
    unit_from_note,
)
from .codes import codes_by_name, complete_level_parts, is_code_column, prints_codes, prints_line_numbers, row_codes
from .target_forms import form_table

MONEY_HEADER_IN_TARGETS = re.compile(r"预算|金额|资金")
NAME_LEAF_RE = re.compile(r"名称|单位$|目标|指标")
#: a column of percentages (增长率, 增减%, 占比, 比重, 决算数占年初预算百分比, 预算执行进度, 完成进度): read,
#: but not an amount, whether or not its heading prints a % sign
RATE_HEADER_RE = re.compile(r"[%％]|(?:增长|增减|变动|执行|完成)率|增幅|降幅|比例|占比|比重|百分比|进度$")
COUNT_UNITS = {"人", "个", "辆"}
#: a column counting people, vehicles or items inside a table of amounts (培训费明细表 | 人数 | 金额 |,
#: 政府采购预算表 | 数量 | 预算金额 |): its figures are counts in their own unit, never 万元; the unit a
#: header prints in brackets (数量（台）) wins
COUNT_HEADERS: tuple[tuple[str, str], ...] = (
    (r"人数|人次|^编制数$|^实有数$", "人"),
    (r"车辆数|辆数", "辆"),
    (r"^数量|个数$", "个"),
)
#: units of physical quantities (房屋面积（平方米）, 土地（亩）, 道路（公里）): figures in that unit, as counts
#: are, never money
QUANTITY_UNITS = r"平方米|㎡|立方米|公顷|平方公里|公里|千米|亩|吨|千瓦时"
COUNT_BRACKET_RE = re.compile(rf"[（(](人|个|辆|台|套|件|台套|台\(套\)|台（套）|{QUANTITY_UNITS})[)）]$")
MONEY_WORDS_RE = re.compile(r"金额|费|元|资金|预算|拨款|支出|收入")
#: a column printing each row's measure word beside a column of counts (政府采购预算表 | 计量单位 | 数量 |)
MEASURE_UNIT_HEADER_RE = re.compile(r"^(?:计量|度量)单位$")
#: a measure word as such a column prints it (台, 套, 项, 台（套）, 平方米): a few characters, no figure
MEASURE_WORD_RE = re.compile(r"^[^\d\s.,，、:：;；]{1,5}$")
#: the measure word of counts a row's label prints in brackets among rows of amounts (4．公务用车保有量（辆）,
#: 6．国内公务接待人次（人）, 因公出国（境）团组数（个）): the row's figures are counts in that unit, never money.
#: Only a bracket holding nothing but the measure word: （万元）, （元/人）, （万元/辆）, （境） name no count
#: (never （类）（款）（项）: the levels a function name prints, 行政运行（项）)
COUNT_ROW_BRACKET_RE = re.compile(
    rf"[（(]\s*(人次|人|个|辆|台套|台|套|件|批次|批|次|家|户|名|架|艘|座|期|{QUANTITY_UNITS})\s*[)）]"
)
#: a row's label naming a count in words, without a bracketed measure word (在职人数, 国内公务接待批次,
#: 车辆数): the word's unit, as a column of counts headed by it is (:data:`COUNT_HEADERS`)
COUNT_ROW_WORDS: tuple[tuple[str, str], ...] = (
    *COUNT_HEADERS,
    (r"团组数", "个"),
    (r"车.*(?:保有量|购置数)$", "辆"),
    # a number of times or batches printed without its measure word: counted in 个, as a column of 数量 is
    (r"次数$", "个"),
    (r"批次$", "个"),
)
#: a money unit in a row's label (公务接待费（万元）, 人均（元/人）): the row is not one of counts
MONEY_UNIT_IN_LABEL_RE = re.compile(r"[（(][^（()）]*元")
#: the numbering a label opens with (一、 1． （1） 其中：), no part of the words deciding its kind
LABEL_NUMBERING_RE = re.compile(
    r"^(?:其中[:：]?)?(?:[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．](?!\d))?"
)
#: the heading of a column of amounts (合计, 预算数, 金额, 基本支出): it stays a column of amounts when most
#: of its cells are unreadable (########, #REF!, N/A as spreadsheets print them), each reported
MONEY_HEADER_RE = re.compile(r"合计|小计|总计|金额|[预决]算数|执行数|(?:预算|决算|拨款|支出|收入|经费|资金|费)$")
#: words of a heading naming or describing rows, not amounts (支出功能分类科目, 收入项目, 资金来源)
LABEL_WORDS_RE = re.compile(
    r"名称|科目|项目$|单位$|说明|备注|原因|理由|情况$|类型|类别|性质|来源|方式|用途|内容|依据|编码|代码"
)


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        base = name or "(未命名列)"
        seen[base] = seen.get(base, 0) + 1
        out.append(base if seen[base] == 1 else f"{base} ({seen[base]})")
    return out


def block_paths(columns: list[str], kinds: list[str]) -> list[str]:
    """Header paths with the amount columns of parallel blocks named after their blocks.

    A table may print several blocks side by side under one heading, each a label column and its
    amounts (山东's 收支预算总表: 支出 over 支出类别 | 本年预算数 | 政府预算经济分类 | 本年预算数 |
    部门预算经济分类 | 本年预算数 | 功能分类 | 本年预算数).  When an amount heading repeats under one
    parent and each repeat follows its own label column (code or text), the label columns' headings
    all differing, each amount column is named after its block: ``支出/政府预算经济分类/本年预算数``.
    Any other repeat keeps its path (and is numbered by :func:`_unique`).
    """
    out = list(columns)
    groups: dict[str, list[int]] = {}
    for j, (path, kind) in enumerate(zip(columns, kinds, strict=True)):
        if kind in AMOUNT_KINDS:
            groups.setdefault(path, []).append(j)
    for path, places in groups.items():
        parent = path.rpartition("/")[0]
        labels = [columns[j - 1] if j and kinds[j - 1] in ("code", "text") else None for j in places]
        if (
            len(places) < 2
            or not parent
            or None in labels
            or any(label.rpartition("/")[0] != parent for label in labels)
            or len({squash(label.rpartition("/")[2]) for label in labels} - {""}) < len(labels)
        ):
            continue
        leaf = path.rpartition("/")[2]
        for j, label in zip(places, labels, strict=True):
            out[j] = f"{label}/{leaf}"
    return out


def column_kinds(raw: RawTable, spec: TableSpec, unit: str) -> list[str]:
    kinds = []
    for j, path in enumerate(raw.columns):
        texts = [row[j].text for row in raw.rows if j < len(row) and row[j].text]
        if is_code_column(path) or prints_codes(texts):
            kinds.append("code")  # headed as codes, or printing nothing but nested 类/款/项 codes
        elif prints_line_numbers(texts):
            kinds.append("line")  # the statement's line numbers under no 行次 heading read: no amounts, no name
        elif spec.key == "performance_targets":
            # the funds' column: headed 预算/金额/资金 and printing amounts (a name column 二级预算单位名称 is text)
            leaf = squash(path.split("/")[-1])
            amounts = sum(is_amount_text(t) for t in texts)
            money = MONEY_HEADER_IN_TARGETS.search(leaf) and not NAME_LEAF_RE.search(leaf) and amounts * 2 >= len(texts)
            kinds.append("money" if money else "text")
        elif (
            texts
            and sum(not is_amount_text(split_unit(t)[0]) for t in texts) * 2 > len(texts)
            and not (_money_header(path) and any(is_amount_text(split_unit(t)[0]) for t in texts))
        ):
            kinds.append("text")
        elif RATE_HEADER_RE.search(squash(path.split("/")[-1])) or (
            texts and sum(normalise_number_text(t).endswith("%") for t in texts) * 2 > len(texts)
        ):
            kinds.append("rate")  # 增长率, 比上年增减%: percentages, not amounts
        elif not texts and _looks_like_label_header(path):
            kinds.append("text")
        elif unit not in COUNT_UNITS and count_unit(path):
            kinds.append("count")
        else:
            kinds.append("count" if unit in COUNT_UNITS else "money")
    return kinds


def _money_header(path: str) -> bool:
    """The column's heading names amounts (合计, 预算数（元）, 一般公共预算支出/基本支出), not rows."""
    leaf = re.sub(r"[（(][^（()）]*[)）]$", "", squash(path.split("/")[-1]))
    return bool(MONEY_HEADER_RE.search(leaf)) and not LABEL_WORDS_RE.search(leaf)


def count_unit(path: str) -> str | None:
    """The unit of a column of counts in a table of amounts, read from its header: ``人`` for 人数,
    ``辆`` for 车辆数, ``个`` for 数量, the bracketed unit of 数量（台）; ``None`` for a money column.

    Every level of the header path counts, the lowest first: 行政 under 编制人数, 在职 under 实有人数
    are head counts; the first level naming a count (人数, 数量（台）) or money (金额, 经费, 元) decides."""
    for level in reversed(path.split("/")):
        level = squash(level)
        bracket = COUNT_BRACKET_RE.search(level)
        if bracket:
            return bracket.group(1)
        if MONEY_WORDS_RE.search(level):
            return None
        unit = next((unit for pattern, unit in COUNT_HEADERS if re.search(pattern, level)), None)
        if unit:
            return unit
    return None


def measure_words(table: Table) -> dict[int, str]:
    """Row → the measure word its 计量单位 cell prints (台, 套, 项), in a table printing such a column beside
    a column of counts (政府采购预算表 | 计量单位 | 数量 |): the unit of that row's counts, more precise than
    the column's 数量 (``个``).  Empty for a table without one."""
    return table.memo("measure_words", lambda: _measure_words(table))


def _measure_words(table: Table) -> dict[int, str]:
    if "count" not in table.column_kinds.values():
        return {}
    columns = [
        c
        for c, kind in table.column_kinds.items()
        if kind == "text" and MEASURE_UNIT_HEADER_RE.match(squash(str(c).split("/")[-1]))
    ]
    if not columns:
        return {}
    cells = [squash(str(v or "")) for v in table.df[columns[0]]]
    return {i: text for i, text in enumerate(cells) if MEASURE_WORD_RE.match(text) and not TOTAL_RE.search(text)}


def count_row_unit(label: str) -> str | None:
    """The unit of a row of counts printed among rows of amounts, read from its label; ``None`` for a row
    of money (or of nothing said).

    The measure word the label prints in brackets decides (4．公务用车保有量（辆） → ``辆``, 接待人次（人次） →
    ``人次``); a money unit in brackets (公务接待费（万元）, （元/人）, （万元/辆）) makes it money.  Printed
    without one, a label naming a count in words and no money (在职人数 → ``人``, 国内公务接待批次 → ``批``,
    车辆数 → ``辆``) is of counts, the words read as a column heading's are (:func:`count_unit`)."""
    text = squash(label)
    if not text or MONEY_UNIT_IN_LABEL_RE.search(text):
        return None
    brackets = COUNT_ROW_BRACKET_RE.findall(text)
    if brackets:
        return brackets[-1]
    words = LABEL_NUMBERING_RE.sub("", text, count=1)
    if MONEY_WORDS_RE.search(words):
        return None
    return next((unit for pattern, unit in COUNT_ROW_WORDS if re.search(pattern, words)), None)


def count_rows(table: Table, column: str | None = None) -> dict[int, str]:
    """Rows of counts printed among rows of amounts (a “三公”经费表's 公务用车保有量（辆）, 国内公务接待人次（人）):
    row → the counts' unit, for the money columns of the side ``column`` belongs to (the first side's
    without a column).  Their cells are counts in that unit, never money: the tidy table keeps them
    unconverted with that unit (as a column of counts, :attr:`~analysis.model.Table.column_units`), and
    no total of money adds them.

    A row is named by its side's name cells, the one nearest the amounts first (an outer merged name
    decides only where the inner one says nothing: 小计); a row printing a code (201…, 30201) is a
    classification's, money.  None in a side printing a column of counts (品目（台） | 数量 | 金额: the
    bracket is the unit of the 数量 column, the row's 金额 money), nor in a 项目绩效目标表."""
    return table.memo(("count_rows", side_of(table, column)), lambda: _count_rows(table, side_of(table, column)))


def _count_rows(table: Table, side: Side) -> dict[int, str]:
    kinds = [table.column_kinds[c] for c in side.amounts]
    if table.key == "performance_targets" or "money" not in kinds or "count" in kinds:
        return {}
    names = [c for c in reversed(side.labels) if table.column_kinds[c] == "text"]
    if not names:
        return {}
    data, codes = table.lists(), side_code_lists(table, side)
    out = {}
    for i in range(len(table.df)):
        if codes.at[i, "code_source"] == "printed":
            continue
        for name in names:
            text = str(data[name][i] or "")
            unit = count_row_unit(text)
            if unit:
                out[i] = unit
            if unit or _says_kind(text):
                break
    return out


def _says_kind(label: str) -> bool:
    """A name cell naming its row, not only closing a group (小计, 合计): it decides the row's kind."""
    return LABEL_NUMBERING_RE.sub("", squash(label), count=1) not in ("", "小计", "合计", "总计")


def _looks_like_label_header(path: str) -> bool:
    leaf = squash(path.split("/")[-1])
    return bool(re.search(r"名称|项目$|^项目|科目$|单位$|说明|备注|情况$|理由|原因", leaf))


def to_table(raw: RawTable, default_unit: str, path: Path, default_source: str = "default") -> Table:
    """Type a stitched table.

    The unit is the one its unit line prints, else its money columns' heading (预算数（元）), its cells
    (12.50万元) or a note (注：本表金额单位为元); printed nowhere, ``default_unit`` is assumed, and
    ``default_source`` says where that comes from (``table``, ``narrative``, ``default``: see
    :attr:`~analysis.model.Table.unit_source`).

    A cell of an amount column that reads as neither an amount nor a blank (or reads as a percentage) is
    kept out of ``df`` (``None``) and listed in ``Table.unreadable`` with its
    printed text; the document's :attr:`~analysis.model.Budget.problems` name it.
    """
    if raw.layout == "form":
        table = form_table(raw, default_unit, path)
        table.unit_source = default_source if table.unit_assumed else "line"
        return table
    spec = spec_for_title(raw.title, raw.columns)
    printed_unit, unit_source, unit_text = _printed_unit(raw)
    unit = printed_unit or default_unit
    kinds = column_kinds(raw, spec, unit)
    names = _unique(block_paths(raw.columns, kinds))
    records, pages, printed, boxes = [], [], [], []
    unreadable: dict[tuple[int, str], str] = {}
    covered: set[tuple[int, str]] = set()
    width = len(names)
    for i, row in enumerate(raw.rows):
        # each row's values in the order of ``names``
        record, page_row, text_row, box_row = [None] * width, [None] * width, [""] * width, [None] * width
        for j, name in enumerate(names):
            cell = row[j] if j < len(row) else None
            if cell is None:
                continue
            page_row[j], text_row[j], box_row[j] = cell.page, cell.text, cell.box
            if kinds[j] in ("money", "count", "rate"):
                # an amount may be printed with its unit (12.50万元): the figure, in the table's unit
                number, cell_unit = split_unit(cell.text) if kinds[j] == "money" else (cell.text, None)
                try:
                    record[j] = _in_unit(parse_amount(number), cell_unit, unit) if number else None
                except ValueError:
                    record[j] = None
                if kinds[j] != "rate" and _is_percentage(number):
                    record[j] = None  # 5.00% in a column of amounts: a rate, never an amount
                if cell_unit in (None, unit):
                    text_row[j] = number
                if cell.text and record[j] is None and not _is_blank(cell.text):
                    unreadable[(i, name)] = cell.text
                elif (
                    not cell.text and (cell.fill or cell.span_text) and not is_amount_text(cell.fill or cell.span_text)
                ):
                    covered.add((i, name))  # under a label merged across from another column: no figure here
            else:
                record[j] = cell.fill if kinds[j] != "code" else (cell.fill or cell.text)
        records.append(record)
        pages.append(page_row)
        printed.append(text_row)
        boxes.append(box_row)
    df = pd.DataFrame.from_records(records, columns=names)
    column_units = {
        name: count_unit(path) or unit
        for name, path, kind in zip(names, raw.columns, kinds, strict=True)
        if kind == "count" and (count_unit(path) or unit) != unit
    }
    title, notes, title_source = raw.title, list(raw.notes), raw.title_source
    if not squash(title) and spec is not UNKNOWN:
        # a table inside the narrative, printed without a title: named by the standard table its header shows
        title, title_source = spec.name_zh, "header"
        notes.append(f"no title printed above the table: named {spec.name_zh} by its header")
    return Table(
        spec=spec,
        title=title,
        label=raw.label,
        unit=unit,
        unit_text=unit_text,
        unit_assumed=printed_unit is None,
        org_line=raw.org_line,
        pages=raw.pages,
        df=df,
        column_kinds=dict(zip(names, kinds, strict=True)),
        column_units=column_units,
        cell_pages=pd.DataFrame.from_records(pages, columns=names),
        printed=pd.DataFrame.from_records(printed, columns=names),
        cell_boxes=pd.DataFrame.from_records(boxes, columns=names),
        notes=notes,
        horizontal_parts=raw.horizontal_parts,
        continued_pages=raw.continued_pages,
        raw=raw,
        unreadable=unreadable,
        covered=covered,
        reader=raw.reader,
        source=path.name,
        title_source=title_source if squash(title) else "none",
        unit_source=unit_source if printed_unit else default_source,
    )


def _printed_unit(raw: RawTable) -> tuple[str | None, str, str]:
    """The unit printed for the table, where (``line``, ``header``, ``cells``, ``note``) and as printed."""
    if raw.unit:
        return raw.unit, "line", raw.unit_text
    header = _unit_in_header(raw.columns)
    if header:
        return header, "header", next(c for c in raw.columns if (unit_from_line(c) or _bracketed_unit(c)) == header)
    cells = _unit_in_cells(raw)
    if cells:
        return cells, "cells", ""
    notes = [(unit_from_note(n), n) for n in raw.notes]
    units = {unit for unit, _ in notes if unit}
    if len(units) == 1:
        unit = units.pop()
        return unit, "note", next(n for u, n in notes if u == unit)
    return None, "", ""


def header_units(table: Table) -> dict[str, str]:
    """The money unit the heading of each money column prints (预算数（元）), where one does."""
    raw_columns = table.raw.columns if table.raw is not None and hasattr(table.raw, "columns") else []
    out = {}
    for name, column in zip(table.column_kinds, raw_columns, strict=False):
        unit = unit_from_line(column) or _bracketed_unit(column)
        if table.column_kinds[name] == "money" and unit:
            out[name] = unit
    return out


def unit_conflicts(table: Table) -> list[str]:
    """The table's unit line and its money columns' headings printing different units (单位：万元 over
    预算数（元）): which unit the amounts are in is not known, and the line's is used."""
    if table.unit_source != "line" or table.is_text or getattr(table.raw, "layout", "grid") == "form":
        return []
    differing = {name: unit for name, unit in header_units(table).items() if unit != table.unit}
    if not differing:
        return []
    columns = ", ".join(f"{name!r} ({unit})" for name, unit in differing.items())
    return [
        f"unit line {table.unit_text.strip()!r} conflicts with the heading of {columns}: "
        f"amounts read in {table.unit}, the unit line's unit"
    ]


def _is_percentage(text: str) -> bool:
    raw = normalise_number_text(text)
    return raw.endswith("%") and any(ch.isdigit() for ch in raw)


def _unit_in_header(columns: list[str]) -> str | None:
    """A unit printed in the money columns' own heading (``预算数（单位：万元）``), when one unit is."""
    units = {u for u in (unit_from_line(c) or _bracketed_unit(c) for c in columns) if u}
    return units.pop() if len(units) == 1 else None


def _unit_in_cells(raw: RawTable) -> str | None:
    """The unit the amounts print beside themselves (``12.50万元``), when they all print the same one."""
    units = {split_unit(c.text)[1] for row in raw.rows for c in row if c.text}
    units.discard(None)
    return units.pop() if len(units) == 1 else None


def _in_unit(value: Decimal | None, printed_unit: str | None, unit: str) -> Decimal | None:
    """A figure printed in ``printed_unit`` in the table's ``unit``, converted exactly."""
    if value is None or printed_unit in (None, unit) or unit not in UNIT_FACTORS:
        return value
    return value * UNIT_FACTORS[printed_unit] / UNIT_FACTORS[unit]


def _bracketed_unit(column: str) -> str | None:
    match = BRACKETED_UNIT_RE.search(squash(column))
    return match.group(1) if match else None


def _is_blank(text: str) -> bool:
    return normalise_number_text(text) in BLANKS


UNREADABLE_REASON = "neither an amount nor a header: the cell is left out and the identities that need it are not run"
PERCENTAGE_REASON = (
    "a percentage in a column of amounts, never an amount: the cell is left out and the identities that need it "
    "are not run"
)


#: a row's name with amounts glued to its end (行政运行412.30, 一般公共服务支出405.00356.40: the amounts' cells read
#: into the name's, as text drawn over a table — a watermark — can join them), or amounts alone in a name's cell:
#: they are read as none
GLUED_FIGURE_RE = re.compile(r"(?:^|[\u4e00-\u9fff）)]\s*)(?:-?\d{1,3}(?:,?\d{3})*\.\d{2})+$")
GLUED_REASON = (
    "an amount printed in a name's cell, joined to the name: read as no amount, the identities that need it fail"
)


def table_problems(table: Table, path: Path) -> list[Problem]:
    """The unreadable cells of ``table`` as problems of the document, and the names with an amount glued to them."""
    cells = [(row, column, text, PERCENTAGE_REASON if _is_percentage(text) else UNREADABLE_REASON)
             for (row, column), text in table.unreadable.items()]  # fmt: skip
    if table.raw is not None and getattr(table.raw, "layout", "grid") == "grid":
        names = {c for side in table_sides(table) for c in side.labels if table.column_kinds.get(c) == "text"}
        data = table.lists()
        for column in (c for c in table.df.columns if c in names):
            cells += [
                (i, column, str(v), GLUED_REASON)
                for i, v in enumerate(data[column])
                if v and GLUED_FIGURE_RE.search(str(v))
            ]
    return [
        Problem(
            kind="cell",
            file=path.name,
            page=int(table.cell_pages.at[row, column]) if table.cell_pages.at[row, column] is not None else None,
            table=table.name or "(untitled)",
            row=row,
            column=column,
            text=text,
            reason=reason,
        )
        for row, column, text, reason in cells
    ]


#: the heading of a column naming the rows of one side of a table (项目, 收入项目, 项目名称, 功能科目名称,
#: 支出功能分类科目（按大类）), not a column describing them (规格型号, 项目类别, 实施采购时间)
SIDE_NAME_HEADER_RE = re.compile(r"名称|科目|^(?:收入|支出)?项目(?:[(（].*)?$")
AMOUNT_KINDS = ("money", "count", "rate")


@dataclass(frozen=True)
class Side:
    """The columns of a table that one amount column belongs to: its label (code and text) columns and
    the amount columns they name."""

    labels: tuple[str, ...]
    amounts: tuple[str, ...]


def table_sides(table: Table) -> list[Side]:
    """The sides of a table printed side by side (see :func:`_sides`), computed once per table."""
    return table.memo("sides", lambda: _sides(table))


def _sides(table: Table) -> list[Side]:
    """The sides of a table printed side by side: a 收支总表 prints 收入/项目 | 收入/预算数 | 支出/项目 |
    支出/预算数, two sides in one row, each named by its own label columns.

    Columns are read left to right; label columns after an amount column open a new side when one of
    them is headed as naming rows (项目, 名称, 科目) and the side's amount columns print a figure, or
    when they head a block of their own, their amounts named after them (:func:`block_paths`).
    Otherwise (规格型号 between amounts, codes printed after the amount, an empty amount column) they
    belong to the side before them, and a table of one side is named by all its label columns, as
    printed.  A 项目绩效目标表 is named by the label columns before its first amount.
    """
    names = list(table.column_kinds)
    kinds = [table.column_kinds[c] for c in names]
    if table.key == "performance_targets":
        first = next((j for j, k in enumerate(kinds) if k == "money"), len(names))
        labels = tuple(c for c, k in zip(names[:first], kinds[:first], strict=True) if k in ("code", "text"))
        return [Side(labels, tuple(c for c, k in zip(names, kinds, strict=True) if k in AMOUNT_KINDS))]
    runs: list[tuple[list[str], list[str]]] = []
    for name, kind in zip(names, kinds, strict=True):
        is_amount = kind in AMOUNT_KINDS
        if not runs or (not is_amount and runs[-1][1]):
            runs.append(([], []))
        (runs[-1][1] if is_amount else runs[-1][0]).append(name)
    sides: list[tuple[list[str], list[str]]] = []
    for labels, amounts in runs:
        opens = (_names_rows(table, labels) and _prints_amounts(table, amounts)) or _heads_block(labels, amounts)
        if sides and not opens:
            sides[-1][0].extend(labels)
            sides[-1][1].extend(amounts)
        else:
            sides.append((labels, amounts))
    return [Side(tuple(labels), tuple(amounts)) for labels, amounts in sides] or [Side((), ())]


def _heads_block(labels: list[str], amounts: list[str]) -> bool:
    """The label column of one of parallel blocks, its amounts named after it (:func:`block_paths`)."""
    return bool(labels) and any(a.startswith(f"{labels[-1]}/") for a in amounts)


def _names_rows(table: Table, labels: list[str]) -> bool:
    data = table.lists()
    return any(
        table.column_kinds[c] == "text" and SIDE_NAME_HEADER_RE.search(squash(c.split("/")[-1])) and any(data[c])
        for c in labels
    )


def _prints_amounts(table: Table, amounts: list[str]) -> bool:
    data = table.lists()
    return any(v is not None for c in amounts for v in data[c])


def side_of(table: Table, column: str | None = None) -> Side:
    """The side an amount column belongs to (the first side without a column)."""
    sides = table_sides(table)
    if column is not None:
        for side in sides:
            if column in side.amounts:
                return side
    return sides[0]


def label_columns(table: Table, column: str | None = None) -> list[str]:
    """Columns whose texts make up a row's label (codes and names) for the amounts of ``column``: the
    label columns of its side (the first side's without a column)."""
    return list(side_of(table, column).labels)


def row_labels(table: Table, column: str | None = None) -> list[str]:
    """Each row's label for the amounts of ``column``: the texts of its side's label columns."""
    return row_labels_of(table, side_of(table, column))


#: a column of the statement's line numbers (行次, 栏次): no part of a row's name
LINE_NUMBER_HEADER_RE = re.compile(r"^(?:[行栏]次|行号)$")


def row_labels_of(table: Table, side: Side) -> list[str]:
    return list(table.memo(("row_labels", side), lambda: _row_labels_of(table, side)))


def _row_labels_of(table: Table, side: Side) -> list[str]:
    # (a 计量单位 beside a column of counts is the counts' unit, ``unit_printed``: no part of the row's name)
    counts = any(table.column_kinds[c] == "count" for c in side.amounts)
    cols = [
        c
        for c in side.labels
        if not LINE_NUMBER_HEADER_RE.match(leaf := squash(c.split("/")[-1]))
        and table.column_kinds[c] != "line"
        and not (counts and MEASURE_UNIT_HEADER_RE.match(leaf))
    ]
    if not cols:
        return [""] * len(table.df)
    data = table.lists()
    values = [data[c] for c in cols]
    # a cell merged across label columns (合计 over 科目编码 | 科目名称) is one printed cell: its text once
    regions = _label_regions(table, cols)
    return [
        " ".join(str(v) for k, v in enumerate(row) if v and not (k and regions and regions[i][k] == regions[i][k - 1]))
        for i, row in enumerate(zip(*values, strict=True))
    ]


def _label_regions(table: Table, cols: list[str]) -> list[list[tuple | None]]:
    """The merged region each label cell of ``cols`` lies in, row by row (``[]`` when the table keeps no
    stitched cells); ``None`` for a cell of its own."""
    raw = table.raw
    if raw is None or getattr(raw, "layout", "grid") != "grid" or len(raw.rows) != len(table.df):
        return []
    positions = [table.df.columns.get_loc(c) for c in cols]
    return [
        [(row[j].region if j < len(row) and row[j] is not None and row[j].fill else None) for j in positions]
        for row in raw.rows
    ]


CODE_FRAME_COLUMNS = ["func_code", "econ_code", "income_code", "unit_code", "code_source"]


def row_code_frame(table: Table, column: str | None = None) -> pd.DataFrame:
    """func_code / econ_code / income_code / unit_code of every row, and ``code_source``: ``printed``, or
    ``name`` where the row prints names only and its code was found by name (:func:`.codes.codes_by_name`).

    The codes are those of the side ``column`` belongs to (a 收支总表's expense amounts have the codes of
    the expense side); without a column, those of the table's first side.
    """
    return _side_codes(table, side_of(table, column))


def _side_codes(table: Table, side: Side) -> pd.DataFrame:
    return table.memo(
        ("codes", side), lambda: pd.DataFrame(_side_code_rows(table, side), columns=CODE_FRAME_COLUMNS, dtype=object)
    )


def side_code_lists(table: Table, side: Side) -> ColumnLists:
    """:func:`row_code_frame` of a side as column lists (``codes.at[i, "func_code"]``), made once per side."""

    def lists() -> ColumnLists:
        rows = _side_code_rows(table, side)
        return ColumnLists.of_columns({c: [row[c] for row in rows] for c in CODE_FRAME_COLUMNS}, len(rows))

    return table.memo(("code_lists", side), lists)


def code_lists(table: Table, column: str | None = None) -> ColumnLists:
    """:func:`row_code_frame` as column lists."""
    return side_code_lists(table, side_of(table, column))


def _side_code_rows(table: Table, side: Side) -> list[dict[str, str]]:
    return table.memo(("code_rows", side), lambda: _read_side_codes(table, side))


def _read_side_codes(table: Table, side: Side) -> list[dict[str, str]]:
    code_cols = [c for c in side.labels if table.column_kinds[c] == "code"]
    text_cols = [c for c in side.labels if table.column_kinds[c] == "text"]
    data = table.lists()
    names, firsts = [], []
    for i in range(len(data)):
        texts = [data[c][i] for c in text_cols if data[c][i]]
        # a row is named by its one text: a row printing several (专项名称 | 经济科目) names no class by itself
        names.append(" ".join(texts))
        firsts.append(texts[0] if texts else "")
    # split 类 | 款 | 项 columns printing only a row's own part: the parts above completed
    cells = complete_level_parts([[(c, data[c][i] or "") for c in code_cols] for i in range(len(data))], names)
    found = [row_codes(row, first) for row, first in zip(cells, firsts, strict=True)]
    rows = []
    for printed, named in zip(found, codes_by_name(names, found), strict=True):
        source = "name" if named else ("printed" if printed.get("func_code") or printed.get("econ_code") else "")
        row = {**printed, **named}
        rows.append({c: row.get(c, "") for c in CODE_FRAME_COLUMNS[:-1]} | {"code_source": source})
    return rows


def format_amount(value: Decimal) -> str:
    """Plain digits, at least two decimals, exact: ``5601.00``, ``1.234567``."""
    text = format(value, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        return f"{whole}.{frac}"
    return f"{text}.00"


def tidy_frame(table: Table, column_econ_codes: dict[str, str] | None = None) -> pd.DataFrame:
    """The long table of one typed table: one row per printed amount."""
    return pd.DataFrame(tidy_rows(table, column_econ_codes), columns=TIDY_COLUMNS)


def tidy_rows(table: Table, column_econ_codes: dict[str, str] | None = None) -> list[tuple]:
    """The rows of :func:`tidy_frame` (values in the order of :data:`TIDY_COLUMNS`), in row order."""
    sides = {side: (row_labels_of(table, side), side_code_lists(table, side)) for side in table_sides(table)}
    units = {side: row_units(table, side.labels, codes) for side, (_, codes) in sides.items()}
    side_of_column = {c: side for side in sides for c in side.amounts}
    data, printed, pages = table.lists(), table.lists("printed"), table.lists("cell_pages")
    column_econ_codes = column_econ_codes or {}
    # rows of counts among the amounts (公务用车保有量（辆）): kept in their unit, never converted as money
    counted = {column: count_rows(table, column) for column in table.money_columns}
    counted.update({c: {} for c, kind in table.column_kinds.items() if kind == "rate"})
    # a column of counts beside a 计量单位 column: each row's counts in the measure word it prints (台, 项)
    measure = measure_words(table)
    key, title, label, source = table.key, table.title, table.label, table.source
    rows = []
    # amounts, counts and rates (增减%, 执行率): every printed number of the body is a row, each in its unit
    for column, kind in table.column_kinds.items():
        if kind not in AMOUNT_KINDS:
            continue
        labels, codes = sides[side_of_column[column]]
        func, econ, code_source = codes["func_code"], codes["econ_code"], codes["code_source"]
        unit_of = units[side_of_column[column]]
        econ_code = column_econ_codes.get(column, "")
        texts, page_of = printed[column], pages[column]
        counts = counted[column] if kind == "money" else measure if kind == "count" else {}
        for i, value in enumerate(data[column]):
            if value is None:
                continue
            row_count = counts.get(i)
            amount = to_wanyuan(value, table.unit) if kind == "money" and not row_count else value
            text = texts[i]
            rows.append(
                (
                    key,
                    title,
                    label,
                    i,
                    labels[i],
                    func[i],
                    econ[i],
                    code_source[i],
                    unit_of[i][0],
                    unit_of[i][1],
                    column,
                    econ_code,
                    format_amount(amount),
                    text,
                    row_count or _unit_printed(table, column, kind, text),
                    int(page_of[i]),
                    source,
                )
            )
    rows.sort(key=lambda row: row[3])  # by row, each row's columns left to right (a stable sort)
    return rows


def _unit_printed(table: Table, column: str, kind: str, printed: str) -> str:
    """The unit a cell's amount is printed in: its column's (人数 → 人), its own (1,000.00元 in a table of
    万元), the table's — for a table printing none, the unit it is read in (its validation says it was
    assumed, and from what: :attr:`~analysis.model.Table.unit_source`)."""
    if column in table.column_units:
        return table.column_units[column]
    if kind == "rate":
        return "%"
    cell_unit = split_unit(printed)[1] if kind == "money" else None
    return cell_unit or table.unit
