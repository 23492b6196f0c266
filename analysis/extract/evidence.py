"""What a page shows of a printed table, read from its text alone (no grid needed).

The readers are chosen per page on this evidence: a page whose amounts laid out
in columns are not all inside the grids a reader found has a table that reader
missed.  The same evidence tells a page that prints a table (a title or label,
a ``单位：`` line, amounts in columns) from a narrative page, so that a table
printed but not read is reported, never taken for narrative.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from itertools import pairwise

from ..text import PAGE_NUMBER_RE, squash
from ..transform.amounts import MONEY_UNIT_LINE_PATTERN, MONEY_UNIT_PATTERN, WRAPPED_PIECE_RE
from ..transform.codes import CODE_TAIL_RE

#: one printed amount: thousands separators or decimals (plain integers are years, pages, counts); thousands
#: parted by blanks (``1 234.56``) only with decimals (``100 200`` may be two counts)
AMOUNT_TOKEN = r"-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:,\d{3})+|\d+\.\d{1,4}|\d{1,3}(?:[ \u00a0]\d{3})+\.\d{1,4})"
#: an amount printed anywhere in a line
AMOUNT_RE = re.compile(rf"(?<![\d.,]){AMOUNT_TOKEN}(?![\d.,])")
#: a text line made of amounts only (several cells of one row may be one text line)
AMOUNT_LINE_RE = re.compile(rf"^(?:{AMOUNT_TOKEN})(?:\s+(?:{AMOUNT_TOKEN}))*$")
#: an amount printed after its name and a colon in a cell, as 湖北's 申报表 prints funds: 一般公共预算：1,156.40
#: (a year and month, 完成时限：2024.12, is none)
NAMED_AMOUNT = (
    r"[^\s\d:：,，.。;；、]{1,20}[:：]\s*(?!(?:19|20)\d{2}\.\d{1,2}(?![\d.,]))"
    rf"(?:{AMOUNT_TOKEN})(?:{MONEY_UNIT_PATTERN})?"
)
#: a text line made of amounts, one at least printed after its name (``一般公共预算：1,156.40  基本支出：900.00``)
NAMED_AMOUNT_LINE_RE = re.compile(
    rf"^(?=.*[:：])(?:{NAMED_AMOUNT}|{AMOUNT_TOKEN})(?:[\s;；,，、]+(?:{NAMED_AMOUNT}|{AMOUNT_TOKEN}))*$"
)
#: points of slack when two lines share a column edge
ALIGN_TOL = 3.0
#: amount lines a page needs, in at least two rows, to be read as a table
MIN_AMOUNT_LINES = 3


def amount_lines(lines: Iterable, named: bool = True) -> list:
    """The text lines that consist of printed amounts only, or (``named``) of amounts printed after their names
    (``一般公共预算：1,156.40``): what a table prints.  Lines of bare amounts alone (``named=False``) tell a
    table laid out in columns from running text (:func:`unread_amounts`)."""
    return [line for line in lines if _prints_amounts(line.text, named)]


def _prints_amounts(text: str, named: bool = True) -> bool:
    # full-width digits and signs (１２３．４５) are read as amounts are (NFKC)
    text = unicodedata.normalize("NFKC", text).strip().replace("，", ",")
    return bool(AMOUNT_LINE_RE.match(text) or (named and NAMED_AMOUNT_LINE_RE.match(text)))


#: a cell printing a year and month alone (完成时限 | 2024.12): a date, not an amount
YEAR_MONTH_CELL_RE = re.compile(r"^(?:19|20)\d{2}\.(?:0?[1-9]|1[0-2])$")


#: an amount printed with its money unit (``280.7万元``, ``78万元``): a whole number too
AMOUNT_WITH_UNIT_RE = re.compile(rf"^-?\d[\d,]*(?:\.\d+)?\s*(?:{MONEY_UNIT_PATTERN})$")


def prints_amounts(cell_text: str) -> bool:
    """A form cell's text that prints amounts, as :func:`amount_lines` counts a page's lines (bare amounts,
    or amounts after their names, ``一般公共预算：1,156.40``), or an amount with its money unit
    (``280.7万元``, ``78万元``).  A year and month alone (``2024.12``) is a date; a target (``≥5万亩``,
    ``95%``) or a bare whole number (``2000``: a count, a code, a year) prints no amount."""
    text = cell_text.strip().replace("，", ",")
    if YEAR_MONTH_CELL_RE.match(text):
        return False
    return _prints_amounts(text) or bool(AMOUNT_WITH_UNIT_RE.match(text))


def inside(line, bbox: tuple[float, float, float, float], tol: float = 2.0) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - tol <= line.xc <= x1 + tol and y0 - tol <= line.yc <= y1 + tol


def outside_grids(lines: Iterable, bboxes: list[tuple[float, float, float, float]]) -> list:
    return [ln for ln in lines if not any(inside(ln, b) for b in bboxes)]


def in_columns(lines: list) -> bool:
    """Amount lines laid out as a table: several rows, and columns whose edges line up."""
    if len(lines) < MIN_AMOUNT_LINES:
        return False
    rows = {round(ln.yc / ALIGN_TOL) for ln in lines}
    if len(rows) < 2:
        return False
    # two lines of different rows sharing a right (or left) edge make a column
    for i, a in enumerate(lines):
        for b in lines[i + 1 :]:
            if abs(a.yc - b.yc) > ALIGN_TOL and (abs(a.x1 - b.x1) <= ALIGN_TOL or abs(a.x0 - b.x0) <= ALIGN_TOL):
                return True
    return False


#: words a header line prints at most (longer lines are running text)
HEADER_CHARS = 24
#: line heights between a one-row table's header and its row, at most
HEADER_GAP = 4


def one_row_table(row: list, lines: list) -> bool:
    """Amount lines of a single row read as a table (a “三公”经费预算表 printing one row of amounts): at
    least :data:`MIN_AMOUNT_LINES` amounts side by side, each its own line, under the line that opens a
    table (a unit line, a title in larger type), with header words between them: short lines without
    amounts, the nearest close above the row, one at least over each amount's column (columns parted
    halfway between the amounts).  Running text with figures prints no line of amounts alone, a chart's
    labels no header over each of them."""
    if len(row) < MIN_AMOUNT_LINES or max(ln.yc for ln in row) - min(ln.yc for ln in row) > ALIGN_TOL:
        return False
    row = sorted(row, key=lambda ln: ln.x0)
    if any(b.x0 < a.x1 for a, b in pairwise(row)):
        return False
    body = sorted(ln.size for ln in row)[len(row) // 2]
    top = max(ln.y1 for ln in row)
    heads = [ln for ln in lines if ln.y0 >= top - 1 and _opens_table(ln, body)]
    if not heads:
        return False
    opening = min(heads, key=lambda ln: ln.yc)
    between = [ln for ln in lines if top - 1 <= ln.y0 and ln.y1 <= opening.y0 + 1 and ln not in heads]
    if len(between) < 2 or any(len(squash(ln.text)) > HEADER_CHARS or AMOUNT_RE.search(ln.text) for ln in between):
        return False
    if min(ln.y0 for ln in between) - top > HEADER_GAP * (top - min(ln.y0 for ln in row)):
        return False
    edges = [float("-inf")] + [(a.xc + b.xc) / 2 for a, b in pairwise(row)] + [float("inf")]
    return all(any(left <= ln.xc < right for ln in between) for left, right in pairwise(edges))


def unread_amounts(lines: Iterable, bboxes: list[tuple[float, float, float, float]]) -> list:
    """Amount lines in columns outside every grid: a table the grids do not account for (several rows, or
    one row under its header: :func:`one_row_table`)."""
    lines = list(lines)
    loose = outside_grids(amount_lines(lines, named=False), bboxes)
    if in_columns(loose) or one_row_table(loose, outside_grids(lines, bboxes)):
        return loose
    return []


#: the line that opens a table: its unit line
UNIT_LINE_RE = re.compile(MONEY_UNIT_LINE_PATTERN)
#: rows of header assumed above the first amount row when no unit line or title opens the table
HEADER_ROWS = 4


def _opens_table(line, body_size: float) -> bool:
    return bool(UNIT_LINE_RE.search(squash(line.text))) or line.size > body_size * 1.2


def unruled_areas(lines: list, loose: list, page_width: float) -> list[tuple[float, float, float, float]]:
    """Table areas (x0, y0, x1, y1) around amounts printed without rulings, one per table.

    Tables are told apart by the lines that open them (a unit line, a title in
    larger type) between their amount rows; each area runs from below that
    opening line (the header rows included) to the last amount row.
    """
    loose = sorted(loose, key=lambda ln: -ln.yc)
    body = sorted(ln.size for ln in loose)[len(loose) // 2]
    heads = sorted((ln for ln in lines if _opens_table(ln, body)), key=lambda ln: -ln.yc)
    pitch = min((a.yc - b.yc for a, b in pairwise(loose) if a.yc - b.yc > 1), default=body)
    blocks: list[list] = [[loose[0]]]
    for line in loose[1:]:
        above = blocks[-1][-1]
        if any(line.yc < h.yc < above.yc for h in heads):
            blocks.append([line])
        else:
            blocks[-1].append(line)
    areas = []
    for block in blocks:
        top_line = block[0]
        opening = [h for h in heads if h.yc > top_line.yc]
        top = opening[-1].y0 - 1 if opening else top_line.y1 + HEADER_ROWS * pitch
        last = _wrapped_below(_last_row(block, lines, heads, pitch), lines)
        bottom = last.y0 - pitch / 2
        # a page number printed close under the table is no row of it (the parser would make one of it)
        footers = [ln for ln in lines if ln.y1 > bottom and ln.yc < last.y0 and PAGE_NUMBER_RE.match(squash(ln.text))]
        bottom = max([bottom, *(ln.y1 + 0.5 for ln in footers)])
        areas.append((0.0, bottom, page_width, top))
    return areas


#: row pitches a table's rows of whole numbers may stand below its last amount row (a heading row between)
COUNT_ROWS_GAP = 2.6
WHOLE_NUMBER_RE = re.compile(r"^\d{1,6}$")


#: a wrapped line stands a line's leading under the one above: at most this many type sizes (centre to centre)
WRAPPED_LEADING = 1.6


def _wrapped_below(last, lines: list):
    """The last line of the table's last row, with the pieces its narrow cells wrap onto the lines under it: each
    a short run of digits (or ``.82``) alone on its line, a line's leading under the one above, lined up (left or
    right) with a cell of the row — never a page number, which stands further off."""
    row = [ln for ln in lines if abs(ln.yc - last.yc) <= ALIGN_TOL]
    below = sorted((ln for ln in lines if ln.yc < last.yc - ALIGN_TOL), key=lambda ln: -ln.yc)
    bottom = last
    for line in below:
        if bottom.yc - line.yc > WRAPPED_LEADING * max(line.size, bottom.size):
            break
        aligned = any(abs(line.x0 - cell.x0) <= ALIGN_TOL or abs(line.x1 - cell.x1) <= ALIGN_TOL for cell in row)
        # what a narrow cell wraps: the digits a code or an amount goes on with (``020`` / ``2`` under ``205``;
        # ``7`` under ``1,165,051.9``; ``.82`` under ``132,703``)
        piece = line.text.strip()
        if not ((CODE_TAIL_RE.fullmatch(piece) or WRAPPED_PIECE_RE.match(piece)) and aligned):
            break
        bottom = line
    return bottom


def _last_row(block: list, lines: list, heads: list, pitch: float):
    """The table's last row: its last amount row, or the rows of whole numbers printed under it in its amount
    columns (a 国有资产占用情况表's 车辆数（辆） 6 under the value rows): a whole number whose right edge is an
    amount column's, its row's name printed on its line, each within :data:`COUNT_ROWS_GAP` row pitches of the
    row above, no table opening between."""
    edges = [ln.x1 for ln in block]
    last = block[-1]
    below = sorted((ln for ln in lines if ln.yc < last.yc - ALIGN_TOL), key=lambda ln: -ln.yc)
    for line in below:
        if last.yc - line.yc > COUNT_ROWS_GAP * pitch or any(line.yc < h.yc < last.yc for h in heads):
            break
        if (
            WHOLE_NUMBER_RE.match(line.text.strip())
            and any(abs(line.x1 - x) <= ALIGN_TOL for x in edges)
            # a row prints its name on its line: a number alone on its line is a page number, no count
            and any(abs(other.yc - line.yc) <= ALIGN_TOL and other.x1 < line.x0 for other in lines)
        ):
            last = line
    return last


def table_signs(lines: Iterable) -> list[str]:
    """Why a page looks like it prints a table: unit lines, amounts in columns."""
    lines = list(lines)
    signs = []
    units = [ln.text.strip() for ln in lines if UNIT_LINE_RE.search(squash(ln.text))]
    if units:
        signs.append(f"unit line {units[0]!r}")
    amounts = amount_lines(lines, named=False)
    if in_columns(amounts):
        signs.append(f"{len(amounts)} amounts laid out in columns")
    return signs
