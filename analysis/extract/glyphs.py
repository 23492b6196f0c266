"""Glyph boxes of fonts whose vertical metrics are missing, put back on their baseline.

A glyph's box is computed from its font's ascent and descent.  Some embedded
fonts (seen with digit fonts of Founder typesetting) declare no ascent, so the
box of every glyph hangs *below* its baseline: the digits of a table row then
sit half a row lower than the names printed beside them, and a ruled grid puts
them in the next row.  Such a box is recognisable on its own — it ends at or
below the baseline the glyph is drawn on — and is replaced by a box of the
usual proportions around that baseline.  Glyphs with sound metrics are left as
they are.

A glyph decoding to a control character prints no character (a space some
producers map to U+007F): it is read as a blank.
"""

from __future__ import annotations

import re
import unicodedata

from ..text import HAN_RE, squash

#: a box whose top is less than this share of the type size above the baseline has no ascent
MIN_ASCENT = 0.3
#: the box given instead: descent and ascent as shares of the type size
DESCENT, ASCENT = 0.2, 0.8


def blank_control_glyphs(glyphs) -> int:
    """Read each glyph decoding to a control character as a blank, so that it neither ends a title (``2026年度支出
    预算总表\x7f``) nor sits in a name or an amount.  Returns how many were blanked."""
    blanked = 0
    for glyph in glyphs:
        text = glyph.get_text()
        if len(text) == 1 and text not in "\t\n\r" and unicodedata.category(text) == "Cc":
            glyph._text = " "
            blanked += 1
    return blanked


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


def _glyphs(line) -> list:
    return [c for c in getattr(line, "_objs", []) if hasattr(c, "y0") and c.get_text().strip()]


