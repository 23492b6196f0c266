"""Budget against final accounts: each function class's budget and outcome side by side, the rate at the end.

One panel per scope both documents print (全部资金, 一般公共预算, 财政拨款 …).
Bars are horizontal, one class per row, so no two names share a line; the
execution rate (决算 ÷ 预算) is written just past each pair, and a class only
one document prints says so in its place.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure

from ..display import percent_text
from ..specs import SCOPE_NAMES
from .bars import FRAME, ROW, _amount_axis, _end_labels
from .common import PALETTE, label, setup

#: scope as the execution table names it (Chinese) → its English name
SCOPE_EN = {zh: en for zh, en in SCOPE_NAMES.values()}


def _rate_label(row, text: dict[str, str]) -> str:
    if row.only_in == "budget":
        return text["only_budget"]
    if row.only_in == "final":
        return text["only_final"]
    return percent_text(row.execution_rate) if row.execution_rate is not None else text["no_rate"]


def execution_bars(execution, lang: str = "zh") -> Figure:
    """Budget and final of each function 类, per scope; ``execution`` is a
    :class:`~analysis.budget_execution.Execution` (with nothing to compare: a chart saying why)."""
    text = setup(lang)
    classes = execution.by_class()
    scopes = list(dict.fromkeys(classes.scope))
    if not scopes:
        fig, ax = plt.subplots(figsize=(9, 2.2), layout="constrained")
        ax.axis("off")
        message = getattr(execution, "message", "") or text["no_execution"]
        ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, fontsize=9)
        return fig
    counts = [int((classes.scope == s).sum()) for s in scopes]
    height = sum(2 * ROW * n + FRAME for n in counts)
    fig, axes = plt.subplots(
        len(scopes), 1, figsize=(10, height), squeeze=False, layout="constrained", gridspec_kw={"height_ratios": counts}
    )
    colours = sns.color_palette(PALETTE, 2)
    for ax, scope in zip(axes[:, 0], scopes, strict=True):
        rows = classes[classes.scope == scope].reset_index(drop=True)
        positions = list(range(len(rows)))
        budget = [float(v) if v is not None else 0.0 for v in rows.budget]
        final = [float(v) if v is not None else 0.0 for v in rows.final]
        bar = 0.4
        ax.barh([p - bar / 2 for p in positions], budget, bar, color=colours[0], label=text["budget"])
        ax.barh([p + bar / 2 for p in positions], final, bar, color=colours[1], label=text["final"])
        ax.set_yticks(positions, [label(r, lang) for r in rows.itertuples()])
        _end_labels(
            ax,
            [max(b, f) for b, f in zip(budget, final, strict=True)],
            [_rate_label(r, text) for r in rows.itertuples()],
        )
        ax.invert_yaxis()
        ax.set_xlabel(text["amount"])
        _amount_axis(ax.xaxis)
        ax.set_title(text["execution"].format(scope=SCOPE_EN.get(scope, scope) if lang == "en" else scope))
    handles, labels = axes[0, 0].get_legend_handles_labels()
    fig.legend(handles, labels, loc="outside lower center", ncol=2, frameon=False, title=text["rate_key"],
               title_fontsize=8)  # fmt: skip
    return fig
