"""Charts of a budget's structure and changes (matplotlib/seaborn), Chinese or English labels.

Each function takes a :class:`~analysis.model.Budget` (or a view of one) and
returns a matplotlib ``Figure``.  ``lang="en"`` labels with the English names
of the standard classifications (codes where a name has no standard English
form).  Chinese text is drawn with the CJK font from :mod:`analysis.fonts`.
"""

from __future__ import annotations

from decimal import Decimal

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.path import Path as MplPath

from . import structure
from .fonts import use_cjk_font
from .model import Budget
from .reference import econ_classes

PALETTE = "Set2"
TEXT = {
    "zh": {
        "amount": "金额（万元）",
        "treemap": "支出功能分类结构（{scope}，{level}）",
        "basic_project": "基本支出与项目支出（按功能分类类级）",
        "basic": "基本支出",
        "project": "项目支出",
        "econ": "一般公共预算支出经济分类",
        "flow": "资金来源 → 功能分类 → 经济分类（万元）",
        "waterfall": "上年预算 → 本年预算（万元）",
        "prior_total": "上年合计",
        "current_total": "本年合计",
        "pareto": "项目支出排序与累计占比",
        "cumulative": "累计占比（%）",
        "empty": "本文件没有可用于此图的表格",
        "axis_cut": "纵轴不从 0 开始",
        "gpb": "一般公共预算",
        "all": "全部资金",
    },
    "en": {
        "amount": "amount (10,000 yuan)",
        "treemap": "Expenditure by function ({scope}, level {level})",
        "basic_project": "Basic and project expenditure by function class",
        "basic": "basic",
        "project": "project",
        "econ": "General public budget expenditure by economic class",
        "flow": "Funding source → function → economic class (10,000 yuan)",
        "waterfall": "Prior-year budget → this year's budget (10,000 yuan)",
        "prior_total": "prior year",
        "current_total": "this year",
        "pareto": "Projects ranked, with cumulative share",
        "cumulative": "cumulative share (%)",
        "empty": "this document has no table for this chart",
        "axis_cut": "y axis does not start at 0",
        "gpb": "general public budget",
        "all": "all funds",
    },
}
SOURCE_EN = {structure.GPB_SOURCE: "general public budget appropriation", "其他资金": "other funds"}
LEVEL_EN = {"类": "class", "款": "category", "项": "item"}


def _setup(lang: str) -> dict[str, str]:
    sns.set_theme(style="whitegrid")
    use_cjk_font()  # after seaborn, which resets the font family
    return TEXT[lang]


def _empty(text: dict[str, str], title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(7, 2))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, text["empty"], ha="center", va="center")
    return fig


def _label(row, lang: str, zh: str = "name_zh", en: str = "name_en", code: str = "func_code") -> str:
    if lang == "en":
        return getattr(row, en, "") or str(getattr(row, code, ""))
    return getattr(row, zh)


def _squarify(values: list[float], x: float, y: float, w: float, h: float) -> list[tuple[float, float, float, float]]:
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


