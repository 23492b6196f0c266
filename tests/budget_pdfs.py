"""Small budget PDFs built in the tests: ruled tables drawn the ways real templates draw them.

A page is a list of blocks printed top down: :class:`Text` (narrative lines or a
heading) and :class:`Grid` (a titled table).  A grid's rulings are drawn as
``lines`` (stroked lines), ``rects`` (a stroked rectangle per cell), ``filled``
(thin filled rectangles, one per rule), ``curves`` (one thin filled five-point
path per rule, as some producers write them), ``image`` (the rulings painted
into an image under the text), ``horizontal`` (rules between rows only),
``open`` (no outer side borders), ``dashes`` (dashed rules, each dash
a path of its own, 2 pt apart), ``three`` (a 三线表: rules over the table,
under its header and under it) or ``none`` (no rulings at all).  A :class:`Watermark`
block draws large light text where it stands in the page's blocks, over what is
drawn before it and under what is drawn after.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from pathlib import Path

FONT = "STSong-Light"
A4 = (595.0, 842.0)
MARGIN = 60.0


@dataclass
class Text:
    lines: list[str]
    size: float = 11.0
    centred: bool = False
    gap: float = 6.0
    #: blanks drawn after each line, as sheets pad the text of a merged title cell
    pad: int = 0
    #: a line opening with a tab is a paragraph's first line, indented by two characters
    #: the font the lines are set in (a standard PDF font such as Helvetica sets Latin letters only)
    font: str = FONT


@dataclass
class Grid:
    """A table: title line(s), unit line, header rows and body rows.

    ``header`` rows may merge cells: a cell ``("支出", 3)`` spans three columns;
    a cell ``None`` is covered by the merged cell above it (that cell spans
    down: write it as ``("项目", 1, 2)`` for one column, two rows).
    """

    header: list[list]
    rows: list[list[str]]
    widths: list[float]
    title: str = ""
    label: str = ""
    unit: str = "单位：万元"
    org: str = ""
    ruling: str = "lines"
    row_height: float = 18.0
    size: float = 9.0
    title_size: float = 15.0
    #: title and label printed as one line (``公开01表：收支预算总表``) or the label above the title
    label_inline: bool = True
    notes: list[str] = field(default_factory=list)
    #: every glyph drawn again as stroked outlines over its text (bold emulated by stroking, as
    #: producers that convert text to paths print it): short strokes and boxes inside each glyph
    outlined: bool = False
    #: every text drawn a second time 0.3 pt to the right (bold emulated by overprinting, as some HTML-to-PDF
    #: converters set CJK text that has no bold face)
    overprinted: bool = False


def merged_header(rows: list[list[str]]) -> list[list]:
    """``rows`` written as a grid of cell texts (``"<"`` merges a cell with the one on its left, ``"^"`` with the
    one above) as a :class:`Grid` header: each cell with its column and row span; a cell merged down from above
    the first row (cut by a page break) prints blank."""
    out = []
    for r, row in enumerate(rows):
        cells = []
        for c, text in enumerate(row):
            if text == "<" or (text == "^" and r > 0):
                continue
            colspan = 1 + next((k for k, t in enumerate(row[c + 1 :]) if t != "<"), len(row) - c - 1)
            rowspan = 1 + next((k for k, below in enumerate(rows[r + 1 :]) if below[c] != "^"), len(rows) - r - 1)
            cells.append(("" if text == "^" else text, colspan, rowspan))
        out.append(cells)
    return out


@dataclass
class Spacer:
    height: float


@dataclass
class Watermark:
    """Large light-grey text centred across the page ``below`` points under the block before it, turned
    ``angle`` degrees (the blocks after it are drawn from where they would be without it)."""

    text: str
    size: float = 60.0
    angle: float = 35.0
    below: float = 90.0
    grey: float = 0.85


def _font():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _header_cells(header: list[list], ncols: int) -> list[tuple[int, int, int, int, str]]:
    """(row, col, rowspan, colspan, text) of each header cell."""
    taken: set[tuple[int, int]] = set()
    cells = []
    for r, row in enumerate(header):
        c = 0
        for item in row:
            if item is None:  # covered by a cell merged down from above
                continue
            while (r, c) in taken:
                c += 1
            if isinstance(item, tuple):
                text, colspan, rowspan = (*item, 1) if len(item) == 2 else item
            else:
                text, colspan, rowspan = item, 1, 1
            cells.append((r, c, rowspan, colspan, text))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            c += colspan
    return cells


def _rules(grid: Grid, x0: float, top: float) -> list[tuple[float, float, float, float]]:
    """Segments (x0, y0, x1, y1) of every border of the grid's cells, merged cells left open."""
    xs = [x0]
    for w in grid.widths:
        xs.append(xs[-1] + w)
    nh, nb = len(grid.header), len(grid.rows)
    ys = [top - i * grid.row_height for i in range(nh + nb + 1)]
    segments = []
    cells = _header_cells(grid.header, len(grid.widths))
    spans = [(r, c, r + rs, c + cs) for r, c, rs, cs, _ in cells]
    spans += [(nh + r, c, nh + r + 1, c + 1) for r in range(nb) for c in range(len(grid.widths))]
    for r0, c0, r1, c1 in spans:
        xa, xb, ya, yb = xs[c0], xs[c1], ys[r0], ys[r1]
        segments += [(xa, ya, xb, ya), (xa, yb, xb, yb), (xa, yb, xa, ya), (xb, yb, xb, ya)]
    return list(dict.fromkeys(segments))


