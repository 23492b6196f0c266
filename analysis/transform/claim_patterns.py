"""The phrasings a narrative states its figures in: a catalogue of claim patterns, as data.

The 预算情况说明 of a 部门预算 (and the 决算说明 of a 部门决算) states its figures in a few
phrasings that the national templates share, each province's wording a variant of them::

    …预算数为 3147.17 万元，比 2022 年预算数 3529.60 万元减少 382.43 万元，降低 10.83%
    …支出 7,827.46 万元。与上年相比增加 1,283.91 万元，增长 19.62%
    2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%
    年初预算为 120.00 万元，支出决算为 118.20 万元，完成年初预算的 98.50%

Each pattern is an id, a name, a template, an example sentence and the figures it captures
(:data:`FIELDS` says what each one is).  Templates are regular expressions over a sentence with its
layout spaces removed, written with placeholders (``{current}``, ``{prior}``, ``{rate}`` …) that
expand to named groups.  A pattern's claim is either the figure it captures as ``current`` or, when it
captures none (``与上年相比增加 …``), the figure stated just before it (``claim="before"``), or — stating
one figure for each of the parts listed before it (``分别占 80%、20%``) — those parts (``claim="respectively"``).
A comparison names its base (:data:`BASE_RE`: 比上年预算, 比上年决算 …), each its own when a sentence compares one
figure twice; a qualified rate (可比增长, 剔除…因素后增长, 同口径增长) is of a prior-year figure adjusted first.

Patterns are tried in catalogue order (most specific first); a figure taken by one pattern is not taken
again by a later one.  Nothing is judged here: the audit recomputes what the patterns read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from .amounts import MONEY_UNIT_PATTERN

#: a printed number, not the tail of a longer one; its thousands grouped by commas or by blanks (1 234.56, as a
#: text layer may space them)
NUMBER = r"(?<![\d.,])(?<!\d )(?:\d\d?\d?(?: \d\d\d)+(?!\d)|\d[\d,]*)(?:\.\d+)?"  # (no braces: a format string)
#: a money unit written short, 万 or 亿 alone at the end of its clause (经营收入 0.00 万，…; 预算达 233 亿，…)
SHORT_UNIT = r"(?:万|亿)(?=[，,。；;：:、）)]|$)"
#: the money units a pattern reads, in full or written short (as the unit it stands for: :data:`UNIT_ALIASES`)
MONEY_UNITS = rf"{MONEY_UNIT_PATTERN}|{SHORT_UNIT}"
#: a unit written short, as the unit it stands for
UNIT_ALIASES = {"万": "万元", "亿": "亿元"}
#: words stating an amount's change (增加 X 万元)
#: (增收/减收, 增支/减支, 多支出/少支出: revenue or spending up or down by; 压缩/压减: cut by)
CHANGE_WORDS = "增加|减少|增长|下降|降低|上升|提高|增收|减收|增支|减支|多支出|少支出|压缩|压减|增|减"
#: words stating a rate of change (增长 X%; 减少率为 X%; 压缩 X%: a cut), longest first
RATE_WORDS = (
    "增长幅度|下降幅度|增长率|增加率|减少率|下降率|降低率|上升率|增幅|降幅|减幅"
    "|增长|增加|上升|上涨|提高|下降|降低|减少|压缩|压减|增|减"
)
#: what joins the figures of a list (X%、Y% 和 Z%)
AND = "(?:[、，,]|和|及|与)"
#: words that state a change, never part of a figure's name (比上年多支出 20 万元)
NOT_A_NAME = rf"{CHANGE_WORDS}|持平|多|少|超|高于|低于"
#: this year's or the compared year's figure: which kind of figure the comparison names
FIGURE_KINDS = r"(?:当年|年初)?(?:预算执行数|执行数|预算数|决算数|预算|决算|同期数?|数)?"
#: the kind of prior-year figure a comparison names — its base: 比上年预算 (预算), 较2022年决算数 (决算),
#: 比2025年预算执行数 (执行); each comparison of a sentence stating two (比上年预算减少 …，比上年决算增加 …)
#: has its own
BASE_RE = re.compile(
    r"(?:比|较|与|同)(?:上年度?|上一年度?|去年|20\d{2}年度?)(?:年初|当年)?(?P<base>预算执行数|执行数|预算|决算)"
)
#: the words qualifying a rate: it is of a prior-year figure adjusted first (可比增长 3.2%, 同口径增长,
#: 剔除减税降费因素后，增长 4.1%, 按可比价格计算), never the one the tables print
QUALIFIER = (
    r"(?:按|以)?(?:可比(?:口径|价格)?|同口径)(?:比较|计算|相比)?"
    r"|(?:剔除|扣除)[^，,。；;：:%\d]{1,30}?(?:因素|影响)(?:影响)?后?"
)
#: what states figures of the parts listed before, one each (分别为 A、B; 收、支总计各是 A、B 万元)
RESPECTIVELY_WORDS = r"(?:分别|各)"

#: the most figures a list stated respectively is read with (工资福利支出、商品和服务支出、对个人和家庭的补助 …，
#: 分别占 …): a longer list is read not at all, never cut short
LISTED_MAX = 12


def _further(name: str, figure: str) -> str:
    """The figures after a list's first, each joined by 、/和/及/与 (``、Y%、Z% 和 W%``), as groups ``name_2`` … up to
    :data:`LISTED_MAX`: nested, so that a figure is read only after the one before it; ``figure`` is a figure's
    regex with ``{g}`` for its group's name."""
    text = ""
    for k in range(LISTED_MAX, 1, -1):
        text = rf"{AND}{figure.format(g=f'{name}_{k}')}" + (rf"(?:{text})?" if text else "")
    return text


