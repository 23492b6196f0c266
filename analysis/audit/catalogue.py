"""The rule catalogue: every audit rule as data, each with one small function."""

from __future__ import annotations

from . import comparison_rules as cmp
from . import coverage_rules as cov
from . import narrative_rules as nar
from . import table_rules as tab
from .core import Rule

RULES: tuple[Rule, ...] = (
    # within a table
    Rule(
        "T01", "表内合计", "table totals", "table",
        "合计/小计/总计 rows and columns against the rows and columns they sum",
        "error", "half a unit of the last printed digit per summand",
        tab.validation_rule("table_totals", "no table prints a total row or column"),
    ),
    Rule(
        "T02", "功能科目层级", "function-code hierarchy", "table",
        "类 = Σ款, 款 = Σ项 in each column",
        "error", "half a unit of the last printed digit per summand",
        tab.validation_rule("function_hierarchy", "no table prints function codes at two levels"),
    ),
    Rule(
        "T03", "基本支出+项目支出=合计", "basic + project = total", "table",
        "基本支出 + 项目支出 against 合计 in each row",
        "error", "half a unit of the last printed digit per summand",
        tab.validation_rule("basic_plus_project", "no table prints 基本支出, 项目支出 and their 合计"),
    ),
    Rule(
        "T04", "人员经费+公用经费=基本支出", "personnel + public costs = basic", "table",
        "人员经费 + 公用经费 against 基本支出 (合计) in each row",
        "error", "half a unit of the last printed digit per summand",
        tab.validation_rule("personnel_plus_public", "no table prints 人员经费, 公用经费 and their total"),
    ),
    Rule(
        "T05", "收支平衡", "income equals expenditure", "table",
        "a 收支总表's income total against its expenditure total",
        "error", "half a cent",
        tab.income_equals_expenditure,
    ),
    Rule(
        "T06", "项目资金合计", "project budget totals", "table",
        "a unit's total against Σ its projects in the 绩效目标表; a form's 年度资金总额 against its sources",
        "error", "half a unit of the last printed digit per summand",
        tab.validation_rule("target_budgets", "no 绩效目标表 prints budget totals"),
    ),
    # across tables
    Rule(
        "X01", "各表总额一致", "grand totals agree across tables", "tables",
        "grand totals of tables of the same scope (全部资金, 一般公共预算) and total = basic + project",
        "error", "half a cent",
        tab.totals_agree,
    ),
    Rule(
        "X02", "各表功能科目一致", "function-code rows agree across tables", "tables",
        "each 类/款/项 figure in every table that prints it (or sums it from its 项)",
        "error", "half a cent",
        tab.function_rows_agree,
    ),
    Rule(
        "X03", "“三公”经费与经济分类一致", '"three public" expenses match the economic classes', "tables",
        "the 三公 table against 因公出国(境)费用, 公务接待费, 公务用车运行维护费, 公务用车购置 in the "
        "一般公共预算 economic-class detail",
        "error", "half a cent",
        tab.three_public_vs_econ,
    ),
    Rule(
        "X04", "绩效目标与项目支出一致", "performance targets match project expenditure", "tables",
        "each project's budget in the 绩效目标表 against the 项目支出表, and their totals",
        "error", "half a cent",
        tab.targets_vs_projects,
    ),
    Rule(
        "X05", "指标权重合计", "indicator weights add up", "tables",
        "each project's indicator weights against 100 (or the total its header prints)",
        "warning", "exact",
        tab.indicator_weights,
    ),
    Rule(
        "X06", "收入项目一致", "income lines agree across tables", "tables",
        "each income line of the 收支总表 against the same source (by name) in the 收入总表",
        "error", "half a unit of the last printed digit",
        tab.income_lines_agree,
    ),
    Rule(
        "X07", "基本/项目支出分表一致", "basic + project split agrees across tables", "tables",
        "a 类/款/项's total in one table against its 基本支出 and 项目支出 printed in other tables of the scope",
        "error", "a cent",
        tab.splits_agree,
    ),
    # narrative against tables
    Rule(
        "N01", "增减额", "stated change", "narrative",
        "current − prior-year figure (stated, or printed beside this year's in a table) against the stated "
        "增加/减少 amount",
        "error", "half a unit of each figure's last printed digit",
        cmp.claim_change,
    ),
    Rule(
        "N02", "增减率", "stated rate of change", "narrative",
        "(current − prior) ÷ prior against the stated 增长/降低 %; without a stated prior, the change over "
        "current ∓ change (or over the stated prior without a current); with neither, the prior-year figure "
        "a table prints beside this year's (上年预算数, 2025年预算数, 上年决算数 …), or last year's document "
        "prints for the same code and scope when one is given (prior); a change stated without either figure "
        "(其中：公务接待费增加 0.01 万元，增长 3.45%) is over the tables' figure for the item ∓ the change, "
        "and a rate stated of an item without any figure (分别增长 a%、b%) takes this year's figure from the tables; "
        "0 → 0 is 0%, 0 → X a new item's 100%",
        "error", "half a unit of the rate's last digit, plus the inputs' rounding",
        cmp.claim_rate,
    ),
    Rule(
        "N03", "增减方向", "direction word", "narrative",
        "增加/减少, 上升/降低, 持平 against the sign of current − prior (the prior stated, or printed in a "
        "table), and against each other",
        "error", "exact",
        cmp.claim_direction,
    ),
    Rule(
        "N04", "占比", "stated share", "narrative",
        "part ÷ whole against the stated 占 …% (one share per part when stated respectively, 分别占): the whole "
        "the text states or names (占本年支出合计的), a table figure of that name, or the listed parts when "
        "their shares add up to 100%",
        "error", "half a unit of the share's last digit, plus the inputs' rounding",
        nar.claim_share,
    ),
    Rule(
        "N05", "分项合计", "listed parts add up", "narrative",
        "the parts listed after 其中/包括 against the stated total",
        "error", "half a unit of each figure's last printed digit",
        nar.claim_parts,
    ),
    Rule(
        "N06", "文表一致", "narrative figure matches the tables", "narrative",
        "a figure the text states against the table figures printed under the same function code or name",
        "error", "half a unit of the text figure's last printed digit",
        nar.claim_vs_tables,
    ),
    Rule(
        "N07", "绩效目标项目数", "performance-target projects stated", "narrative",
        "the stated number of projects under performance targets and their budget against the 绩效目标表",
        "error", "exact count; half a unit for the amount",
        nar.targets_statement,
    ),
    Rule(
        "N08", "预算完成率", "completion of the budget", "narrative",
        "决算 ÷ 年初预算 against the stated 完成年初预算的 % (the budget stated, or printed beside the final "
        "figure in a table); 与年初预算一致 against equal figures",
        "error", "half a unit of the rate's last digit, plus the inputs' rounding",
        cmp.completion,
    ),
    Rule(
        "N09", "段内金额一致", "a paragraph's figures agree", "narrative",
        "an item's amount at its head against the same year's figure its comparison restates (预算安排 Y)",
        "error", "half a unit of each figure's last printed digit",
        cmp.restated_amounts,
    ),
    Rule(
        "N10", "比较年度", "years named in comparisons", "narrative",
        "the years a comparison names against the document's year (本年) and the year before (上年)",
        "warning", "exact",
        cmp.comparison_years,
    ),
    Rule(
        "N11", "科目名称一致", "class names match the tables", "narrative",
        "a function class the text names with its code against the name the tables print for that code",
        "warning", "exact (spaces and a final 支出 aside)",
        nar.class_names,
    ),
    Rule(
        "N12", "“三公”经费文表一致", '"three public" figures of the text match the table', "narrative",
        "the “三公” total and each item the text states against the “三公”经费表",
        "error", "half a unit of the text figure's last printed digit",
        nar.three_public_statement,
    ),
    # coverage
    Rule(
        "C01", "目录表格齐全", "tables listed in the contents are present", "coverage",
        "each table the 目录 lists against the tables printed",
        "error", "—",
        cov.toc_tables_present,
    ),
    Rule(
        "C02", "无此项支出的说明", "stated nil spending", "coverage",
        "sentences saying there is no such spending (无…预算) against the tables",
        "error", "—",
        cov.nil_statements,
    ),
    Rule(
        "C03", "年度一致", "headings name the document's year", "coverage",
        "years printed in headings against the document's year",
        "warning", "—",
        cov.document_year,
    ),
)  # fmt: skip


def rule_catalogue():
    """The catalogue as a DataFrame (what each rule compares, its severity and tolerance)."""
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "rule": r.id,
                "name_zh": r.name_zh,
                "name_en": r.name_en,
                "scope": r.scope,
                "compares": r.compares,
                "severity": r.severity,
                "tolerance": r.tolerance,
            }
            for r in RULES
        ]
    )
