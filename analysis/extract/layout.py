"""A page laid out as camelot lays it out, with the glyphs of a watermark left out first.

A watermark printed as text (某某市财政局 or 公开 drawn large, light and usually at an angle across the
page) is glyphs like any other to the layout: pdfminer's rule joins two glyphs into one text line when
the gap between them is under ``char_margin`` times the larger one's width, so a 60 pt glyph chains a
table row's name and amounts into one line, and one cell. Such glyphs are recognised on the page itself
and left out before the page is laid out:

- glyphs drawn at an angle to the page's text (at least :data:`MIN_ANGLE` degrees off it, whatever
  multiple of 90° the text runs at) — a scan's text layer, skewed a degree or two, is not;
- glyphs set far larger than the page's text (:data:`LARGE`) that are drawn over it, and every glyph of
  their size and font on the page (the part of a watermark that falls on blank paper) — a title, however
  large, is drawn over no text.

What was left out is returned with the layout, for the page's problems: text is never dropped unsaid.  A glyph
drawn twice at the same place (bold emulated by overprinting) is kept once: nothing printed is lost.
"""

from __future__ import annotations

import math
import statistics
from typing import NamedTuple

#: degrees a glyph's baseline must turn away from the page's text to be a watermark's
MIN_ANGLE = 10.0
#: times the page's median glyph size from which a glyph drawn over the page's text is a watermark's
LARGE = 2.5
#: camelot's layout parameters (``camelot.utils.get_page_layout``), which the readers' tables expect — but for
#: ``boxes_flow``: no reader uses the order of pdfminer's text boxes (cells and lines are placed by their
#: coordinates), and ordering them hierarchically took 1.15 s of the 2.7 s the sample took to read
LAYOUT_DEFAULTS = dict(
    line_overlap=0.5,
    char_margin=1.0,
    line_margin=0.5,
    word_margin=0.1,
    boxes_flow=None,
    detect_vertical=True,
    all_texts=True,
)


class PageLayout(NamedTuple):
    """camelot's ``_get_layout`` result, and the watermark's text left out of it ("" when none)."""

    layout: object
    dim: tuple[float, float]
    images: list
    chars: list
    htext: list
    vtext: list
    rotation: str
    watermark: str
    #: the part of the page a viewer shows and a printer prints (its CropBox), in the layout's coordinates
    visible: tuple[float, float, float, float]

    @property
    def camelot(self) -> tuple:
        """The seven values camelot's parsers take (``PDFHandler._get_layout``'s result)."""
        return tuple(self)[:7]


def page_layout(page, **layout_kwargs) -> PageLayout:
    """Lay ``page`` (a playa page) out as ``camelot.handlers.PDFHandler._get_layout`` does, watermark left out.

    A page whose text runs sideways is turned back (its initial transformation changed), as camelot does.
    """
    from camelot.utils import get_image_char_and_text_objects, get_rotation

    layout, dim, watermark = _analysed(page, layout_kwargs)
    images, chars, htext, vtext = get_image_char_and_text_objects(layout)
    rotation = get_rotation(chars, htext, vtext)
    if rotation:
        page.set_initial_ctm(page.space, page.rotate + (-90 if rotation == "clockwise" else 90))
        layout, dim, watermark = _analysed(page, layout_kwargs)
        images, chars, htext, vtext = get_image_char_and_text_objects(layout)
    return PageLayout(layout, dim, images, chars, htext, vtext, rotation, watermark, _visible(page, dim))


def _visible(page, dim) -> tuple[float, float, float, float]:
    """The page's CropBox (within its MediaBox) where the layout puts it: the area a viewer shows."""
    from playa.utils import apply_matrix_pt

    media, crop = page.mediabox, page.cropbox or page.mediabox
    box = (max(crop[0], media[0]), max(crop[1], media[1]), min(crop[2], media[2]), min(crop[3], media[3]))
    (ax, ay), (bx, by) = (apply_matrix_pt(page.ctm, (box[0], box[1])), apply_matrix_pt(page.ctm, (box[2], box[3])))
    width, height = float(dim[0]), float(dim[1])
    return max(0.0, min(ax, bx)), max(0.0, min(ay, by)), min(width, max(ax, bx)), min(height, max(ay, by))