#: what each captured figure is
FIELDS: dict[str, str] = {
    "current": "this year's figure: the claim's amount (or, for a restating pattern, the item's amount restated)",
    "prior": "the prior-year figure the text compares with",
    "change": "the stated change in amount (增加/减少 X)",
    "direction": "the word stating the change's direction (增加, 减少 …)",
    "rate": "the stated rate of change, in %",
    "rate_direction": "the word stating the rate's direction (增长, 下降 …)",
    "share": "the stated share of a whole, in %",
    "whole": "the whole a share is of, as named (占“三公”经费的 …); empty when not named",
    **{
        f"share_{k}": f"share {k} of a list stated respectively (分别占 X%、Y%、…): of part {k} listed"
        for k in range(2, LISTED_MAX + 1)
    },
    **{
        f"rate_{k}": f"rate {k} of a list stated respectively (分别增长 X%、Y%、…): of part {k} listed"
        for k in range(2, LISTED_MAX + 1)
    },
    "budget": "the budget (年初预算) a final-accounts figure is compared with",
    "completion": "the stated completion of the budget (完成年初预算的 X%), in %",
    "prior_year": "the year named for the prior figure (上年 when not named)",
    "compare_year": "the year named a second time in the same comparison (比2025年预算执行数 …)",
    "current_year": "the year named for this year's figure",
    "flat": "the word stating no change (持平, 一致 …)",
    "budget_flat": "the word stating that the final figure equals the budget (与年初预算一致)",
    "versus_budget": "the budget a final figure's change is stated against (比年初预算增加 …)",
    "qualifier": "the words qualifying a rate: of a prior-year figure adjusted first (可比, 同口径, 剔除…因素后)",
    **{
        f"change_{k}": f"change {k} of a list stated respectively (各减少 X、Y 万元): of part {k} listed"
        for k in range(2, LISTED_MAX + 1)
    },
}

