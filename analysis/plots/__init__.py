"""Charts of a budget's structure and changes (matplotlib/seaborn), Chinese or English labels.

Each function takes a :class:`~analysis.model.Budget` (``execution_bars``: a
budget compared with its final accounts, :func:`analysis.budget_execution.compare`)
and returns a matplotlib ``Figure``.  ``lang="en"`` labels with the English names of the standard
classifications (codes where a name has no standard English form).  Chinese
text is drawn with the CJK font from :mod:`analysis.fonts`.  No two labels of
a chart overlap: a label that does not fit its box is shortened or replaced by
a number, and the key under the chart carries it in full
(:func:`text_overlaps` checks a figure).
"""

from __future__ import annotations

from matplotlib.figure import Figure

from ..model import Budget
from .bars import basic_project_bars, economic_breakdown, indicator_mix, pareto, waterfall
from .execution import execution_bars
from .flow import flow
from .labels import text_overlaps
from .treemap import treemap


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
    "execution_bars",
    "flow",
    "indicator_mix",
    "pareto",
    "text_overlaps",
    "treemap",
    "waterfall",
]
