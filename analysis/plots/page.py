"""The printed page as an image, with where a row is printed marked on it.

A page is rendered with PDFium (``pypdfium2``) as the PDF prints it (its
rotation applied), at ``scale`` pixels per PDF point, and the boxes given are
drawn on it as a highlighter would: a translucent yellow band with a red
outline.  Boxes are in the coordinates the extraction records
(:attr:`analysis.model.Table.cell_boxes`): PDF points, y growing upwards from
the bottom edge of the page as displayed.  The PNG is written with a small
palette, so a page costs tens of kilobytes in a notebook or a report.
"""

from __future__ import annotations

import base64
import html
import io
import os
from dataclasses import dataclass

from ..model import Table

#: pixels per PDF point: 1.5 (108 dpi) prints 9-point table text about 13 pixels high
SCALE = 1.5
#: colours of the PNG's palette: black type, greys of rulings and shading, the mark's yellow and red
PALETTE_COLOURS = 32
MARK_FILL = (255, 214, 0, 90)
MARK_OUTLINE = (214, 0, 28, 255)
#: blank paper kept around what is printed when a page is trimmed (points)
MARGIN = 14

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageImage:
    """One rendered page: the PNG and what it shows."""

    png: bytes
    width: int
    height: int
    #: 1-based page number in ``source``
    page: int
    source: str
    #: the marked boxes, in pixels of the image (left, top, right, bottom)
    marks: tuple[tuple[int, int, int, int], ...] = ()

    def _repr_png_(self) -> bytes:
        return self.png

    def data_uri(self) -> str:
        return "data:image/png;base64," + base64.b64encode(self.png).decode()

    def html(self, alt: str = "", css: str = "") -> str:
        """An ``<img>`` with the PNG embedded (shown at its own size, never wider than the column)."""
        style = f"max-width:100%;height:auto;border:1px solid #bbb;{css}"
        return (
            f'<img class="printed-page" alt="{html.escape(alt or f"p.{self.page} of {self.source}")}" '
            f'width="{self.width}" height="{self.height}" style="{style}" src="{self.data_uri()}">'
        )


def union(boxes) -> Box | None:
    """The smallest box holding every known box of ``boxes`` (``None`` when none is known)."""
    known = [b for b in boxes if b is not None and b == b]
    if not known:
        return None
    return (min(b[0] for b in known), min(b[1] for b in known), max(b[2] for b in known), max(b[3] for b in known))


def row_box(table: Table, row: int, page: int | None = None) -> tuple[int | None, Box | None]:
    """Where body row ``row`` of ``table`` is printed: its page and the union of its cells' boxes there.

    A row continued over two pages is marked on ``page`` (default: the page of its first cell with a
    recorded box).  ``(page, None)`` when the extraction records no box for the row (a key–value form).
    """
    if row is None or row >= len(table.df):
        return page, None
    pages = table.cell_pages.iloc[row].tolist() if not table.cell_pages.empty else []
    boxes = table.cell_boxes.iloc[row].tolist() if table.cell_boxes is not None else [None] * len(pages)
    cells = [(p, b) for p, b in zip(pages, boxes, strict=False) if p == p and p is not None]
    if page is None:
        page = next((int(p) for p, b in cells if b is not None), int(cells[0][0]) if cells else None)
    return page, union(b for p, b in cells if p == page)


def row_pages(table: Table, row: int) -> list[int]:
    """The pages body row ``row`` of ``table`` is printed on, in order (a wide table printed in parts
    carries one row over several pages)."""
    if row is None or row >= len(table.df) or table.cell_pages.empty:
        return []
    return sorted({int(p) for p in table.cell_pages.iloc[row].tolist() if p is not None and p == p})


def _displayed(x: float, y: float, mediabox: Box, rotation: int) -> tuple[float, float]:
    """A point of the PDF's own space in the space of the page as displayed (as the extraction reads it)."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return y - y0, x1 - x
    if rotation == 180:
        return x1 - x, y1 - y
    if rotation == 270:
        return y1 - y, x - x0
    return x - x0, y - y0


def render_page(
    pdf: str | os.PathLike, page: int, boxes=(), scale: float = SCALE, padding: float = 1.5, trim: bool = True
) -> PageImage:
    """Page ``page`` (1-based) of ``pdf`` as a :class:`PageImage`, each of ``boxes`` marked on it.

    ``padding`` (points) widens each mark a little, so that its outline does not cover the rulings;
    ``trim``: leave out the blank paper around what is printed (a margin of :data:`MARGIN` points kept).
    """
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageOps

    document = pdfium.PdfDocument(str(pdf))
    try:
        sheet = document[page - 1]
        rotation = sheet.get_rotation()
        mediabox, cropbox = sheet.get_mediabox(), sheet.get_cropbox()
        image = sheet.render(scale=scale).to_pil().convert("RGBA")
        sheet.close()
    finally:
        document.close()
    corners = [_displayed(x, y, mediabox, rotation) for x in cropbox[0::2] for y in cropbox[1::2]]
    left, top = min(c[0] for c in corners), max(c[1] for c in corners)
    marks = []
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for box in boxes:
        if box is None:
            continue
        x0, y0, x1, y1 = box
        pixels = (
            round((x0 - padding - left) * scale),
            round((top - y1 - padding) * scale),
            round((x1 + padding - left) * scale),
            round((top - y0 + padding) * scale),
        )
        draw.rectangle(pixels, fill=MARK_FILL, outline=MARK_OUTLINE, width=max(2, round(scale * 1.5)))
        marks.append(pixels)
    image = Image.alpha_composite(image, overlay).convert("RGB")
    printed = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 12 else 0).getbbox() if trim else None
    if printed:
        margin = round(MARGIN * scale)
        left_px, top_px = max(0, printed[0] - margin), max(0, printed[1] - margin)
        right_px, bottom_px = min(image.width, printed[2] + margin), min(image.height, printed[3] + margin)
        image = image.crop((left_px, top_px, right_px, bottom_px))
        marks = [(m[0] - left_px, m[1] - top_px, m[2] - left_px, m[3] - top_px) for m in marks]
    buffer = io.BytesIO()
    image.quantize(colors=PALETTE_COLOURS).save(buffer, format="PNG", optimize=True)
    name = os.path.basename(os.fspath(pdf))
    return PageImage(buffer.getvalue(), image.width, image.height, page, name, tuple(marks))