def _draw_rules(c, grid: Grid, x0: float, top: float) -> None:
    segments = _rules(grid, x0, top)
    if grid.ruling == "none":
        return
    if grid.ruling == "three":  # a 三线表: a rule over the table, under its header and under the table
        c.setLineWidth(0.8)
        width = sum(grid.widths)
        for y in (
            top,
            top - len(grid.header) * grid.row_height,
            top - (len(grid.header) + len(grid.rows)) * grid.row_height,
        ):
            c.line(x0, y, x0 + width, y)
        return
    if grid.ruling == "horizontal":  # rules between rows only, no column rules (a 三线表's kin)
        segments = [s for s in segments if s[1] == s[3]]
    if grid.ruling == "shaded_header":  # rules between body rows only, the header shaded instead of ruled
        nh = len(grid.header)
        segments = [s for s in segments if s[1] == s[3] and s[1] < top - nh * grid.row_height - 0.01]
        c.saveState()
        c.setFillGray(0.85)
        c.rect(x0, top - nh * grid.row_height, sum(grid.widths), nh * grid.row_height, stroke=0, fill=1)
        c.restoreState()
    elif grid.ruling == "open":  # no outer side borders, as sheets printed without a frame draw them
        right = x0 + sum(grid.widths)
        segments = [s for s in segments if not (s[0] == s[2] and s[0] in (x0, right))]
    if grid.ruling in ("lines", "horizontal", "open", "shaded_header"):
        c.setLineWidth(0.5)
        for xa, ya, xb, yb in segments:
            c.line(xa, ya, xb, yb)
    elif grid.ruling == "rects":
        c.setLineWidth(0.5)
        xs = [x0]
        for w in grid.widths:
            xs.append(xs[-1] + w)
        for xa, ya, xb, yb in segments:  # each cell border as a stroked rectangle edge pair
            if ya == yb:
                c.rect(xa, ya - 0.25, xb - xa, 0.5, stroke=1, fill=0)
            else:
                c.rect(xa - 0.25, ya, 0.5, yb - ya, stroke=1, fill=0)
    elif grid.ruling == "thick":  # Excel's thick border (2.25 pt) over and under the header, drawn filled
        width = sum(grid.widths)
        thick = {top, top - len(grid.header) * grid.row_height}
        c.setLineWidth(0.5)
        for xa, ya, xb, yb in segments:
            if not (ya == yb and ya in thick):
                c.line(xa, ya, xb, yb)
        for y in thick:
            c.rect(x0, y - 1.125, width, 2.25, stroke=0, fill=1)
    elif grid.ruling == "filled":
        for xa, ya, xb, yb in segments:
            if ya == yb:
                c.rect(xa, ya - 0.3, xb - xa, 0.6, stroke=0, fill=1)
            else:
                c.rect(xa - 0.3, ya, 0.6, yb - ya, stroke=0, fill=1)
    elif grid.ruling == "curves":
        for xa, ya, xb, yb in segments:
            path = c.beginPath()
            if ya == yb:  # a thin polygon with one corner cut, five points
                path.moveTo(xb, ya - 0.35)
                path.lineTo(xa, ya - 0.35)
                path.lineTo(xa, ya + 0.35)
                path.lineTo(xb - 0.7, ya + 0.35)
            else:
                path.moveTo(xa - 0.35, ya)
                path.lineTo(xa + 0.35, ya)
                path.lineTo(xa + 0.35, yb)
                path.lineTo(xa - 0.35, yb - 0.7)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
    elif grid.ruling == "bands":
        # a word processor's banded table style: the header ruled, the body framed, every other row shaded,
        # no rule inside the body
        width, rh, nh = sum(grid.widths), grid.row_height, len(grid.header)
        bottom = top - (nh + len(grid.rows)) * rh
        c.saveState()
        c.setFillGray(0.85)
        for r in range(nh, nh + len(grid.rows), 2):
            c.rect(x0, top - (r + 1) * rh, width, rh, stroke=0, fill=1)
        c.restoreState()
        c.setLineWidth(0.5)
        for xa, ya, xb, yb in segments:
            if min(ya, yb) >= top - nh * rh - 0.01:  # the header's own rules
                c.line(xa, ya, xb, yb)
        c.rect(x0, bottom, width, top - bottom, stroke=1, fill=0)
    elif grid.ruling == "image":
        _draw_rules_as_image(c, segments)
    elif grid.ruling == "dashes":  # dashed rules, each dash a path of its own: 3 pt drawn, 2 pt apart
        c.setLineWidth(0.5)
        for xa, ya, xb, yb in segments:
            length, at = max(xb - xa, yb - ya), 0.8  # the pattern's phase at the rule's start
            while at < length:
                end = min(length, at + 3.0)
                c.line(xa + (xb - xa) * at / length, ya + (yb - ya) * at / length,
                       xa + (xb - xa) * end / length, ya + (yb - ya) * end / length)  # fmt: skip
                at += 5.0
    else:
        raise ValueError(grid.ruling)


