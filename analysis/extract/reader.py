"""The one place camelot is called: page layout, text lines and ruled grids.

Each page is laid out once (camelot's own pdfminer-compatible layout through
playa, a watermark's glyphs left out first (:mod:`.layout`); a page whose text
runs sideways is turned back as camelot does, one printed upside down the same
way); the same layout serves camelot's parsers and our page text (titles, unit
lines, narrative).  The reader of each page is chosen by what the page shows,
never by file, producer or province:

1. ``lattice-vector``: camelot's lattice parser on the PDF's own drawing
   commands (``engine="vector"``, no rendering) — lines, rectangles, and rules
   drawn as general paths (:mod:`.rulings`);
2. ``lattice-raster``: where amounts laid out in columns remain outside every
   grid (:mod:`.evidence`), the page is rendered and camelot's image-based
   lattice sees any ruling, even one painted into an image;
3. ``network``: where amounts in columns still remain, camelot's network
   parser reads them as a table printed without rulings.

What no reader accounts for is reported by the stages after (a coverage
problem), never dropped.  Camelot tables are converted at once into plain
:class:`Grid` objects, which are picklable and cacheable.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import threading
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, partial
from itertools import pairwise
from pathlib import Path

from ..errors import (
    BudgetInputError,
    CorruptPdfError,
    EncryptedPdfError,
    NotAPdfError,
    NoTextLayerError,
)
from ..text import HAN_RE, TOTAL_RE, join_cell_lines, squash
from ..transform.amounts import (
    CUT_AMOUNT_RE,
    CUT_BEFORE_POINT_RE,
    WRAPPED_PIECE_RE,
    completed_amount,
    is_amount_text,
    split_unit,
)
from ..transform.codes import LEVEL_COLUMN_RE, completed_code
from .evidence import amount_lines, unread_amounts, unruled_areas
from .glyphs import blank_control_glyphs, fix_vertical_metrics, merge_baseline_pieces, split_cells
from .layout import page_layout
from .legibility import GARBLED_SHARE, Legibility, glyph_text, measure
from .rulings import horizontal_rules, vector_layout

#: camelot lattice options: vector ruled lines, text split at cell borders.
LATTICE_OPTIONS: dict = {"engine": "vector", "split_text": True}
#: the image-based lattice, for rulings the drawing commands do not show as lines
RASTER_OPTIONS: dict = {"engine": "raster", "split_text": True}
#: the readers, in the order they are tried on a page
READERS = ("lattice-vector", "lattice-raster", "network")
#: pdfminer's char_margin for pages read by the network parser (its default, 2.0, joins cells)
UNRULED_CHAR_MARGIN = 0.5


@dataclass(frozen=True)
class TextLine:
    """A line of text on a page, in PDF coordinates (y grows upwards)."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass
class Grid:
    """One ruled table region of one page, as camelot's lattice parser saw it.

    ``rows`` are (top, bottom) y pairs from the top down, ``cols`` (left, right)
    x pairs; ``texts[r][c]`` is the cell text with wrapped lines rejoined;
    ``region[r][c]`` is the (row, col) of the top-left cell of the merged
    region the cell belongs to (a cell with all its borders is its own region).
    """

    page: int
    bbox: tuple[float, float, float, float]
    rows: list[tuple[float, float]]
    cols: list[tuple[float, float]]
    texts: list[list[str]]
    region: list[list[tuple[int, int]]]
    accuracy: float = 100.0
    #: median height of the text lines inside the grid (the table's type size)
    text_size: float = 0.0
    #: which reader found the grid (see :data:`READERS`)
    reader: str = "lattice-vector"
    #: where each row's text is printed (the middle of its lines, y upwards) — read without rulings, a row is
    #: a band between its neighbours' lines, its middle no line's; empty when not recorded
    line_centres: list[float | None] = field(default_factory=list, repr=False)
    #: the text lines placed whole in its cells, (x0, x1, y middle, text without blanks) — read without rulings,
    #: where a heading is printed (its cell is the parser's column, not its span); empty when not recorded
    placed_lines: list[tuple[float, float, float, str]] = field(default_factory=list, repr=False)

    def printed_centre(self, r: int, c: int) -> float:
        """The middle, across the page, of where the text of cell (r, c) is printed: its line (nearest the
        cell, when the text is printed twice) in the row's band; the column's middle when not recorded."""
        middle = (self.cols[c][0] + self.cols[c][1]) / 2
        text = squash(self.texts[r][c])
        top, bottom = self.rows[r]
        found = [
            (x0 + x1) / 2
            for x0, x1, y, line in self.placed_lines
            if line and line in text and bottom - self.text_size <= y <= top + self.text_size
        ]
        return min(found, key=lambda x: abs(x - middle)) if found else middle

    def row_centre(self, r: int) -> float:
        """The middle of row ``r``'s printed lines where recorded, else of its band."""
        if self.line_centres and self.line_centres[r] is not None:
            return self.line_centres[r]
        return (self.rows[r][0] + self.rows[r][1]) / 2

    @property
    def n_rows(self) -> int:
        return len(self.rows)

    @property
    def n_cols(self) -> int:
        return len(self.cols)

    def regions(self) -> dict[tuple[int, int], tuple[int, int, int, int, str]]:
        """Merged regions: anchor -> (first row, last row, first col, last col, text)."""
        cached = self.__dict__.get("_regions")
        if cached is not None:
            return cached
        spans: dict[tuple[int, int], list] = {}
        for i in range(self.n_rows):
            for j in range(self.n_cols):
                anchor = self.region[i][j]
                span = spans.setdefault(anchor, [i, i, j, j, []])
                span[0], span[1] = min(span[0], i), max(span[1], i)
                span[2], span[3] = min(span[2], j), max(span[3], j)
                if self.texts[i][j]:
                    span[4].append(self.texts[i][j])
        result = {a: (s[0], s[1], s[2], s[3], "".join(s[4])) for a, s in spans.items()}
        self.__dict__["_regions"] = result
        return result

    def region_extent(self, r: int, c: int) -> tuple[int, int, int, int]:
        """(first row, last row, first col, last col) of the region of cell (r, c)."""
        return self.regions()[self.region[r][c]][:4]

    def region_text(self, r: int, c: int) -> str:
        """Text of the merged region containing cell (r, c)."""
        return self.regions()[self.region[r][c]][4]

    def row_slice(self, start: int, stop: int) -> Grid:
        """The grid of rows ``start`` to ``stop`` (exclusive): its box cut at the rows left out, its regions
        counted from its new first row (rows printing the table's context or notes in the ruled area go)."""
        x0, y0, x1, y1 = self.bbox
        return Grid(
            page=self.page,
            bbox=(
                x0,
                y0 if stop >= self.n_rows else self.rows[stop - 1][1],
                x1,
                y1 if start == 0 else self.rows[start][0],
            ),
            rows=self.rows[start:stop],
            cols=self.cols,
            texts=self.texts[start:stop],
            region=[[(a - start, b) for a, b in row] for row in self.region[start:stop]],
            accuracy=self.accuracy,
            text_size=self.text_size,
            reader=self.reader,
            line_centres=self.line_centres[start:stop],
            placed_lines=self.placed_lines,
        )


@dataclass
class PageContent:
    """Everything later stages need from one page."""

    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    has_images: bool = False
    #: amount lines drawn outside the page's visible area (not printed)
    hidden_amounts: int = 0
    #: the file the page belongs to (its name)
    source: str = ""
    #: whether the page's text can be read at all (glyphs without characters, a picture of a page)
    legibility: Legibility = field(default_factory=Legibility)
    #: what the PDF library reported while reading the page's content (a damaged stream), if anything
    damage: str = ""
    #: the text of a watermark drawn over the page's text, left out of its lines (``extract/layout.py``)
    watermark: str = ""

    def lines_outside_grids(self) -> list[TextLine]:
        """Text lines not inside any grid (titles, unit lines, notes, narrative)."""
        return [ln for ln in self.lines if not any(_inside(ln, g.bbox) for g in self.grids)]

    def trailing_lines(self) -> list[TextLine]:
        """Lines below the page's last grid (all lines of a page without grids), top down."""
        bottom = min((g.bbox[1] for g in self.grids), default=self.height + 1)
        below = [ln for ln in self.lines_outside_grids() if ln.yc < bottom]
        return sorted(below, key=lambda ln: -ln.yc)

    @property
    def text(self) -> str:
        return "\n".join(ln.text for ln in self.lines)