PLACEHOLDERS: dict[str, str] = {
    "current": rf"(?P<current>{NUMBER})(?P<current_unit>{MONEY_UNITS})",
    "prior": rf"(?P<prior>{NUMBER})(?P<prior_unit>{MONEY_UNITS})",
    #: a prior figure stated before its change may leave its unit out, the change's being the same
    #: (较上年2.08减少0.03万元)
    "prior_bare": rf"(?P<prior>{NUMBER})(?P<prior_unit>{MONEY_UNITS})?",
    "change": rf"(?P<change>{NUMBER})(?P<change_unit>{MONEY_UNITS})",
    "budget": rf"(?P<budget>{NUMBER})(?P<budget_unit>{MONEY_UNITS})",
    "rate": rf"(?P<rate>{NUMBER})%",
    "share": rf"(?P<share>{NUMBER})%",
    #: further shares stated respectively (分别占 80%、15% 和 5%), every one of the list or none
    "shares": _further("share", rf"(?P<{{g}}>{NUMBER})%") + rf"(?!{AND}{NUMBER}%)",
    #: further rates stated respectively (分别增长 5%、3% 和 2%), every one of the list or none
    #: (each may state its own direction: 分别增长 5.91%、下降 7.23%)
    "rates": _further("rate", rf"(?:(?P<{{g}}_direction>{RATE_WORDS})了?)?(?P<{{g}}>{NUMBER})%")
    + rf"(?!{AND}(?:(?:{RATE_WORDS})了?)?{NUMBER}%)",
    #: changes stated respectively, in the unit printed after the last (各减少 1267.86、2570.97 万元): the last
    #: prints one
    "changes": rf"(?P<change>{NUMBER})(?P<change_unit>{MONEY_UNITS})?"
    + _further("change", rf"(?P<{{g}}>{NUMBER})(?P<{{g}}_unit>{MONEY_UNITS})?")
    + rf"(?<=[^\d.,%])(?!{AND}{NUMBER})",
    "completion": rf"(?P<completion>{NUMBER})%",
    "dir": rf"(?P<direction>{CHANGE_WORDS})了?",
    #: (an adverb may stand before it: 继续下降 5.3%, 仍增长, 略有下降)
    "rate_dir": rf"(?:继续|持续|仍|略有|大幅)?(?P<rate_direction>{RATE_WORDS})了?(?:为|达)?",
    "last_year": r"(?:上年度?|上一年度?|去年|(?P<prior_year>20\d{2})年度?)",
    "compare_year": r"(?:上年度?|上一年度?|去年|(?P<compare_year>20\d{2})年度?)",
    "this_year": r"(?P<current_year>20\d{2})年度?",
    "kind": FIGURE_KINDS,
    #: what names the prior figure between its year and itself: its kind, 的, or a few words naming it
    #: (较2024年的2190万元, 比上年累计支出433万元) — never a word stating a change
    "prior_name": rf"{FIGURE_KINDS}(?:的|(?:(?!{NOT_A_NAME})[^，,。；;：:、%\d（(]){{0,8}}?)(?:为|是)?",
    #: the whole's name; a bracketed aside of it counts as one word (占财政性资金（…除外）总额的比例为 …); 占比 names
    #: none (税收占比 92.02%: its 比 is no whole), nor does 占调整预算 (a completion: ``completes``)
    "whole": r"(?!比(?![重例])|(?:年初|调整后?)预算)(?P<whole>(?:[^，,。；;：:%\d（(]|[（(][^（()）%]*[)）]){0,24}?)"
    r"(?:的)?(?:比重|比例)?(?:为|达)?",
    "flat": r"(?P<flat>持平|一致|相同|相当|保持不变|不变|无变化|没有变化|未发生变化|无增减变化|无增减|未变化)",
    #: a rate stated with a direction word, or as the change's rate (变动率为 0%)
    "rate_word": rf"(?:(?P<rate_direction>{RATE_WORDS})了?(?:为|达)?|(?:变动|变化|增减)(?:幅度|率)?为?)",
    #: a final figure's budget: 年初预算, or the budget as adjusted during the year
    "versus_budget": r"(?:与|比|较)(?P<versus_budget>年初预算|调整后?预算|全年预算|预算)数?(?:相比|比较)?",
    #: a final figure's budget named before its figure (年初预算为, 支出预算为, 调整预算数)
    "budget_named": r"(?:年初|调整后?|全年|支出)?预算(?:数)?为?",
    #: a final figure stated as a share of its budget (完成年初预算的 98.50%, 为调整预算的 …, 完成年度预算的 …);
    #: 占 a budget named as the year's opening or adjusted one is its completion too (占调整预算 105.47%,
    #: 占年初预算的 …), never a share of a whole
    "completes": r"(?:(?:完成(?:了)?|为)(?:年初|调整后?|全年|年度)?|占(?:年初|调整后?))预算(?:数)?的?(?:比例|比重)?为?",
    #: a change in percentage points of a share or a rate (增幅同比提高 48.70 个百分点, 快于序时进度 3.4 个百分点):
    #: known, never a figure of its own, and read past to the rate stated after it
    "points": rf"(?:[，,][^，,。；;：:%\d]{{0,16}}?{NUMBER}个?百分点)",
    #: words without figures inside one clause (the subject repeated: 与上年相比，财政拨款支出增加 …)
    "gap": r"[^，,。；;：:%\d]{0,24}?",
    "sep": r"[，,]?",
    #: year on year (同比); on a like-for-like basis (同口径) the rate is qualified: ``qualifier``
    "year_on_year": r"(?:同比)",
    "qualifier": rf"(?P<qualifier>{QUALIFIER})",
    "respectively": RESPECTIVELY_WORDS,
}
#: the shares a pattern stating them respectively captures, in the order of the parts they are of
RESPECTIVE_SHARES = ("share", *(f"share_{k}" for k in range(2, LISTED_MAX + 1)))
#: the rates a pattern stating them respectively captures
RESPECTIVE_RATES = ("rate", *(f"rate_{k}" for k in range(2, LISTED_MAX + 1)))
#: the changes a pattern stating them respectively captures
RESPECTIVE_CHANGES = ("change", *(f"change_{k}" for k in range(2, LISTED_MAX + 1)))
NUMBER_FIELDS = (
    "current", "prior", *RESPECTIVE_CHANGES, "budget", "completion", *RESPECTIVE_RATES, *RESPECTIVE_SHARES
)  # fmt: skip
PERCENT_FIELDS = ("completion", *RESPECTIVE_RATES, *RESPECTIVE_SHARES)
#: a comparison with the prior year: 与上年相比 / 比上年 / 较2025年预算数 (/ 2023年度相比, its 与 left out)
VERSUS_LAST_YEAR = (
    r"(?:与|同|比|较|(?<![与同比较])(?=(?:上年|上一年|去年|20\d\d年)度?相比)){last_year}{kind}(?:相比|比较)?"
)


