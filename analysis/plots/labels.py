"""Labels that never overlap: a label that does not fit is shortened, numbered, or left out — and keyed.

:func:`place` draws the first of several candidate texts that fits its space
and overlaps no label already placed; charts then list what they could not
label in full in a key (:func:`key_legend`).  :func:`text_overlaps` finds any
two texts of a figure that overlap, for checking a chart.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Iterable

from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

ELLIPSIS = "…"


def shortened(name: str, lengths: Iterable[int] = (12, 8, 5)) -> list[str]:
    """``name`` cut to each of ``lengths`` characters (with …), longest first; only the cuts that shorten it."""
    return [name[: n - 1] + ELLIPSIS for n in lengths if len(name) > n]


def wrapped(name: str, lines: Iterable[int] = (2, 3)) -> list[str]:
    """``name`` broken into 2 (then 3) lines of about equal length: at spaces for English, anywhere for Chinese."""
    out = []
    for count in lines:
        width = math.ceil(len(name) / count)
        if width < 2 or len(name) <= width:
            continue
        if " " in name:
            parts = textwrap.wrap(name, width=width, break_long_words=False)
        else:
            parts = [name[i : i + width] for i in range(0, len(name), width)]
        if 1 < len(parts) <= count:
            out.append("\n".join(parts))
    return out


def extent(text: Text) -> Bbox:
    """The drawn box of a text, in display pixels."""
    return text.get_window_extent()


def inside(inner: Bbox, outer: Bbox, pad: float = 2.0) -> bool:
    return (
        inner.x0 >= outer.x0 + pad
        and inner.x1 <= outer.x1 - pad
        and inner.y0 >= outer.y0 + pad
        and inner.y1 <= outer.y1 - pad
    )


def overlaps(a: Bbox, b: Bbox, pad: float = 1.0) -> bool:
    return a.x0 < b.x1 + pad and b.x0 < a.x1 + pad and a.y0 < b.y1 + pad and b.y0 < a.y1 + pad


def place(
    ax,
    x: float,
    y: float,
    candidates: list[tuple[str, float]],
    fits: Callable[[Bbox], bool],
    placed: list[Bbox],
    **style,
) -> int | None:
    """Draw the first ``(text, fontsize)`` candidate whose box ``fits`` and overlaps nothing in ``placed``.

    Returns the index of the candidate drawn (its box is added to ``placed``), or ``None`` when none fits.
    """
    for index, (content, size) in enumerate(candidates):
        text = ax.text(x, y, content, fontsize=size, **style)
        box = extent(text)
        if fits(box) and not any(overlaps(box, other) for other in placed):
            placed.append(box)
            return index
        text.remove()
    return None


def key_legend(fig: Figure, handles: list, labels: list[str], title: str, top: float, height: float, ncol: int = 2):
    """A key of what the chart could not label in full, below the plot (``top``/``height``: figure fractions)."""
    if not labels:
        return None
    return fig.legend(
        handles,
        labels,
        title=title,
        loc="upper left",
        bbox_to_anchor=(0.02, top - height, 0.96, height),
        mode="expand",
        ncol=ncol,
        frameon=False,
        fontsize=8,
        title_fontsize=9,
        alignment="left",
    )


def drawn_texts(fig: Figure) -> list[Text]:
    """Every text a figure draws: titles, labels, tick labels in view, annotations, legend entries."""
    texts: list[Text] = list(fig.texts)
    for legend in fig.legends:
        texts += [legend.get_title(), *legend.get_texts()]
    for ax in fig.axes:
        if not ax.get_visible():
            continue
        texts += [ax.title, *ax.texts]
        if not ax.axison:  # axis("off"): no ticks, no axis labels drawn
            axes_parts = ()
        else:
            texts += [ax.xaxis.label, ax.yaxis.label]
            axes_parts = (ax.xaxis, ax.yaxis)
        for axis in axes_parts:
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks():
                if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    texts += [t for t in (tick.label1, tick.label2) if t.get_visible()]
        legend = ax.get_legend()
        if legend is not None:
            texts += [legend.get_title(), *legend.get_texts()]
    return [t for t in texts if t.get_visible() and t.get_text().strip()]


def text_overlaps(fig: Figure) -> list[tuple[str, str]]:
    """Pairs of texts of ``fig`` whose drawn boxes overlap (empty for a readable chart)."""
    fig.canvas.draw()
    texts = drawn_texts(fig)
    boxes = [extent(t) for t in texts]
    pairs = []
    for i in range(len(texts)):
        for j in range(i + 1, len(texts)):
            if overlaps(boxes[i], boxes[j], pad=-1.0):
                pairs.append((texts[i].get_text(), texts[j].get_text()))
    return pairs
