"""Small budget and final-accounts PDFs drawn with reportlab, for tests of templates not in the fixtures.

A table is a grid of cell texts: ``"<"`` merges a cell with the one on its left,
``"^"`` with the one above (header cells spanning columns or rows).  Rulings are
drawn as lines around every merged region, as Excel exports print them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

FONT = "STSong-Light"
MERGE_LEFT, MERGE_UP = "<", "^"


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


@dataclass
class TablePage:
    """One page: a title, a unit line and a ruled table (header rows first)."""

    title: str
    header: list[list[str]]
    body: list[list[str]]
    widths: list[float]
    unit: str = "单位：万元"
    org: str = ""
    landscape: bool = False


@dataclass
class Document:
    """A document: cover lines, narrative pages (lists of lines) and table pages."""

    cover: list[str]
    narrative: list[list[str]] = field(default_factory=list)
    tables: list[TablePage] = field(default_factory=list)


def _origin(grid: list[list[str]], i: int, j: int) -> tuple[int, int]:
    while grid[i][j] in (MERGE_LEFT, MERGE_UP):
        if grid[i][j] == MERGE_LEFT:
            j -= 1
        else:
            i -= 1
    return i, j


def draw_table(c, x: float, top: float, widths: list[float], grid: list[list[str]], row_h: float = 20,
               size: float = 8) -> float:  # fmt: skip
    """Draw ``grid`` with its top-left corner at (x, top); returns the y of its bottom edge."""
    n_rows, n_cols = len(grid), len(widths)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top - i * row_h for i in range(n_rows + 1)]
    origin = [[_origin(grid, i, j) for j in range(n_cols)] for i in range(n_rows)]
    c.setLineWidth(0.6)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[0], ys[-1], xs[-1], ys[-1])
    c.line(xs[0], ys[0], xs[0], ys[-1])
    c.line(xs[-1], ys[0], xs[-1], ys[-1])
    for i in range(n_rows):
        for j in range(n_cols - 1):
            if origin[i][j] != origin[i][j + 1]:
                c.line(xs[j + 1], ys[i], xs[j + 1], ys[i + 1])
    for i in range(n_rows - 1):
        for j in range(n_cols):
            if origin[i][j] != origin[i + 1][j]:
                c.line(xs[j], ys[i + 1], xs[j + 1], ys[i + 1])
    c.setFont(FONT, size)
    for i in range(n_rows):
        for j in range(n_cols):
            if origin[i][j] != (i, j) or not grid[i][j]:
                continue
            last_i = max(k for k in range(n_rows) if origin[k][j] == (i, j))
            last_j = max(k for k in range(n_cols) if origin[i][k] == (i, j))
            cx = (xs[j] + xs[last_j + 1]) / 2
            cy = (ys[i] + ys[last_i + 1]) / 2 - size / 3
            text = grid[i][j]
            if _is_amount(text):
                c.drawRightString(xs[last_j + 1] - 3, cy, text)
            else:
                c.drawCentredString(cx, cy, text)
    return ys[-1]


def draw_three_line_table(c, x: float, top: float, widths: list[float], header: list[list[str]],
                          body: list[list[str]], levels: list[int] | None = None, size: float = 8,
                          row_h: float = 19, right: tuple[int, ...] = ()) -> float:  # fmt: skip
    """Draw a 三线表 with its top-left corner at (x, top), as Word prints it: rules over and under the table and
    under its ``header`` rows (none: no rule under a header), short rules under headings spanning columns.
    Headings are centred, amounts right-aligned, other texts left-aligned, the first column's indented 12 points
    a level (``levels``, one per body row; the level shown by indentation); ``"<"``/``"^"`` merge header cells,
    ``"\\n"`` wraps a text over lines, its row as tall as they need (``row_h`` at the least); the body cells of
    the columns ``right`` are right-aligned whatever they print (whole numbers). Returns the y of the table's
    bottom edge."""
    cells = header + body
    n, m, nhead = len(cells), len(widths), len(header)
    xs = [x]
    for w in widths:
        xs.append(xs[-1] + w)
    ys = [top]
    for row in cells:
        ys.append(ys[-1] - max(row_h, max(len(s.split("\n")) for s in row) * (size + 2) + 6))
    origin = [[_origin(cells, i, j) for j in range(m)] for i in range(n)]
    c.setLineWidth(1.2)
    c.line(xs[0], ys[0], xs[-1], ys[0])
    c.line(xs[0], ys[-1], xs[-1], ys[-1])
    c.setLineWidth(0.6)
    if nhead:
        c.line(xs[0], ys[nhead], xs[-1], ys[nhead])
    for i in range(nhead - 1):
        for j in range(m - 1):
            if origin[i][j] == (i, j) and origin[i][j + 1] == (i, j):
                last = max(k for k in range(m) if origin[i][k] == (i, j))
                c.line(xs[j] + 2, ys[i + 1], xs[last + 1] - 2, ys[i + 1])
    c.setFont(FONT, size)
    for i in range(n):
        for j in range(m):
            text = cells[i][j]
            if origin[i][j] != (i, j) or not text:
                continue
            last_i = max(k for k in range(n) if origin[k][j] == (i, j))
            last_j = max(k for k in range(m) if origin[i][k] == (i, j))
            lines = text.split("\n")
            cy = (ys[i] + ys[last_i + 1]) / 2 - size / 3
            amount = ("." in text and text.replace(",", "").replace(".", "").isdigit()) or (i >= nhead and j in right)
            indent = 12 * levels[i - nhead] if levels and i >= nhead and j == 0 else 0
            for k, line in enumerate(lines):
                y = cy + ((len(lines) - 1) / 2 - k) * (size + 2)
                if i < nhead:
                    c.drawCentredString((xs[j] + xs[last_j + 1]) / 2, y, line)
                elif amount:
                    c.drawRightString(xs[last_j + 1] - 3, y, line)
                else:
                    c.drawString(xs[j] + 3 + indent, y, line)
    return ys[-1]


def write_three_line_pages(path: Path, narrative: list[str], org: str, widths: list[float],
                           header: list[list[str]], pages: list[dict]) -> Path:  # fmt: skip
    """A PDF of a 三线表 over pages: page 1 prints the ``narrative`` lines; then one page per dict, its table
    drawn by :func:`draw_three_line_table`: ``body`` rows and their ``levels`` (optional), ``title`` (表5 and
    the title printed over the table), ``head`` (the ``org`` line and 单位：万元 printed; by default),
    ``header`` (the header printed: ``header`` by default, another's, or none), ``widths`` (the page's own),
    ``row_h`` (the least row height), ``right`` (columns whose body cells are right-aligned), ``foot_gap`` (the
    page number printed that many points under the table, not at the page's foot; ``foot_right``: right-aligned
    with the table's last column)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    _register_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont(FONT, 11)
    for k, line in enumerate(narrative):
        c.drawString(72, 760 - 20 * k, line)
    c.showPage()
    for number, page in enumerate(pages, start=2):
        page_widths = page.get("widths", widths)
        x = (A4[0] - sum(page_widths)) / 2
        y = A4[1] - 60
        if page.get("title"):
            c.setFont(FONT, 10)
            c.drawString(50, y - 10, "表5")
            c.setFont(FONT, 15)
            c.drawCentredString(A4[0] / 2, y - 33, page["title"])
            y -= 41
        if page.get("head", True):
            c.setFont(FONT, 9)
            c.drawString(45, y - 10, org)
            c.drawRightString(A4[0] - 45, y - 10, "单位：万元")
            y -= 18
        printed = page.get("header", header)
        bottom = draw_three_line_table(
            c,
            x,
            y,
            page_widths,
            printed or [],
            page["body"],
            page.get("levels"),
            row_h=page.get("row_h", 19),
            right=page.get("right", ()),
        )
        c.setFont(FONT, 9)
        # the page number at the foot of the page, or (``foot_gap``) that many points under the table, centred or
        # (``foot_right``) right-aligned as the table's last amount column is
        y = bottom - page["foot_gap"] if "foot_gap" in page else 25
        if page.get("foot_right"):
            c.drawRightString(x + sum(page_widths) - 3, y, str(number))
        else:
            c.drawCentredString(A4[0] / 2, y, str(number))
        c.showPage()
    c.save()
    return path


def _is_amount(text: str) -> bool:
    return bool(text) and text.replace(",", "").replace(".", "").replace("-", "").isdigit()


def write_document(doc: Document, path: Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen import canvas

    _register_font()
    c = canvas.Canvas(str(path), pagesize=A4)
    width, height = A4
    c.setFont(FONT, 22)
    for k, line in enumerate(doc.cover):
        c.drawCentredString(width / 2, height - 250 - 40 * k, line)
    c.showPage()
    for lines in doc.narrative:
        c.setFont(FONT, 11)
        for k, line in enumerate(lines):
            c.drawString(72, height - 90 - 22 * k, line)
        c.showPage()
    for page in doc.tables:
        size = landscape(A4) if page.landscape else A4
        c.setPageSize(size)
        w, h = size
        c.setFont(FONT, 16)
        c.drawCentredString(w / 2, h - 70, page.title)
        c.setFont(FONT, 10)
        if page.org:
            c.drawString(40, h - 95, page.org)
        c.drawRightString(w - 40, h - 95, page.unit)
        grid = page.header + page.body
        draw_table(c, (w - sum(page.widths)) / 2, h - 105, page.widths, grid)
        c.showPage()
    c.save()
    return path