@dataclass(frozen=True)
class ClaimPattern:
    id: str
    name: str
    template: str
    example: str
    #: where the claim is: ``current``, the figure captured as current; ``before``, the figure stated
    #: before the phrase; ``change``, the captured change itself (a subject stating only its change);
    #: ``respectively``, the figures listed before the phrase, one each (分别占 X%、Y%; 分别增长 X%、Y%;
    #: 各减少 X、Y 万元)
    claim: str = "current"
    #: the captured current restates an item's amount stated at its head (the audit compares the two)
    restates: bool = False
    #: what names the claim: ``figure``, the clause before its figure; ``phrase``, the clause before the
    #: phrase (or, when the phrase opens its sentence, the sentence before: ``行政运行（项）。年初预算为 …``)
    subject: str = "figure"
    families: str = ""
    fields: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        found = tuple(dict.fromkeys(re.findall(r"\(\?P<(\w+)>", self.regex.pattern)))
        object.__setattr__(self, "fields", tuple(f for f in found if f in FIELDS))

    @cached_property
    def regex(self) -> re.Pattern:
        text = VERSUS_LAST_YEAR.join(self.template.split("{versus}"))
        return re.compile(re.sub(r"\{(\w+)\}", lambda m: PLACEHOLDERS[m.group(1)], text))

    @property
    def captures(self) -> dict[str, str]:
        """What each figure this pattern captures is."""
        return {f: FIELDS[f] for f in self.fields}


