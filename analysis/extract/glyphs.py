"""Glyph boxes of fonts whose vertical metrics are missing, put back on their baseline.

A glyph's box is computed from its font's ascent and descent.  Some embedded
fonts (seen with digit fonts of Founder typesetting) declare no ascent, so the
box of every glyph hangs *below* its baseline: the digits of a table row then
sit half a row lower than the names printed beside them, and a ruled grid puts
them in the next row.  Such a box is recognisable on its own — it ends at or
below the baseline the glyph is drawn on — and is replaced by a box of the
usual proportions around that baseline.  Glyphs with sound metrics are left as
they are.
"""

from __future__ import annotations

#: a box whose top is less than this share of the type size above the baseline has no ascent
MIN_ASCENT = 0.3
#: the box given instead: descent and ascent as shares of the type size
DESCENT, ASCENT = 0.2, 0.8


def _baseline(char) -> float | None:
    matrix = getattr(char, "matrix", None)
    if not matrix or matrix[1] or matrix[2]:  # rotated or skewed text: left alone
        return None
    return float(matrix[5])


def fix_vertical_metrics(text_lines) -> int:
    """Re-box the glyphs of ``text_lines`` (pdfminer-style horizontal lines) that hang below their baseline.

    Returns how many lines were changed.  Each changed line's box is the union
    of its glyphs' boxes again.
    """
    changed = 0
    for line in text_lines:
        chars = [c for c in getattr(line, "_objs", []) if hasattr(c, "matrix")]
        moved = False
        for char in chars:
            baseline = _baseline(char)
            size = char.y1 - char.y0
            if baseline is None or size <= 0:
                continue
            if char.y1 - baseline < MIN_ASCENT * size:
                char.set_bbox((char.x0, baseline - DESCENT * size, char.x1, baseline + ASCENT * size))
                moved = True
        if moved:
            boxes = [c for c in getattr(line, "_objs", []) if hasattr(c, "y0")]
            line.set_bbox(
                (
                    min(c.x0 for c in boxes),
                    min(c.y0 for c in boxes),
                    max(c.x1 for c in boxes),
                    max(c.y1 for c in boxes),
                )
            )
            changed += 1
    return changed