def _baseline_of(line) -> float | None:
    glyphs = _glyphs(line)
    baselines = [_baseline(c) for c in glyphs]
    if not glyphs or any(b is None for b in baselines):
        return None
    return sorted(baselines)[len(baselines) // 2]


def merge_baseline_pieces(horizontal, vertical) -> tuple[list, list]:
    """Pieces of one printed line that pdfminer split, joined back into one horizontal line.

    A line is split where its pieces come in different fonts or text objects:
    ``2026`` | ``年部门收支总体情况表``, ``单位`` | ``:`` | ``万元``, ``109`` | ``,7`` |
    ``03.00``; a piece of a glyph or two can even be taken for vertical text
    (``公`` of ``公开 04 表``).  Pieces on one baseline that touch (a gap of at
    most :data:`JOIN_GAP` of the type size) are one line: their glyphs are moved
    into the leftmost piece, so cell text keeps its reading order.  A "vertical"
    line whose glyphs all sit on one baseline is such a piece.  Returns the
    horizontal and vertical lines that remain.
    """
    pieces = list(horizontal)
    kept_vertical = []
    for vline in vertical:
        glyphs = _glyphs(vline)
        baselines = [_baseline(c) for c in glyphs]
        size = max((c.y1 - c.y0 for c in glyphs), default=0)
        if glyphs and None not in baselines and max(baselines) - min(baselines) <= 0.2 * size:
            pieces.append(vline)
        else:
            kept_vertical.append(vline)
    keyed = []
    for piece in pieces:
        baseline = _baseline_of(piece)
        if baseline is None:
            keyed.append((None, piece))
            continue
        keyed.append((baseline, piece))
    out = [p for b, p in keyed if b is None]
    keyed = sorted(((b, p) for b, p in keyed if b is not None), key=lambda bp: (bp[0], bp[1].x0))
    groups: list[list] = []
    for baseline, piece in keyed:
        size = max(piece.y1 - piece.y0, 1.0)
        if groups and abs(groups[-1][0][0] - baseline) <= 0.2 * size:
            groups[-1].append((baseline, piece))
        else:
            groups.append([(baseline, piece)])
    for group in groups:
        group.sort(key=lambda bp: bp[1].x0)
        current = group[0][1]
        merged = [current]
        for _, piece in group[1:]:
            size = max(current.y1 - current.y0, piece.y1 - piece.y0)
            gap = piece.x0 - current.x1
            if -0.5 * size <= gap <= JOIN_GAP * size and _glyphs(piece):
                _absorb(current, piece, gap > SPACE_GAP * size and _latin_meet(current, piece))
            else:
                current = piece
                merged.append(current)
        out.extend(merged)
    return [p for p in out if p not in kept_vertical], kept_vertical


#: pieces of a line at most this far apart (share of the type size) are one line
JOIN_GAP = 0.35
#: and a gap wider than this is printed as a space
SPACE_GAP = 0.25


def _latin_meet(left, right) -> bool:
    """Two Latin letters or digits meet at the join (Chinese takes no space between pieces)."""
    a, b = _glyphs(left)[-1].get_text(), _glyphs(right)[0].get_text()
    return a.isascii() and a.isalnum() and b.isascii() and b.isalnum()


def _absorb(line, piece, space: bool) -> None:
    from playa.miner import LTAnno

    objs = list(line._objs)
    tail = []
    while objs and not hasattr(objs[-1], "y0"):  # the trailing newline
        tail.insert(0, objs.pop())
    glyphs = [o for o in piece._objs if hasattr(o, "y0")]
    line._objs[:] = objs + ([LTAnno(" ")] if space else []) + glyphs + (tail or [LTAnno("\n")])
    line.set_bbox((min(line.x0, piece.x0), min(line.y0, piece.y0), max(line.x1, piece.x1), max(line.y1, piece.y1)))


# -- cells pdfminer joined --------------------------------------------------------------------------------------

#: an amount ending a piece of a line, a blank after it
_AMOUNT_END_RE = re.compile(r"(?:^|\s)-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{1,4}\s$")
#: a Chinese character opening the next cell's name (:data:`HAN_RE`) that is not a figure's own unit (万元, 元, 亿元)
_UNIT_START_RE = re.compile(r"[万亿千百元]")


#: a classification code ending a piece of a line, a blank after it (201, 20101, 2010101)
_CODE_END_RE = re.compile(r"(?:^|\s)(?:\d{3}|\d{5}|\d{7})\s$")
#: a heading of its own over a column of codes (科目编码, 功能分类科目编码, 项目代码)
_CODE_HEADING_RE = re.compile(r"^[\u4e00-\u9fff]{0,8}(?:编码|代码)$")


def split_cells(lines) -> list:
    """Horizontal lines holding an amount (or a classification code, under a heading of its own) and, after a
    blank, the next cell's Chinese name, each split in two.

    A cell's right-aligned amount may stand so close before the next cell's name that pdfminer makes one line of
    them (``427,330.27 一、一般公共服务支出``: a sheet printed without borders, 2 pt apart): the amount is then no
    amount to the page's evidence and no column's to the unruled tables' reader. A code typed as a number is
    right-aligned as figures are (``201 一般公共服务支出``): it is split off only where the page prints a code
    heading of its own (科目编码) over the code and not over the name — a code and a name printed in one cell
    (``236 中央高校…``) stay one line. A figure followed by its unit (``1,234.56 万元``) stays one line, as does every
    line of one piece."""
    headings = [(line.x0, line.x1) for line in lines if _CODE_HEADING_RE.match(squash(line.get_text()))]
    out = []
    for line in lines:
        out.extend(_cells_of(line, headings))
    return out


def _under(headings: list[tuple[float, float]], start: float, end: float, name) -> bool:
    """A code heading's extent overlaps the code (printed from ``start`` to ``end``) and ends before the name."""
    return any(x0 <= end and start <= x1 and x1 < name.x0 for x0, x1 in headings)


def _cells_of(line, headings: list[tuple[float, float]] = ()) -> list:
    from playa.miner import LTAnno, LTTextLineHorizontal

    objs = list(getattr(line, "_objs", ()))
    cuts, text, last, digits = [], "", None, None
    for k, obj in enumerate(objs):
        ch = obj.get_text()
        if (
            hasattr(obj, "x0")
            and last is not None
            and HAN_RE.match(ch)
            and not _UNIT_START_RE.match(ch)
            and (
                _AMOUNT_END_RE.search(text[-24:])
                or (
                    headings
                    and digits is not None
                    and _CODE_END_RE.search(text[-24:])
                    and _under(headings, digits, last.x1, obj)
                )
            )
        ):
            cuts.append(k)
            text = ""
        text += ch
        if hasattr(obj, "x0") and ch.strip():
            # (where the run of digits ending here began: a code's first glyph)
            digits = (digits if last is not None and last.get_text().isdigit() else obj.x0) if ch.isdigit() else None
            last = obj
    if not cuts:
        return [line]
    pieces = []
    for start, stop in zip([0, *cuts], [*cuts, len(objs)], strict=True):
        glyphs = [o for o in objs[start:stop] if hasattr(o, "x0")]
        while glyphs and not glyphs[-1].get_text().strip():
            glyphs.pop()
        if not glyphs:
            continue
        piece = LTTextLineHorizontal(getattr(line, "word_margin", 0.1))
        for glyph in glyphs:
            piece.add(glyph)
        piece._objs.append(LTAnno("\n"))
        pieces.append(piece)
    return pieces