def treemap(budget: Budget, level: str = "项", scope: str = "gpb", lang: str = "zh") -> Figure:
    """Treemap of expenditure by function code, coloured by 类."""
    text = _setup(lang)
    title = text["treemap"].format(scope=text[scope], level=LEVEL_EN[level] if lang == "en" else level)
    data = structure.by_function(budget, level, scope)
    data = data[data.amount > 0]
    if data.empty:
        return _empty(text, title)
    fig, ax = plt.subplots(figsize=(10, 6))
    classes = sorted({c[:3] for c in data.func_code})
    colours = dict(zip(classes, sns.color_palette(PALETTE, len(classes)), strict=True))
    names = structure.by_function(budget, "类", scope).set_index("func_code")
    rects = _squarify([float(a) for a in data.amount], 0, 0, 100, 60)
    for rect, row in zip(rects, data.itertuples(), strict=True):
        x, y, w, h = rect
        ax.add_patch(Rectangle((x, y), w, h, facecolor=colours[row.func_code[:3]], edgecolor="white", linewidth=2))
        if w * h > 150 and w > 8:
            label = _label(row, lang) if (lang == "zh" or row.name_en) else row.func_code
            ax.text(
                x + w / 2,
                y + h / 2,
                f"{label}\n{row.amount:,.2f}\n{row.share:.1f}%",
                ha="center",
                va="center",
                fontsize=8 if w * h < 400 else 10,
            )
    handles = [Rectangle((0, 0), 1, 1, color=colours[c]) for c in classes]
    labels = [(names.name_en.get(c) if lang == "en" else names.name_zh.get(c)) or c for c in classes]
    ncol = min(4, len(classes))
    ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(0.5, -0.02), ncol=ncol, frameon=False)
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 60)
    ax.axis("off")
    ax.set_title(title)
    fig.tight_layout()
    return fig


def basic_project_bars(budget: Budget, lang: str = "zh") -> Figure:
    """Stacked bars: 基本支出 and 项目支出 of each function 类."""
    text = _setup(lang)
    data = structure.basic_vs_project(budget)
    if data.empty:
        return _empty(text, text["basic_project"])
    labels = [_label(r, lang) for r in data.itertuples()]
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(data) + 1.8))
    colours = sns.color_palette(PALETTE, 2)
    basic = [float(v) for v in data.basic]
    project = [float(v) for v in data.project]
    ax.barh(labels, basic, color=colours[0], label=text["basic"])
    ax.barh(labels, project, left=basic, color=colours[1], label=text["project"])
    for i, row in enumerate(data.itertuples()):
        ax.text(float(row.total), i, f" {row.total:,.2f}", va="center", fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel(text["amount"])
    ax.set_title(text["basic_project"])
    ax.legend(frameon=False, loc="lower right")
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def economic_breakdown(budget: Budget, lang: str = "zh", top: int = 20) -> Figure:
    """Horizontal bars of the economic items (基本工资 …), coloured by class."""
    text = _setup(lang)
    data = structure.by_economic_class(budget)
    data = data[data.amount > 0].sort_values("amount", ascending=False).head(top)
    if data.empty:
        return _empty(text, text["econ"])
    classes = list(dict.fromkeys(data.class_code))
    colours = dict(zip(classes, sns.color_palette(PALETTE, len(classes)), strict=True))
    fig, ax = plt.subplots(figsize=(9, 0.35 * len(data) + 1.8))
    labels = [r.item_en or r.econ_code if lang == "en" else r.item_zh for r in data.itertuples()]
    ax.barh(labels, [float(a) for a in data.amount], color=[colours[c] for c in data.class_code])
    for i, row in enumerate(data.itertuples()):
        ax.text(float(row.amount), i, f" {row.amount:,.2f} ({row.share:.1f}%)", va="center", fontsize=8)
    handles = [Rectangle((0, 0), 1, 1, color=colours[c]) for c in classes]
    class_names = dict(zip(data.class_code, data.class_en if lang == "en" else data.class_zh, strict=True))
    ax.legend(handles, [class_names[c] for c in classes], frameon=False, loc="lower right")
    ax.invert_yaxis()
    ax.set_xlabel(text["amount"])
    ax.set_title(text["econ"])
    ax.margins(x=0.25)
    fig.tight_layout()
    return fig


def _english(name: str, budget_names: dict[str, str]) -> str:
    return budget_names.get(name) or SOURCE_EN.get(name) or structure.FUNDING_SOURCES_EN.get(name) or name


def flow(budget: Budget, lang: str = "zh") -> Figure:
    """Flow diagram: funding source → function 类 → economic class, band widths in 万元."""
    text = _setup(lang)
    data = structure.flows(budget)
    if data.empty:
        return _empty(text, text["flow"])
    english: dict[str, str] = {}
    if lang == "en":
        funcs = structure.by_function(budget, "类", "all")
        english.update(dict(zip(funcs.name_zh, funcs.name_en, strict=True)))
        for r in econ_classes().itertuples():
            if len(r.code) == 3:
                english.setdefault(r.name_zh, r.name_en)

    def name(n: str) -> str:
        return _english(n, english) if lang == "en" else n

    stages = [
        list(dict.fromkeys(data[data.stage_from == "source"].source)),
        list(dict.fromkeys(data[data.stage_to == "function"].target)),
        list(dict.fromkeys(data[data.stage_to == "economic class"].target)),
    ]
    totals = []
    for k, nodes in enumerate(stages):
        sizes = {}
        for node in nodes:
            out = data[(data.source == node) & (data.stage_from == ["source", "function", "economic class"][k])]
            into = data[(data.target == node) & (data.stage_to == ["source", "function", "economic class"][k])]
            sizes[node] = max(sum(out.amount, Decimal(0)), sum(into.amount, Decimal(0)))
        totals.append(sizes)
    grand = float(max(sum(s.values(), Decimal(0)) for s in totals))
    gap = grand * 0.03
    fig, ax = plt.subplots(figsize=(11, 6.5))
    xs = [0.0, 1.0, 2.0]
    width = 0.08
    positions: list[dict[str, list[float]]] = []
    colours = dict(zip(stages[1], sns.color_palette(PALETTE, max(len(stages[1]), 1)), strict=False))
    for k, nodes in enumerate(stages):
        y = 0.0
        pos = {}
        for node in nodes:
            size = float(totals[k][node])
            pos[node] = [y, y, y]  # top, next free outgoing, next free incoming
            ax.add_patch(Rectangle((xs[k] - width / 2, y), width, size, color="#555555"))
            ha = "right" if k == 0 else "left"
            dx = -width if k == 0 else width
            ax.text(
                xs[k] + dx,
                y + size / 2,
                f"{name(node)}\n{totals[k][node]:,.2f}",
                ha=ha,
                va="center",
                fontsize=9,
                bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1} if k == 1 else None,
            )
            y += size + gap
        positions.append(pos)
    for k, (stage_from, stage_to) in enumerate((("source", "function"), ("function", "economic class"))):
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
    ax.set_xlim(-0.8, 2.8)
    ax.set_ylim(-gap, grand + gap * (max(len(s) for s in stages) + 1))
    ax.invert_yaxis()
    ax.axis("off")
    ax.set_title(text["flow"])
    fig.tight_layout()
    return fig