def _draw_rules_as_image(c, segments) -> None:
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    scale = 4
    w, h = int(A4[0] * scale), int(A4[1] * scale)
    image = Image.new("LA", (w, h), (255, 0))  # transparent: other blocks of the page stay visible
    draw = ImageDraw.Draw(image)
    for xa, ya, xb, yb in segments:
        draw.line([(xa * scale, (A4[1] - ya) * scale), (xb * scale, (A4[1] - yb) * scale)], fill=(0, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    c.drawImage(ImageReader(buffer), 0, 0, A4[0], A4[1], mask="auto")


def _outline_glyphs(c, x: float, y: float, text: str, size: float) -> None:
    """Stroked outlines within the box of each glyph of ``text`` drawn from ``x`` on baseline ``y``:
    a box (口) and a cross (十) of axis-parallel strokes, as a glyph's outline draws them."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    c.saveState()
    c.setLineWidth(0.5)
    for ch in text:
        w = stringWidth(ch, FONT, size)
        if ch.strip() and w > 2:
            c.rect(x + 0.2 * w, y + 0.1 * size, 0.6 * w, 0.6 * size, stroke=1, fill=0)
            path = c.beginPath()
            path.moveTo(x + 0.5 * w, y + 0.05 * size)
            path.lineTo(x + 0.5 * w, y + 0.7 * size)
            path.moveTo(x + 0.1 * w, y + 0.4 * size)
            path.lineTo(x + 0.9 * w, y + 0.4 * size)
            c.drawPath(path, stroke=1, fill=0)
        x += w
    c.restoreState()


def _text(c, grid: Grid, align: str, x: float, y: float, text: str, size: float) -> None:
    """Draw ``text`` left-, centre- or right-aligned at ``x`` (and its glyphs' outlines on an outlined grid)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    start = {"left": x, "centre": x - stringWidth(text, FONT, size) / 2, "right": x - stringWidth(text, FONT, size)}
    c.drawString(start[align], y, text)
    if grid.outlined:
        _outline_glyphs(c, start[align], y, text, size)
    if grid.overprinted:
        c.drawString(start[align] + 0.3, y, text)


def _draw_grid(c, grid: Grid, top: float) -> float:
    """Draw ``grid`` with its top at ``top``; returns the y below it."""
    width = sum(grid.widths)
    x0 = (A4[0] - width) / 2
    y = top
    if grid.title or grid.label:
        c.setFont(FONT, grid.title_size)
        if grid.label and not grid.label_inline:
            c.setFont(FONT, grid.size + 1)
            c.drawString(x0, y - grid.size, grid.label)
            y -= grid.size + 8
            c.setFont(FONT, grid.title_size)
            _text(c, grid, "centre", A4[0] / 2, y - grid.title_size, grid.title, grid.title_size)
        else:
            text = f"{grid.label}：{grid.title}" if grid.label and grid.title else (grid.title or grid.label)
            _text(c, grid, "centre", A4[0] / 2, y - grid.title_size, text, grid.title_size)
        y -= grid.title_size + 10
    if grid.unit or grid.org:
        c.setFont(FONT, grid.size)
        if grid.org:
            c.drawString(x0, y - grid.size, grid.org)
        if grid.unit:
            c.drawRightString(x0 + width, y - grid.size, grid.unit)
        y -= grid.size + 6
    _draw_rules(c, grid, x0, y)
    xs = [x0]
    for w in grid.widths:
        xs.append(xs[-1] + w)
    c.setFont(FONT, grid.size)
    rh = grid.row_height
    for r, col, rs, cs, text in _header_cells(grid.header, len(grid.widths)):
        cy = y - r * rh - rs * rh / 2 - grid.size / 3
        for line, ly in _cell_lines(text, cy, grid.size):
            _text(c, grid, "centre", (xs[col] + xs[col + cs]) / 2, ly, line, grid.size)
    nh = len(grid.header)
    for i, row in enumerate(grid.rows):
        cy = y - (nh + i) * rh - rh / 2 - grid.size / 3
        for j, text in enumerate(row):
            if not text:
                continue
            for line, ly in _cell_lines(text, cy, grid.size):
                if _is_number(text.replace("\n", "")):
                    _text(c, grid, "right", xs[j + 1] - 3, ly, line, grid.size)
                else:
                    _text(c, grid, "left", xs[j] + 3, ly, line, grid.size)
    y -= (nh + len(grid.rows)) * rh
    c.setFont(FONT, grid.size)
    for note in grid.notes:
        c.drawString(x0, y - grid.size - 4, note)
        y -= grid.size + 6
    return y - 14


def _cell_lines(text: str, cy: float, size: float) -> list[tuple[str, float]]:
    """The lines of a cell's text (``\\n`` wraps it) with their baselines, centred on ``cy``."""
    lines = text.split("\n")
    leading = size + 2
    return [(line, cy + ((len(lines) - 1) / 2 - k) * leading) for k, line in enumerate(lines)]


def _is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and all(ch.isdigit() or ch in ",.-" for ch in text)


def build(path: Path, pages: list[list], page_numbers: bool = True, crop: dict | None = None) -> Path:
    """Write a PDF of ``pages`` (each a list of :class:`Text`, :class:`Grid`, :class:`Spacer`, :class:`Watermark`).

    ``crop``: page number → the page's CropBox ``(x0, y0, x1, y1)``, the part a viewer shows.
    """
    from reportlab.pdfgen import canvas

    _font()
    c = canvas.Canvas(str(path), pagesize=A4)
    for number, blocks in enumerate(pages, start=1):
        y = A4[1] - MARGIN
        if crop and number in crop:
            c.setCropBox(crop[number])
        for block in blocks:
            if isinstance(block, Spacer):
                y -= block.height
            elif isinstance(block, Watermark):
                c.saveState()
                c.setFillGray(block.grey)
                c.setFont(FONT, block.size)
                c.translate(A4[0] / 2, y - block.below)
                c.rotate(block.angle)
                c.drawCentredString(0, -block.size / 3, block.text)
                c.restoreState()
            elif isinstance(block, Text):
                c.setFont(block.font, block.size)
                for line in block.lines:
                    if block.centred:
                        c.drawCentredString(A4[0] / 2, y - block.size, line)
                        end = A4[0] / 2 + c.stringWidth(line, block.font, block.size) / 2
                    else:
                        x = MARGIN + 12 + (2 * block.size if line.startswith("\t") else 0)
                        line = line.lstrip("\t")
                        c.drawString(x, y - block.size, line)
                        end = x + c.stringWidth(line, block.font, block.size)
                    if block.pad:
                        c.drawString(end, y - block.size, " " * block.pad)
                    y -= block.size + block.gap
                y -= block.gap
            else:
                y = _draw_grid(c, block, y)
        if page_numbers:
            c.setFont(FONT, 9)
            c.drawCentredString(A4[0] / 2, 30, str(number))
        c.showPage()
    c.save()
    return path


# -- the standard tables, small -------------------------------------------------------------------

NARRATIVE = Text(
    [
        "2024年某某局部门预算",
        "一、收入预算情况说明：2024年收入预算1,234.56万元，支出预算1,234.56万元。",
        "二、支出预算情况说明：基本支出1,000.00万元，项目支出234.56万元。",
    ]
)


def expense_table(ruling: str = "lines", **kw) -> Grid:
    """一般公共预算支出表: 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出, with a 合计 row and 类/款/项."""
    rows = [
        ["", "合计", "1,234.56", "1,000.00", "234.56"],
        ["201", "一般公共服务支出", "1,034.56", "800.00", "234.56"],
        ["20101", "人大事务", "1,034.56", "800.00", "234.56"],
        ["2010101", "行政运行", "800.00", "800.00", ""],
        ["2010102", "一般行政管理事务", "234.56", "", "234.56"],
        ["221", "住房保障支出", "200.00", "200.00", ""],
        ["22102", "住房改革支出", "200.00", "200.00", ""],
        ["2210201", "住房公积金", "200.00", "200.00", ""],
    ]
    defaults = {
        "title": "一般公共预算支出表",
        "header": [
            [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
            [None, None, "合计", "基本支出", "项目支出"],
        ],
        "rows": rows,
        "widths": [70, 150, 80, 80, 80],
        "ruling": ruling,
    }
    defaults.update(kw)
    return Grid(**defaults)


def summary_table(ruling: str = "lines", **kw) -> Grid:
    """收支总表: income on the left, expenditure on the right."""
    rows = [
        ["一、一般公共预算拨款", "1,234.56", "一、一般公共服务支出", "1,034.56"],
        ["二、政府性基金预算拨款", "", "二、住房保障支出", "200.00"],
        ["本年收入合计", "1,234.56", "本年支出合计", "1,234.56"],
    ]
    defaults = {
        "title": "收支总表",
        "header": [[("收入", 2), ("支出", 2)], ["项目", "预算数", "项目", "预算数"]],
        "rows": rows,
        "widths": [130, 80, 130, 80],
        "ruling": ruling,
    }
    defaults.update(kw)
    return Grid(**defaults)


# -- a 云南 部门整体支出绩效目标表, its rows written as a grid of cell texts (see :func:`merged_header`) -------------

#: the indicator header: 年度绩效指标 | 一级指标 | 二级指标 | 三级指标 (two columns) | 指标值
INDICATOR_HEADER = ["年度绩效指标", "一级指标", "二级指标", "三级指标", "<", "指标值"]


def indicator_rows(items) -> list[list[str]]:
    """The rows under :data:`INDICATOR_HEADER` of ``items`` (一级指标, 二级指标, 三级指标, 指标值): an 一级 or
    二级指标 the row above prints is merged down into it, the 年度绩效指标 cell into every row."""
    rows, previous = [], ("", "")
    for level1, level2, level3, target in items:
        same1, same2 = level1 == previous[0], (level1, level2) == previous
        rows.append(["^", "^" if same1 else level1, "^" if same2 else level2, level3, "<", target])
        previous = (level1, level2)
    return rows


def department_form_rows(department: str, tasks, total, indicators, extra: list[list[str]] = ()) -> list[list[str]]:
    """The form's rows, six columns: 部门名称 ``department``; 年度主要任务, one row per task (任务名称, 主要内容,
    总额, 财政拨款, 其他资金) and their 金额合计 ``total`` (总额, 财政拨款, 其他资金); 年度总体目标; ``extra`` rows;
    the indicator header and the ``indicators`` (see :func:`indicator_rows`)."""
    rows = [
        ["部门名称", department, "<", "<", "<", "<"],
        ["年度主要任务", "任务名称", "主要内容", "预算金额（万元）", "<", "<"],
        ["^", "^", "^", "总额", "财政拨款", "其他资金"],
    ]
    rows += [["^", *task] for task in tasks]
    rows += [["^", "金额合计", "<", *total], ["年度总体目标", "保障机关正常运转，完成森林资源年度监测", *"<<<<"]]
    rows += [list(row) for row in extra]
    return [*rows, list(INDICATOR_HEADER), *indicator_rows(indicators)]


# -- a PDF rewritten by another program -------------------------------------------------------------


def reencoded(source: Path, target: Path, pages: tuple[int, ...] = (), unicode=None) -> Path:
    """``source`` as rewriting programs write it (Ghostscript printing it to PostScript and distilling it again,
    cairo): each font of a page re-encoded with codes 1, 2, 3 … in the order its glyphs are first used, the
    glyphs named ``/cidN`` (names no Unicode map knows) — on ``pages`` (from 1; all if none).  ``unicode(char,
    code)`` gives the text the font's ``ToUnicode`` map gives each code (the character printed, a dingbat …);
    without it the font has no ``ToUnicode`` map."""
    from playa.parser import Lexer
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, StreamObject
    from reportlab.pdfbase.pdfmetrics import stringWidth

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    for number, page in enumerate(writer.pages, start=1):
        if pages and number not in pages:
            continue
        resources = DictionaryObject(page["/Resources"].get_object())
        fonts = DictionaryObject(resources["/Font"].get_object())
        wide = {name[1:]: font.get_object()["/Subtype"] == "/Type0" for name, font in fonts.items()}
        # each glyph keeps its width: the font the page set it in (a standard font, or the tests' Chinese font)
        base = {name: FONT if wide[name] else fonts["/" + name].get_object()["/BaseFont"][1:] for name in wide}
        codes: dict[str, dict[str, int]] = {name: {} for name in wide}
        data = page.get_contents().get_data()
        # every text string of the page, its span in the content and the font it is set in, from the raw bytes
        tokens = list(Lexer(data))
        strings, font = [], ""
        for index, (position, token) in enumerate(tokens):
            if getattr(token, "name", None) == b"Tf":
                font = tokens[index - 2][1].name
            elif isinstance(token, bytes):
                end = tokens[index + 1][0] if index + 1 < len(tokens) else len(data)
                while data[end - 1 : end] not in (b")", b">"):
                    end -= 1
                strings.append((position, end, token, font))
        out, last = bytearray(), 0
        for position, end, raw, font in strings:
            text = raw.decode("utf-16-be" if wide[font] else "latin-1")
            table = codes[font]
            out += (
                data[last:position] + b"<" + bytes(table.setdefault(ch, len(table) + 1) for ch in text).hex().encode()
            )
            out += b">"
            last = end
        out += data[last:]
        for name, table in codes.items():
            assert len(table) < 256, "a simple font holds 255 codes"
            count = max(len(table), 1)
            differences = [NumberObject(1), *(NameObject(f"/cid{9000 + code}") for code in table.values())]
            encoding = {"/Type": "/Encoding", "/BaseEncoding": "/WinAnsiEncoding", "/Differences": differences}
            font_dict = {
                "/Type": NameObject("/Font"),
                "/Subtype": NameObject("/Type1"),
                "/BaseFont": NameObject(f"/ABCDEF+Subset{name}"),
                "/FirstChar": NumberObject(1),
                "/LastChar": NumberObject(count),
                "/Widths": ArrayObject(
                    [NumberObject(round(stringWidth(ch, base[name], 1000))) for ch in table] or [NumberObject(0)]
                ),
                "/Encoding": DictionaryObject(
                    {
                        NameObject(k): NameObject(v) if isinstance(v, str) else ArrayObject(v)
                        for k, v in encoding.items()
                    }
                ),
            }
            if unicode is not None:
                pairs = "\n".join(
                    f"<{code:02X}> <{unicode(char, code).encode('utf-16-be').hex().upper()}>"
                    for char, code in table.items()
                )
                cmap = StreamObject()
                cmap.set_data(
                    "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Rewritten def "
                    f"1 begincodespacerange <00> <FF> endcodespacerange {len(table)} beginbfchar\n{pairs}\nendbfchar "
                    "endcmap CMapName currentdict /CMap defineresource pop end end".encode()
                )
                font_dict["/ToUnicode"] = writer._add_object(cmap)
            fonts[NameObject("/" + name)] = writer._add_object(
                DictionaryObject({NameObject(k): v for k, v in font_dict.items()})
            )
        resources[NameObject("/Font")] = fonts
        page[NameObject("/Resources")] = resources
        content = StreamObject()
        content.set_data(bytes(out))
        page[NameObject("/Contents")] = writer._add_object(content)
    writer.write(str(target))
    return target
