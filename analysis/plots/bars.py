"""Bar charts: basic vs project, economic items, the year-over-year waterfall, the project Pareto, indicators.

Every bar chart is horizontal: long Chinese names read on the axis without
rotation, one row each, so no two labels share a line.  Legends sit outside
the plot, below it.
"""

from __future__ import annotations

from decimal import Decimal

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.ticker import FuncFormatter

from .. import structure
from ..display import amount_text, percent_text
from ..model import Budget
from .common import PALETTE, empty, label, setup

ROW = 0.38  # inches per bar
FRAME = 1.9  # title, axis and legend


def _figure(rows: int, width: float = 9.0):
    return plt.subplots(figsize=(width, ROW * rows + FRAME), layout="constrained")


def _amount_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:,.0f}"))


def _legend(fig: Figure, handles=None, labels=None, ncol: int = 4) -> None:
    if handles is None:
        handles, labels = fig.axes[0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=min(ncol, len(labels)), frameon=False)


def _end_labels(ax, ends: list[float], texts: list[str], fontsize: float = 8) -> None:
    """A value just past the end of each bar (the axis leaves room for it)."""
    for i, (end, content) in enumerate(zip(ends, texts, strict=True)):
        ax.annotate(
            content, (end, i), xytext=(3, 0), textcoords="offset points", va="center", ha="left", fontsize=fontsize
        )
    longest = max((len(t) for t in texts), default=0)
    ax.margins(x=0.04 + 0.012 * longest)


