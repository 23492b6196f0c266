"""Performance targets (绩效目标): indicators per project, by type, quantitative vs qualitative."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .model import Budget
from .transform.indicators import project_budgets, project_indicators

LEVEL1_EN = {
    "产出指标": "output",
    "效益指标": "outcome",
    "满意度指标": "satisfaction",
    "成本指标": "cost",
}
LEVEL2_EN = {
    "数量指标": "quantity",
    "质量指标": "quality",
    "时效指标": "timeliness",
    "成本指标": "cost",
    "经济成本指标": "economic cost",
    "社会成本指标": "social cost",
    "生态环境成本指标": "environmental cost",
    "经济效益指标": "economic benefit",
    "社会效益指标": "social benefit",
    "生态效益指标": "ecological benefit",
    "可持续影响指标": "sustainable impact",
    "服务对象满意度指标": "beneficiary satisfaction",
    "满意度指标": "satisfaction",
}


def projects(budget: Budget) -> pd.DataFrame:
    """One row per project (the department's targets as a whole are none): budget, number of indicators,
    quantitative share, weights' total."""
    columns = ["project", "unit_name", "budget", "indicators", "quantitative", "qualitative", "weight_total", "goal"]
    budgets = project_budgets(budget.indicators)
    data = project_indicators(budget.indicators)
    if data.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for project, group in data.groupby("project", sort=False):
        weights = [Decimal(str(w)) for w in group.weight if w is not None and w == w]
        rows.append(
            {
                "project": project,
                "unit_name": group.unit_name.iloc[0],
                "budget": budgets.get(project, (None, 0))[0],  # 万元
                "indicators": len(group),
                "quantitative": int(group.quantitative.sum()),
                "qualitative": int((~group.quantitative.astype(bool)).sum()),
                "weight_total": sum(weights, Decimal(0)) if weights else None,
                "goal": group.annual_goal.iloc[0],
            }
        )
    return pd.DataFrame(rows, columns=columns)


def by_type(budget: Budget) -> pd.DataFrame:
    """Indicators counted by level-1 and level-2 type, with English names and their share of weights."""
    columns = ["level1", "level1_en", "level2", "level2_en", "indicators", "quantitative", "weight"]
    data = budget.indicators
    if data.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for (level1, level2), group in data.groupby(["level1", "level2"], sort=False):
        weights = [Decimal(str(w)) for w in group.weight if w is not None and w == w]
        rows.append(
            {
                "level1": level1,
                "level1_en": LEVEL1_EN.get(level1, ""),
                "level2": level2,
                "level2_en": LEVEL2_EN.get(level2, ""),
                "indicators": len(group),
                "quantitative": int(group.quantitative.sum()),
                "weight": sum(weights, Decimal(0)),
            }
        )
    return pd.DataFrame(rows, columns=columns)


def targets(budget: Budget) -> pd.DataFrame:
    """The indicator table itself, reduced to what a reader compares: project, levels, target, weight."""
    data = budget.indicators
    columns = ["project", "level1", "level2", "level3", "operator", "target", "measure_unit", "weight", "page"]
    return data[columns].copy() if not data.empty else pd.DataFrame(columns=columns)