PATTERNS: tuple[ClaimPattern, ...] = (
    # ----- final accounts (决算): a final figure against its budget
    ClaimPattern(
        "F01", "final against budget: completion rate",
        r"{budget_named}{budget}{sep}(?:支出)?决算(?:数)?为?{current}{sep}"
        r"(?:决算数?)?{completes}{completion}",
        "行政运行（项）。年初预算为 120.00 万元，支出决算为 118.20 万元，完成年初预算的 98.50%。",
        subject="phrase",
        families="部门决算 (national template)",
    ),
    ClaimPattern(
        "F02", "final against budget: equal",
        r"{budget_named}{budget}{sep}(?:支出)?决算(?:数)?为?{current}{sep}(?:决算数?)?"
        r"与年初预算(?:数)?(?P<budget_flat>一致|持平|相同|相等)",
        "2.机关服务（项）：年初预算为 56.00 万元，支出决算为 56.00 万元，决算数与年初预算数一致。",
        subject="phrase",
        families="部门决算 (national template)",
    ),
    ClaimPattern(
        "F03", "final against the budget: change and rate",
        r"{versus_budget}{sep}{gap}{dir}{change}{sep}{rate_dir}{rate}",
        "机关运行经费支出决算为 118.20 万元，比年初预算减少 1.80 万元，下降 1.50%。",
        claim="before",
        families="部门决算 (national template)",
    ),
    ClaimPattern(
        "F06", "final against the budget: rate only",
        r"{versus_budget}{sep}{gap}{rate_dir}{rate}",
        "2020年公务接待费决算支出238万元，较年初预算下降42%。",
        claim="before",
        families="四川 (县级“三公”经费决算)",
    ),
    ClaimPattern(
        "F09", "final figure, then its budget, then the completion (支出 Y，年初预算为 X，完成年初预算的 Z%)",
        r"{current}{sep}{budget_named}{budget}{sep}{completes}{completion}",
        "政府性基金预算财政拨款支出 160.00 万元，年初预算为 140.00 万元，完成年初预算的 114.29%。",
        families="部门决算 (national template: 湖南, 云南, 陕西 …)",
    ),
    ClaimPattern(
        "F04", "final figure and completion, the budget not stated",
        r"决算(?:数)?为?{current}{sep}(?:{completes}|(?:预算)?执行率(?:为|达到?|是)?){completion}",
        "2023年度“三公”经费支出决算为 45.30 万元，完成预算的 90.60%。",
        families="部门决算 (national template)",
    ),
    ClaimPattern(
        "F08", "figure and completion of a budget stated inside the phrase (完成预算 B 的 Z%)",
        r"{current}{sep}(?:完成(?:了)?|为|占)(?:年初|调整后?|全年)?预算(?:数)?为?{budget}的{completion}",
        "一般公共预算收入42100万元，完成预算49531万元的85.0%，短收7431万元。",
        families="财政预算执行报告; 部门决算",
    ),
    ClaimPattern(
        "F07", "figure and completion, without the word 决算 (完成调整预算 Z%, 为预算的 Z%, 占调整预算 Z%), its rate "
        "stated or not (after a change in percentage points, or inside the completion's brackets)",
        r"{current}{sep}[（(]?{completes}{completion}(?:{points}?{sep}(?:{year_on_year}|{versus})?{rate_dir}{rate})?",
        "一般公共预算支出3280.4亿元，完成调整预算93.4%，增长20.2%。",
        families="财政预算执行报告; 部门决算",
    ),
    ClaimPattern(
        "F05", "final against the prior year's final, rate only",
        r"(?:{this_year})?决算数为?{current}{sep}(?:比|较){last_year}决算数?{rate_dir}{rate}",
        "1.小学教育（2050202），2023 年度决算数为 7,970.38万元，比 2022 年度决算数增长 0.39%。",
        families="部门决算 (central units)",
    ),
    # ----- changes and rates of the parts listed before, stated respectively
    ClaimPattern(
        "R02", "changes (and rates) of the parts listed before, stated respectively (各减少 X、Y 万元，各下降 …)",
        r"{respectively}(?:{versus}|{year_on_year})?{sep}{dir}{changes}(?:{sep}{respectively}?{rate_dir}{rate}{rates})?",
        "2022年度收、支总计各是4125.49,4143.91万元。与2021年相比,收、支总计各减少1267.86,2570.97万元,"
        "各下降23.51%、38.28%。",
        claim="respectively",
        families="四川 (县级部门决算: 收、支总计各 …)",
    ),
    ClaimPattern(
        "R01", "rates of the parts listed before, stated respectively (分别比上年增长 …, 各下降 …)",
        r"{respectively}(?:{versus}|{year_on_year})?{sep}{rate_dir}{rate}{rates}",
        "基本支出 800 万元、项目支出 200 万元，分别比上年增长 6.67% 和 11.11%。",
        claim="respectively",
        families="national; 财政预算执行报告 (科学技术支出、节能环保支出分别增长 …)",
    ),
    ClaimPattern(
        "R03", "no change of any of the parts listed before (A、B 分别为 X、Y 万元，均与上年持平), its rate stated or "
        "not (均与去年持平，增长 0%: the rate of each)",
        r"[均都](?:(?:与|比|较|同){last_year}{kind}(?:相比|比较)?|{year_on_year}){sep}(?:基本)?{flat}"
        r"(?:{sep}{rate_word}{rate})?",
        "因公出国（境）费、公务接待费分别为 2.00 万元、3.00 万元，均与上年持平。",
        claim="respectively",
        families="national (“三公”经费: 均与上年持平)",
    ),
    # ----- qualified rates: of a prior-year figure adjusted first (可比, 同口径, 剔除…因素后), never the tables'
    ClaimPattern(
        "Q01", "qualified change, its rate stated or not (同口径减少 X 万元，下降 Z%)",
        r"(?:{versus}{sep})?{qualifier}{sep}(?:{year_on_year})?{dir}{change}(?:{sep}{rate_dir}{rate})?",
        "卫生健康支出 1165.08 万元，按同口径同比减少 63.96 万元，下降 5.2%。",
        claim="before",
        families="national; 财政预算执行报告",
    ),
    ClaimPattern(
        "Q02", "qualified rate (可比增长 Z%; 剔除…因素后，增长 Z%; 同口径增长 Z%)",
        r"(?:{versus}{sep})?{qualifier}{sep}(?:{year_on_year})?{rate_dir}{rate}",
        "一般公共预算收入 520.00 万元，增长 4.00%，可比增长 3.2%。",
        claim="before",
        families="财政预算执行报告; national",
    ),
    # ----- this year against the prior year, the prior figure stated
    ClaimPattern(
        "B01", "prior figure, change and rate",
        r"{current}{sep}(?:比|较){last_year}{prior_name}[（(]?{prior_bare}[)）]?{dir}{change}{sep}[（(]?{rate_dir}{rate}",
        "…其他教育管理事务支出（项）预算数为 3147.17 万元，比 2022 年预算数 3529.60 万元减少 382.43 万元，"
        "降低 10.83%，变动的主要原因是…",
        families="四川/成都; national",
    ),
    ClaimPattern(
        "B02", "prior figure and change",
        r"{current}{sep}(?:比|较){last_year}{prior_name}[（(]?{prior_bare}[)）]?{dir}{change}",
        "2023 年一般公共预算当年拨款 5601 万元，比上年预算数 5516.62 万元增加 84.38 万元。",
        families="四川/成都; national",
    ),
    ClaimPattern(
        "B03", "prior figure and rate",
        r"{current}{sep}(?:比|较){last_year}{prior_name}[（(]?{prior}[)）]?{sep}{rate_dir}{rate}",
        "住房公积金 173.97 万元，比上年预算数 162.30 万元增长 7.19%。",
        families="national",
    ),
    ClaimPattern(
        "B04", "prior figure stated first (预算执行数), then this year's (预算安排), then the rate",
        r"{last_year}{kind}为?{prior}{sep}{this_year}(?:预算安排|预算数为?|预算为?|安排){current}{sep}"
        r"(?:比|较){compare_year}{kind}(?:{dir}{change}{sep})?{rate_dir}{rate}",
        "2025年当年预算执行数为1690.69万元，2026年预算安排1672.67万元，比2025年预算执行数减少1.07%。",
        restates=True,
        subject="phrase",
        families="上海 (区级部门预算)",
    ),
    ClaimPattern(
        "B21", "this year's figure, then the prior year's, each named by its year, then the change and its rate "
        "(2016年预算 8 万元，2015年预算 12.35 万元；对比减少 4.35 万元；减少率 35.22%)",
        r"{this_year}{kind}为?{current}[，,；;]{last_year}{kind}为?{prior}[，,；;]?(?:对比|相比|比较)?[，,]?"
        r"{dir}{change}(?:[，,；;]{rate_dir}{rate})?",
        "公务接待费2016年预算8万元，2015年预算12.35万元；对比减少4.35万元；减少率35.22%。",
        families="四川 (县级部门预算)",
    ),
    ClaimPattern(
        "B23", "this year's figure, then the prior year's in a clause or brackets of its own (上年预算 X 万元, "
        "2024年决算数 X 万元, 上年为 X 万元), then the change and its rate or not",
        r"(?:{this_year}{kind}为?)?{current}(?:[，,；;]|(?P<bracket>[（(])){last_year}(?!结转|结余){prior_name}{prior}"
        r"(?(bracket)[)）])[，,；;]?(?:(?:对比|相比|比较)[，,]?)?{dir}{change}(?:[，,；;]{rate_dir}{rate})?",
        "2025年“三公”经费预算25.80万元，上年预算28.00万元，减少2.20万元，下降7.86%。",
        families="national (县级“三公”经费, 部门决算)",
    ),
    ClaimPattern(
        "B24", "this year's figure, then the prior year's in a clause or brackets of its own, then the rate",
        r"(?:{this_year}{kind}为?)?{current}(?:[，,；;]|(?P<bracket>[（(])){last_year}(?!结转|结余){prior_name}{prior}"
        r"(?(bracket)[)）])[，,；;]?(?:(?:对比|相比|比较)[，,]?)?{rate_dir}{rate}",
        "2025年公务接待费预算4.50万元（2024年预算5.00万元），下降10.00%。",
        families="national (县级“三公”经费, 部门决算)",
    ),
    ClaimPattern(
        "B05", "prior figure in brackets, then change and rate",
        r"与{last_year}{kind}相比[（(][^（()）]*?{prior}[)）]{sep}{dir}{change}{sep}{rate_dir}{rate}",
        "2017 年度部门支出预算安排与 2016 年度相比（2016 年度部门支出预算安排为 8,648.07 万元），增加 498.72 万元，"
        "增长 5.77%。",
        claim="before",
        families="江苏",
    ),
    ClaimPattern(
        "B18", "prior figure and rate after a figure another phrase took (…的 67.3%，较上年同期 99895 万元下降 32.0%)",
        r"(?<=%)[，,](?:比|较){last_year}{prior_name}{prior}{sep}{rate_dir}{rate}(?:{sep}{dir}{change})?",
        "大口径财政收入累计完成67955万元，占预算101032万元的67.3%，较上年同期99895万元下降32.0%，减收31940万元。",
        claim="before",
        families="财政预算执行报告",
    ),
    ClaimPattern(
        "B19", "prior figure, change and rate, this year's figure stated before the comparison's sentence or "
        "bracket (…205.27 万元。比上年支出决算 221.17 万元减少 15.9 万元，减少率为 7.19%)",
        r"(?:比|较){last_year}{prior_name}{prior_bare}{dir}{change}(?:{sep}{rate_dir}{rate})?",
        "2016年支出决算205.27万元。比上年支出决算221.17万元减少15.86万元，减少率为7.17%。",
        claim="before",
        families="部门决算 (县级); 教育经费统计公告",
    ),
    ClaimPattern(
        "B20", "prior figure and rate, this year's figure stated before the comparison's bracket or sentence",
        r"(?:比|较){last_year}{prior_name}{prior}{sep}{rate_dir}{rate}(?:{sep}{dir}{change})?",
        "国家财政性教育经费为152,997.73万元（主要包括一般公共预算安排的教育经费等），比上年的144,495.75万元增长5.88%。",
        claim="before",
        families="教育经费统计公告",
    ),
    # ----- this year against the prior year, only the change stated: prior = current ∓ change
    ClaimPattern(
        "B06", "change and rate against the prior year",
        r"{versus}{sep}{gap}(?:各)?{dir}{change}{sep}[（(]?{rate_dir}{rate}",
        "一般公共服务（类）支出 7,827.46 万元，主要用于…。与上年相比增加 1,283.91 万元，增长 19.62%。",
        claim="before",
        families="江苏, 苏州 (与上年相比); 广东, 深圳, 北京 (比上年, 较上年)",
    ),
    ClaimPattern(
        "B22", "change and rate right after this year's figure, the year compared with not named (X 亿元，增加 Y 亿元，"
        "增长 Z%), a completion after them or not",
        r"{current}{sep}{dir}{change}{sep}(?:{year_on_year})?{rate_dir}{rate}(?:{sep}{completes}{completion})?",
        "中央财政支出43819.58亿元，增加8431.02亿元，增长23.8%，完成预算的99.9%。",
        families="财政预算执行报告; national",
    ),
    ClaimPattern(
        "B07", "change and rate year on year (同比, 同口径)",
        r"{year_on_year}{dir}{change}{sep}[（(]?{rate_dir}{rate}",
        "“三公”经费预算 12.5 万元，同比减少 2.5 万元，下降 16.67%。",
        claim="before",
        families="national",
    ),
    ClaimPattern(
        "B17", "rate, then the change (同比增长 Z%，增支 X 亿元)",
        r"(?:{versus}|{year_on_year}){sep}{gap}{rate_dir}{rate}{sep}{dir}{change}",
        "全省一般公共预算支出累计执行3756.7亿元，同比增长9.2%，增支315亿元。",
        claim="before",
        families="财政预算执行报告; national",
    ),
    ClaimPattern(
        "B08", "change against the prior year, no rate",
        r"{versus}{sep}{gap}(?:各)?{dir}{change}",
        "财政拨款收入9628.22万元，比2025年预算增加793.14万元；",
        claim="before",
        families="上海; 江苏; national",
    ),
    ClaimPattern(
        "B09", "change year on year (同比, 同口径), no rate",
        r"{year_on_year}{dir}{change}",
        "公务接待费 3 万元，同比减少 1 万元。",
        claim="before",
        families="national",
    ),
    ClaimPattern(
        "B10", "rate against the prior year, no figure",
        r"{versus}{sep}{gap}{rate_dir}{rate}",
        "机关运行经费 36.5 万元，比上年下降 5.2%。",
        claim="before",
        families="national",
    ),
    ClaimPattern(
        "B11", "rate year on year (同比, 同口径), no figure",
        r"{year_on_year}{rate_dir}{rate}",
        "支出预算 880 万元，同比增长 3.5%。",
        claim="before",
        families="national",
    ),
    ClaimPattern(
        "B12", "no change against the prior year (持平, 一致, 无变化; 同比无增减变化), its rate stated or not",
        # (均与上年持平 after a list is R03's: of every part listed)
        r"(?<![均都])(?:(?:与|比|较|同){last_year}{kind}(?:相比|比较)?|{year_on_year}){sep}(?:基本)?{flat}"
        r"(?:{sep}{rate_word}{rate})?",
        "政府性基金拨款支出预算0万元，与2025年预算持平；",
        claim="before",
        families="上海, 江苏, 广东, 深圳, 北京; 广西 (同比无增减变化); national",
    ),
    ClaimPattern(
        "B14", "this year's figure more or less than the prior year's by a change (本年数小于上年预算数 X)",
        r"本年(?:预算)?数?(?P<direction>小于|大于|少于|多于|低于|高于){last_year}{kind}{change}",
        "会议费预算支出 1305.25 万元，本年数小于上年预算数 403.75 万元，原因是…",
        claim="before",
        families="江苏",
    ),
    # ----- a change and a rate stated of a subject without any figure of it (收入增加 X 万元，增长 Z%)
    ClaimPattern(
        "B13", "change and rate of a subject stating no level",
        r"(?<=[\u4e00-\u9fff）)”])(?:分别)?{dir}{change}{sep}{rate_dir}{rate}",
        "其中：财政拨款收入增加 14,458.07 万元，增长 6.33%。",
        claim="change",
        families="national",
    ),
    ClaimPattern(
        "B16", "rate right after this year's figure, the year compared with not named (X 万元，增长 Z%; "
        "X 亿元、增长 Z%)",
        r"{current}[，,、]?{rate_dir}{rate}(?:{sep}{dir}{change})?",
        "全市一般公共预算全口径财政收入完成288.0亿元，下降3.9%。",
        families="national; 财政预算执行报告",
    ),
    # ----- shares
    ClaimPattern(
        "S04", "shares of the parts listed before, stated respectively (分别占 …)",
        r"分别(?:占{whole}|(?:占比重|占比|所占比重|所占比例)(?:为|达)?){share}{shares}",
        "其中：基本支出 800 万元，项目支出 200 万元，分别占支出总额的 80%和 20%。",
        claim="respectively",
        families="national",
    ),
    ClaimPattern(
        "S05", "shares listed after 占, of the parts listed before, one each in order (A、B 分别为 X、Y，占 W 的 "
        "a%、b%); of one part, the wholes named one each (占 W1 和 W2 的比重分别为 a%、b%)",
        r"占{whole}(?:分别)?(?:为|是|达)?{share}{shares}",
        "货物、工程、服务采购规模分别为 9,027.5 亿元、15,664.1 亿元和 10,301.5 亿元，占政府采购规模的 25.8%、44.8%和 "
        "29.4%。",
        claim="respectively",
        families="财政部 (全国政府采购简要情况); national",
    ),
    ClaimPattern(
        "S01", "share stated as 占比",
        r"{current}{sep}(?:占比重|占比|所占比重|所占比例|比重)(?:为|达)?{share}",
        "教育支出 434,334.99 万元，占比 77.94%。",
        families="national",
    ),
    ClaimPattern(
        "S02", "share of a whole (占 …的 Z%), after the part's amount; its rate of change may follow (，增长 Z%)",
        r"{current}{sep}占{whole}{share}(?:{points}?{sep}(?:{year_on_year}|{versus})?{rate_dir}{rate})?",
        "因公出国（境）费支出 106 万元，占“三公”经费的 15.70%；",
        families="national",
    ),
    ClaimPattern(
        "S03", "share of a whole, the part's amount stated earlier (one share: never the first of a list stated "
        "respectively, 分别占 …)",
        r"(?<!分别)(?<!各)(?:占{whole}|(?:占比重|占比|所占比重|所占比例)(?:最大|最高|最小|最低)?[，,]?(?:为|达)?){share}",
        "教育支出 4,928.27 万元，主要用于…，占一般公共预算支出的 87.99%。",
        claim="before",
        families="national",
    ),
    # ----- a completion stated apart from its figure (after a bracket or another clause): the last, a fallback
    ClaimPattern(
        "F10", "completion of the figure stated before it, not right after it (X 万元（自然口径），占调整预算 Z%)",
        r"(?<=[，,；;）)]){completes}{completion}",
        "地方一般公共预算收入完成28,583万元（自然口径），占调整预算105.47%。",
        claim="before",
        families="财政预算执行报告",
    ),
)  # fmt: skip


def pattern_catalogue() -> pd.DataFrame:
    """The catalogue as a DataFrame: id, name, example sentence, what each captured figure is."""
    return pd.DataFrame(
        [
            {
                "pattern": p.id,
                "name": p.name,
                "claim": p.claim,
                "restates": p.restates,
                "captures": "; ".join(f"{k}: {v}" for k, v in p.captures.items()),
                "example": p.example,
                "families": p.families,
            }
            for p in PATTERNS
        ]
    )


def pattern_by_id(pattern_id: str) -> ClaimPattern:
    return next(p for p in PATTERNS if p.id == pattern_id)