def basic_project_bars(budget: Budget, lang: str = "zh") -> Figure:
    """Stacked bars: 基本支出 and 项目支出 of each function 类."""
    text = setup(lang)
    data = structure.basic_vs_project(budget)
    if data.empty:
        return empty(text, text["basic_project"])
    fig, ax = _figure(len(data))
    labels = [label(r, lang) for r in data.itertuples()]
    colours = sns.color_palette(PALETTE, 2)
    positions = list(range(len(data)))
    basic = [float(v) for v in data.basic]
    project = [float(v) for v in data.project]
    ax.barh(positions, basic, color=colours[0], label=text["basic"])
    ax.barh(positions, project, left=basic, color=colours[1], label=text["project"])
    ax.set_yticks(positions, labels)
    _end_labels(ax, [float(t) for t in data.total], [amount_text(t) for t in data.total], fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(text["amount"])
    _amount_axis(ax.xaxis)
    ax.set_title(text["basic_project"])
    _legend(fig)
    return fig


def economic_breakdown(budget: Budget, lang: str = "zh", top: int = 20) -> Figure:
    """Horizontal bars of the economic items (基本工资 …), coloured by class."""
    text = setup(lang)
    data = structure.by_economic_class(budget)
    data = data[data.amount > 0].sort_values("amount", ascending=False).head(top)
    if data.empty:
        return empty(text, text["econ"])
    classes = list(dict.fromkeys(data.class_code))
    colours = dict(zip(classes, sns.color_palette(PALETTE, len(classes)), strict=True))
    fig, ax = _figure(len(data))
    labels = [(r.item_en or r.econ_code) if lang == "en" else r.item_zh for r in data.itertuples()]
    positions = list(range(len(data)))
    ax.barh(positions, [float(a) for a in data.amount], color=[colours[c] for c in data.class_code])
    ax.set_yticks(positions, labels)
    _end_labels(
        ax,
        [float(a) for a in data.amount],
        [f"{amount_text(r.amount)} ({percent_text(r.share)})" for r in data.itertuples()],
    )
    class_names = dict(zip(data.class_code, data.class_en if lang == "en" else data.class_zh, strict=True))
    handles = [Rectangle((0, 0), 1, 1, color=colours[c]) for c in classes]
    _legend(fig, handles, [class_names[c] or c for c in classes], ncol=3)
    ax.invert_yaxis()
    ax.set_xlabel(text["amount"])
    _amount_axis(ax.xaxis)
    ax.set_title(text["econ"])
    return fig


def waterfall(budget: Budget, lang: str = "zh") -> Figure:
    """Waterfall from the prior-year total to this year's, through each stated 项 change (top to bottom)."""
    from ..trend import stated_changes

    text = setup(lang)
    data = stated_changes(budget)
    data = data[data.func_code.str.len() == 7] if not data.empty else data
    if data.empty:
        return empty(text, text["waterfall"])
    names = structure.by_function(budget, "项", "gpb").set_index("func_code")
    prior_total = sum(data.prior, Decimal(0))
    current_total = sum(data.current, Decimal(0))
    fig, ax = _figure(len(data) + 2, width=10.0)
    labels, ends, values = [text["prior_total"]], [float(prior_total)], [amount_text(prior_total)]
    ax.barh(0, float(prior_total), color="#888888")
    level = float(prior_total)
    for i, row in enumerate(data.itertuples(), 1):
        change = float(row.change)
        ax.barh(i, change, left=level, color="#4c9a5b" if change >= 0 else "#c0504d")
        ends.append(max(level, level + change))
        values.append(("+" if row.change >= 0 else "") + amount_text(row.change))
        level += change
        zh = names.name_zh.get(row.func_code, row.subject) if row.func_code in names.index else row.subject
        labels.append(row.func_code if lang == "en" else zh)
    ax.barh(len(labels), float(current_total), color="#555555")
    labels.append(text["current_total"])
    ends.append(float(current_total))
    values.append(amount_text(current_total))
    ax.set_yticks(range(len(labels)), labels, fontsize=8)
    _end_labels(ax, ends, values)
    # the changes are small beside the totals: start the axis near the lowest level reached
    levels = [float(prior_total)]
    for change in data.change:
        levels.append(levels[-1] + float(change))
    spread = max(levels) - min(levels) or max(levels) * 0.05
    left = max(min(levels) - 1.5 * spread, 0)
    right = max([*levels, float(current_total)]) + 0.8 * spread
    ax.set_xlim(left, right)
    separator = "；" if lang == "zh" else "; "
    ax.set_xlabel(text["amount"] + (separator + text["axis_cut"] if left > 0 else ""))
    _amount_axis(ax.xaxis)
    ax.invert_yaxis()
    ax.set_title(text["waterfall"])
    return fig


def pareto(budget: Budget, lang: str = "zh", top: int = 20) -> Figure:
    """Projects ranked by amount (bars, top to bottom) with their cumulative share (line, upper axis)."""
    text = setup(lang)
    data = structure.project_ranking(budget).head(top)
    if data.empty:
        return empty(text, text["pareto"])
    fig, ax = _figure(len(data), width=10.0)
    labels = [f"#{r.rank}" if lang == "en" else r.project for r in data.itertuples()]
    positions = list(range(len(data)))
    ax.barh(positions, [float(a) for a in data.amount], color=sns.color_palette(PALETTE, 1)[0])
    ax.set_yticks(positions, labels, fontsize=8)
    _end_labels(ax, [float(a) for a in data.amount], [amount_text(a) for a in data.amount])
    ax.set_xlabel(text["amount"])
    _amount_axis(ax.xaxis)
    ax.invert_yaxis()
    share = ax.twiny()
    share.plot([float(c) for c in data.cumulative_share], positions, color="#c0504d", marker="o")
    share.set_xlim(0, 105)
    share.set_xlabel(text["cumulative"])
    share.grid(False)
    ax.set_title(text["pareto"])
    return fig


def indicator_mix(budget: Budget, lang: str = "zh") -> Figure:
    """Performance indicators counted by level-1 / level-2 type, quantitative vs qualitative."""
    from ..performance import by_type

    text = setup(lang)
    data = by_type(budget)
    if data.empty:
        return empty(text, text["indicators"])
    labels = [
        f"{r.level1_en or r.level1} / {r.level2_en or r.level2}" if lang == "en" else f"{r.level1} / {r.level2}"
        for r in data.itertuples()
    ]
    quantitative = list(data.quantitative)
    qualitative = [n - q for n, q in zip(data.indicators, data.quantitative, strict=True)]
    colours = sns.color_palette(PALETTE, 2)
    fig, ax = _figure(len(data))
    positions = list(range(len(data)))
    ax.barh(positions, quantitative, color=colours[0], label=text["quantitative"])
    ax.barh(positions, qualitative, left=quantitative, color=colours[1], label=text["qualitative"])
    ax.set_yticks(positions, labels)
    ax.invert_yaxis()
    ax.set_xlabel(text["indicator_count"])
    ax.set_title(text["indicators"])
    _legend(fig)
    return fig
