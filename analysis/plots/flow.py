"""Flow diagram: funding source → function 类 → economic class, band widths in 万元."""

from __future__ import annotations

import itertools
import math
from decimal import Decimal

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from .. import structure
from ..display import amount_text
from ..model import Budget
from ..reference import econ_classes
from .common import PALETTE, SOURCE_EN, empty, setup
from .labels import extent, inside, key_legend, place, shortened, wrapped

WIDTH = 11.0
TITLE_BAND = 0.5
PLOT_HEIGHT = 6.0
KEY_ROW = 0.2
STAGES = ("source", "function", "economic class")
NODE = "#555555"


def _english_names(budget: Budget) -> dict[str, str]:
    funcs = structure.by_function(budget, "类", "all")
    names = dict(zip(funcs.name_zh, funcs.name_en, strict=True))
    for r in econ_classes().itertuples():
        if len(r.code) == 3:
            names.setdefault(r.name_zh, r.name_en)
    return names


def _place_axes(ax, height: float) -> None:
    ax.set_position([0.01, 1 - (TITLE_BAND + PLOT_HEIGHT) / height, 0.98, PLOT_HEIGHT / height])


def flow(budget: Budget, lang: str = "zh") -> Figure:
    """Flow diagram: funding source → function 类 → economic class, band widths in 万元.

    A node shows its name and amount where they fit beside it without touching
    another label; otherwise a number (with as much of the name as fits), and
    the key under the chart gives the numbered nodes in full.
    """
    text = setup(lang)
    data = structure.flows(budget)
    if data.empty:
        return empty(text, text["flow"])
    english = _english_names(budget) if lang == "en" else {}

    def name(node: str) -> str:
        if lang != "en":
            return node
        return english.get(node) or SOURCE_EN.get(node) or structure.FUNDING_SOURCES_EN.get(node) or node

    stages = [
        list(dict.fromkeys(data[data.stage_from == "source"].source)),
        list(dict.fromkeys(data[data.stage_to == "function"].target)),
        list(dict.fromkeys(data[data.stage_to == "economic class"].target)),
    ]
    totals = []
    for k, nodes in enumerate(stages):
        sizes = {}
        for node in nodes:
            out = data[(data.source == node) & (data.stage_from == STAGES[k])]
            into = data[(data.target == node) & (data.stage_to == STAGES[k])]
            sizes[node] = max(sum(out.amount, Decimal(0)), sum(into.amount, Decimal(0)))
        totals.append(sizes)
    grand = float(max(sum(s.values(), Decimal(0)) for s in totals))
    gap = grand * 0.03
    height = TITLE_BAND + PLOT_HEIGHT + 0.1
    fig = plt.figure(figsize=(WIDTH, height))
    ax = fig.add_axes([0, 0, 1, 1])
    _place_axes(ax, height)
    ax.set_xlim(-0.8, 2.8)
    ax.set_ylim(grand + gap * (max(len(s) for s in stages) + 1), -gap)  # top to bottom
    ax.axis("off")
    ax.set_title(text["flow"])
    xs = [0.0, 1.0, 2.0]
    width = 0.08
    positions: list[dict[str, list[float]]] = []
    colours = dict(zip(stages[1], sns.color_palette(PALETTE, max(len(stages[1]), 1)), strict=False))
    anchors = []  # (size, stage, node, y centre)
    for k, nodes in enumerate(stages):
        y = 0.0
        pos = {}
        for node in nodes:
            size = float(totals[k][node])
            pos[node] = [y, y, y]  # top, next free outgoing, next free incoming
            ax.add_patch(Rectangle((xs[k] - width / 2, y), width, size, color=NODE))
            anchors.append((size, k, node, y + size / 2))
            y += size + gap
        positions.append(pos)
    for k, (stage_from, stage_to) in enumerate(itertools.pairwise(STAGES)):
        links = data[(data.stage_from == stage_from) & (data.stage_to == stage_to)]
        for link in links.itertuples():
            amount = float(link.amount)
            y0 = positions[k][link.source][1]
            y1 = positions[k + 1][link.target][2]
            positions[k][link.source][1] += amount
            positions[k + 1][link.target][2] += amount
            colour = colours.get(link.target if k == 0 else link.source, "#999999")
            x0, x1 = xs[k] + width / 2, xs[k + 1] - width / 2
            xm = (x0 + x1) / 2
            verts = [
                (x0, y0), (xm, y0), (xm, y1), (x1, y1),
                (x1, y1 + amount), (xm, y1 + amount), (xm, y0 + amount), (x0, y0 + amount), (x0, y0),
            ]  # fmt: skip
            codes = [MplPath.MOVETO, *[MplPath.CURVE4] * 3, MplPath.LINETO, *[MplPath.CURVE4] * 3, MplPath.CLOSEPOLY]
            ax.add_patch(PathPatch(MplPath(verts, codes), facecolor=colour, alpha=0.55, edgecolor="none"))
    fig.canvas.draw()
    frame = extent(ax.patch)
    placed = [extent(ax.title)]
    keyed: list[tuple[int, int, str]] = []
    for _, k, node, centre in sorted(anchors, key=lambda a: -a[0]):  # the largest nodes are labelled first
        label, amount = name(node), amount_text(totals[k][node])
        style = {"ha": "right" if k == 0 else "left", "va": "center"}
        if k == 1:
            style["bbox"] = {"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1}
        x = xs[k] - width if k == 0 else xs[k] + width

        def fits(box):
            return inside(box, frame, pad=1.0)

        full = [(f"{label}\n{amount}", 9), (f"{label} {amount}", 8)] + [(f"{w}\n{amount}", 8) for w in wrapped(label)]
        if place(ax, x, centre, full, fits, placed, **style) is not None:
            continue
        number = len(keyed) + 1
        keyed.append((number, k, node))
        numbered = [(f"{number} {short}", 8) for short in [label, *shortened(label)]] + [(str(number), 7)]
        place(ax, x, centre, numbered, fits, placed, **style)
    if keyed:
        total = height + 0.35 + KEY_ROW * math.ceil(len(keyed) / 2)
        fig.set_size_inches(WIDTH, total)
        _place_axes(ax, total)
        top = 1 - (height + 0.02) / total
        key_legend(
            fig,
            [Rectangle((0, 0), 1, 1, color=colours.get(node, NODE) if k == 1 else NODE) for _, k, node in keyed],
            [f"{n}  {name(node)}  {amount_text(totals[k][node])}" for n, k, node in keyed],
            text["key"],
            top,
            top - 0.01,
        )
    return fig
