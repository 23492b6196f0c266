"""Declarative specs of the standard budget tables.

A table is recognised by its printed title; the spec gives it a stable key, its
official Chinese name, an English name, and what kind of figures it holds.
Templates of other provinces and years differ in wording, so titles are
matched on their squashed text (no spaces, NFKC) with patterns ordered from
the most specific to the most general. A new template is a new entry here, not
a new code path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import squash

#: How templates print a table's label in front of (or above) its title, most specific first:
#: 表1 / 表一 / 表3-1(2) / 附表4 / 表1-1 (most templates); 公开01表 (Jiangsu's 公开NN表); 附件1-1, 公开表1,
#: 报表1 (templates publishing the tables as attachments or 公开表).
LABEL_FORMS: tuple[str, ...] = (
    r"(?:部门|预算)?公开\s*[0-9０-９]+\s*表",
    # 云南: 预算02-1表, 预算11表; final accounts: 财决01表, 决算05表
    r"(?:预算|决算|财决)\s*[0-9０-９]+(?:\s*[-－—–]\s*[0-9０-９]+)*\s*表",
    # a Chinese numeral must end at a space, a colon or the year (表一 2026年…; not 表5一般… read as 表5一)
    r"(?:(?:部门|预算)?公开表|附表|附件|报表|表)\s*(?:[0-9０-９]+(?:\s*[-－—–]\s*[0-9０-９]+)*(?:\s*[（(]\s*[0-9０-９]+\s*[)）])?"
    r"|[一二三四五六七八九十]+(?=[\s:：.、]|$|\d))",
)
#: a printed line that names a table: it ends in 表 (a bracketed year, 续 or the like may follow);
#: a sentence pointing at one (详细情况见下表：, 如下表) names none
#: (a title quoted in 《》 or 「」 ends in the closing mark)
TABLE_NAME_RE = re.compile(r"(?<![下见])表\s*(?:[（(][^）)]{0,16}[)）])?\s*[》」]?\s*[:：]?$")
#: a continuation page's mark, printed in place of the title or after it: 续表, 续表3, 续上表, （续）,
#: 一般公共预算支出表（续）, 表3（续表）; what it leaves is the label or title of the table it continues
CONTINUED_RE = re.compile(r"^续(?:上表|表)\s*$|^续(?=\s*表\s*\S)|\s*[（(]\s*续(?:表|上表)?\s*[)）]\s*$")
#: a line of running text: it ends a sentence or a clause (a title ends in its name or a bracket)
SENTENCE_END_RE = re.compile(r"[。；;，,：:！？]$")
#: a running head: the document's own name printed over its pages (2024年某某局部门预算,
#: XX单位2024年部门预算公开), no table's title
RUNNING_HEAD_RE = re.compile(r"(?:部门|单位)(?:综合)?(?:预算|决算)(?:信息)?(?:公开)?(?:[（(][^）)]{0,16}[)）])?$")


@dataclass(frozen=True)
class FormSpec:
    """How templates print a performance-target table as one key–value form per project (central,
    Chongqing, Xi'an, Fujian …) or one form for the whole department (部门整体绩效目标表).

    Each field is a pattern of the labels a form prints (matched on squashed text).
    """

    #: the label that opens a project's form (its first cell)
    opens: str
    #: the label that opens a department-wide form
    opens_department: str
    #: a title naming a performance-target table: a form under it may open with its funds
    title: str
    #: labels a form prints in its first rows besides ``opens`` (a column header row has none)
    labels: str
    #: the funds: their labels (total and parts) and the label of the total
    fund: str
    fund_total: str
    #: the year's goal, and the goal over the project's whole period (read when no year's goal is printed)
    goal: str
    period_goal: str
    unit: str
    department: str
    #: the indicator block's header words, by role
    indicator_header: tuple[tuple[str, str], ...]
    #: a department-wide form's task list: the header of the task's name, and of its description
    task: str
    task_content: str


TARGET_FORM = FormSpec(
    opens="项目名称",
    opens_department=r"^部门[（(]单位[)）]名称$|^部门名称$|^单位名称$|^部门[（(]单位[)）]$",
    title=r"绩效目标",
    labels=r"^(?:主管部门|实施单位|项目单位|年度资金总额|项目资金|资金来源|年度总体目标|年度目标|总体目标"
    r"|当年预算|项目概况|当年绩效目标|专项资金情况|资金金额|实施期资金|年度主要任务|项目实施期目标|当年整体绩效目标"
    r"|部门职能|年度绩效指标)",
    fund=r"资金|拨款|结转|收入|总额|合计|^当年预算|^市级支出|^补助区县",
    fund_total=r"总额|合计|^当年预算",
    goal=r"年度总体目标|年度目标|总体目标|绩效目标$",
    period_goal=r"实施期.*目标",
    unit=r"^实施单位|^单位名称",
    department=r"^主管部门",
    indicator_header=(
        ("level1", r"^一级指标"),
        ("level2", r"^二级指标"),
        ("level3", r"^三级指标|^指标名称|^指标内容"),
        ("operator", r"^指标性质|^符号"),
        ("target", r"^指标值|^目标值|^年度指标值|^年度目标值|^预期指标值"),
        ("measure_unit", r"^度量单位|^计量单位"),
        ("weight", r"^分值|^权重|^指标权重"),
        ("direction", r"方向"),
        ("core", r"^是否核心|^核心指标"),
        # a self-evaluation (绩效自评表) scores each indicator: the value reached, its score, why it fell short
        ("actual", r"^实际完成值|^实际完成情况|^实际值|^完成值"),
        ("score", r"^得分"),
        ("deviation", r"偏差原因|原因分析|改进措施"),
    ),
    # a 部门职能 block (职能名称 | 职能描述 | 合计 …) lists the department's functions as a 任务 block its tasks
    task=r"^任务名称$|^任务$|^职能名称$|^职能$",
    task_content=r"^主要内容$|^任务内容$|^职能描述$|^职能内容$|^职能概述$",
)

#: the scopes a table's figures may cover: Chinese and English names
SCOPE_NAMES: dict[str, tuple[str, str]] = {
    "all": ("全部资金", "all funds"),
    "fiscal": ("财政拨款", "fiscal appropriations"),
    "gpb": ("一般公共预算", "general public budget"),
    "gov_fund": ("政府性基金预算", "government fund budget"),
    "soe": ("国有资本经营预算", "state capital operation budget"),
    "income": ("收入", "income"),
}
#: what a table's total column may measure
MEASURE_NAMES: dict[str, tuple[str, str]] = {
    "total": ("合计", "total"),
    "basic": ("基本支出", "basic (operating) expenditure"),
    "project": ("项目支出", "project expenditure"),
}


@dataclass(frozen=True)
class TableSpec:
    key: str
    name_zh: str
    name_en: str
    pattern: str
    #: what the table's amounts describe: income, expenditure, both, count, targets
    kind: str = "expenditure"
    #: which funds its figures cover: ``all`` (全部资金), ``fiscal`` (财政拨款), ``gpb``
    #: (一般公共预算), ``gov_fund``, ``soe``; ``income`` for income by the function it
    #: finances (not comparable with spending); ``""`` when the table is not compared by code
    scope: str = ""
    #: what its total column measures: ``total``, ``basic`` (基本支出) or ``project`` (项目支出)
    measure: str = "total"
    #: header words that name the table when no title is printed (a table inside the narrative)
    header: str = ""

    def matches(self, title: str) -> bool:
        return re.search(self.pattern, squash(title)) is not None

    def matches_header(self, columns: list[str]) -> bool:
        return bool(self.header) and any(re.search(self.header, squash(c)) for c in columns)


# Most specific first: the first matching spec wins.
TABLE_SPECS: tuple[TableSpec, ...] = (
    TableSpec(
        # the department's targets as a whole (部门整体绩效目标表): not a project's
        "department_targets",
        "部门整体绩效目标表",
        "department-wide performance targets",
        r"整体.*绩效目标|部门绩效目标表",
        "targets",
    ),
    TableSpec(
        "performance_targets",
        "项目绩效目标表",
        "project performance targets",
        r"绩效目标",
        "targets",
        header=r"^绩效目标|^绩效指标|^年度绩效目标|^一级指标",
    ),
    TableSpec(
        "gov_fund_three_public",
        "政府性基金预算“三公”经费支出表",
        'government fund budget: "three public" expenses',
        r"政府性基金.*三公",
    ),
    TableSpec(
        "soe_three_public",
        "国有资本经营预算“三公”经费支出表",
        'state capital operation budget: "three public" expenses',
        r"国有资本.*三公",
    ),
    TableSpec("three_public", "“三公”经费支出表", '"three public" expenses', r"三公", header=r"因公出国|公务接待"),
    # a detail of the meeting and training expenses the “三公” table sums (培训费明细表)
    TableSpec("meeting_training_costs", "会议费、培训费明细表", "meeting and training expenses", r"会议费|培训费"),
    TableSpec("agency_running_costs", "机关运行经费支出表", "agency running costs", r"机关运行经费"),
    # a procurement table's title names spending too (政府采购支出预算表): it is no 支出总表
    TableSpec("gov_procurement", "政府采购预算表", "government procurement", r"政府采购"),
    TableSpec("purchase_services", "政府购买服务预算表", "government purchase of services", r"购买服务"),
    TableSpec(
        "fiscal_summary",
        "财政拨款收支总表",
        "fiscal appropriation summary",
        # (财政拨款收支预算表, 财政拨款收入支出决算表: a summary printed without 总)
        r"^(?!.*(?:一般公共预算|政府性基金预算|国有资本经营预算)).*财政拨款"
        r"(?:收入?支出?.*(?:总表|总体情况)|(?:收支|收入支出)(?:预算|决算)表$)",
        "both",
        "fiscal",
    ),
    TableSpec(
        # spending of last year's unspent appropriations only: not comparable with the year's totals by code
        "fiscal_carryover_expense",
        "财政拨款结转资金支出表",
        "fiscal appropriation carry-over expenditure",
        r"财政拨款.*结转.*支出",
    ),
    TableSpec(
        "fiscal_basic_expense",
        "财政拨款基本支出表",
        "fiscal appropriation basic expenditure",
        r"^(?!.*(?:一般公共预算|政府性基金预算|国有资本经营预算)).*财政拨款.*基本支出",
        scope="fiscal",
        measure="basic",
    ),
    TableSpec(
        "fiscal_gov_fund_expense",
        "财政拨款政府性基金支出表",
        "fiscal appropriation government fund expenditure",
        r"财政拨款.*政府性基金",
        scope="gov_fund",
    ),
    TableSpec(
        "fiscal_expense_econ",
        "财政拨款支出表（部门经济分类科目）",
        "fiscal appropriation expenditure by economic class",
        r"^(?!.*(?:一般公共预算|政府性基金预算|国有资本经营预算)).*财政拨款支出.*经济分类",
        scope="fiscal",
    ),
    TableSpec(
        "fiscal_expense",
        "财政拨款支出表",
        "fiscal appropriation expenditure",
        r"^(?!.*(?:一般公共预算|政府性基金预算|国有资本经营预算)).*财政拨款支出",
        scope="fiscal",
    ),
    TableSpec(
        "gpb_expense_summary",
        "一般公共预算支出总表",
        "general public budget expenditure summary",
        r"一般公共预算.*支出.*总表",
        scope="gpb",
    ),
    TableSpec(
        "gpb_basic_expense",
        "一般公共预算基本支出表",
        "general public budget basic expenditure",
        r"一般公共预算.*基本支出",
        scope="gpb",
        measure="basic",
    ),
    TableSpec(
        "gpb_project_expense",
        "一般公共预算项目支出表",
        "general public budget project expenditure",
        r"一般公共预算.*项目支出",
        scope="gpb",
        measure="project",
    ),
    TableSpec(
        "gpb_expense",
        "一般公共预算支出表",
        "general public budget expenditure",
        r"一般公共预算.*支出",
        scope="gpb",
        header=r"^一般公共预算支出",
    ),
    TableSpec(
        "gov_fund_expense",
        "政府性基金预算支出表",
        "government fund budget expenditure",
        r"政府性基金.*(?:支出|收支)",
        scope="gov_fund",
        header=r"^政府性基金预算支出",
    ),
    TableSpec(
        "soe_capital_expense",
        "国有资本经营预算支出表",
        "state capital operation budget expenditure",
        r"国有资本经营.*支出",
        scope="soe",
    ),
    TableSpec(
        # (non-tax income to be collected: 非税征收计划表)
        "fee_collection",
        "行政事业性收费征收预计表",
        "administrative fees to be collected",
        r"收费|非税.*(?:征收|计划)",
        "income",
    ),
    TableSpec(
        "income_expense_summary",
        "收支总表",
        "income and expenditure summary",
        # (a table of the funds of a 财政专户, special accounts outside the budget, is no summary of all funds)
        r"^(?!.*财政专户)(?:.*收支.*(?:总表|总体情况)|.*收入支出.*(?:总表|总体情况)|.*收入支出(?:决算|预算)表$)",
        "both",
        "all",
    ),
    TableSpec(
        "income_summary",
        "收入总表",
        "income summary",
        r"^(?!.*财政专户)(?:.*收入.*(?:总表|总体情况)|.*收入.*表$)",
        "income",
        "income",
    ),
    TableSpec(
        # all funds' spending by economic class (部门预算支出经济分类预算表, 支出经济分类汇总表); a table of
        # 一般公共预算 or 财政拨款 spending by economic class is keyed by its scope above
        "expense_econ",
        "支出经济分类表",
        "expenditure by economic classification",
        r"^(?!.*(?:项目|基本)支出).*(?:支出.*经济分类|经济分类.*支出)",
        scope="all",
    ),
    # a 基本支出 or 项目支出 明细表 is keyed by its measure below
    TableSpec(
        "expense_detail", "支出预算明细表", "expenditure detail", r"^(?!.*(?:项目|基本)支出).*支出.*明细表", scope="all"
    ),
    TableSpec(
        "expense_summary",
        "支出总表",
        "expenditure summary",
        r"^(?!.*(?:项目|基本)支出|.*财政专户).*(?:支出.*(?:总表|总体情况)|支出(?:决算|预算)表$)",
        scope="all",
    ),
    TableSpec(
        "basic_expense", "基本支出表", "basic (operating) expenditure", r"基本支出", scope="all", measure="basic"
    ),
    TableSpec(
        "performance_evaluation",
        "绩效自评表",
        "performance self-evaluation",
        r"绩效自评|绩效评价",
        "targets",
    ),
    TableSpec(
        "project_expense", "项目支出表", "project expenditure", r"项目支出|专项业务经费", scope="all", measure="project"
    ),
    TableSpec("staff_numbers", "单位人员情况表", "staff numbers", r"人员.*(情况|数字)", "count"),
    TableSpec("assets", "资产情况表", "state-owned assets", r"资产"),
)

UNKNOWN = TableSpec("other", "其他表", "other table", r"$^", "other")

#: document kinds (``Budget.meta["kind"]``): a budget (预算) and its final accounts (决算)
DOCUMENT_KINDS: dict[str, tuple[str, str]] = {"预算": ("budget", "部门预算"), "决算": ("final accounts", "部门决算")}

#: the role of a money column, read from the words of its header levels (first match wins).  A budget
#: prints the year's budget (and at times the prior year's, for comparison); final accounts print the
#: outcome (决算数, 本年支出) and at times the budget it is measured against.  A column no pattern
#: matches holds the document's own figure: the budget in a 预算, the outcome in a 决算.
#: A column ``其中…`` is a part of the column before it (其中：公共预算财政拨款), never the whole's figure;
#: an 执行数 is an outcome (last year's, in a budget).
COLUMN_ROLES: tuple[tuple[str, str], ...] = (
    ("ignored", r"行次|栏次|[%％]|增减|增长|比上年|较上年|上年|同比|执行率|完成率|结转|结余|收入|^其中"),
    ("initial", r"年初预算"),
    ("adjusted", r"调整预算|调整后预算|全年预算|变动后预算"),
    ("printed_budget", r"预算数|^预算$"),
    ("final", r"决算|执行数"),
)
#: words of a title naming the funds its figures cover (most specific first), for tables whose spec
#: leaves the scope open (the “三公” tables)
SCOPE_WORDS: tuple[tuple[str, str], ...] = (
    ("gpb", "一般公共预算"),
    ("gov_fund", "政府性基金"),
    ("soe", "国有资本经营"),
    ("fiscal", "财政拨款"),
)


def scope_named(text: str) -> str:
    """The funds ``text`` names (一般公共预算 → gpb, 政府性基金, 国有资本经营, 财政拨款), the most specific first;
    ``""`` when it names none."""
    text = squash(text or "")
    return next((scope for scope, word in SCOPE_WORDS if word in text), "")


def spec_for_title(title: str, columns: list[str] | None = None) -> TableSpec:
    """The standard spec a printed title belongs to; by its header words when the title names
    none (a table printed inside the narrative); ``UNKNOWN`` if neither does."""
    for spec in TABLE_SPECS:
        if spec.matches(title):
            return spec
    for spec in TABLE_SPECS:
        if columns and spec.matches_header(columns):
            return spec
    return UNKNOWN


def spec_by_key(key: str) -> TableSpec:
    """The spec of a standard table key (``UNKNOWN`` if none)."""
    return next((s for s in TABLE_SPECS if s.key == key), UNKNOWN)