def _inside(line: TextLine, bbox: tuple[float, float, float, float], tol: float = 2.0) -> bool:
    x0, y0, x1, y1 = bbox
    return x0 - tol <= line.xc <= x1 + tol and y0 - tol <= line.yc <= y1 + tol


def check_pdf_file(path: str | os.PathLike) -> None:
    """Reject files that are missing or are not PDFs before any parsing."""
    path = Path(path)
    if not path.exists():
        raise BudgetInputError(path, "file not found")
    if path.is_dir():
        raise BudgetInputError(path, "is a directory, not a PDF file")
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise NotAPdfError(path, "not a PDF file (no %PDF header)")
    with path.open("rb") as fh:
        fh.seek(max(path.stat().st_size - 4096, 0))
        tail = fh.read()
    if b"%%EOF" not in tail:
        raise CorruptPdfError(path, "damaged or truncated PDF (no %%EOF end marker)")


def _grid_from_camelot(table, page_number: int, reader: str = "lattice-vector") -> Grid:
    cells = table.cells
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}
    ruled = reader.startswith("lattice")

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a, b):
        ra, rb = find(a), find(b)
        if ra != rb:
            # keep the top-left cell as the representative
            keep, drop = (ra, rb) if ra < rb else (rb, ra)
            parent[drop] = keep

    for r in range(n_rows if ruled else 0):  # an unruled table has no merged cells to see
        for c in range(n_cols):
            cell = cells[r][c]
            if c + 1 < n_cols and not cell.right and not cells[r][c + 1].left:
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not cell.bottom and not cells[r + 1][c].top:
                union((r, c), (r + 1, c))
    texts = [[join_cell_lines(cells[r][c].text) for c in range(n_cols)] for r in range(n_rows)]
    cols = [(float(a), float(b)) for a, b in table.cols]
    if not ruled:
        whole = getattr(table, "whole_lines", {})
        texts, cols, whole = _side_by_side_split(texts, cols, whole)
        texts, cols = _heading_columns_merged(texts, cols, partial(_cell_extent, whole))
        n_cols = len(cols)
    region = [[find((r, c)) if ruled else (r, c) for c in range(n_cols)] for r in range(n_rows)]
    centres: list[float | None] = []
    placed_lines: list[tuple[float, float, float, str]] = []
    if not ruled:
        placed = getattr(table, "whole_lines", {})
        for r in range(n_rows):
            ys = sorted((ln.y0 + ln.y1) / 2 for (lr, _), lines in placed.items() if lr == r for ln in lines)
            centres.append(ys[len(ys) // 2] if ys else None)
        placed_lines = [
            (ln.x0, ln.x1, (ln.y0 + ln.y1) / 2, squash(ln.get_text())) for lines in placed.values() for ln in lines
        ]
    x0, y0, x1, y1 = table._bbox
    return Grid(
        page=page_number,
        bbox=(float(x0), float(y0), float(x1), float(y1)),
        rows=[(float(a), float(b)) for a, b in table.rows],
        cols=cols,
        texts=texts,
        region=region,
        accuracy=float(table.parsing_report.get("accuracy", 100.0)),
        reader=reader,
        line_centres=centres,
        placed_lines=placed_lines,
    )


def _text_lines(horizontal_text, vertical_text=()) -> list[TextLine]:
    """The page's text lines.  A "vertical" line holding one glyph is a glyph of a horizontal line
    that pdfminer set apart (``公`` of ``公开 04 表``, drawn on its own): it is joined back."""
    lines = []
    for obj in horizontal_text:
        text = obj.get_text().strip()
        if not text:
            continue
        x0, x1 = _printed_extent(obj)
        lines.append(TextLine(x0, obj.y0, x1, obj.y1, round(obj.height, 1), text))
    for obj in vertical_text:
        glyphs = [c for c in getattr(obj, "_objs", []) if hasattr(c, "y0") and c.get_text().strip()]
        if len(glyphs) != 1:
            continue
        g = glyphs[0]
        lines = _join_glyph(lines, TextLine(g.x0, g.y0, g.x1, g.y1, round(g.y1 - g.y0, 1), g.get_text().strip()))
    lines.sort(key=lambda ln: (-round(ln.y1), ln.x0))
    return lines


def _printed_extent(obj) -> tuple[float, float]:
    """The left and right edges of a line's printed glyphs: spaces that pad a line (a title followed
    by thirty blanks, as sheets export a merged title cell) do not widen it."""
    glyphs = [c for c in getattr(obj, "_objs", ()) if hasattr(c, "x0") and c.get_text().strip()]
    if not glyphs:
        return obj.x0, obj.x1
    return min(c.x0 for c in glyphs), max(c.x1 for c in glyphs)


def _join_glyph(lines: list[TextLine], glyph: TextLine) -> list[TextLine]:
    """``lines`` with ``glyph`` joined to the line it begins or ends (same height, touching), or added."""
    width = glyph.x1 - glyph.x0
    for i, line in enumerate(lines):
        if abs(line.yc - glyph.yc) > glyph.size / 3:
            continue
        if 0 <= line.x0 - glyph.x1 <= width:
            lines[i] = TextLine(
                glyph.x0, min(line.y0, glyph.y0), line.x1, max(line.y1, glyph.y1), line.size, glyph.text + line.text
            )
            return lines
        if 0 <= glyph.x0 - line.x1 <= width:
            lines[i] = TextLine(
                line.x0, min(line.y0, glyph.y0), glyph.x1, max(line.y1, glyph.y1), line.size, line.text + glyph.text
            )
            return lines
    return [*lines, glyph]


def iter_pages(path: str | Path) -> Iterator[PageContent]:
    """Yield the content of every page of ``path``, tables parsed by camelot.

    Raises a :class:`BudgetInputError` subclass naming the file (and page) for
    inputs that are not readable PDFs.
    """
    import playa
    from playa.exceptions import PDFPasswordIncorrect

    path = Path(path)
    check_pdf_file(path)
    readers = _PageReaders(str(path))
    try:
        pdf = playa.open(str(path), space="page")
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdfError(path, "the PDF is encrypted and needs a password") from exc
    except struct.error as exc:  # an encryption dictionary whose permissions (/P) are out of range
        if _is_encrypted(path):
            raise EncryptedPdfError(
                path,
                "the PDF is encrypted with permissions (/P) that cannot be read; decrypt it first (qpdf --decrypt)",
            ) from exc
        raise CorruptPdfError(path, f"damaged or truncated PDF ({_short(exc)})") from exc
    except Exception as exc:  # playa raises several kinds for damaged files
        raise CorruptPdfError(path, f"damaged or truncated PDF ({_short(exc)})") from exc
    with pdf:
        try:
            pages = list(pdf.pages)
        except PDFPasswordIncorrect as exc:
            raise EncryptedPdfError(path, "the PDF is encrypted and needs a password") from exc
        except Exception as exc:
            raise CorruptPdfError(path, f"damaged or truncated PDF ({_short(exc)})") from exc
        if not pages:
            raise CorruptPdfError(path, "the PDF has no pages")
        # a PDF that opens without a password but whose permissions ask readers not to copy its
        # text (common on published budgets) is read, as pdfminer, pdfplumber and poppler read it:
        # the flag restricts copying by a viewer's user, it does not hide the text
        for index, page in enumerate(pages):
            number = index + 1
            try:
                with warnings.catch_warnings(), _PageLog() as damage:
                    warnings.simplefilter("ignore")
                    laid = page_layout(page)
                    layout, dim, images, chars, htext, vtext, rotation = laid.camelot
                    # camelot turns back a page whose text runs sideways (±90°), never one printed upside down
                    # (/Rotate 180 over upright content, or content drawn turned): that page is laid out turned
                    # back the same way, through the page's initial transformation, before any reader sees it
                    turned = not rotation and _upside_down(chars)
                    if turned:
                        page.set_initial_ctm(page.space, page.rotate + 180)
                        laid = page_layout(page)
                        layout, dim, images, chars, htext, vtext, rotation = laid.camelot
                    # the page's glyphs as they decode, before the control characters among them are blanked
                    decoded = glyph_text(chars)
                    blank_control_glyphs(chars)
                    fix_vertical_metrics(htext)
                    htext, vtext = merge_baseline_pieces(htext, vtext)
                    htext = split_cells(htext)
                    hidden = _count_hidden(htext, laid.visible)
                    # text drawn outside the page's visible area (its CropBox) is not printed: no reader sees it
                    htext = [t for t in htext if _on_page((t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2, laid.visible)]
                    vtext = [t for t in vtext if _on_page((t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2, laid.visible)]
                    lines = _text_lines(htext, vtext)
                    relayout = partial(_camelot_layout, page)
                    args = (layout, dim, number, images, chars, htext, vtext, rotation, lines, relayout)
                    legible = measure(decoded, images, _drawn(layout), float(dim[0]), float(dim[1]))
                    # a page whose text does not decode gives no table: its names and amounts are not what is printed
                    readable = htext and not legible.mis_mapped
                    grids = readers.read(*args, turned=turned, visible=laid.visible) if readable else []
            except PDFPasswordIncorrect as exc:
                raise EncryptedPdfError(path, "the PDF is encrypted and needs a password") from exc
            except BudgetInputError:
                raise
            except Exception as exc:
                raise CorruptPdfError(path, f"cannot read page ({_short(exc)})", page=number) from exc
            for grid in grids:
                sizes = sorted(ln.size for ln in lines if _inside(ln, grid.bbox))
                grid.text_size = sizes[len(sizes) // 2] if sizes else 0.0
            yield PageContent(
                number=number,
                width=float(dim[0]),
                height=float(dim[1]),
                lines=lines,
                grids=grids,
                has_images=bool(images),
                hidden_amounts=hidden,
                source=path.name,
                legibility=legible,
                damage=damage.summary(),
                watermark=laid.watermark,
            )


def _camelot_layout(page, **layout_kwargs) -> tuple:
    """The page laid out again with other layout parameters, as camelot's parsers take it."""
    return page_layout(page, **layout_kwargs).camelot


#: characters of a page looked at to tell whether it is printed upside down (evenly spread over the page's text)
UPSIDE_DOWN_SAMPLE = 200


def _upside_down(chars) -> bool:
    """Whether most of a page's characters are drawn upside down (their matrix turns them 180°: a page whose
    /Rotate 180 turns upright content over, or content drawn turned), judged on an even sample of them."""
    if not chars:
        return False
    sample = chars[:: max(1, len(chars) // UPSIDE_DOWN_SAMPLE)]
    turned = sum(1 for ch in sample if ch.matrix[0] < 0 and ch.matrix[3] < 0)
    return 2 * turned > len(sample)


class _TurnedRender:
    """camelot's page renderer, its images turned 180°: the rendered page of a page laid out turned back
    (:func:`_upside_down`), as camelot turns the image of a page it turned by 90° (``undo_rotation``)."""

    def __init__(self, backend) -> None:
        self.backend = backend

    def to_array(self, *args, **kwargs):
        import cv2

        return cv2.rotate(self.backend.to_array(*args, **kwargs), cv2.ROTATE_180)


@cache
def _whole_lines(parser_class: type) -> type:
    """``parser_class`` (a camelot parser) placing every character of a text line in a cell.

    camelot's ``split_text`` cuts a text line at the rulings it crosses, but keeps only the characters up
    to the last ruling inside the line's extent: the rest is dropped (camelot issue 293).  A label printed
    close before its value in a cell merged across the rest of the row (``年度总体目标 全年开展…``, one
    text line to pdfminer) lost the value.  Lines that lose nothing keep camelot's cut exactly.
    """
    return type(f"WholeLine{parser_class.__name__}", (parser_class,), {"compute_parse_errors": _place_lines})


def _place_lines(parser, table) -> list[float]:
    """camelot's ``compute_parse_errors``: the text lines placed in the cells in reading order (top down, then
    left to right), the position error of each returned.  Each line is cut into pieces by
    :func:`_line_pieces`; a piece camelot dropped is placed by its own position, not its line's (``2026``
    of ``当年绩效目标 2026`` before the rest of its cell's first line ``年布局…``, not after it).  (The parsers
    of this module set no ``flag_size``, ``strip_text`` or ``replace_text``.)"""
    from camelot.utils import get_table_index

    errors = []
    placed: list[tuple[tuple[float, float], tuple[int, int, str]]] = []
    # the horizontal lines placed whole in a cell, by cell: where the cell's text is printed (see _cell_extent)
    table.whole_lines = whole = {}
    lines = [(t, direction) for direction in ("vertical", "horizontal") for t in parser.t_bbox[direction]]
    lines.sort(key=lambda td: (-td[0].y0, td[0].x0))
    for line, direction in lines:
        pieces, error = get_table_index(table, line, direction, split_text=parser.split_text)
        if not pieces or pieces[0][:2] == (-1, -1):
            continue
        errors.append(error)
        if len(pieces) == 1 and direction == "horizontal":
            whole.setdefault(pieces[0][:2], []).append(line)
        if parser.split_text:
            placed += _line_pieces(parser, table, line, direction, pieces)
        else:
            placed += [((-line.y0, line.x0), piece) for piece in pieces]
    placed.sort(key=lambda kp: kp[0])  # stable: the pieces of camelot's lines keep camelot's order
    for r, c, text in type(parser)._reduce_index(table, [p for _, p in placed], shift_text=parser.shift_text):
        table.cells[r][c].text = text
    return errors


def _line_pieces(parser, table, line, direction: str, pieces: list) -> list:
    """The pieces of a text line split at the rulings it crosses, every character in one: ((-y0, x0) to
    place it by, (row, col, text)).

    camelot's own ``pieces`` (placed by the line's position) when they hold every printed character of
    the line; otherwise each character goes to the cell its centre lies in along the line (in the line's
    row for a horizontal line, its column for a vertical one), then to the cell of its merged region that
    camelot keeps text in: the part of a line beyond a ruling lands in the region on the other side —
    a merged region as any other — and a character past the grid's outer border in the outermost cell.
    Consecutive characters of one cell are one piece, a line of the cell's text, placed by its own glyphs.
    """
    kept = sum(len("".join(text.split())) for _, _, text in pieces)
    if kept >= len("".join(line.get_text().split())):
        return [((-line.y0, line.x0), piece) for piece in pieces]
    horizontal = direction == "horizontal"
    xm, ym = (line.x0 + line.x1) / 2, (line.y0 + line.y1) / 2
    if horizontal:
        fixed = next((r for r, (top, bottom) in enumerate(table.rows) if bottom <= ym <= top), None)
    else:
        fixed = next((c for c, (left, right) in enumerate(table.cols) if left <= xm <= right), None)
    if fixed is None:
        return [((-line.y0, line.x0), piece) for piece in pieces]

    def cell(glyph) -> tuple[int, int]:
        if horizontal:
            x = (glyph.x0 + glyph.x1) / 2
            r, c = fixed, next((c for c, (_, right) in enumerate(table.cols) if x <= right), len(table.cols) - 1)
        else:
            y = (glyph.y0 + glyph.y1) / 2
            r, c = next((r for r, (_, bottom) in enumerate(table.rows) if y >= bottom), len(table.rows) - 1), fixed
        return type(parser)._reduce_index(table, [(r, c, "")], shift_text=parser.shift_text)[0][:2]

    groups: list[tuple[tuple[int, int], list]] = []  # (cell, objects) in the line's order
    for obj in line._objs:
        if hasattr(obj, "x0"):  # a glyph; a space or break pdfminer inserted goes with the glyph before it
            key = cell(obj)
            if not groups or groups[-1][0] != key:
                groups.append((key, []))
        if groups:
            groups[-1][1].append(obj)
    result = []
    for (r, c), objs in groups:
        text = "".join(o.get_text() for o in objs)
        if text.strip():
            glyphs = [o for o in objs if hasattr(o, "x0") and o.get_text().strip()]
            key = (-min(g.y0 for g in glyphs), min(g.x0 for g in glyphs))
            result.append((key, (r, c, text.rstrip("\n") + "\n")))
    return result


class _PageReaders:
    """camelot's parsers, each made once per document and used on the pages that need it."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._parsers: dict[str, object] = {}

    def parser(self, reader: str, turned: bool = False, **options):
        from camelot.parsers import Lattice, Network

        key = reader if not options else f"{reader}:{options}"
        key += ":turned" if turned and reader == "lattice-raster" else ""
        if key not in self._parsers:
            if reader == "lattice-vector":
                self._parsers[key] = _whole_lines(Lattice)(**LATTICE_OPTIONS)
            elif reader == "lattice-raster":
                self._parsers[key] = _whole_lines(Lattice)(**RASTER_OPTIONS)
                if turned:  # the page is rendered as printed: turned like its layout
                    self._parsers[key].icb = _TurnedRender(self._parsers[key].icb)
            else:
                self._parsers[key] = _whole_lines(Network)(split_text=True, **options)
        return self._parsers[key]

    def _run(self, reader: str, page_args: tuple, turned: bool = False, **options) -> list:
        parser = self.parser(reader, turned, **options)
        parser.prepare_page_parse(self.path, *page_args, layout_kwargs={})
        return [t for t in parser.extract_tables() if t.cells and t.cells[0]]

    def read(
        self,
        layout,
        dim,
        number,
        images,
        chars,
        htext,
        vtext,
        rotation,
        lines: list[TextLine],
        relayout=None,
        turned: bool = False,
        visible: tuple[float, float, float, float] | None = None,
    ) -> list[Grid]:
        """The page's grids, each from the first reader that accounts for its amounts.

        ``relayout(**layout_kwargs)`` lays the page out again (for the unruled tables' reader); ``turned``: the
        page was laid out turned 180° (printed upside down), its rendered image is turned with it; ``visible``:
        the area of the page a viewer shows (the whole page when not given), outside which no grid is printed.
        """
        ruled = vector_layout(layout, chars)
        tables = self._run("lattice-vector", (ruled, dim, number, images, htext, vtext, rotation))
        grids = [_grid_from_camelot(t, number, "lattice-vector") for t in tables]
        amounts = amount_lines(lines, named=False)
        grids = [g for g in grids if not _banded(g, amounts)]
        loose = unread_amounts(lines, [g.bbox for g in grids])
        if loose:
            tables = self._run("lattice-raster", (layout, dim, number, images, htext, vtext, rotation), turned)
            found = [_grid_from_camelot(t, number, "lattice-raster") for t in tables]
            found = [g for g in found if not _banded(g, amounts)]
            grids += [g for g in found if _accounts_for(g, loose) and not any(_overlaps(g, o) for o in grids)]
            loose = unread_amounts(lines, [g.bbox for g in grids])
        if loose and relayout is not None:
            # words of an unruled table's cells stand close: a layout that joins fewer of them
            layout, dim, images, _chars, htext, vtext, rotation = relayout(char_margin=UNRULED_CHAR_MARGIN)
            fix_vertical_metrics(htext)
            htext = split_cells(htext)
            boxes = [b for b in unruled_areas(lines, loose, float(dim[0])) if any(_inside(ln, b, 0.0) for ln in lines)]
            areas = [f"{x0},{y1},{x1},{y0}" for x0, y0, x1, y1 in boxes]
            try:
                tables = self._run("network", (layout, dim, number, images, htext, vtext, rotation), table_areas=areas)
            except Exception:  # the parser failing on a page's text loses that page's unruled tables (their
                tables = []  # amounts are reported as not read), never the document
            rules = horizontal_rules(ruled)
            found = [_unruled_rows(_grid_from_camelot(t, number, "network"), rules) for t in tables]
            grids += [g for g in found if _accounts_for(g, loose) and not any(_overlaps(g, o) for o in grids)]
        visible = visible or (0.0, 0.0, float(dim[0]), float(dim[1]))
        grids = [g for g in grids if _on_page((g.bbox[0] + g.bbox[2]) / 2, (g.bbox[1] + g.bbox[3]) / 2, visible)]
        grids.sort(key=lambda g: -g.bbox[3])
        for grid in grids:
            sizes = sorted(ln.size for ln in lines if _inside(ln, grid.bbox))
            grid.text_size = sizes[len(sizes) // 2] if sizes else 0.0
        return grids


class _PageLog(logging.Handler):
    """The PDF library's warnings about one page's content (a stream that does not decompress …), kept for
    the page's problem instead of written to the terminal without file or page; only this thread's."""

    LOGGERS = ("playa", "pdfminer")

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            message = re.sub(r":?\s*<[^<>]*>", "", record.getMessage().splitlines()[0])
            self.messages.append(message[:160])

    def __enter__(self) -> _PageLog:
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)

    def summary(self) -> str:
        damaged = [m for m in self.messages if re.search(r"decompress|corrupt|Data loss", m, re.I)]
        return damaged[0] + (f" (and {len(damaged) - 1} more)" if len(damaged) > 1 else "") if damaged else ""


#: amount rows a table ruled between its rows must print for its rules to be taken as row borders
RULED_ROWS_LEAST = 3


def _is_amount(text: str) -> bool:
    """A cell printing an amount (with its own unit or not)."""
    return bool(text) and is_amount_text(split_unit(text)[0])


def _is_amount_row(row: list[str]) -> bool:
    return any(_is_amount(t) for t in row)


def _first_amount_row(texts: list[list[str]]) -> int:
    """The first row printing an amount (the header ends above it; a 栏次 row of column numbers is the header's);
    ``len(texts)`` when none does."""
    return next((r for r, row in enumerate(texts) if _is_amount_row(row) and not is_column_numbers(row)), len(texts))


#: the label of a header row numbering the columns (栏次 | 1 | 2 …; 甲 | 乙 in a 决算 header)
COLUMN_NUMBER_RE = re.compile(r"^栏次$|^[甲乙丙丁]$")


def is_column_numbers(texts: list[str]) -> bool:
    """A header row numbering the columns: opening with 栏次 (or 甲, 乙), or three or more consecutive numbers."""
    printed = [squash(t) for t in texts if t.strip()]
    if not printed:
        return False
    if COLUMN_NUMBER_RE.match(printed[0]):
        return True
    numbers = [t for t in printed if t.isdigit()]
    return len(numbers) >= 3 and numbers == [str(i) for i in range(int(numbers[0]), int(numbers[0]) + len(numbers))]


def _rows_by_rules(grid: Grid, rules: list[tuple[float, float, float]]) -> Grid:
    """An unruled grid's text lines grouped into the rows its horizontal rules draw.

    The unruled tables' parser makes a row of each line of text, so a cell wrapped over lines (a project
    name, an amount 24995.9/4) lands in several rows.  Where the table is ruled between its
    rows (no column rules), the lines between two rules are one row, their cells' lines rejoined — when
    the rules are row borders: no band holds two amounts of one column, and at least :data:`RULED_ROWS_LEAST`
    bands hold amounts (a 三线表's three rules hold every row of its body in one band: nothing is joined).
    """
    x0, y0, x1, y1 = grid.bbox
    covered: dict[float, float] = {}  # rules drawn cell by cell: the length each height covers across the grid
    for y, a, b in rules:
        if y0 - 3 <= y <= y1 + 3:
            covered[round(y * 2) / 2] = covered.get(round(y * 2) / 2, 0.0) + max(0.0, min(b, x1) - max(a, x0))
    # (the parser's area may span the page: a row rule is one as long as the table's longest rule)
    widest = max(covered.values(), default=0.0)
    ys = sorted((y for y, length in covered.items() if length >= 0.8 * widest > 0), reverse=True)
    if len(ys) < 3:
        return grid
    bands = [sum(1 for y in ys if y > (top + bottom) / 2) for top, bottom in grid.rows]
    # the header's lines stay apart (a rule under a heading spans only the columns the heading is over)
    first = _first_amount_row(grid.texts)
    body = next((r for r in range(grid.n_rows) if bands[r] == bands[first]), grid.n_rows) if first < grid.n_rows else 0
    if first < grid.n_rows:
        # … and a line over the first amount row printing where that row prints its amounts is a heading (预算数),
        # no line of that row, when no rule parts them (a banded style shading the header instead)
        money = [c for c, t in enumerate(grid.texts[first]) if _is_amount(t)]
        while body < first and any(grid.texts[r][c] for r in range(body, first) for c in money):
            body += 1
    groups: list[list[int]] = []
    for r, band in enumerate(bands):
        if r > body and groups and bands[groups[-1][-1]] == band:
            groups[-1].append(r)
        else:
            groups.append([r])

    # the rules are row borders when no band holds two amounts in one column, and at least
    # RULED_ROWS_LEAST bands hold amounts
    def amounts(r: int) -> list[bool]:
        return [_is_amount(t) for t in grid.texts[r]]

    stacked = any(sum(col) > 1 for g in groups for col in zip(*(amounts(r) for r in g), strict=True))
    banded = sum(any(any(amounts(r)) for r in g) for g in groups)
    if len(groups) == grid.n_rows or stacked or banded < RULED_ROWS_LEAST:
        return grid
    texts = [
        [join_cell_lines("\n".join(grid.texts[r][c] for r in g if grid.texts[r][c])) for c in range(grid.n_cols)]
        for g in groups
    ]
    rows = [(grid.rows[g[0]][0], grid.rows[g[-1]][1]) for g in groups]
    region = [[(r, c) for c in range(grid.n_cols)] for r in range(len(groups))]
    return Grid(grid.page, grid.bbox, rows, grid.cols, texts, region, grid.accuracy, grid.text_size, grid.reader)


def _with_rows(grid: Grid, texts: list[list[str]], spans: list[tuple[int, list[int]]] = ()) -> Grid:
    """``grid`` with its cells' texts replaced by ``texts`` (one list per row), rows left empty dropped: each
    cell its own region, as an unruled grid's are — but for ``spans``, (column, rows) of a label printed once
    for a group of rows, one region from the first of them."""
    keep = [r for r, row in enumerate(texts) if any(row)]
    region = [[(r, c) for c in range(grid.n_cols)] for r in range(len(keep))]
    index = {r: k for k, r in enumerate(keep)}
    for c, rows in spans:
        kept = [index[r] for r in rows if r in index]
        for k in kept:
            region[k][c] = (kept[0], c)
    rows, kept = [grid.rows[r] for r in keep], [texts[r] for r in keep]
    centres = [grid.line_centres[r] for r in keep] if grid.line_centres else []
    return Grid(
        grid.page,
        grid.bbox,
        rows,
        grid.cols,
        kept,
        region,
        grid.accuracy,
        grid.text_size,
        grid.reader,
        centres,
        grid.placed_lines,
    )


def _unruled_rows(grid: Grid, rules: list[tuple[float, float, float]]) -> Grid:
    """The rows of a table printed without column rulings, from the parser's lines of text: wrapped
    headings and amounts rejoined, then the rows its rules draw — or, drawn without, wrapped labels
    joined to the row they are centred on."""
    grid = _wrapped_codes_joined(_wrapped_amounts_joined(_wrapped_headings_joined(grid)))
    grid = _name_columns_joined(grid)
    ruled = _rows_by_rules(grid, rules)
    return ruled if ruled is not grid else _wrapped_labels_joined(grid)


def _wrapped_headings_joined(grid: Grid) -> Grid:
    """An unruled grid's heading wrapped over two lines rejoined, on the line between them.

    Sub-headings of one level are centred on one line; a heading of the level that wraps (``一般公共`` /
    ``预算拨款`` beside ``合计`` and ``其他资金``) prints one line above and one below it.  Above the first
    amount, a column's texts on lines r and r+2 with nothing on r+1, beside a neighbouring column printing
    only on r+1 (or in a run of such columns beside one: ``公务用车/购置费 | 公务用车/运行费`` beside ``小计``),
    are one heading, placed on r+1 (the header read from its lowest lines up); lines left empty go.
    """
    texts = [list(row) for row in grid.texts]
    bands = list(grid.rows)
    first = _first_amount_row(texts)
    for r in reversed(range(max(0, first - 2))):
        above, middle, below = texts[r], texts[r + 1], texts[r + 2]
        if any(is_column_numbers(row) for row in (above, middle, below)):
            continue  # a 栏次 row numbers the columns: no line of a heading
        wrapped = [c for c in range(grid.n_cols) if above[c] and below[c] and not middle[c]]
        beside = [c for c in range(grid.n_cols) if middle[c] and not above[c] and not below[c]]
        rest = [
            c
            for c in range(grid.n_cols)
            if c not in wrapped and c not in beside and (above[c] or middle[c] or below[c])
        ]
        # headings wrapped side by side (公务用车/购置费 | 公务用车/运行费 beside 小计): a run of them beside one
        if wrapped and not rest and all(_run_beside(c, wrapped, beside) for c in wrapped):
            for c in wrapped:
                middle[c] = join_cell_lines(above[c] + "\n" + below[c])
                above[c] = below[c] = ""
            if not any(above) and not any(below):
                # the row is as tall as its wrapped headings: its band takes in their lines
                bands[r + 1] = (bands[r][0], bands[r + 2][1])
    if texts == grid.texts:
        return grid
    return _with_rows(replace(grid, rows=bands) if bands != grid.rows else grid, texts)


def _run_beside(c: int, wrapped: list[int], beside: list[int]) -> bool:
    """Column ``c`` of a heading wrapped over two lines stands in a run of such columns one end of which is next
    to a column printing its heading on the middle line."""
    first = last = c
    while first - 1 in wrapped:
        first -= 1
    while last + 1 in wrapped:
        last += 1
    return first - 1 in beside or last + 1 in beside


#: a line of a wrapped label is attached to the nearer amount row when it is at most this share of the
#: distance to the other one (a label centred on its row; a label printed above its row's bottom-aligned
#: amounts is as near to the row above, and stays where it is)
NEARER = 0.6
#: … and at most this share of the table's row pitch from it: a label's wrapped line is a line's leading from
#: its row, a row of its own printing blank amounts (a zero item of a 收支总表) a whole row pitch
WRAPPED_PITCH = 0.8
#: points within which two lines are as far from a row on its two sides (the lines of a label centred on it)
MIRROR_TOL = 1.5
#: … such lines are a label's when nearer their row than this share of the row pitch: a cell's lines stand
#: closer than its rows (the rows of a regular table stand a whole pitch apart on both sides of each row)
MIRRORED_PITCH = 0.92


def _wrapped_labels_joined(grid: Grid) -> Grid:
    """An unruled grid's label lines joined to their amount rows (see :func:`_label_owners`); then a group's
    label printed once, centred on its rows, spread over them (see :func:`_centred_group_labels`)."""
    owner = _label_owners(grid)
    texts = [list(row) for row in grid.texts]
    for a in sorted(set(owner.values())):
        lines = sorted([a, *(r for r, o in owner.items() if o == a)])
        texts[a] = [
            join_cell_lines("\n".join(grid.texts[r][c] for r in lines if grid.texts[r][c])) for c in range(grid.n_cols)
        ]
    for r in owner:
        texts[r] = [""] * grid.n_cols
    spans = _centred_group_labels(grid, texts, owner)
    return grid if texts == grid.texts and not spans else _with_rows(grid, texts, spans)


def _label_owners(grid: Grid) -> dict[int, int]:
    """An unruled grid's label lines printed without amounts (a project name wrapped over lines, centred on
    its row: 全市教育技术装备 / 标准化建设及运维 … 24,995.94 / 保障项目) joined to the amount row they are
    clearly nearer, in printed order; a line as near to two rows stays apart.  A label wrapped over three lines
    or more has lines on both sides of its row, as far on each: such a line joins its row even when a row
    above or below stands close (a one-line row's amounts just over a three-line label's first line).

    A line is a wrapped one only when it is well within the table's row pitch of its row (:func:`_row_pitch`)
    and prints on a side of the table where that row prints its label (the 收入 or the 支出 side of a
    收支总表): a line a row pitch from the rows beside it is a row of its own, its amounts printed blank.
    """
    first = _first_amount_row(grid.texts)
    anchors = [r for r in range(first, grid.n_rows) if _is_amount_row(grid.texts[r])]
    if len(anchors) < 2:
        return {}

    centre = grid.row_centre

    pitch = _row_pitch(anchors, centre)
    side = _label_sides([grid.texts[a] for a in anchors])
    owner: dict[int, int] = {}

    def filled(r: int) -> set[int]:
        return {c for c, t in enumerate(grid.texts[r]) if t}

    def mirrored(r: int, a: int, near: float) -> bool:
        # a line of a label wrapped over three or more lines, centred on its row: another line of the same
        # cells printed as far on the row's other side
        return any(
            k not in anchors
            and (centre(k) - centre(a)) * (centre(r) - centre(a)) < 0
            and abs(abs(centre(k) - centre(a)) - near) <= MIRROR_TOL
            and filled(k) == filled(r)
            for k in range(first, grid.n_rows)
        )

    # (the line just over the first amount row too: its names printed a little higher than its amounts, in a
    # font of other metrics, as sheets exported without borders print them)
    for r in range(max(first - 1, 0), grid.n_rows):
        if r in anchors or not any(grid.texts[r]):
            continue
        distances = sorted((abs(centre(r) - centre(a)), a) for a in anchors)
        (near, a), (far, _) = distances[0], distances[1]
        # only label cells: the line prints nothing where the amount row prints an amount
        fills = all(not grid.texts[r][c] or not _is_amount(grid.texts[a][c]) for c in range(grid.n_cols))
        # … and on the sides where the amount row prints its label (any side when its label is all wrapped)
        labelled = {side[c] for c, t in enumerate(grid.texts[a]) if t and side[c] is not None}
        printed = {side[c] for c, t in enumerate(grid.texts[r]) if t and side[c] is not None}
        wrapped = near <= NEARER * far and near <= WRAPPED_PITCH * pitch
        centred = near < far and near <= MIRRORED_PITCH * pitch and mirrored(r, a, near)
        if (wrapped or centred) and fills and printed <= (labelled or printed):
            owner[r] = a
    return owner


#: a group label is centred on its rows when its line is within this share of the table's row pitch from the
#: middle of their span
GROUP_CENTRE_TOL = 0.3


def _centred_group_labels(grid: Grid, texts: list[list[str]], owner: dict[int, int]) -> list[tuple[int, list[int]]]:
    """A label printed once for a group of rows (单位名称 merged down over its projects, printed without
    rulings): the label's line centred on the span of its rows.  Returns (column, rows) of each group, the label
    moved into the group's first row of ``texts`` (its region spans the rest).

    A column is one of group labels when it stands left of the table's name column, prints no amount, and
    its labels are names (no codes, no totals), fewer than the rows naming items.  The labels are spread only
    when the groups they are centred on, taken top down, tile those rows to the last, each label within
    :data:`GROUP_CENTRE_TOL` of a row pitch of its group's middle (its own line's place, also when it was
    joined to a row as a wrapped line) — and not when every label stands on its group's first row: labels
    printed at the top of their groups are left where they are.
    """
    n_rows, n_cols = grid.n_rows, grid.n_cols
    first = _first_amount_row(texts)
    anchors = [r for r in range(first, n_rows) if _is_amount_row(texts[r])]
    if len(anchors) < 3:
        return []
    label_cols = [c for c in range(n_cols) if not any(_is_amount(texts[a][c]) for a in anchors)]
    if not label_cols:
        return []
    name = max(label_cols, key=lambda c: sum(1 for a in anchors if texts[a][c]))
    members = [a for a in anchors if texts[a][name] and not TOTAL_RE.search(squash(texts[a][name]))]
    if len(members) < 3:
        return []
    centre = grid.row_centre
    lines = {a: [a, *(r for r, o in owner.items() if o == a)] for a in anchors}
    top = {a: max(centre(r) for r in lines[a]) for a in anchors}
    bottom = {a: min(centre(r) for r in lines[a]) for a in anchors}
    pitch = _row_pitch(anchors, centre)
    # the borders of the members' cells: halfway between their lines and those of the rows above and below
    upper, lower = {}, {}
    for a in members:
        above = [b for b in anchors if b < a]
        below = [b for b in anchors if b > a]
        upper[a] = (top[a] + bottom[above[-1]]) / 2 if above else top[a] + pitch / 2
        lower[a] = (bottom[a] + top[below[0]]) / 2 if below else bottom[a] - pitch / 2
    spans: list[tuple[int, list[int]]] = []
    for c in label_cols:
        if c >= name:
            continue
        # (the total row's label may stand in the column: 合计 merged across the label columns)
        labels = [
            (r, texts[r][c])
            for r in range(first, n_rows)
            if texts[r][c] and not (r in anchors and r not in members and TOTAL_RE.search(squash(texts[r][c])))
        ]
        if not labels or len(labels) >= len(members):
            continue
        alone = [r for r, _ in labels if r not in anchors]
        if (
            any(not HAN_RE.search(t) or TOTAL_RE.search(squash(t)) for _, t in labels)
            or any(r in anchors and r not in members for r, _ in labels)
            or any(any(texts[r][k] for k in range(n_cols) if k not in label_cols or k >= name) for r in alone)
        ):
            continue
        # where each label's own line is printed (a label joined to a row as its wrapped line keeps its place)
        sources = [[k for k in lines.get(r, [r]) if grid.texts[k][c]] for r, _ in labels]
        if any(len(found) != 1 for found in sources):
            continue
        ys = [centre(found[0]) for found in sources]
        groups, start = [], 0
        for k, (r, _) in enumerate(labels):
            if start >= len(members):
                break
            fits = [
                (abs((upper[members[start]] + lower[members[e]]) / 2 - ys[k]), e)
                for e in range(start, len(members))
                if k + 1 == len(labels) or lower[members[e]] > ys[k + 1]
            ]
            if not fits:
                break
            error, end = min(fits)
            if error > GROUP_CENTRE_TOL * pitch:
                break
            groups.append((r, members[start : end + 1]))
            start = end + 1
        # labels each on the line of its group's first row may be printed at the top of their groups: not spread
        top_aligned = all(
            abs(y - centre(rows[0])) <= GROUP_CENTRE_TOL * pitch for y, (_, rows) in zip(ys, groups, strict=False)
        )
        if len(groups) != len(labels) or start != len(members) or top_aligned:
            continue
        for r, rows in groups:
            text = texts[r][c]
            texts[r][c] = ""
            texts[rows[0]][c] = text
            spans.append((c, rows))
    return spans


def _row_pitch(anchors: list[int], centre: Callable[[int], float]) -> float:
    """A table's row pitch from its amount rows (``anchors``, top down): the median distance between two printed
    one under the other with no line between them — between any two consecutive when no two are (every
    label wrapped)."""
    pairs = list(pairwise(anchors))
    gaps = sorted(centre(a) - centre(b) for a, b in pairs if b == a + 1)
    gaps = gaps or sorted(centre(a) - centre(b) for a, b in pairs)
    middle = len(gaps) // 2
    return gaps[middle] if len(gaps) % 2 else (gaps[middle - 1] + gaps[middle]) / 2


def _label_sides(rows: list[list[str]]) -> list[int | None]:
    """For each column of a table, the side it is a label column of: the columns between two columns where
    ``rows`` (the amount rows) print amounts are one side (``项目`` of 收入, ``项目`` of 支出); None for an
    amount column."""
    amounts = [any(_is_amount(row[c]) for row in rows) for c in range(len(rows[0]))]
    sides: list[int | None] = []
    current = 0
    for c, amount in enumerate(amounts):
        if amount:
            sides.append(None)
            if c + 1 < len(amounts) and not amounts[c + 1]:
                current += 1
        else:
            sides.append(current)
    return sides


def _wrapped_amounts_joined(grid: Grid) -> Grid:
    """An unruled grid's amounts wrapped over two lines rejoined: a cell cut short of its column's two
    decimals (``24995.9``, ``98,288.``) and the one or two digits alone on the column's next line (``4``) are
    one amount (``24995.94``) — never two; so are an amount cut before its point (``132,703``) and its
    decimals (``.82``) below.  A column of two decimals is one printing an amount of two decimals on the page,
    or — every amount of it wrapped — whose wrapped lines print nothing but such pieces; rows left empty go."""
    texts = [list(row) for row in grid.texts]

    def pieces_only(k: int) -> bool:
        return all(not t or WRAPPED_PIECE_RE.match(t) for t in texts[k])

    for c in range(grid.n_cols):
        decimals = any(re.fullmatch(r"-?\d[\d,]*\.\d\d", row[c]) for row in texts)  # a column of two decimals
        for r, row in enumerate(texts):
            if not (CUT_AMOUNT_RE.match(row[c]) or CUT_BEFORE_POINT_RE.match(row[c])):
                continue
            below = next((k for k in range(r + 1, min(r + 3, len(texts))) if texts[k][c]), None)
            # (decimals wrapped alone, .82, only where nothing but pieces is printed on their line)
            if below is None or not ((decimals and texts[below][c][:1] != ".") or pieces_only(below)):
                continue
            whole = completed_amount(row[c], texts[below][c])
            if whole is not None:
                row[c], texts[below][c] = whole, ""
    return grid if texts == grid.texts else _with_rows(grid, texts)


def _name_columns_joined(grid: Grid) -> Grid:
    """A total's label the unruled tables' parser cut off the column of names into a column of its own (合计
    printed centred in the 科目名称 column, off the names' left edge, with the centred heading over them): two
    neighbouring columns printing only Chinese text, never both on one line, header lines included, one of them
    printing no body text but totals (合计, 总计, 小计) — one column.  No column of codes (科目编码) is joined."""
    first = _first_amount_row(grid.texts)
    c = 0
    while c + 1 < grid.n_cols:
        pair = [[row[c], row[c + 1]] for row in grid.texts]
        texts = [t for row in pair for t in row if t]
        if (
            texts
            and all(HAN_RE.search(t) and not _is_amount(t) and not re.search(r"编码|代码", t) for t in texts)
            and not any(a and b for a, b in pair)
            and (_totals_only([row[0] for row in pair[first:]]) or _totals_only([row[1] for row in pair[first:]]))
            and any(a for a, _ in pair[first:])
            and any(b for _, b in pair[first:])
        ):
            texts = [[*row[:c], row[c] or row[c + 1], *row[c + 2 :]] for row in grid.texts]
            cols = [*grid.cols[:c], (grid.cols[c][0], grid.cols[c + 1][1]), *grid.cols[c + 2 :]]
            grid = _with_rows(replace(grid, cols=cols), texts)
            continue
        c += 1
    return grid


def _totals_only(cells: list[str]) -> bool:
    """A column's body printing something, and nothing but totals' labels (合计, 总计, 小计)."""
    printed = [t for t in cells if t]
    return bool(printed) and all(TOTAL_RE.search(squash(t)) for t in printed)


def _wrapped_codes_joined(grid: Grid) -> Grid:
    """An unruled grid's classification codes wrapped in a narrow column rejoined: a code's first line
    (``201``) on a row printing more (its name, its amounts) and the digits alone on the column's next lines
    (``01``; ``010`` / ``1``), nothing else printed on them, are one code (``20101``; ``2010101``) when they
    make one of a level (5 or 7 digits) — a line printing a code and nothing else is no row of its own."""
    texts = [list(row) for row in grid.texts]
    for c in range(grid.n_cols):
        for r, row in enumerate(texts):
            if not any(t for k, t in enumerate(row) if k != c):
                continue
            below = (None if any(t for j, t in enumerate(line) if j != c) else line[c] for line in texts[r + 1 :])
            code, n = completed_code(row[c], below)
            if n:
                row[c] = code
                for j in range(r + 1, r + 1 + n):
                    texts[j][c] = ""
    return grid if texts == grid.texts else _with_rows(grid, texts)


def _cell_extent(whole_lines: dict, r: int, c: int) -> tuple[float, float] | None:
    """The left and right edges of the glyphs printed in cell (r, c), from the lines placed whole in it; None
    when none was (a line cut at a column border)."""
    extents = [_printed_extent(line) for line in whole_lines.get((r, c), ())]
    return (min(x0 for x0, _ in extents), max(x1 for _, x1 in extents)) if extents else None


def _side_by_side_split(
    texts: list[list[str]], cols: list[tuple[float, float]], whole: dict
) -> tuple[list[list[str]], list[tuple[float, float]], dict]:
    """An unruled table's columns each holding two printed columns, split.

    The parser may take two neighbouring amount columns for one (人员经费 | 公用经费 under 基本支出, amounts
    right-aligned in narrow columns): a body cell then holds two amounts printed side by side, glued into
    one text (``750.24187.56``); the narrow 类 | 款 | 项 columns of a code printing each level on its own rows
    (``201`` | ``03`` | ``01``) are one column with their headings side by side.  Such a column is cut where
    every cell of it leaves a gap: between the
    amounts printed side by side, beside each amount printed alone, between headings printed side by side;
    a heading printed across the gap spans both (the header reads its span), and goes to the side of its
    centre.  Each cell's lines go to the side of their centre.  A column some body cell of which prints text
    not placed whole in it (a line cut by the parser at a column border), or printing an amount across
    every gap, stays as it is.  Returns the texts, the columns and the lines placed whole in each cell, by
    the new columns.
    """
    first_amount = _first_amount_row(texts)
    c = 0
    while c < len(cols):
        cut = _side_by_side_cut(texts, c, cols[c], whole, first_amount)
        if cut is None:
            c += 1
            continue
        moved: dict = {}
        for (r, k), lines in whole.items():
            if k < c:
                moved[(r, k)] = lines
            elif k > c:
                moved[(r, k + 1)] = lines
            else:
                for line in lines:
                    x0, x1 = _printed_extent(line)
                    moved.setdefault((r, c if (x0 + x1) / 2 < cut else c + 1), []).append(line)
        new_texts = []
        for r, row in enumerate(texts):
            if (r, c) in whole:
                sides = [
                    join_cell_lines("\n".join(line.get_text().strip() for line in moved.get((r, k), ())))
                    for k in (c, c + 1)
                ]
            else:
                sides = [row[c], ""]  # a heading the parser cut at a column border: it keeps its column
            new_texts.append(row[:c] + sides + row[c + 1 :])
        texts, whole = new_texts, moved
        cols = [*cols[:c], (cols[c][0], cut), (cut, cols[c][1]), *cols[c + 1 :]]
    return texts, cols, whole


def _side_by_side_cut(
    texts: list[list[str]], c: int, col: tuple[float, float], whole: dict, first_amount: int
) -> float | None:
    """Where column ``c`` of an unruled table splits in two (see :func:`_side_by_side_split`), or None."""
    spans: dict[int, list[tuple[float, float]]] = {}
    for r, row in enumerate(texts):
        lines = whole.get((r, c), ())
        if not row[c].strip():
            continue
        printed = squash("".join(line.get_text() for line in lines))
        if printed != squash(row[c]):
            if r >= first_amount:
                return None
            continue
        spans[r] = sorted(_printed_extent(line) for line in lines)
    # cells printing two or more things side by side: amounts in a body cell, headings in a heading cell
    side_by_side = [
        r
        for r, extents in spans.items()
        if len(extents) >= 2
        and all(b[0] > a[1] for a, b in pairwise(extents))
        and (r < first_amount or all(_is_amount(squash(line.get_text())) for line in whole[(r, c)]))
    ]
    if not side_by_side:
        return None
    # amounts glued in a body cell, or 类 | 款 | 项 side by side (the levels of a code, each printed in its own
    # column on the rows of its level), split the column; other headings printed side by side (a heading
    # spaced out, 金  额) only where amounts printed alone in the body stand on both sides of the cut
    glued = any(
        r >= first_amount or all(LEVEL_COLUMN_RE.match(squash(line.get_text())) for line in whole[(r, c)])
        for r in side_by_side
    )
    # the gaps of the first such cell, each narrowed by every other cell of the column
    extents = spans[side_by_side[0]]
    for (_, left), (right, _) in pairwise(extents):
        lo, hi = left, right
        for r, others in spans.items():
            if len(others) >= 2:  # a cell printing two things side by side: the cut lies in one of its gaps
                gaps = [(max(lo, a[1]), min(hi, b[0])) for a, b in pairwise(others) if b[0] > a[1]]
                gaps = [g for g in gaps if g[1] > g[0]]
                if not gaps:
                    lo = hi
                    break
                lo, hi = max(gaps, key=lambda g: g[1] - g[0])
            elif r >= first_amount:  # an amount or label printed alone lies on one side
                a, b = others[0]
                if a < hi and b > lo:
                    lo, hi = max(((lo, a), (b, hi)), key=lambda g: g[1] - g[0])
            if hi <= lo:
                break
        if hi <= lo:
            continue
        cut = max(min((lo + hi) / 2, col[1]), col[0])
        alone = [e[0] for r, e in spans.items() if r >= first_amount and len(e) == 1 and _is_amount(texts[r][c])]
        if glued or (any(b <= cut for _, b in alone) and any(a >= cut for a, _ in alone)):
            return cut
    return None


def _heading_columns_merged(
    texts: list[list[str]],
    cols: list[tuple[float, float]],
    extent: Callable[[int, int], tuple[float, float] | None] = lambda r, c: None,
):
    """An unruled table's columns without those holding only headings.

    Printed without rulings, a heading over two columns (``支出`` over ``项目 | 预算数``) is aligned with
    neither, and the parser makes it a column of its own, empty below the header; the headings of a short
    table can share one (``科目名称`` over short labels and ``合计`` over right-aligned amounts).  A column
    printing nothing in the body gives each of its headings to the body column nearest where the heading is
    printed (``extent(r, c)``; the column's centre when unknown) among those whose cell in the heading's row
    is empty, and goes; its width goes to the neighbours that take its headings.  The span of a heading over
    its neighbours is read with the header (:func:`.grid.header_cells`).  A heading never goes past a heading
    printed in its own row (the headings of a row keep their printed order).  A column one of whose headings
    finds no empty cell stays: a heading printed between two body columns that carry headings of its own row
    (``公务用车购置费`` between ``小计`` and ``公务用车运行费``, no car bought this year) is a column of its own
    whose body cells are blank.
    """
    first_amount = _first_amount_row(texts)
    printed = list(range(len(cols)))  # the parser's column of each column left (``extent`` is by the parser's)

    def gap(x: float, k: int) -> float:
        return max(cols[k][0] - x, x - cols[k][1], 0.0)

    c = 0
    while c < len(cols):
        filled = [r for r, row in enumerate(texts) if row[c].strip()]
        body = [k for k in range(len(cols)) if k != c and any(row[k].strip() for row in texts[first_amount:])]
        moves: dict[int, int] = {}
        edges: dict[int, tuple[float, float]] = {}
        if filled and filled[-1] < first_amount and len(cols) > 2:
            for r in filled:
                edges[r] = extent(r, printed[c]) or cols[c]
                x = (edges[r][0] + edges[r][1]) / 2
                # never past a heading printed in the same row: the headings of a row keep their order
                free = [
                    k
                    for k in body
                    if not texts[r][k].strip() and not any(texts[r][j].strip() for j in range(min(k, c) + 1, max(k, c)))
                ]
                if not free:
                    moves = {}
                    break
                moves[r] = min(free, key=lambda k: (gap(x, k), abs((cols[k][0] + cols[k][1]) / 2 - x)))
        if not moves:
            c += 1
            continue
        for r, n in moves.items():
            texts[r][n] = texts[r][c]
        left = [r for r, n in moves.items() if n < c]
        right = [r for r, n in moves.items() if n > c]
        if left and right:  # split where the headings taken left end and those taken right begin
            cut = (max(edges[r][1] for r in left) + min(edges[r][0] for r in right)) / 2
            cut = min(max(cut, cols[c][0]), cols[c][1])
            cols[c - 1], cols[c + 1] = (cols[c - 1][0], cut), (cut, cols[c + 1][1])
        elif left:
            cols[c - 1] = (cols[c - 1][0], cols[c][1])
        else:
            cols[c + 1] = (cols[c][0], cols[c + 1][1])
        texts = [row[:c] + row[c + 1 :] for row in texts]
        cols = cols[:c] + cols[c + 1 :]
        del printed[c]
    return texts, cols


def _drawn(layout) -> int:
    """Lines, rectangles and curves the page draws (its layout's top level)."""
    return sum(1 for obj in layout if type(obj).__name__ in ("LTLine", "LTRect", "LTCurve"))


def _count_hidden(text_lines, visible: tuple[float, float, float, float]) -> int:
    """Amount lines drawn outside the page's visible area."""
    lines = _text_lines([t for t in text_lines if not _on_page((t.x0 + t.x1) / 2, (t.y0 + t.y1) / 2, visible)])
    return len(amount_lines(lines))


def _on_page(x: float, y: float, visible: tuple[float, float, float, float]) -> bool:
    return visible[0] <= x <= visible[2] and visible[1] <= y <= visible[3]


#: a grid of bands prints this share of its amounts, or more, in cells holding two amounts or more
BANDED_SHARE = 0.3


def _banded(grid: Grid, amounts: list[TextLine]) -> bool:
    """A grid whose cells are not the table's: bands drawn across the table without the rules between its rows
    or its columns (a word processor's banded table style: shaded bands, or rules under every other row) make
    camelot's lattice see a cell per band, each holding the amounts of several rows or columns glued into one
    text.  Such a grid prints :data:`BANDED_SHARE` of its amount lines, four at least, in cells (merged regions)
    holding two or more of them, stacked or side by side; the table is then read as printed without rulings."""
    boxes: dict[tuple[int, int], list[float]] = {}  # each merged region's box: x0, bottom, x1, top
    for r, (top, bottom) in enumerate(grid.rows):
        for c, (x0, x1) in enumerate(grid.cols):
            box = boxes.setdefault(grid.region[r][c], [x0, bottom, x1, top])
            box[:] = [min(box[0], x0), min(box[1], bottom), max(box[2], x1), max(box[3], top)]
    counts = []
    for x0, bottom, x1, top in boxes.values():
        n = sum(1 for ln in amounts if bottom - 1 <= ln.yc <= top + 1 and x0 <= ln.xc <= x1)
        if n:
            counts.append(n)
    several = sum(n for n in counts if n >= 2)
    return several >= 4 and several >= BANDED_SHARE * sum(counts)


def _accounts_for(grid: Grid, lines: list[TextLine]) -> bool:
    return any(_inside(ln, grid.bbox) for ln in lines)


def _overlaps(a: Grid, b: Grid) -> bool:
    """True when the two grids share more than a tenth of the smaller one's area."""
    ax0, ay0, ax1, ay1 = a.bbox
    bx0, by0, bx1, by1 = b.bbox
    w, h = min(ax1, bx1) - max(ax0, bx0), min(ay1, by1) - max(ay0, by0)
    if w <= 0 or h <= 0:
        return False
    smaller = min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0))
    return w * h > 0.1 * smaller


def read_pages(path: str | Path, progress: Callable[[int], None] | None = None) -> list[PageContent]:
    """All pages of ``path``; a PDF without any text is rejected as a scan.

    ``progress`` is called with each page number as it is read.
    """
    pages = []
    for page in iter_pages(path):
        pages.append(page)
        if progress is not None:
            progress(page.number)
    # a page prints text when it has glyphs, whether or not they decode to characters
    printed = [p for p in pages if p.lines or p.legibility.chars]
    if not printed:
        raise NoTextLayerError(path, "no text layer on any page (a scanned document? run OCR first)")
    # a document whose text is almost all on pages that do not decode (the rest too few glyphs to be a budget,
    # pictures, or a divider page's few words): refused for that
    garbled = [p for p in printed if p.legibility.mis_mapped]
    share = sum(p.legibility.chars for p in garbled) / max(1, sum(p.legibility.chars for p in printed))
    if garbled and share >= GARBLED_SHARE:
        first = garbled[0]
        what = (
            "no page's text decodes"
            if len(garbled) == len(printed)
            else f"{int(share * 100)}% of its text does not decode"
        )
        raise NoTextLayerError(path, f"{what} to what is printed ({first.legibility.evidence()})", page=first.number)
    if all(p.legibility.is_picture(bool(p.lines)) or not p.lines for p in pages):
        raise NoTextLayerError(
            path,
            "every page is an image with at most a page number or title as text (a scanned document? run OCR first)",
        )
    return pages


def _is_encrypted(path: Path) -> bool:
    """Whether the file's trailer names an encryption dictionary."""
    with path.open("rb") as fh:
        fh.seek(0, os.SEEK_END)
        fh.seek(max(0, fh.tell() - 65536))
        return b"/Encrypt" in fh.read()


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
