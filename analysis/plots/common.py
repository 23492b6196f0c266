"""What every chart shares: the theme and CJK font, the labels in both languages, the empty chart."""

from __future__ import annotations

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure

from .. import structure
from ..fonts import use_cjk_font

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
        "axis_cut": "横轴不从 0 开始",
        "gpb": "一般公共预算",
        "all": "全部资金",
        "key": "图中编号",
        "indicators": "绩效指标类型",
        "indicator_count": "指标数",
        "quantitative": "定量",
        "qualitative": "定性",
        "execution": "预算与决算：按功能分类（类）— {scope}",
        "budget": "预算",
        "final": "决算",
        "rate_key": "条末数字：执行率（决算 ÷ 预算）",
        "only_budget": "仅预算列示",
        "only_final": "仅决算列示",
        "no_rate": "预算为 0",
        "no_execution": "没有两份文件都列出的功能分类科目",
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
        "axis_cut": "the amount axis does not start at 0",
        "gpb": "general public budget",
        "all": "all funds",
        "key": "Key to the numbers in the chart",
        "indicators": "Performance indicators by type",
        "indicator_count": "indicators",
        "quantitative": "quantitative",
        "qualitative": "qualitative",
        "execution": "Budget and final accounts by function class — {scope}",
        "budget": "budget",
        "final": "final accounts",
        "rate_key": "at the end of each pair: execution rate (final ÷ budget)",
        "only_budget": "budget only",
        "only_final": "final accounts only",
        "no_rate": "budget 0",
        "no_execution": "no function class printed in both documents",
    },
}
SOURCE_EN = {structure.GPB_SOURCE: "general public budget appropriation", "其他资金": "other funds"}
LEVEL_EN = {"类": "class", "款": "category", "项": "item"}


def setup(lang: str) -> dict[str, str]:
    sns.set_theme(style="whitegrid")
    use_cjk_font()  # after seaborn, which resets the font family
    return TEXT[lang]


def empty(text: dict[str, str], title: str) -> Figure:
    fig, ax = plt.subplots(figsize=(7, 2))
    ax.axis("off")
    ax.set_title(title)
    ax.text(0.5, 0.5, text["empty"], ha="center", va="center")
    return fig


def label(row, lang: str, zh: str = "name_zh", en: str = "name_en", code: str = "func_code") -> str:
    """A row's Chinese name, or its English name (its code where the name has no standard English form)."""
    if lang == "en":
        return getattr(row, en, "") or str(getattr(row, code, ""))
    return getattr(row, zh)
