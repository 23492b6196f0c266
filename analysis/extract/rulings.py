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
"""

from __future__ import annotations

from itertools import pairwise

from playa.miner import LTCurve, LTLine, LTRect

#: a filled path at most this thick (points) is a rule (camelot's own bound for thin rectangles)
THIN = 1.5
#: points of slack for a segment to count as horizontal or vertical
AXIS_TOL = 0.5


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


def curve_rulings(layout) -> list[LTLine]:
    """The rulings that ``layout`` draws as general paths (``LTCurve`` that are not lines or rectangles)."""
    out: list[LTLine] = []
    for obj in _walk(layout):
        if not isinstance(obj, LTCurve) or isinstance(obj, (LTLine, LTRect)):
            continue
        width, height = obj.x1 - obj.x0, obj.y1 - obj.y0
        if getattr(obj, "fill", False) and not getattr(obj, "stroke", False):
            if min(width, height) <= THIN < max(width, height):
                if width >= height:
                    y = (obj.y0 + obj.y1) / 2
                    out.append(_line(obj.x0, y, obj.x1, y, height))
                else:
                    x = (obj.x0 + obj.x1) / 2
                    out.append(_line(x, obj.y0, x, obj.y1, width))
            continue
        if getattr(obj, "stroke", False):
            points = list(getattr(obj, "pts", []) or [])
            for (ax, ay), (bx, by) in pairwise(points):
                horizontal = abs(ay - by) <= AXIS_TOL and abs(ax - bx) > THIN
                vertical = abs(ax - bx) <= AXIS_TOL and abs(ay - by) > THIN
                if horizontal or vertical:
                    out.append(_line(ax, ay, bx, by if vertical else ay, getattr(obj, "linewidth", 1.0)))
    return out
