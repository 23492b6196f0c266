"""The one place camelot is called: page layout, text lines and ruled grids.

Each page is laid out once (camelot's own pdfminer-compatible layout through
playa); the same layout serves camelot's lattice parser (``engine="vector"``:
ruled lines are read from the PDF's drawing commands, no page rendering) and
our page text (titles, unit lines, narrative).  Camelot tables are converted at
once into plain :class:`Grid` objects, which are picklable and cacheable.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import (
    BudgetInputError,
    CorruptPdfError,
    EncryptedPdfError,
    NotAPdfError,
    NoTextLayerError,
)
from .text import join_cell_lines

#: camelot lattice options: vector ruled lines, text split at cell borders.
LATTICE_OPTIONS: dict = {"engine": "vector", "split_text": True}


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


@dataclass
class PageContent:
    """Everything later stages need from one page."""

    number: int
    width: float
    height: float
    lines: list[TextLine] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    has_images: bool = False

    def lines_outside_grids(self) -> list[TextLine]:
        """Text lines not inside any grid (titles, unit lines, notes, narrative)."""
        return [ln for ln in self.lines if not any(_inside(ln, g.bbox) for g in self.grids)]

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


def _grid_from_camelot(table, page_number: int) -> Grid:
    cells = table.cells
    n_rows, n_cols = len(cells), len(cells[0]) if cells else 0
    parent = {(r, c): (r, c) for r in range(n_rows) for c in range(n_cols)}

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

    for r in range(n_rows):
        for c in range(n_cols):
            cell = cells[r][c]
            if c + 1 < n_cols and not cell.right and not cells[r][c + 1].left:
                union((r, c), (r, c + 1))
            if r + 1 < n_rows and not cell.bottom and not cells[r + 1][c].top:
                union((r, c), (r + 1, c))
    region = [[find((r, c)) for c in range(n_cols)] for r in range(n_rows)]
    texts = [[join_cell_lines(cells[r][c].text) for c in range(n_cols)] for r in range(n_rows)]
    x0, y0, x1, y1 = table._bbox
    return Grid(
        page=page_number,
        bbox=(float(x0), float(y0), float(x1), float(y1)),
        rows=[(float(a), float(b)) for a, b in table.rows],
        cols=[(float(a), float(b)) for a, b in table.cols],
        texts=texts,
        region=region,
        accuracy=float(table.parsing_report.get("accuracy", 100.0)),
    )


def _text_lines(horizontal_text) -> list[TextLine]:
    lines = []
    for obj in horizontal_text:
        text = obj.get_text().strip()
        if not text:
            continue
        lines.append(TextLine(obj.x0, obj.y0, obj.x1, obj.y1, round(obj.height, 1), text))
    lines.sort(key=lambda ln: (-round(ln.y1), ln.x0))
    return lines


def iter_pages(path: str | Path) -> Iterator[PageContent]:
    """Yield the content of every page of ``path``, tables parsed by camelot.

    Raises a :class:`BudgetInputError` subclass naming the file (and page) for
    inputs that are not readable PDFs.
    """
    import playa
    from camelot.handlers import PDFHandler
    from camelot.parsers import Lattice
    from playa.exceptions import PDFPasswordIncorrect

    path = Path(path)
    check_pdf_file(path)
    handler = PDFHandler(str(path))
    parser = Lattice(**LATTICE_OPTIONS)
    try:
        pdf = playa.open(str(path), space="page")
    except PDFPasswordIncorrect as exc:
        raise EncryptedPdfError(path, "the PDF is encrypted and needs a password") from exc
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
        if not pdf.is_extractable:
            raise EncryptedPdfError(path, "the PDF forbids text extraction")
        for index, page in enumerate(pages):
            number = index + 1
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    layout, dim, images, _chars, htext, vtext, rotation = handler._get_layout(page)
                    parser.prepare_page_parse(
                        str(path), layout, dim, number, images, htext, vtext, rotation, layout_kwargs={}
                    )
                    tables = parser.extract_tables() if htext else []
            except PDFPasswordIncorrect as exc:
                raise EncryptedPdfError(path, "the PDF is encrypted and needs a password") from exc
            except BudgetInputError:
                raise
            except Exception as exc:
                raise CorruptPdfError(path, f"cannot read page ({_short(exc)})", page=number) from exc
            grids = sorted(
                (_grid_from_camelot(t, number) for t in tables if t.cells and t.cells[0]),
                key=lambda g: -g.bbox[3],
            )
            lines = _text_lines(htext)
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
            )


def read_pages(path: str | Path, progress: Callable[[int], None] | None = None) -> list[PageContent]:
    """All pages of ``path``; a PDF without any text is rejected as a scan.

    ``progress`` is called with each page number as it is read.
    """
    pages = []
    for page in iter_pages(path):
        pages.append(page)
        if progress is not None:
            progress(page.number)
    if not any(p.lines for p in pages):
        raise NoTextLayerError(path, "no text layer on any page (a scanned document? run OCR first)")
    return pages


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]
