"""Table rulings drawn as curves (general path objects), as lines camelot's vector lattice reads.

camelot's vector engine reads ruled lines from stroked lines, stroked
rectangles and thin filled rectangles.  Some producers draw the same rulings as
general paths: a thin filled polygon per rule (a rectangle with one corner cut,
five points), or a stroked polyline running along several cell borders.  Each
such path is turned into the straight lines it draws:

* a filled path whose bounding box is thin (at most :data:`THIN` points across)
  is one rule along its long axis;
* a stroked path is the axis-parallel segments between its consecutive points
  (a diagonal segment is not a ruling and is left out).

Nothing else is added: text, images and wide filled areas (cell shading) stay
as they are.

A stroked path or rectangle lying within one glyph's box is that glyph drawn
again as an outline (bold emulated by stroking the text, or text converted to
outlines over its own copy): it is no ruling, and :func:`vector_layout` leaves
it out of what the vector lattice reads.
"""

from __future__ import annotations

from itertools import pairwise

from playa.miner import LTCurve, LTLine, LTRect

#: a filled path at most this thick (points) is a rule (camelot's own bound for thin rectangles)
THIN = 1.5
#: a filled rectangle thicker than :data:`THIN` is still a rule (Excel's thick border, 2.25 pt) when at most this
#: share of the page's text height (its median glyph) thick and :data:`BAND_LENGTH` times as long: a cell's
#: shading is a row tall
BAND_SHARE = 0.45
BAND_LENGTH = 8
#: points of slack for a segment to count as horizontal or vertical
AXIS_TOL = 0.5
#: camelot's vector engine joins collinear segments at most this far apart (``_LINE_COALESCE_TOL``) …
COALESCE_GAP = 2.0
#: … compared without slack, so a dashed rule drawn as separate segments exactly 2 pt apart is joined at some
#: gaps and broken at others (their ends differ by rounding): such chains are joined here, with this slack
GAP_SLACK = 0.05


def _walk(container):
    for obj in container:
        yield obj
        if hasattr(obj, "_objs"):
            yield from _walk(obj)