def waterfall(budget: Budget, lang: str = "zh") -> Figure:
    """Waterfall from the prior-year total to this year's, through each stated 项 change."""
    from .trend import stated_changes

    text = _setup(lang)
    data = stated_changes(budget)
    data = data[data.func_code.str.len() == 7] if not data.empty else data
    if data.empty:
        return _empty(text, text["waterfall"])
    names = structure.by_function(budget, "项", "gpb").set_index("func_code")
    prior_total = float(sum(data.prior, Decimal(0)))
    current_total = float(sum(data.current, Decimal(0)))
    fig, ax = plt.subplots(figsize=(11, 5.5))
    labels = [text["prior_total"]]
    ax.bar(0, prior_total, color="#888888")
    ax.text(0, prior_total, f"{prior_total:,.2f}", ha="center", va="bottom", fontsize=8)
    level = prior_total
    for i, row in enumerate(data.itertuples(), 1):
        change = float(row.change)
        colour = "#4c9a5b" if change >= 0 else "#c0504d"
        ax.bar(i, change, bottom=level, color=colour)
        ax.text(i, level + max(change, 0), f"{change:+,.2f}", ha="center", va="bottom", fontsize=8)
        level += change
        zh = names.name_zh.get(row.func_code, row.subject) if row.func_code in names.index else row.subject
        labels.append(row.func_code if lang == "en" else zh)
    ax.bar(len(labels), current_total, color="#555555")
    ax.text(len(labels), current_total, f"{current_total:,.2f}", ha="center", va="bottom", fontsize=8)
    labels.append(text["current_total"])
    # the changes are small beside the totals: start the axis near the lowest level reached
    levels = [prior_total]
    for change in data.change:
        levels.append(levels[-1] + float(change))
    spread = max(levels) - min(levels) or max(levels) * 0.05
    bottom = max(min(levels) - 1.5 * spread, 0)
    ax.set_ylim(bottom, max([*levels, current_total]) + 0.6 * spread)
    if bottom > 0:
        ax.text(0.01, 0.01, text["axis_cut"], transform=ax.transAxes, fontsize=8, color="#666666")
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right", fontsize=8)
    ax.set_ylabel(text["amount"])
    ax.set_title(text["waterfall"])
    fig.tight_layout()
    return fig