def _analysed(page, layout_kwargs: dict):
    import playa.miner as pm
    from camelot.utils import get_char_objects

    ltpage = pm.extract_page(page, None)
    glyphs = get_char_objects(ltpage)
    marks = watermark_glyphs(glyphs)
    twice = overprinted_glyphs(glyphs)
    if marks or twice:
        _remove(ltpage, {id(g) for g in marks + twice})
    ltpage.analyze(pm.LAParams(**{**LAYOUT_DEFAULTS, **layout_kwargs}))
    return ltpage, (ltpage.bbox[2], ltpage.bbox[3]), "".join(g.get_text() for g in marks)


#: points (at most; a quarter of the type size for small type) within which a glyph drawn again is the same glyph
OVERPRINT_TOL = 1.0


def overprinted_glyphs(glyphs: list) -> list:
    """The glyphs that repeat one drawn before them at (nearly) the same place: the same character, size and
    baseline, shifted less than :data:`OVERPRINT_TOL` — bold emulated by printing a glyph twice, a fraction of a
    point apart (as some HTML-to-PDF converters and printer drivers set CJK text that has no bold face).  Laid
    out as drawn, every such character would be read twice (``合计合计``); two printed characters stand at least
    a glyph's width apart."""
    # by character, then across the page: a glyph's copies are its neighbours in that order
    order = sorted(range(len(glyphs)), key=lambda i: (glyphs[i].get_text(), glyphs[i].x0))
    twice: set[int] = set()
    for k in range(1, len(order)):
        g = glyphs[order[k]]
        text, tol = g.get_text(), min(OVERPRINT_TOL, 0.25 * g.size)
        j = k - 1
        while j >= 0:
            h = glyphs[order[j]]
            if h.get_text() != text or g.x0 - h.x0 > tol:
                break
            if abs(h.y0 - g.y0) <= tol and abs(h.size - g.size) <= 0.1 and text.strip():
                twice.add(max(order[j], order[k]))  # the one drawn later is the copy
            j -= 1
    return [glyphs[i] for i in sorted(twice)]


def _remove(container, ids: set[int]) -> None:
    from playa.miner import LTContainer

    container._objs = [o for o in container._objs if id(o) not in ids]
    for obj in container._objs:
        if isinstance(obj, LTContainer):
            _remove(obj, ids)


def _angle(glyph) -> float:
    """The direction of the glyph's baseline, in degrees modulo 90 (0 for text running along either axis)."""
    a, b = glyph.matrix[0], glyph.matrix[1]
    return math.degrees(math.atan2(b, a)) % 90.0 if a and b else 0.0


def _text_angle(angles: list[float]) -> float:
    """The direction most glyphs run at, modulo 90° (the mean of their ``angles`` on the circle of 90°)."""
    turns = [math.radians(angle) * 4 for angle in angles]
    mean = math.atan2(sum(map(math.sin, turns)), sum(map(math.cos, turns)))
    return math.degrees(mean) / 4 % 90.0


def _turn(angle: float, towards: float) -> float:
    """How far ``angle`` is from ``towards``, both modulo 90°."""
    d = abs(angle - towards) % 90.0
    return min(d, 90.0 - d)


def watermark_glyphs(glyphs: list) -> list:
    """The glyphs of ``glyphs`` (one page's, pdfminer ``LTChar``) that are a watermark's (module docstring)."""
    glyphs = [g for g in glyphs if g.get_text().strip()]
    if len(glyphs) < 2:
        return []
    angles = [_angle(g) for g in glyphs]
    text_angle = _text_angle(angles) if any(angles) else 0.0
    turned = {id(g) for g, angle in zip(glyphs, angles, strict=True) if _turn(angle, text_angle) >= MIN_ANGLE}
    upright = [g for g in glyphs if id(g) not in turned]
    marks = set(turned)
    if upright:
        size = statistics.median(g.size for g in upright)
        large = [g for g in upright if size > 0 and g.size >= LARGE * size]
        kinds = {_kind(g) for g in large if _over_text(g, upright)}
        marks |= {id(g) for g in upright if _kind(g) in kinds}
    return [g for g in glyphs if id(g) in marks]


def _kind(glyph) -> tuple:
    return glyph.fontname, round(glyph.size, 1)


def _over_text(big, glyphs: list) -> bool:
    """Whether a glyph far smaller than ``big`` is drawn inside ``big``'s box (its centre within it)."""
    for g in glyphs:
        if g.size * LARGE <= big.size:
            x, y = (g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2
            if big.x0 < x < big.x1 and big.y0 < y < big.y1:
                return True
    return False
