"""Treemap of expenditure by function code: every box labelled only where its label fits."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.transforms import Bbox

from .. import structure
from ..display import amount_text, percent_text
from ..model import Budget
from .common import LEVEL_EN, PALETTE, empty, label, setup
from .labels import inside, key_legend, place, shortened, wrapped

WIDTH = 10.0  # inches
TITLE_BAND = 0.5
TREE_HEIGHT = 5.4
CLASS_ROW = 0.28
KEY_ROW = 0.2


def squarify(values: list[float], x: float, y: float, w: float, h: float) -> list[tuple[float, float, float, float]]:
    """Squarified treemap rectangles (Bruls et al.) for ``values`` sorted descending."""
    total = sum(values)
    if not values or total <= 0:
        return []
    scale = w * h / total
    areas = [v * scale for v in values]
    rects: list[tuple[float, float, float, float]] = []

    def worst(row: list[float], side: float) -> float:
        s = sum(row)
        return max(max(side * side * r / (s * s), (s * s) / (side * side * r)) for r in row)

    while areas:
        side = min(w, h)
        row = [areas.pop(0)]
        while areas and worst([*row, areas[0]], side) <= worst(row, side):
            row.append(areas.pop(0))
        s = sum(row)
        if w >= h:  # lay the row out as a column on the left
            cw = s / h
            cy = y
            for a in row:
                rects.append((x, cy, cw, a / cw))
                cy += a / cw
            x, w = x + cw, w - cw
        else:  # as a row at the bottom
            rh = s / w
            cx = x
            for a in row:
                rects.append((cx, y, a / rh, rh))
                cx += a / rh
            y, h = y + rh, h - rh
    return rects


def _key_text(number: int, row, lang: str) -> str:
    name = label(row, lang)
    named = row.func_code if name == row.func_code else f"{row.func_code} {name}"
    return f"{number}  {named}  {amount_text(row.amount)} ({percent_text(row.share)})"


def _place_axes(fig: Figure, ax, height: float) -> None:
    """Keep the tree at its size in inches, under the title band, whatever the figure's height."""
    ax.set_position([0.01, 1 - (TITLE_BAND + TREE_HEIGHT) / height, 0.98, TREE_HEIGHT / height])


def treemap(budget: Budget, level: str = "项", scope: str = "gpb", lang: str = "zh") -> Figure:
    """Treemap of expenditure by function code, coloured by 类.

    A box shows its name, amount and share when they fit; otherwise a number
    (and as much of the name as fits), and the key under the chart gives the
    numbered boxes in full.  Nothing is drawn over a box's edge.
    """
    text = setup(lang)
    title = text["treemap"].format(scope=text[scope], level=LEVEL_EN[level] if lang == "en" else level)
    data = structure.by_function(budget, level, scope)
    data = data[data.amount > 0]
    if data.empty:
        return empty(text, title)
    classes = sorted({c[:3] for c in data.func_code})
    colours = dict(zip(classes, sns.color_palette(PALETTE, len(classes)), strict=True))
    class_rows = math.ceil(len(classes) / 4)
    height = TITLE_BAND + TREE_HEIGHT + 0.15 + CLASS_ROW * class_rows
    fig = plt.figure(figsize=(WIDTH, height))
    ax = fig.add_axes([0, 0, 1, 1])
    _place_axes(fig, ax, height)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 60)
    ax.axis("off")
    ax.set_title(title)
    rects = squarify([float(a) for a in data.amount], 0, 0, 100, 60)
    placed: list = []
    keyed: list[tuple[int, object]] = []
    for (x, y, w, h), row in zip(rects, data.itertuples(), strict=True):
        colour = colours[row.func_code[:3]]
        ax.add_patch(Rectangle((x, y), w, h, facecolor=colour, edgecolor="white", linewidth=2))
        corners = ax.transData.transform([(x, y), (x + w, y + h)])
        box = Bbox(corners)

        def fits(extent, box=box):
            return inside(extent, box, pad=3.0)

        name = label(row, lang)
        amount, share = amount_text(row.amount), percent_text(row.share)
        centre = {"ha": "center", "va": "center", "linespacing": 1.15}
        names = [name, *wrapped(name)]
        full = [(f"{name}\n{amount}\n{share}", 10)]
        full += [(f"{n}\n{amount}\n{share}", 8) for n in names] + [(f"{n}\n{amount}", 8) for n in names]
        if place(ax, x + w / 2, y + h / 2, full, fits, placed, **centre) is not None:
            continue
        number = len(keyed) + 1
        keyed.append((number, row))
        numbered = [(f"{number} {short}", 8) for short in [name, *shortened(name)]]
        numbered += [(str(number), 8), (str(number), 6)]
        place(ax, x + w / 2, y + h / 2, numbered, fits, placed, **centre)
    key_rows = math.ceil(len(keyed) / 2)
    total = height + (0.35 + KEY_ROW * key_rows if keyed else 0)
    fig.set_size_inches(WIDTH, total)
    _place_axes(fig, ax, total)
    names = structure.by_function(budget, "类", scope).set_index("func_code")
    handles = [Rectangle((0, 0), 1, 1, color=colours[c]) for c in classes]
    labels = [(names.name_en.get(c) if lang == "en" else names.name_zh.get(c)) or c for c in classes]
    class_top = 1 - (TITLE_BAND + TREE_HEIGHT + 0.05) / total
    fig.legend(
        handles,
        labels,
        loc="upper center",
        bbox_to_anchor=(0.5, class_top),
        ncol=min(4, len(classes)),
        frameon=False,
        fontsize=10,
    )
    key_top = 1 - (height + 0.05) / total
    key_legend(
        fig,
        [Rectangle((0, 0), 1, 1, color=colours[row.func_code[:3]]) for _, row in keyed],
        [_key_text(n, row, lang) for n, row in keyed],
        text["key"],
        key_top,
        key_top - 0.01,
    )
    return fig