def _line(x0: float, y0: float, x1: float, y1: float, width: float) -> LTLine:
    line = LTLine()
    line.set_bbox((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
    line.pts = [(x0, y0), (x1, y1)]
    line.stroke, line.fill, line.linewidth = True, False, width
    return line


#: points of slack around a glyph's box for an outline drawn over it …
GLYPH_TOL = 0.6
#: … or this share of the glyph's size, when more: a glyph's outline reaches its font's ascent, above its box (an
#: em from the descent), and the stroke's half width beyond (a 16 pt title stroked as bold: 0.7 pt over)
GLYPH_SLACK = 0.08
#: side of the buckets glyph boxes are indexed by (points)
_BUCKET = 24.0


class GlyphBoxes:
    """The boxes of a page's glyphs, indexed for the question "does this path lie within one glyph?"."""

    def __init__(self, chars) -> None:
        self._buckets: dict[tuple[int, int], list[tuple[float, float, float, float]]] = {}
        for ch in chars:
            slack = max(GLYPH_TOL, GLYPH_SLACK * max(ch.x1 - ch.x0, ch.y1 - ch.y0))
            box = (ch.x0 - slack, ch.y0 - slack, ch.x1 + slack, ch.y1 + slack)
            for key in self._keys(box):
                self._buckets.setdefault(key, []).append(box)

    @staticmethod
    def _keys(box):
        x0, y0, x1, y1 = (int(v // _BUCKET) for v in box)
        return [(i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1)]

    def covers(self, obj) -> bool:
        """True when ``obj`` lies within the box of one glyph."""
        key = (int(obj.x0 // _BUCKET), int(obj.y0 // _BUCKET))
        return any(
            b[0] <= obj.x0 and obj.x1 <= b[2] and b[1] <= obj.y0 and obj.y1 <= b[3] for b in self._buckets.get(key, ())
        )


def is_glyph_outline(obj, glyphs: GlyphBoxes | None) -> bool:
    """A stroked path, line or rectangle drawn within one glyph's box: the glyph's outline, not a ruling."""
    return glyphs is not None and bool(getattr(obj, "stroke", False)) and glyphs.covers(obj)


def vector_layout(layout, chars):
    """What camelot's vector lattice reads on a page: ``layout`` with the rulings drawn as general paths
    added, and the outlines drawn over glyphs left out (the layout itself where there are none)."""
    objects = list(_walk(layout))
    # only a stroke no larger than the largest glyph can lie within one (a ruling runs along a cell)
    wide = max((ch.x1 - ch.x0 for ch in chars), default=0.0) * (1 + 2 * GLYPH_SLACK) + 2 * GLYPH_TOL
    tall = max((ch.y1 - ch.y0 for ch in chars), default=0.0) * (1 + 2 * GLYPH_SLACK) + 2 * GLYPH_TOL
    stroked = [
        obj
        for obj in objects
        if isinstance(obj, LTCurve)
        and getattr(obj, "stroke", False)
        and obj.x1 - obj.x0 <= wide
        and obj.y1 - obj.y0 <= tall
    ]
    glyphs = GlyphBoxes(chars) if stroked else None
    dropped = {id(obj) for obj in stroked if is_glyph_outline(obj, glyphs)}
    extra = curve_rulings(objects, glyphs)
    # a filled band too thick for camelot's thin rectangles (which it reads as two rules, a row apart): one rule
    heights = sorted(ch.y1 - ch.y0 for ch in chars)
    text_height = heights[len(heights) // 2] if heights else 0.0
    bands = [obj for obj in objects if isinstance(obj, LTRect) and _is_band(obj, text_height)]
    dropped |= {id(obj) for obj in bands}
    extra += [_axis_line(obj) for obj in bands]
    dashes, joined = dash_chains(objects)
    dropped |= dashes
    extra += joined
    if not dropped:
        return [layout, *extra] if extra else layout
    leaves = [obj for obj in objects if not hasattr(obj, "_objs") and id(obj) not in dropped]
    return leaves + extra


def dash_chains(objects) -> tuple[set[int], list[LTLine]]:
    """Collinear stroked segments drawn about camelot's joining gap apart (within :data:`GAP_SLACK` of it), as
    one line each chain: ``(ids of the segments, the lines)``. Chains whose gaps are all clearly below it are
    left to camelot, which joins them alike."""
    runs: dict[tuple[bool, float], list] = {}
    for obj in objects:
        if isinstance(obj, LTLine) and getattr(obj, "stroke", True):
            width, height = obj.x1 - obj.x0, obj.y1 - obj.y0
            if height <= AXIS_TOL < width:
                runs.setdefault((True, round((obj.y0 + obj.y1) / 2, 1)), []).append(obj)
            elif width <= AXIS_TOL < height:
                runs.setdefault((False, round((obj.x0 + obj.x1) / 2, 1)), []).append(obj)
    ids: set[int] = set()
    lines: list[LTLine] = []
    for (horizontal, const), segments in runs.items():
        if len(segments) < 2:
            continue
        spans = sorted((((o.x0, o.x1) if horizontal else (o.y0, o.y1), o) for o in segments), key=lambda p: p[0])
        chains: list[list] = []  # [segments, widest gap between them, start, end]
        for (lo, hi), obj in spans:
            if chains and lo - chains[-1][3] <= COALESCE_GAP + GAP_SLACK:
                chain = chains[-1]
                chain[0].append(obj)
                chain[1], chain[3] = max(chain[1], lo - chain[3]), max(chain[3], hi)
            else:
                chains.append([[obj], 0.0, lo, hi])
        for members, gap, lo, hi in chains:
            if len(members) > 1 and gap > COALESCE_GAP - GAP_SLACK:
                width = max(getattr(o, "linewidth", 1.0) or 0.0 for o in members)
                lines.append(_line(lo, const, hi, const, width) if horizontal else _line(const, lo, const, hi, width))
                ids |= {id(o) for o in members}
    return ids, lines


def horizontal_rules(ruled) -> list[tuple[float, float, float]]:
    """``(y, x0, x1)`` of the horizontal rules of a page's ruled layout (:func:`vector_layout`): stroked
    lines and thin rectangles at most :data:`THIN` points tall."""
    objects = ruled if isinstance(ruled, list) else [ruled]
    out = []
    for obj in (o for top in objects for o in ([top] if not hasattr(top, "_objs") else _walk(top))):
        if isinstance(obj, (LTLine, LTRect)) and obj.y1 - obj.y0 <= THIN and obj.x1 - obj.x0 > THIN:
            out.append(((obj.y0 + obj.y1) / 2, obj.x0, obj.x1))
    return out


def _is_band(obj, glyph_height: float) -> bool:
    """A filled rectangle thicker than :data:`THIN` but thin beside the text and long: a thick rule."""
    if not getattr(obj, "fill", False):
        return False
    thickness, length = sorted((obj.x1 - obj.x0, obj.y1 - obj.y0))
    return THIN < thickness <= BAND_SHARE * glyph_height and length >= BAND_LENGTH * thickness


def _axis_line(obj) -> LTLine:
    """The rule along a thin shape's long axis."""
    width, height = obj.x1 - obj.x0, obj.y1 - obj.y0
    if width >= height:
        y = (obj.y0 + obj.y1) / 2
        return _line(obj.x0, y, obj.x1, y, height)
    x = (obj.x0 + obj.x1) / 2
    return _line(x, obj.y0, x, obj.y1, width)


def curve_rulings(objects, glyphs: GlyphBoxes | None = None) -> list[LTLine]:
    """The rulings that a page's layout ``objects`` (all of them, nested ones too) draw as general paths
    (``LTCurve`` that are not lines or rectangles)."""
    out: list[LTLine] = []
    for obj in objects:
        if not isinstance(obj, LTCurve) or isinstance(obj, (LTLine, LTRect)) or is_glyph_outline(obj, glyphs):
            continue
        width, height = obj.x1 - obj.x0, obj.y1 - obj.y0
        if getattr(obj, "fill", False) and not getattr(obj, "stroke", False):
            if min(width, height) <= THIN < max(width, height):
                out.append(_axis_line(obj))
            continue
        if getattr(obj, "stroke", False):
            points = list(getattr(obj, "pts", []) or [])
            for (ax, ay), (bx, by) in pairwise(points):
                horizontal = abs(ay - by) <= AXIS_TOL and abs(ax - bx) > THIN
                vertical = abs(ax - bx) <= AXIS_TOL and abs(ay - by) > THIN
                if horizontal or vertical:
                    out.append(_line(ax, ay, bx, by if vertical else ay, getattr(obj, "linewidth", 1.0)))
    return out
