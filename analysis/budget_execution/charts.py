"""Charts of a budget's execution: budget and final side by side per function class, the rate marked."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ..fonts import use_cjk_font

TEXT = {
    "zh": {
        "title": "预算与决算：按功能分类（类）— {scope}",
        "budget": "预算",
        "final": "决算",
        "rate": "执行率（%）",
        "amount": "金额（万元）",
        "empty": "没有两份文件都列出的功能分类科目",
    },
    "en": {
        "title": "Budget and final accounts by function class — {scope}",
        "budget": "budget",
        "final": "final accounts",
        "rate": "execution rate (%)",
        "amount": "amount (10,000 yuan)",
        "empty": "no function class printed in both documents",
    },
}
SCOPE_EN = {
    "全部资金": "all funds",
    "一般公共预算": "general public budget",
    "财政拨款": "fiscal appropriations",
    "政府性基金预算": "government fund budget",
    "国有资本经营预算": "state capital operation budget",
}


def execution_chart(execution, lang: str = "zh") -> Figure:
    """One panel per scope both documents print: 类 budget and final bars side by side, the rate as a marker
    (right axis, 100 % dashed) and written above each pair; a class only one document prints has one bar."""
    sns.set_theme(style="whitegrid")
    use_cjk_font()  # after seaborn, which resets the font family
    text = TEXT[lang]
    classes = execution.by_class()
    scopes = list(dict.fromkeys(classes.scope))
    if not scopes:
        fig, ax = plt.subplots(figsize=(7, 2))
        ax.axis("off")
        ax.text(0.5, 0.5, getattr(execution, "message", "") or text["empty"], ha="center", va="center", wrap=True)
        return fig
    fig, axes = plt.subplots(len(scopes), 1, figsize=(11, 4.8 * len(scopes)), squeeze=False)
    for ax, scope in zip(axes[:, 0], scopes, strict=True):
        rows = classes[classes.scope == scope].reset_index(drop=True)
        positions = list(range(len(rows)))
        budget = [float(v) if v is not None else 0.0 for v in rows.budget]
        final = [float(v) if v is not None else 0.0 for v in rows.final]
        width = 0.38
        ax.bar([p - width / 2 for p in positions], budget, width, label=text["budget"], color="#8da0cb")
        ax.bar([p + width / 2 for p in positions], final, width, label=text["final"], color="#fc8d62")
        labels = rows.name_en if lang == "en" else rows.name_zh
        ax.set_xticks(positions, [f"{c}\n{n}" for c, n in zip(rows.func_code, labels, strict=True)], fontsize=8)
        ax.set_ylabel(text["amount"])
        ax.set_title(text["title"].format(scope=SCOPE_EN.get(scope, scope) if lang == "en" else scope))
        rates = ax.twinx()
        rates.grid(False)
        marked = [(p, float(r)) for p, r in zip(positions, rows.execution_rate, strict=True) if r is not None]
        if marked:
            rates.plot([p for p, _ in marked], [r for _, r in marked], "D", color="#1b7837", label=text["rate"])
            rates.axhline(100, color="#1b7837", linestyle="--", linewidth=0.8)
            top = max(max(r for _, r in marked), 100) * 1.25
            rates.set_ylim(0, top)
            for p, r in marked:
                rates.annotate(
                    f"{r:.1f}%",
                    (p, r),
                    textcoords="offset points",
                    xytext=(0, 7),
                    ha="center",
                    fontsize=8,
                    color="#1b7837",
                )
        rates.set_ylabel(text["rate"])
        handles = ax.get_legend_handles_labels()
        extra = rates.get_legend_handles_labels()
        ax.legend(
            handles[0] + extra[0],
            handles[1] + extra[1],
            loc="upper center",
            bbox_to_anchor=(0.5, -0.2),
            ncol=3,
            fontsize=8,
            frameon=False,
        )
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
    fig.tight_layout()
    return fig
