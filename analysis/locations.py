"""Where a figure is printed, for readers: ``表3-1 · 第5行 · p.30``.

The audit and the views record locations as text for the record
(``表3-1 一般公共预算支出表; row 4; column 合计; page 30``, ``支出预算总表
2,686.00（row 0, page 30）；项目支出预算表 …``, ``p.16 “…”``).
:func:`readable` turns such a text into the reader's form — the table's
printed label (its title when it has none), the body row counted from 1, the
column, the page — and :func:`target` finds the table and row it points to,
so that the report can link a figure to its table.  Text it does not
recognise is kept as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Budget, Table

SEPARATOR = " · "
ROW_PAGE_RE = re.compile(r"（row (\d+), page (\d+)）")
ROW_RE = re.compile(r"(?:;\s*|\s)row (\d+),?")
COLUMN_RE = re.compile(r";\s*column ([^;；]+)")
PROJECT_RE = re.compile(r";\s*project ")
PAGE_RE = re.compile(r"(?:[;,]\s*|\s)page (\d+)")
QUOTE_RE = re.compile(r"^(p\.\d+) “.*$", re.S)  # a narrative sentence: its page (the message quotes it)


@dataclass(frozen=True)
class Target:
    """The table (and body row, 0-based) a location points to."""

    table: Table
    row: int | None = None


def row_text(row: int) -> str:
    """``第5行`` for body row 4 (rows are counted from 1 for readers)."""
    return f"第{row + 1}行"


def cell_location(table: Table, row: int | None = None, page: int | None = None) -> str:
    """``表3-1 · 第5行 · p.30`` for a row of ``table`` (its first page when no page is given)."""
    parts = [table.label or table.title]
    if row is not None:
        parts.append(row_text(row))
    parts.append(f"p.{page if page is not None else table.pages[0]}")
    return SEPARATOR.join(parts)


def readable(text: str, budget: Budget | None = None) -> str:
    """The reader's form of a recorded location (see the module docstring)."""
    text = QUOTE_RE.sub(r"\1", str(text or "").strip())
    text = ROW_PAGE_RE.sub(lambda m: f"{SEPARATOR}{row_text(int(m.group(1)))}{SEPARATOR}p.{m.group(2)}", text)
    text = ROW_RE.sub(lambda m: f"{SEPARATOR}{row_text(int(m.group(1)))}", text)
    text = COLUMN_RE.sub(lambda m: f"{SEPARATOR}{m.group(1).strip()} 列", text)
    text = PROJECT_RE.sub(SEPARATOR, text)
    text = PAGE_RE.sub(lambda m: f"{SEPARATOR}p.{m.group(1)}", text)
    text = re.sub(r"\s*;\s*", "；", text)
    if budget is not None:
        for table in sorted(budget.tables, key=lambda t: len(t.name), reverse=True):
            if table.label and table.name != table.label:
                name = rf"(^|；){re.escape(table.name)}(?=$|{re.escape(SEPARATOR)}|\s)"
                text = re.sub(name, rf"\g<1>{table.label}", text)
    return text


READABLE_ROW_RE = re.compile(r"第(\d+)行")
READABLE_PAGE_RE = re.compile(r"(?:^|\s)p\.(\d+)")


def target(text: str, budget: Budget, page: int | None = None) -> Target | None:
    """The first table a location names (the one printed on its page if several), and its row.

    Reads the recorded form and the reader's form alike.
    """
    segment = re.split(r"[；]", str(text or "").strip())[0]
    recorded = ROW_PAGE_RE.search(segment) or ROW_RE.search(segment)
    counted = READABLE_ROW_RE.search(segment)
    row = int(recorded.group(1)) if recorded else (int(counted.group(1)) - 1 if counted else None)
    pages = ROW_PAGE_RE.search(segment) or READABLE_PAGE_RE.search(segment)
    printed = int(pages.groups()[-1]) if pages else _page(segment, page)
    # the table whose name, title or label the text starts with (the longest such name: titles nest)
    lengths = {}
    for i, t in enumerate(budget.tables):
        starts = [len(n) for n in (t.name, t.title, t.label) if n and segment.startswith(n)]
        if starts:
            lengths[i] = max(starts)
    longest = max(lengths.values(), default=0)
    named = [budget.tables[i] for i, length in lengths.items() if length == longest]
    if not named:  # a generic name (项目绩效目标表) of a table printed with a longer title
        head = re.split(r";|" + re.escape(SEPARATOR), segment)[0].strip()
        named = [t for t in budget.tables if head and head in t.title]
    if printed is not None:
        named = [t for t in named if printed in t.pages] or named
    if not named:
        return None
    return Target(named[0], row)


def _page(text: str, page: int | None) -> int | None:
    match = PAGE_RE.search(text)
    if match:
        return int(match.group(1))
    try:
        return int(page) if page is not None and page == page else None
    except (TypeError, ValueError):
        return None