def pareto(budget: Budget, lang: str = "zh", top: int = 20) -> Figure:
    """Projects ranked by amount (bars) with their cumulative share (line)."""
    text = _setup(lang)
    data = structure.project_ranking(budget).head(top)
    if data.empty:
        return _empty(text, text["pareto"])
    fig, ax = plt.subplots(figsize=(11, 5.5))
    labels = [f"#{r.rank}" if lang == "en" else r.project for r in data.itertuples()]
    ax.bar(range(len(data)), [float(a) for a in data.amount], color=sns.color_palette(PALETTE, 1)[0])
    ax.set_xticks(range(len(data)), labels, rotation=40, ha="right", fontsize=8)
    ax.set_ylabel(text["amount"])
    ax2 = ax.twinx()
    ax2.plot(range(len(data)), [float(c) for c in data.cumulative_share], color="#c0504d", marker="o")
    ax2.set_ylim(0, 105)
    ax2.set_ylabel(text["cumulative"])
    ax2.grid(False)
    ax.set_title(text["pareto"])
    fig.tight_layout()
    return fig


def indicator_mix(budget: Budget, lang: str = "zh") -> Figure:
    """Performance indicators counted by level-1 / level-2 type, quantitative vs qualitative."""
    from .performance import by_type

    text = _setup(lang)
    title = "绩效指标类型" if lang == "zh" else "Performance indicators by type"
    data = by_type(budget)
    if data.empty:
        return _empty(text, title)
    labels = [
        f"{r.level1_en or r.level1} / {r.level2_en or r.level2}" if lang == "en" else f"{r.level1} / {r.level2}"
        for r in data.itertuples()
    ]
    quantitative = list(data.quantitative)
    qualitative = [n - q for n, q in zip(data.indicators, data.quantitative, strict=True)]
    colours = sns.color_palette(PALETTE, 2)
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(data) + 1.8))
    ax.barh(labels, quantitative, color=colours[0], label="定量" if lang == "zh" else "quantitative")
    ax.barh(labels, qualitative, left=quantitative, color=colours[1], label="定性" if lang == "zh" else "qualitative")
    ax.invert_yaxis()
    ax.set_xlabel("指标数" if lang == "zh" else "indicators")
    ax.set_title(title)
    ax.legend(frameon=False, loc="lower right")
    fig.tight_layout()
    return fig


def all_figures(budget: Budget, lang: str = "zh") -> dict[str, Figure]:
    """Every chart of one budget, by name (for reports)."""
    return {
        "treemap": treemap(budget, lang=lang),
        "basic_project": basic_project_bars(budget, lang=lang),
        "economic": economic_breakdown(budget, lang=lang),
        "flow": flow(budget, lang=lang),
        "waterfall": waterfall(budget, lang=lang),
        "pareto": pareto(budget, lang=lang),
        "indicators": indicator_mix(budget, lang=lang),
    }


__all__ = [
    "all_figures",
    "basic_project_bars",
    "economic_breakdown",
    "flow",
    "indicator_mix",
    "pareto",
    "treemap",
    "waterfall",
]
