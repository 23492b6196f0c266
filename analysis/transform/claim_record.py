"""A claim of a narrative as read: its record, and the small readers of its figures and names that the sentence
parser (:mod:`.claims`) and the reader of lists (:mod:`.claim_lists`) share — a figure's number and unit, a
subject cleaned of the words around it, the function levels a subject names, the core of a whole's name, the
prior-year figure a comparison names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..text import ENUMERATOR_RE
from .amounts import UNIT_FACTORS
from .claim_patterns import BASE_RE, ClaimPattern

MONEY_FACTORS = UNIT_FACTORS


#: words around a subject that say nothing about what is counted
SUBJECT_NOISE_RE = re.compile(
    r"^(?:其中|主要包括|包括|分别为|分别是|此外|另外|同时|以及|和|及)?[:：，,\s]*"
    r"|(?:预算数|决算数|执行数|预算安排|安排|合计|共计|共|为|是|总额|金额)+\s*$"
)


YEAR_PREFIX_RE = re.compile(r"^(?:20\d{2}\s*年(?:度)?)")


#: function-code levels named in a subject: 公共安全支出（204类）司法（06款）…, 小学教育（2050202）
CODED_LEVEL_RE = re.compile(r"(?P<name>[^（()）]+?)[（(](?P<code>\d{2,7})(?P<level>类|款|项)?[)）]")


LEVEL_LENGTH = {"类": 3, "款": 5, "项": 7}


def number_of(text: str) -> Decimal:
    """A figure as a claim states it (``1,234.56``, ``1 234.56``)."""
    return Decimal(text.replace(",", "").replace(" ", ""))


@dataclass
class Claim:
    page: int
    section: str
    sentence: str
    subject: str
    amount: Decimal | None
    amount_text: str
    unit: str
    prior: Decimal | None = None
    prior_text: str = ""
    change: Decimal | None = None
    change_text: str = ""
    direction: str = ""
    rate: Decimal | None = None
    rate_text: str = ""
    rate_direction: str = ""
    share: Decimal | None = None
    share_text: str = ""
    #: the whole a share is of, as the sentence names it (占“三公”经费的 …)
    whole_name: str = ""
    flat: bool = False
    #: the amount is itself a change (``财政拨款收入增加 14,458.07 万元``), not a level
    is_change: bool = False
    #: this year's figure stated again in the comparison (2026年预算安排 Y), the amount being the item's head
    restated: Decimal | None = None
    restated_text: str = ""
    budget: Decimal | None = None
    budget_text: str = ""
    completion: Decimal | None = None
    completion_text: str = ""
    budget_flat: bool = False
    #: what a change is stated against when not the prior year's figure the tables print (``年初预算``, ``调整预算``:
    #: a final figure's budget; ``同口径上年数``: a qualified rate's; ``上年决算数`` in a sentence comparing first
    #: with ``上年预算``): no table figure is taken for it
    compared: str = ""
    #: the kind of prior-year figure the claim's comparison names (``预算``, ``决算``, ``执行``; ``""``: none named)
    base: str = ""
    #: the words qualifying the claim's rate (``可比``, ``同口径``, ``剔除…因素后``): of an adjusted prior-year figure
    qualifier: str = ""
    prior_year: int | None = None
    compare_year: int | None = None
    current_year: int | None = None
    patterns: list[str] = field(default_factory=list)
    #: the subject's enumerator kind: ``cn`` for （一）/一、, ``num`` for (1)/1., ``""`` none
    enum: str = ""
    parent: int | None = None  # the claim this one is a part of (after 其中 / 包括)
    part_list: int = 0  # parts of one parent listed together (a 收入包括 … and a 支出包括 … list)
    whole: int | None = None  # the claim a share is taken of
    #: shares of one named whole listed together, the whole itself not stated (their sum may stand for it)
    share_group: int | None = None
    #: the claim stating the figure this one compares a second time (…下降 5%，比上年决算数下降 2%; 可比增长 3.2%):
    #: the claim's amount is that one's, its own comparison apart
    item: int | None = None
    func_code: str = ""
    func_levels: tuple[tuple[str, str], ...] = ()
    #: the file the sentence is printed in, when the narrative comes from several files
    source: str = ""
    position: tuple[int, int, int] = (0, 0, 0)  # text unit, sentence, offset: reading order

    def has_comparison(self) -> bool:
        return any(v is not None for v in (self.prior, self.change, self.rate, self.budget)) or self.flat


@dataclass
class PatternMatch:
    pattern: ClaimPattern
    groups: dict[str, str]
    start: int
    spans: dict[int, str]  # token start → field
    end: int = 0
    claim: Claim | None = None
    #: the captured current restates the amount of the claim it was put on (an item's head)
    restating: bool = False


HEADING_THEN_YEAR_RE = re.compile(r"^\S*?(?:说明|情况|概况)(?=20\d{2}年)")


def clean_subject(subject: str) -> str:
    subject = re.sub(r"\s+", "", subject)
    if re.match(r"^[（(][^）)]*$", subject):  # an aside opened before it (…28万元（公务用车购置费0万元)
        subject = subject[1:]
    # a heading run into its paragraph (支出决算情况说明2023年度一般公共服务支出): the subject follows the year
    subject = HEADING_THEN_YEAR_RE.sub("", subject)
    subject = ENUMERATOR_RE.sub("", subject)
    subject = YEAR_PREFIX_RE.sub("", subject)
    previous = None
    while previous != subject:
        previous = subject
        subject = SUBJECT_NOISE_RE.sub("", subject)
    return subject


def function_levels(subject: str) -> tuple[tuple[str, str], ...]:
    """(code, name) of each function-code level a subject names with its code, coarsest first.

    ``公共安全支出（204类）司法（06款）行政运行（01项）`` → 204, 20406, 2040601; ``小学教育（2050202）`` → 2050202.
    """
    levels: list[tuple[str, str]] = []
    parent = ""
    for m in CODED_LEVEL_RE.finditer(subject):
        code, level = m.group("code"), m.group("level")
        name = ENUMERATOR_RE.sub("", m.group("name"))
        if level and len(code) < LEVEL_LENGTH[level]:  # 款 06 under 类 204
            if len(parent) + len(code) != LEVEL_LENGTH[level]:
                return ()
            code = parent + code
        elif len(code) not in (3, 5, 7) or (level and len(code) != LEVEL_LENGTH[level]):
            return ()
        if parent and not code.startswith(parent):
            return ()
        levels.append((code, name))
        parent = code
    return tuple(levels)


def in_unit(value: Decimal, unit: str, target: str) -> Decimal:
    """A money figure stated in ``unit``, in ``target`` (unchanged when either is no money unit)."""
    if unit != target and unit in MONEY_FACTORS and target in MONEY_FACTORS:
        return value * MONEY_FACTORS[unit] / MONEY_FACTORS[target]
    return value


def comparison_base(sentence: str, m: PatternMatch) -> str:
    """The kind of prior-year figure a pattern's comparison names (比上年预算 …: 预算; 较上年决算数 …: 决算)."""
    named = BASE_RE.search(sentence, m.start, m.end or len(sentence))
    return base_kind(named.group("base")) if named else ""


def base_kind(word: str) -> str:
    """预算执行数, 执行数 → 执行; 预算 → 预算; 决算 → 决算."""
    return "执行" if "执行" in word else word


def whole_name_of(text: str) -> str:
    return re.sub(r"(?:的|比重|比例|为|达)+$", "", text or "")


#: words a whole's name may carry that do not say which whole it is
WHOLE_NOISE_RE = re.compile(r"[“”\"'‘’]|预算|决算|安排|各项|全部|的|数|本部门|本单位|部门|单位|总计|合计|总额|总")


def name_core(name: str) -> str:
    """A name without the words that do not tell one total from another (``本年支出合计`` → ``本年支出``)."""
    return WHOLE_NOISE_RE.sub("", YEAR_PREFIX_RE.sub("", re.sub(r"\d{4}年度?", "", name)))


def is_level(c: Claim) -> bool:
    return c.amount is not None and not c.is_change
