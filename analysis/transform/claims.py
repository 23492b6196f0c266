"""Numeric claims of the narrative: what each sentence states, as a table.

Every amount a sentence prints opens a claim (its subject is the clause before it) unless a phrasing of
the catalogue (:mod:`analysis.transform.claim_patterns`) reads it as a comparison's figure: the prior-year
figure, a change, a budget.  The catalogue's patterns read the percentages too (a rate of change, a share,
a completion rate) and the years a comparison names; a percentage no pattern reads is listed by
``claims_frame(..., unmatched=True)``, so that a new phrasing is seen, never silently skipped.

    教育支出（类）…其他教育管理事务支出（项）预算数为 3147.17 万元，比 2022 年预算数
    3529.60 万元减少 382.43 万元，降低 10.83%
    收入预算 5671 万元，其中：一般公共预算拨款收入 5601 万元，占 98.77%

Amounts listed after 其中/包括 are parts of the amount before; a share is linked to the whole it is of.
Nothing is judged here: the audit recomputes every claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

import pandas as pd

from ..extract.text import squash
from .amounts import MONEY_UNIT_PATTERN, UNIT_FACTORS
from .claim_patterns import (
    AND,
    BASE_RE,
    NUMBER,
    NUMBER_FIELDS,
    PATTERNS,
    RESPECTIVE_CHANGES,
    RESPECTIVE_RATES,
    RESPECTIVE_SHARES,
    RESPECTIVELY_WORDS,
    ClaimPattern,
)

CLAIM_COLUMNS = [
    "claim_id",
    "page",
    "source",
    "section",
    "sentence",
    "subject",
    "func_code",
    "amount",
    "amount_text",
    "unit",
    "prior",
    "prior_text",
    "change",
    "change_text",
    "direction",
    "rate",
    "rate_text",
    "rate_direction",
    "share",
    "share_text",
    "whole_name",
    "flat",
    "is_change",
    "restated",
    "restated_text",
    "budget",
    "budget_text",
    "completion",
    "completion_text",
    "budget_flat",
    "compared",
    "base",
    "qualifier",
    "prior_year",
    "compare_year",
    "current_year",
    "patterns",
    "enum",
    "parent_id",
    "part_list",
    "whole_id",
    "share_group",
    "item_id",
    "func_levels",
    "unit_index",
    "sentence_index",
]
UNMATCHED_COLUMNS = ["page", "source", "section", "sentence", "percents"]
#: patterns putting one figure on each part listed before them (分别占 X%、Y%)
RESPECTIVELY = {p.id for p in PATTERNS if p.claim == "respectively"}

UP_WORDS = ("增加", "增长", "上升", "提高", "增", "大于", "多于", "高于")
DOWN_WORDS = ("减少", "降低", "下降", "减", "小于", "少于", "低于", "压缩", "压减")
DIRECTION_RE = "增加|减少|增长|降低|上升|下降|提高"
#: units of the amounts a sentence states (项 not as in a function code's level: 行政运行（01项）)
#: (万 alone, at the end of its clause, is 万元 written short: 经营收入 0.00 万，…; 个百分点 is a change of a share or
#: a rate in percentage points, no count of anything: 增幅同比提高 48.70 个百分点)
UNITS = rf"{MONEY_UNIT_PATTERN}|万(?=[，,。；;：:、）)]|$)|辆|个(?!百分点)|台（套）|台\(套\)|台|套|人|项(?![)）])"
TOKEN_RE = re.compile(rf"(?P<number>{NUMBER})(?:(?P<unit>{UNITS})|(?P<percent>%))")
MONEY_FACTORS = UNIT_FACTORS
#: a unit written short, as the unit it stands for
UNIT_ALIASES = {"万": "万元"}
SENTENCE_END = "。"
#: a paragraph opening with an enumerator starts anew (1.  (2)  三、) — unlike one opening with 89.74
ENUMERATED_RE = re.compile(
    r"^(?:\d+[、．)）]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
)
LIST_OPENER_RE = re.compile(r"其中|包括")
#: a colon right after an amount lists its parts (总额 6,143.52 万元：货物 5,242.52 万元、…)
COLON_RE = re.compile(r"^[：:]")
CLAUSE_START_RE = re.compile(r"[，,：:、；;。]|其中")
#: words around a subject that say nothing about what is counted
SUBJECT_NOISE_RE = re.compile(
    r"^(?:其中|主要包括|包括|分别为|分别是|此外|另外|同时|以及|和|及)?[:：，,\s]*"
    r"|(?:预算数|决算数|执行数|预算安排|安排|合计|共计|共|为|是|总额|金额)+\s*$"
)
YEAR_PREFIX_RE = re.compile(r"^(?:20\d{2}\s*年(?:度)?)")
#: what may stand before a comparison that opens its sentence (此外，与上年相比 …)
CONNECTIVES_RE = re.compile(r"^(?:此外|另外|同时|其中|总体上?|综上)?[，,：:]?$")
#: function-code levels named in a subject: 公共安全支出（204类）司法（06款）…, 小学教育（2050202）
CODED_LEVEL_RE = re.compile(r"(?P<name>[^（()）]+?)[（(](?P<code>\d{2,7})(?P<level>类|款|项)?[)）]")
LEVEL_LENGTH = {"类": 3, "款": 5, "项": 7}
#: a paragraph naming an item, without a figure (``（一）因公出国（境）经费``): the subject of the next one's figure
HEADING_RE = re.compile(r"^[^。；;：:，,]{2,40}$")
ENUMERATOR_RE = re.compile(r"^(?:\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)")


def direction_sign(word: str) -> int:
    if not word:
        return 0
    if any(word.startswith(w) for w in DOWN_WORDS) or word in ("降幅", "减幅", "下降幅度"):
        return -1
    return 1 if any(word.startswith(w) for w in UP_WORDS) else 0


def normalise(text: str) -> str:
    """A sentence without its layout spaces (``项 目 支 出`` → ``项目支出``); a space between two digits stays."""
    text = str(text).replace("％", "%")

    def space(m: re.Match) -> str:
        inside = 0 < m.start() and m.end() < len(text)
        return " " if inside and (text[m.start() - 1] + text[m.end()]).isdigit() else ""

    return re.sub(r"\s+", space, text)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


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
class _Match:
    pattern: ClaimPattern
    groups: dict[str, str]
    start: int
    spans: dict[int, str]  # token start → field
    end: int = 0
    claim: Claim | None = None
    #: the captured current restates the amount of the claim it was put on (an item's head)
    restating: bool = False


def text_units(narrative: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    """(page, section, text, source) with paragraphs cut by a page break joined again.

    ``source`` is the file a paragraph is printed in when the narrative comes from several files (a
    budget published as two), else ``""``; paragraphs of different files are never joined.
    """
    sources = narrative["source"].fillna("") if "source" in narrative else pd.Series("", index=narrative.index)
    several = sources.nunique() > 1
    units: list[list] = []
    for row, source in zip(narrative.itertuples(), sources, strict=True):
        text = str(row.text).strip()
        section = f"{row.part or ''} {row.section or ''}".strip()
        source = source if several else ""
        if (
            units
            and units[-1][1] == section
            and units[-1][4] == source
            and units[-1][2]
            and units[-1][2][-1] not in "。；;：:！!"
            and row.page == units[-1][3] + 1
            and not ENUMERATED_RE.match(text)
        ):
            units[-1][2] += text
            units[-1][3] = row.page
            continue
        units.append([row.page, section, text, row.page, source])
    return [(page, section, text, source) for page, section, text, _, source in units]


def _sentences(text: str) -> list[str]:
    """Sentences ending with 。 (not one closing a bracketed aside: ``…6.7万元。）比上年减少 …``)."""
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END and text[i + 1 : i + 2] not in ("）", ")"):
            parts.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _depth(sentence: str, end: int) -> int:
    """How many brackets are open at ``end``."""
    head = sentence[:end]
    return max(0, head.count("（") + head.count("(") - head.count("）") - head.count(")"))


def _bracket_head(claims: list[Claim], sentence: str, start: int, position: tuple) -> int | None:
    """The claim a bracketed aside lists parts of: the amount just before the bracket the token is in."""
    depth, opened = 0, None
    for i in range(start - 1, -1, -1):
        if sentence[i] in "）)":
            depth += 1
        elif sentence[i] in "（(":
            if depth == 0:
                opened = i
                break
            depth -= 1
    if opened is None:
        return None
    for j in range(len(claims) - 1, -1, -1):
        c = claims[j]
        if c.position[:2] != position or c.position[2] >= opened:
            if c.position[:2] != position:
                return None
            continue
        token = TOKEN_RE.match(sentence, c.position[2])  # the head's own figure, then nothing up to the bracket
        between = sentence[token.end() if token else c.position[2] + 1 : opened]
        return j if c.amount is not None and not TOKEN_RE.search(between) else None
    return None


def _opens_claim(before: str) -> bool:
    """A list separator or 其中 before the amount: it is a new item, not a change of the last one."""
    return bool(re.search(r"[；;、]|其中", before))


def _enum_kind(before: str) -> str:
    starts = [m.end() for m in CLAUSE_START_RE.finditer(before)]
    clause = re.sub(r"\s+", "", before[starts[-1] :] if starts else before)
    if re.match(r"^[（(][一二三四五六七八九十]+[)）]|^[一二三四五六七八九十]+、", clause):
        return "cn"
    if re.match(r"^[（(]\d+[)）]|^\d+[.、．)）]", clause):
        return "num"
    return ""


#: both totals of a 收支总表 named at once (收、支总计各 1,280.00 万元): the subject 收支总计
#: (收、支总计均 X 万元; 收、支与上年相比 …: 收支)
BOTH_TOTALS_RE = re.compile(r"收[、，,]?支(总计|合计|)(?:各|均)?(?:是|为)?$")
#: a bracketed aside closed inside a subject (市级（市本级、“三区”）一般公共预算收入): its 、 cuts no clause
CLOSED_ASIDE_RE = re.compile(r"[（(][^（()）]*[)）]")


def _subject(before: str) -> str:
    both = BOTH_TOTALS_RE.search(before)
    if both:  # one subject, not the clause after 、 (支总计各)
        before = f"{before[: both.start()]}收支{both.group(1)}"
    masked = CLOSED_ASIDE_RE.sub(lambda m: "（" + "_" * (len(m.group()) - 2) + "）", before)
    starts = [m.end() for m in CLAUSE_START_RE.finditer(masked)]
    subject = _clean_subject(before[starts[-1] :] if starts else before)
    if not subject and starts:  # "机关运行经费，合计 260.56 万元": the clause before names it
        subject = _clean_subject(before[starts[-2] if len(starts) > 1 else 0 : starts[-1] - 1])
    return subject


HEADING_THEN_YEAR_RE = re.compile(r"^\S*?(?:说明|情况|概况)(?=20\d{2}年)")


def _clean_subject(subject: str) -> str:
    subject = re.sub(r"\s+", "", subject)
    if re.match(r"^[（(][^）)]*$", subject):  # an aside opened before it (…28万元（公务用车购置费0万元)
        subject = subject[1:]
    # a heading run into its paragraph (支出决算情况说明2023年度一般公共服务支出): the subject follows the year
    subject = HEADING_THEN_YEAR_RE.sub("", subject)
    subject = re.sub(r"^\d+[.、．]", "", subject)
    subject = YEAR_PREFIX_RE.sub("", subject)
    previous = None
    while previous != subject:
        previous = subject
        subject = SUBJECT_NOISE_RE.sub("", subject)
    return subject


def _phrase_subject(sentence: str, start: int, previous: list[str]) -> str:
    """The clause before a phrase; when the phrase opens its sentence, the sentence before (if it states
    no figure: an item's name, ``行政运行（项）。年初预算为 …``)."""
    subject = _subject(sentence[:start])
    if not subject and previous and not TOKEN_RE.search(previous[-1]):
        subject = _clean_subject(ENUMERATOR_RE.sub("", previous[-1].rstrip("。：:")))
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


def _match_sentence(sentence: str, tokens: list[re.Match]) -> list[_Match]:
    """The catalogue's patterns in this sentence, most specific first, no figure read twice."""
    starts = {t.start() for t in tokens}
    taken: set[int] = set()
    found: list[_Match] = []
    for pattern in PATTERNS:
        for m in pattern.regex.finditer(sentence):
            spans = {m.start(f): f for f in NUMBER_FIELDS if f in m.groupdict() and m.group(f) is not None}
            # a prior figure printed without its unit is no token of its own (较上年2.08减少0.03万元), nor is a
            # change listed before the one printing the unit (各减少 1267.86、2570.97 万元)
            unitless = ("prior", *RESPECTIVE_CHANGES)
            bare = {s for s, f in spans.items() if f in unitless and m.groupdict().get(f"{f}_unit") is None}
            if any(s in taken or (s not in starts and s not in bare) for s in spans):
                continue
            groups = {k: v for k, v in m.groupdict().items() if v is not None}
            if int(groups.get("prior_year", 0)) >= int(groups.get("current_year", 9999)):
                continue  # a figure of the same or a later year is no prior-year figure (2025年 … 2026年 …)
            taken.update(spans)
            found.append(_Match(pattern, groups, m.start(), spans, end=m.end()))
    return sorted(found, key=lambda x: x.start)


def parse_claims(narrative: pd.DataFrame, org_name: str = "", unmatched: list | None = None) -> list[Claim]:
    """Every numeric claim of the narrative, in reading order.

    ``unmatched``, when given, receives (page, section, sentence, percents) of each sentence whose
    percentages no pattern reads.
    """
    claims: list[Claim] = []
    org = normalise(org_name) if org_name else ""
    open_parts: int | None = None  # a claim whose 其中 list goes on in the next paragraphs
    part_list = 0
    previous_section = None
    item_name = ""  # the paragraph before, when it is a heading naming an item without a figure
    for unit_index, (page, section, raw, source) in enumerate(text_units(narrative)):
        if section != previous_section:
            open_parts, previous_section, item_name = None, section, ""
        unit_first = len(claims)
        sentences = _sentences(normalise(raw))
        cleaned = [LISTED_COMMA_RE.sub("\\1、", s.replace(org, "") if org else s) for s in sentences]
        for sentence_index, (sentence, clean) in enumerate(zip(sentences, cleaned, strict=True)):
            tokens = list(TOKEN_RE.finditer(clean))
            listed, names = _respective_amounts(clean, tokens)
            tokens = sorted(tokens + listed, key=lambda t: t.start())
            matches = _match_sentence(clean, tokens)
            roles = {start: (m, f) for m in matches for start, f in m.spans.items()}
            sentence_first: int | None = None
            parent: int | None = None
            current: Claim | None = None
            current_end = -1
            last_end = 0
            loose: list[str] = []
            for token in tokens:
                before = clean[last_end : token.start()]
                role = roles.get(token.start())
                if token.group("percent") or (role and role[1] not in ("current",)):
                    if token.group("percent") and role is None:
                        loose.append(token.group())
                    if not (role and role[0].pattern.claim == "change" and role[1] == "change"):
                        last_end = token.end()
                        continue
                if role and role[1] == "current" and role[0].pattern.restates:
                    unit = UNIT_ALIASES.get(token.group("unit"), token.group("unit"))
                    heading = _heading(claims, unit_first, unit_index, sentence_index, clean, unit)
                    if heading is not None:
                        role[0].claim, role[0].restating = heading, True
                        last_end = token.end()
                        continue
                number, unit = token.group("number"), UNIT_ALIASES.get(token.group("unit"), token.group("unit"))
                bracket = _bracket_head(claims, clean, token.start(), (unit_index, sentence_index))
                opener = LIST_OPENER_RE.search(before) if bracket is None else None
                if opener:
                    parent = _list_parent(claims, current, opener.group(), section, before)
                    part_list += 1
                elif bracket is None and current is not None and current_end == last_end and COLON_RE.match(before):
                    parent, part_list = claims.index(current), part_list + 1  # 总额 6,143.52 万元：货物 …、服务 …
                subject = _subject(before)
                if role and role[0].pattern.subject == "phrase":
                    subject = _phrase_subject(clean, role[0].start, cleaned[:sentence_index])
                if not subject and sentence_index == 0 and len(claims) == unit_first:
                    subject = item_name  # （一）因公出国（境）经费 | 2026 年预算安排 0.00 万元，…
                subject = names.get(token.start(), subject)  # A、B分别为 X 万元、Y 万元
                trailing = re.search(rf"(?:{DIRECTION_RE})$", subject)
                current = Claim(
                    page=page,
                    source=source,
                    section=section,
                    sentence=sentence.strip(),
                    subject=subject[: trailing.start()] if trailing else subject,
                    amount=_number(number),
                    amount_text=number,
                    unit=unit,
                    is_change=bool(trailing) or bool(role and role[1] == "change"),
                    direction=trailing.group() if trailing else "",
                    enum=_enum_kind(before),
                    position=(unit_index, sentence_index, token.start()),
                )
                current.func_levels = function_levels(current.subject)
                current.func_code = current.func_levels[-1][0] if current.func_levels else ""
                current.parent = parent
                current.part_list = part_list
                if bracket is not None:  # 公务用车购置及运行维护费6.7万元（公务用车购置费0万元；…）
                    current.parent, current.part_list = bracket, -1_000_000 - bracket
                elif current.parent is None and open_parts is not None:
                    current.parent, current.part_list = open_parts, -1 - open_parts
                claims.append(current)
                current_end = token.end()
                if role:
                    role[0].claim = current
                if sentence_first is None:
                    sentence_first = len(claims) - 1
                last_end = token.end()
            for m in matches:
                if m.pattern.claim == "respectively":
                    place = (page, source, section, sentence.strip(), clean)
                    if not _apply_respectively(m, claims, unit_first, (unit_index, sentence_index), place):
                        loose += [m.groups[f] + "%" for f in (*RESPECTIVE_SHARES, *RESPECTIVE_RATES) if f in m.groups]
                    continue
                _apply(m, claims, unit_first, cleaned, page, section, sentence, (unit_index, sentence_index), source)
            if loose and unmatched is not None:
                unmatched.append((page, source, section, sentence.strip(), loose))
            if sentence_first is not None and re.search(r"其中[:：]?\s*$", clean.strip()):
                open_parts = sentence_first
        text = normalise(raw).strip()
        item_name = (
            _clean_subject(ENUMERATOR_RE.sub("", text)) if HEADING_RE.match(text) and not TOKEN_RE.search(text) else ""
        )
    _link_shares(claims)
    _second_comparisons(claims)
    return claims


def _second_comparisons(claims: list[Claim]) -> None:
    """A claim comparing an item's figure a second time (…，比上年决算数下降 2%; 可比增长 3.2%) carries that
    figure; a comparison naming another base than the first its sentence names (比上年预算减少 …，比上年决算增加
    …) is stated against that base (``compared``): no figure of the sentence's first base is taken for it."""
    for claim in claims:
        if claim.item is not None:
            item = claims[claim.item]
            claim.amount, claim.amount_text = item.amount, item.amount_text
        first = BASE_RE.search(claim.sentence)
        if claim.base and first and base_kind(first.group("base")) != claim.base and not claim.compared:
            claim.compared = base_figure(claim.base)


def base_figure(base: str) -> str:
    """The figure a comparison naming its base is stated against (决算: 上年决算数)."""
    return f"上年{base}数"


#: a comma after a figure's decimals lists the next figure (各是 4125.49,4143.91 万元): read as 、
LISTED_COMMA_RE = re.compile(r"(\.\d+),(?=\d)")
#: amounts stated respectively of the parts a clause lists (A、B分别为 X、Y 万元; 收、支总计各是 X、Y 万元)
RESPECTIVE_AMOUNTS_RE = re.compile(rf"{RESPECTIVELY_WORDS}(?:为|是)")


@dataclass(frozen=True)
class _Listed:
    """A figure of a list printed without its unit, the list's last figure printing it (各是 4125.49、4143.91 万元):
    read as a token in that unit."""

    begin: int
    finish: int
    number: str
    unit: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, name: str | int = 0) -> str | None:
        return {"number": self.number, "unit": self.unit, "percent": None}.get(name, self.number)


def _respective_amounts(sentence: str, tokens: list[re.Match]) -> tuple[list[_Listed], dict[int, str]]:
    """Amounts stated respectively of the parts the clause before names (A、B分别为 X 万元、Y 万元): (the figures
    listed without their unit, as tokens; each amount's name by its start) — as many names as amounts, or none."""
    by_start = {t.start(): t for t in tokens}
    listed: list[_Listed] = []
    names: dict[int, str] = {}
    for m in RESPECTIVE_AMOUNTS_RE.finditer(sentence):
        figures: list = []
        at = m.end()
        while number := re.compile(NUMBER).match(sentence, at):
            token = by_start.get(number.start())
            if token is not None and token.group("percent"):
                break
            figures.append(token or number)
            joint = re.compile(AND).match(sentence, figures[-1].end())
            if joint is None:
                break
            at = joint.end()
        while figures and figures[-1].start() not in by_start:
            figures.pop()  # a figure the list's last does not give a unit: not read
        if len(figures) < 2:
            continue
        begin = max((b.end() for b in re.finditer(r"[，,。；;：:]", sentence[: m.start()])), default=0)
        parts = _list_names(sentence[begin : m.start()], len(figures))
        if not parts:
            continue
        unit = figures[-1].group("unit")
        for figure, (_, name) in zip(figures, parts, strict=True):
            if figure.start() not in by_start:
                figure = _Listed(figure.start(), figure.end(), figure.group(), unit)
                listed.append(figure)
            names[figure.start()] = name
    return listed, names


def _heading(claims, unit_first, unit_index, sentence_index, sentence, unit) -> Claim | None:
    """The item's head claim a restating pattern's figure belongs to.

    The last claim of the same paragraph, stated in an earlier sentence of the same item (no enumerator
    opens a sentence in between), in the same unit, and compared with nothing yet.
    """
    if len(claims) <= unit_first:
        return None
    head = claims[-1]
    if head.position[0] != unit_index or head.position[1] >= sentence_index or head.unit != unit:
        return None
    if head.has_comparison() or head.is_change:
        return None
    return head


def _target(m: _Match, claims: list[Claim], unit_first: int, sentences: list[str], position) -> Claim | None:
    """The claim a pattern without a current figure speaks of: the figure stated before it.

    In the same sentence, the last amount before the phrase — or, when the phrase is a clause of its own
    after a semicolon, the figure heading the clause before it; when the phrase opens its sentence
    (与上年相比增加 …), the last amount of the paragraph; when the clause before it names, without a figure,
    a figure the paragraph stated earlier (财政拨款总收支较上年下降 3.85%), that figure.  A claim already
    compared is not compared again, nor with another base (比上年预算 … after 比上年决算 …), and a qualified
    rate (可比增长 …) is compared alone.  A count (1 辆, 3 台) never carries a money figure (比上年减少 12 万元), and a
    comparison of 今年 never speaks of a figure the sentence names by another year (2017年度预算达 233 亿元，今年同比
    增长 15.47%: this year's figure is not stated).
    """
    sentence = sentences[position[1]]
    depth = _depth(sentence, m.start)
    same = [c for c in claims[unit_first:] if c.position[:2] == position and c.position[2] < m.start]
    fields = set(m.groups) | {f"{BASE_FIELD}{_base(sentence, m)}"}
    head = _clause_head(m, same, sentence, depth)
    if head is not None and _may_carry(head, m):
        return None if _conflicts(head, fields) else head
    for c in reversed(same):
        # a change stated alone, a comparison read without a figure (比上年决算数下降 …) or an aside in
        # brackets closed before: not the figure the phrase speaks of
        if c.is_change or c.amount is None or _depth(sentence, c.position[2]) > depth or not _may_carry(c, m):
            continue
        if _another_year(sentence, c, m.start):
            return None
        return None if _conflicts(c, fields) else c
    if same:
        return None
    opening = CONNECTIVES_RE.match(re.sub(r"^[)）]", "", sentence[: m.start]))
    if not opening:
        return _named_earlier(sentence[: m.start], claims, unit_first, position, fields, m)
    # a comparison opening its sentence speaks of the item's own figure (the first of the item the
    # paragraph's last enumerated sentence opens), else of the paragraph's last figure that is not a listed part
    earlier = [c for c in claims[unit_first:] if c.position[:2] < position and not c.is_change and _may_carry(c, m)]
    item = max((i for i in range(position[1]) if ENUMERATED_RE.match(sentences[i])), default=None)
    heads = [c for c in earlier if item is not None and c.position[1] >= item]
    if heads and heads[0].amount is not None and not _conflicts(heads[0], fields):
        return heads[0]
    earlier = [c for c in earlier if c.parent is None or c.parent < unit_first]
    if earlier and not _conflicts(earlier[-1], fields):
        return earlier[-1]
    return None


def _money_read(m: _Match) -> bool:
    """Whether a pattern reads a money figure (a prior-year figure, a change, a budget: 比上年减少 12 万元)."""
    return any(m.groups.get(f"{name}_unit") in MONEY_FACTORS for name in ("prior", "change", "budget"))


def _may_carry(c: Claim, m: _Match) -> bool:
    """Whether a claim may carry what a pattern reads: a count (1 辆, 3 台) never carries a money figure."""
    return c.amount is None or c.unit in MONEY_FACTORS or not _money_read(m)


#: a clause naming this year as its own subject (今年同比增长 …)
THIS_YEAR_RE = re.compile(r"(?:^|[，,；;：:])今年")


def _another_year(sentence: str, c: Claim, start: int) -> bool:
    """Whether a comparison at ``start`` speaks of 今年 while the figure before it is named by a year of its own
    (清华大学2017年度预算达 233 亿元，今年同比增长 15.47%): the rate is of this year's figure, not of that one."""
    token = TOKEN_RE.match(sentence, c.position[2])
    if token is None or not THIS_YEAR_RE.search(sentence[token.end() : start]):
        return False
    opened = max((b.end() for b in re.finditer(r"[，,。；;：:]", sentence[: c.position[2]])), default=0)
    return bool(re.search(r"20\d{2}年", sentence[opened : c.position[2]]))


def _clause_head(m: _Match, same: list[Claim], sentence: str, depth: int) -> Claim | None:
    """The figure heading the clause before a comparison that is a clause of its own after a semicolon.

    ``机管局2013年收支总预算4,471.22万元，含…经费250万元，…经费537.31万元；比2012年预算增加755.18万元`` —
    the comparison speaks of the total the clause opens with, not of the last part it lists.
    """
    before = sentence[: m.start]
    cut = max(before.rfind("；"), before.rfind(";"))
    if cut < 0 or _depth(sentence, cut) != depth or not CONNECTIVES_RE.match(before[cut + 1 :]):
        return None
    start = max(before.rfind("；", 0, cut), before.rfind(";", 0, cut)) + 1
    clause = [c for c in same if start <= c.position[2] < cut and _depth(sentence, c.position[2]) <= depth]
    if not clause or clause[0].is_change or clause[0].amount is None:
        return None
    return clause[0]


def _named_earlier(clause: str, claims: list[Claim], unit_first: int, position, fields: set[str], m) -> Claim | None:
    """The figure of the paragraph a comparison's subject names again without it (its sentence states
    no figure before the comparison): ``财政拨款收支总预算 1085203.63 元。…财政拨款总收支较上年下降 3.85%``."""
    core = name_core(_subject(clause))
    if len(core) < 2:
        return None
    for c in reversed(claims[unit_first:]):
        if c.position[:2] < position and c.amount is not None and not c.is_change and name_core(c.subject) == core:
            return None if _conflicts(c, fields) or not _may_carry(c, m) else c
    return None


#: the pseudo-field naming, among the fields a pattern read, the base its comparison names (``base:决算``)
BASE_FIELD = "base:"


def _conflicts(claim: Claim, fields: set[str]) -> bool:
    """Whether a claim cannot take the fields a pattern read: it has some already, it is compared with another
    base than the pattern names, or either states a qualified rate (compared alone)."""
    base = next((f[len(BASE_FIELD) :] for f in fields if f.startswith(BASE_FIELD)), "")
    if base and claim.base and base != claim.base:
        return True
    if "qualifier" in fields or claim.qualifier:
        return claim.has_comparison()
    taken = {
        "prior": claim.prior is not None,
        "change": claim.change is not None and not claim.is_change,
        "rate": claim.rate is not None,
        "share": claim.share is not None,
        "flat": claim.flat,
        "completion": claim.completion is not None,
    }
    return any(taken.get(f, False) for f in fields)


def _apply_respectively(m: _Match, claims: list[Claim], unit_first: int, position, place) -> bool:
    """Put shares (分别占 X%、Y%), rates (分别增长 X%、Y%) or changes (各减少 X、Y 万元) stated respectively on the
    parts listed before the phrase in its sentence, one each in order; ``False`` when the sentence lists fewer
    parts than figures (nothing is put then).  Rates and changes may be stated of parts named without figures
    (科学技术支出、节能环保支出分别增长 42%、41.8%): each name is then the paragraph's earlier figure of that
    name (收、支总计各是 A、B 万元。…收、支总计各减少 X、Y 万元) or else a claim of its own, its figure left
    to the tables."""
    g = m.groups
    if "flat" in g and not any(f in g for f in (*RESPECTIVE_SHARES, *RESPECTIVE_RATES, *RESPECTIVE_CHANGES)):
        return _all_flat(m, claims, unit_first, position, place)
    figures = {
        kind: [f for f in fields if f in g]
        for kind, fields in (("share", RESPECTIVE_SHARES), ("rate", RESPECTIVE_RATES), ("change", RESPECTIVE_CHANGES))
    }
    figures = {kind: fields for kind, fields in figures.items() if fields}
    count = max(len(fields) for fields in figures.values())
    if any(len(fields) != count for fields in figures.values()):
        return False  # as many changes as rates, or none read
    listed = [
        c
        for c in claims[unit_first:]
        if c.position[:2] == position
        and c.position[2] < m.start
        and _is_level(c)
        and all(getattr(c, kind) is None for kind in figures)
    ]
    if len(listed) < count and "share" not in figures:
        listed = _named_parts(m, claims, unit_first, position, place, count, set(figures))
    if len(listed) < count and listed and set(figures) == {"share"}:
        return _respective_wholes(m, claims, listed[-1], figures["share"], position)
    if len(listed) < count:
        return False
    # a change listed without its unit is in the unit of the last (各减少 1267.86、2570.97 万元)
    units = [g.get(f"{f}_unit", "") for f in figures.get("change", [])]
    for claim, k in zip(listed[-count:], range(count), strict=True):
        claim.patterns.append(m.pattern.id)
        if "share" in figures:
            claim.share, claim.share_text = _number(g[figures["share"][k]]), g[figures["share"][k]] + "%"
            claim.whole_name = _whole_name(g.get("whole", ""))
        if "rate" in figures:
            claim.rate, claim.rate_text = _number(g[figures["rate"][k]]), g[figures["rate"][k]] + "%"
            claim.rate_direction = g.get("rate_direction", "")
        if "change" in figures:
            change, unit = g[figures["change"][k]], next((u for u in units[k:] if u), "")
            claim.unit = claim.unit or unit
            claim.change, claim.change_text = _in_unit(_number(change), unit, claim.unit), change
            claim.direction = g.get("direction", "")
        if "share" not in figures:
            claim.prior_year = int(g["prior_year"]) if "prior_year" in g else claim.prior_year
            claim.base = _base(place[4], m) or claim.base
    return True


def _respective_wholes(m: _Match, claims: list[Claim], part: Claim, shares: list[str], position) -> bool:
    """Shares of one part in the wholes named one each (规模 34,993.1 亿元，占全国财政支出和GDP的比重分别为 9.4%和
    2.9%): the part's own claim takes the first, a claim carrying its figure (``item``) each other; ``False`` when the
    whole's name does not list as many wholes as shares."""
    g = m.groups
    wholes = _list_names(g.get("whole", ""), len(shares))
    if not wholes:
        return False
    for k, (field_name, (_, whole)) in enumerate(zip(shares, wholes, strict=True)):
        claim = part
        if k:
            claim = Claim(page=part.page, source=part.source, section=part.section, sentence=part.sentence,
                          subject=part.subject, amount=part.amount, amount_text=part.amount_text, unit=part.unit,
                          item=claims.index(part), func_code=part.func_code, func_levels=part.func_levels,
                          position=(*position, m.start + k))  # fmt: skip
            claims.append(claim)
        claim.patterns.append(m.pattern.id)
        claim.share, claim.share_text = _number(g[field_name]), g[field_name] + "%"
        claim.whole_name = _whole_name(whole)
    return True


def _all_flat(m: _Match, claims: list[Claim], unit_first: int, position, place) -> bool:
    """均与上年持平 after figures listed in its sentence (A、B 分别为 X、Y 万元): none of them changed; ``False``
    when the sentence states no figure not compared yet."""
    listed = [
        c
        for c in claims[unit_first:]
        if c.position[:2] == position and c.position[2] < m.start and _is_level(c) and not c.has_comparison()
    ]
    if not listed:
        return False
    for claim in listed:
        claim.patterns.append(m.pattern.id)
        claim.flat = True
        claim.prior_year = int(m.groups["prior_year"]) if "prior_year" in m.groups else claim.prior_year
        claim.base = _base(place[4], m) or claim.base
    return True


def _in_unit(value: Decimal, unit: str, target: str) -> Decimal:
    """A money figure stated in ``unit``, in ``target`` (unchanged when either is no money unit)."""
    if unit != target and unit in MONEY_FACTORS and target in MONEY_FACTORS:
        return value * MONEY_FACTORS[unit] / MONEY_FACTORS[target]
    return value


def _base(sentence: str, m: _Match) -> str:
    """The kind of prior-year figure a pattern's comparison names (比上年预算 …: 预算; 较上年决算数 …: 决算)."""
    named = BASE_RE.search(sentence, m.start, m.end or len(sentence))
    return base_kind(named.group("base")) if named else ""


def base_kind(word: str) -> str:
    """预算执行数, 执行数 → 执行; 预算 → 预算; 决算 → 决算."""
    return "执行" if "执行" in word else word


def _named_parts(m: _Match, claims: list[Claim], unit_first: int, position, place, count: int, kinds: set[str]):
    """The claims of the parts a clause names before 分别/各 (A、B 和 C分别 …), when it names ``count`` of them:
    the paragraph's earlier figures of those names, if it states each (and none is compared yet), else claims
    without figures; none when the clause names another number of parts."""
    page, source, section, sentence, clean = place
    head = clean[: m.start]
    begin = max((b.end() for b in re.finditer(r"[，,。；;：:]", head)), default=0)
    names = _list_names(head[begin:], count)
    if not names:
        return []
    earlier = []
    for _, name in names:
        core = name_core(name)
        found = [
            c
            for c in claims[unit_first:]
            if c.position < (*position, m.start)
            and _is_level(c)
            and name_core(c.subject) == core
            and all(getattr(c, kind) is None for kind in kinds)
        ]
        earlier.append(found[-1] if found and found[-1] not in earlier else None)
    if all(c is not None for c in earlier):
        return earlier
    parts = []
    for start, name in names:
        claim = Claim(page=page, source=source, section=section, sentence=sentence, subject=name, amount=None,
                      amount_text="", unit="", position=(*position, begin + start))  # fmt: skip
        claim.func_levels = function_levels(name)
        claim.func_code = claim.func_levels[-1][0] if claim.func_levels else ""
        parts.append(claim)
    claims.extend(parts)
    return parts


#: both totals of a 收支总表 named at once (收、支总计, 收入、支出总计): when two figures are stated of them, the
#: 收入 one and the 支出 one
BOTH_SIDES_RE = re.compile(r"(?P<head>.*?)收入?[、，,和与及]?支出?(?P<tail>(?<=[支出])[^、，,和与及出]+)")
#: the words joining the parts of a list that may also join two words of one name (文化旅游体育与传媒)
NAME_JOINTS = ("和", "及", "与")


@cache
def joined_names() -> tuple[str, ...]:
    """The national classifications' names joining two words with 与/和/及 (文化旅游体育与传媒支出, 社会保障和就业,
    商品和服务支出 …), with and without a final 支出 or an opening 其他; the longest first."""
    from ..reference import code_aliases, econ_classes, function_codes

    names: set[str] = set()
    for name in (*function_codes().name_zh, *econ_classes().name_zh, *code_aliases().name_zh):
        name = squash(name)
        for variant in (name, re.sub(r"支出$", "", name), re.sub(r"^其他", "", name)):
            if any(j in variant[1:-1] for j in NAME_JOINTS):
                names.add(variant)
    return tuple(sorted(names, key=len, reverse=True))


def _list_names(clause: str, count: int) -> list[tuple[int, str]]:
    """(start in the clause, name) of each of the ``count`` parts a clause lists (A、B 和 C), or none.

    The parts are cut at 、 and, where the count asks for it, at 和/及/与 — never inside a classification's
    name (文化旅游体育与传媒支出、社会保障和就业支出: two parts) — or at the last of them only, the one before
    the list's last part (因公出国（境）费、公务用车购置及运行维护费和公务接待费: three); a clause whose cuts give
    another number of parts names none.  收、支总计 names two totals, 收入总计 and 支出总计.
    """
    lead = ENUMERATOR_RE.match(clause)  # 1. A、B分别为 …: the enumerator cuts no part
    if lead:
        return [(lead.end() + at, name) for at, name in _list_names(clause[lead.end() :], count)]
    both = BOTH_SIDES_RE.fullmatch(clause)
    if both and count == 2:
        names = [_clean_subject(f"{both['head']}{side}{both['tail']}") for side in ("收入", "支出")]
        return [(0, names[0]), (both.start("tail") - 1, names[1])] if all(names) else []
    joints = list(re.finditer(AND, clause))
    inside = {
        k for name in joined_names() for at in _occurrences(clause, name) for k in range(at + 1, at + len(name) - 1)
    }
    fixed = [j for j in joints if j.group() not in NAME_JOINTS]
    loose = [j for j in joints if j.group() in NAME_JOINTS and j.start() not in inside]
    # the joint before the list's last part: of several (A与B及C), the one leaving every part a name of the
    # kind the last part is — ending in its word (因公出国（境）经费与公务用车购置及运行维护费: at 与, both …费)
    after = [j for j in loose if not fixed or j.start() > fixed[-1].start()]
    end = clause.rstrip()[-1:]
    alike = [j for j in after if _clean_subject(clause[: j.start()]).endswith(end)]
    last = (alike if len(alike) == 1 else after)[-1:]
    if len(fixed) + len(loose) == count - 1:
        cuts = sorted(fixed + loose, key=lambda j: j.start())
    elif len(fixed) == count - 1:
        cuts = fixed
    elif len(fixed) + len(last) == count - 1:
        cuts = fixed + last
    else:
        return []
    bounds = [0, *(k for j in cuts for k in (j.start(), j.end())), len(clause)]
    spans = list(zip(bounds[::2], bounds[1::2], strict=True))
    names = [_clean_subject(clause[a:b]) for a, b in spans]
    if not all(names) or any(re.search(r"\d", n) for n in names):
        return []
    return [(a, name) for (a, _), name in zip(spans, names, strict=True)]


def _occurrences(text: str, name: str) -> list[int]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + 1)
    return out


def _apply(m: _Match, claims, unit_first, sentences, page, section, original, position, unit_source="") -> None:
    """Put a pattern's figures on the claim it speaks of (an amount-less claim when none is stated)."""
    g = m.groups
    claim = m.claim
    sentence = sentences[position[1]]
    if claim is None and m.pattern.claim == "before":
        claim = _target(m, claims, unit_first, sentences, position)
        if claim is None and "share" in g:
            claim = _named_after(m, claims, unit_first, sentence, position)
    item = None
    if claim is None:
        subject = _subject(sentence[: m.start])
        if TOKEN_RE.search(subject):  # the clause before is a comparison itself (…下降35.45%，比上年决算数字下降 …;
            # …，增长 4%，可比增长 3.2%): the comparison speaks of the item the sentence's last figure before it names
            before = [c for c in claims[unit_first:] if c.position[:2] == position and c.position[2] < m.start]
            named = [c for c in before if c.amount is not None and not c.is_change and _may_carry(c, m)]
            subject = named[-1].subject if named else ""
            item = claims.index(named[-1]) if named else None
            # no figure: the item a comparison without figure named (…“三公”经费较上年决算数减少 …；较年初预算数减少 …)
            # or a count the money figure is not of (购置公务用车 1 辆，比上年减少 12 万元: the purchase's) — never a
            # share's (…的比例为 19.84%，比去年增长 0.51%: of the share, or of the figure?)
            if not named:
                named = [
                    c
                    for c in reversed(before)
                    if c.subject and (c.has_comparison() if c.amount is None else not _may_carry(c, m))
                ]
                subject = named[0].subject if named else ""
        claim = Claim(
            page=page,
            source=unit_source,
            section=section,
            sentence=original.strip(),
            subject=re.sub(r"(?:与|同|比|较)$", "", subject),
            amount=None,
            amount_text="",
            unit=g.get("prior_unit") or g.get("change_unit") or g.get("budget_unit") or "",
            position=(*position, m.start),
        )
        claim.func_levels = function_levels(claim.subject)
        claim.func_code = claim.func_levels[-1][0] if claim.func_levels else ""
        if item is not None:  # compared a second time: its figure is the item's (carried at the end)
            claim.item, claim.unit = item, claims[item].unit
            claim.func_levels, claim.func_code = claims[item].func_levels, claims[item].func_code
        claims.append(claim)
    unit = claim.unit

    def money(name: str) -> Decimal:
        value = _number(g[name])
        source = g.get(f"{name}_unit", unit)
        if source != unit and source in MONEY_FACTORS and unit in MONEY_FACTORS:
            value = value * MONEY_FACTORS[source] / MONEY_FACTORS[unit]
        return value

    claim.patterns.append(m.pattern.id)
    if m.restating:
        claim.restated, claim.restated_text = money("current"), g["current"]
    if "prior" in g:
        claim.prior, claim.prior_text = money("prior"), g["prior"]
    if "change" in g and not claim.is_change:
        claim.change, claim.change_text = money("change"), g["change"]
    if "direction" in g:
        claim.direction = claim.direction or g["direction"]
    if "rate" in g:
        claim.rate, claim.rate_text = _number(g["rate"]), g["rate"] + "%"
        claim.rate_direction = g.get("rate_direction", "")
    if "share" in g:
        claim.share, claim.share_text = _number(g["share"]), g["share"] + "%"
        claim.whole_name = _whole_name(g.get("whole", ""))
    if "budget" in g:
        claim.budget, claim.budget_text = money("budget"), g["budget"]
    if "completion" in g:
        claim.completion, claim.completion_text = _number(g["completion"]), g["completion"] + "%"
    if "flat" in g:
        claim.flat = True
    if "budget_flat" in g:
        claim.budget_flat = True
    if "versus_budget" in g:
        claim.compared = g["versus_budget"]
    claim.base = _base(sentence, m) or claim.base
    own = _own_budget(sentence, m)
    if own:  # 2021年度 … 较2021年年初预算减少 …: the year's own budget, not last year's
        claim.compared, claim.base = own, ""
    if "qualifier" in g:
        claim.qualifier = g["qualifier"]
        claim.compared = qualified_base(g["qualifier"])
    for name in ("prior_year", "compare_year", "current_year"):
        if name in g:
            setattr(claim, name, int(g[name]))


#: a comparison with the opening or adjusted budget of a year it names (较2021年年初预算)
YEAR_BUDGET_RE = re.compile(r"(?:与|比|较)(?P<year>20\d{2})年度?(?P<budget>年初预算|调整后?预算)")


def _own_budget(sentence: str, m: _Match) -> str:
    """The budget a comparison names when it is of the year the sentence names for the figure compared (2021年度
    “三公”经费 …，较2021年年初预算减少 …: that year's own 年初预算, a final figure's budget); ``""`` otherwise."""
    named = YEAR_BUDGET_RE.search(sentence, m.start, m.end or len(sentence))
    if named is None:
        return ""
    own = re.search(rf"(?<![比较与同]){named['year']}年", sentence[: m.start])
    return re.sub("后", "", named["budget"]) if own else ""


def _named_after(m: _Match, claims: list[Claim], unit_first: int, sentence: str, position) -> Claim | None:
    """The figure a share stated before it is of (一般公共预算教育经费占一般公共预算支出的比例为 19.84%，…，一般公共预算
    教育经费 155.63 亿元): the one later figure of the sentence named as the share's clause names its part, when the
    sentence states no figure before the share and exactly one after it of that name."""
    core = name_core(_subject(sentence[: m.start]))
    same = [c for c in claims[unit_first:] if c.position[:2] == position]
    if len(core) < 2 or any(c.position[2] < m.start for c in same):
        return None
    later = [c for c in same if c.position[2] > m.start and _is_level(c) and name_core(c.subject) == core]
    return later[0] if len(later) == 1 and later[0].share is None else None


def qualified_base(qualifier: str) -> str:
    """The prior-year figure a qualified rate is of: 同口径上年数, 可比口径上年数, 剔除…因素后的上年数."""
    if re.match(r"(?:按|以)?同口径", qualifier):
        return "同口径上年数"
    if re.match(r"(?:按|以)?可比", qualifier):
        return "可比口径上年数"
    return f"{re.sub(r'后$', '', qualifier)}后的上年数"


def _whole_name(text: str) -> str:
    return re.sub(r"(?:的|比重|比例|为|达)+$", "", text or "")


def _list_parent(claims: list[Claim], current: Claim | None, opener: str, section: str, before: str) -> int | None:
    """The whole a list of parts belongs to.

    ``其中`` lists parts of the amount just stated, unless a list ended just before it (``货物 …、服务 901 万元；
    其中一般公共预算拨款 …``: of the list's total); ``包括`` lists parts of the total the sentence (or the
    paragraph before) states, also when it follows another such list (收入包括 …；支出包括 …).
    """
    if current is None:
        same_section = [j for j, c in enumerate(claims) if c.section == section and c.amount is not None]
        return same_section[-1] if same_section else None
    index = claims.index(current)
    if current.parent is not None and (opener == "包括" or re.match(r"^[；;]\s*其中", before)):
        return current.parent
    return index


#: words a whole's name may carry that do not say which whole it is
WHOLE_NOISE_RE = re.compile(r"[“”\"'‘’]|预算|决算|安排|各项|全部|的|数|本部门|本单位|部门|单位|总计|合计|总额|总")
TOTAL_WORD_RE = re.compile(r"总计|合计|总额|总")
#: wholes named by a word any total of the section could bear
GENERIC_WHOLES = ("", "支出", "收入", "本年支出", "本年收入")
#: a sentence opening with the whole its shares are of (支出预算中，基本支出 1,000 万元，占 77.52%；…; 在本年支出中，…)
LEAD_WHOLE_RE = re.compile(r"^(?:在|从)?(?:20\d{2}年度?)?(?P<whole>[^，,。；;：:\d%]{2,12}?)(?:中|当中|之中)[，,]")


def lead_whole(sentence: str) -> str:
    """The whole a sentence's opening names for the shares it states (支出预算中，… → 支出预算); ``""``: none
    (其中，… lists parts of the figure before)."""
    found = LEAD_WHOLE_RE.match(re.sub(r"\s+", "", sentence))
    return found["whole"] if found and not found["whole"].startswith("其") else ""


def _side_of(name: str) -> str:
    """收入 or 支出 when a total's name is of one side only (财政拨款收入, 本年支出合计); ``""`` otherwise
    (收支总额)."""
    income, spending = "收入" in name, "支出" in name
    return "收入" if income and not spending else "支出" if spending and not income else ""


def name_core(name: str) -> str:
    """A name without the words that do not tell one total from another (``本年支出合计`` → ``本年支出``)."""
    return WHOLE_NOISE_RE.sub("", YEAR_PREFIX_RE.sub("", re.sub(r"\d{4}年度?", "", name)))


def _is_level(c: Claim) -> bool:
    return c.amount is not None and not c.is_change


def _link_shares(claims: list[Claim]) -> None:
    """The whole each share is of.

    A whole the sentence names (占“三公”经费的, 占本年支出合计的) is the nearest earlier total of that
    name; a listed part's share (其中：A X 万元，占 Z%) is of the list's total; otherwise the sentence's
    first amount, else the nearest earlier total of the section (the closest preceding amount that is not
    itself a share or a change, nor listed as a part of another such total, and is at least as large as the
    part).  A sentence opening with its whole (支出预算中，…) names it; a whole of one side (支出预算, 占支出的)
    is never a total of the other (财政拨款收入), and one the narrative states nowhere is left to the tables.
    Shares of a named whole found
    nowhere are grouped, so that the audit can take the whole from the tables or, when the listed parts
    are all of it, from their sum; so are shares stated respectively of a whole found nowhere.
    """
    group = 0
    for index, claim in enumerate(claims):
        if claim.share is None or claim.amount is None:
            continue
        lead = "" if claim.whole_name else lead_whole(claim.sentence)
        claim.whole_name = claim.whole_name or lead
        # a whole of one side (支出预算, 占支出的) is never a total of the other (财政拨款收入)
        side = _side_of(claim.whole_name)
        earlier = [
            j
            for j in range(index)
            if _is_level(claims[j])
            and claims[j].unit == claim.unit
            and claims[j].amount >= claim.amount
            and claims[j].amount > 0  # a whole of nothing has no shares
            and not (side and _side_of(claims[j].subject) not in ("", side))
        ]
        core = name_core(claim.whole_name)
        generic = core in GENERIC_WHOLES
        parent = claim.parent
        if parent is not None and claims[parent].share is None and _is_level(claims[parent]) and generic:
            if claims[parent].amount >= claim.amount:
                claim.whole = parent
                continue
        if claim.whole_name:
            named = _named_whole(claims, earlier, core, claim)
            if named is not None:
                claim.whole = named
                continue
            if not generic:
                previous = claims[index - 1] if index else None
                same_group = (
                    previous is not None
                    and previous.share_group is not None
                    and previous.whole_name == claim.whole_name
                    and previous.position[0] == claim.position[0]
                )
                if not same_group:
                    group += 1
                claim.share_group = group
                continue
        same = [
            j
            for j in range(index)
            if _is_level(claims[j]) and claims[j].unit == claim.unit and claims[j].position[:2] == claim.position[:2]
        ]
        if same and claims[same[0]].share is None and claims[same[0]].amount >= claim.amount:
            claim.whole = same[0]
            continue
        if lead:
            continue  # a whole the sentence names and the narrative states nowhere: the tables' (the audit's)
        totals = [j for j in earlier if claims[j].section == claim.section and claims[j].share is None]
        # a total listed as a part of another (支出预算 560 万元，其中财政拨款 500 万元) is not the whole of the
        # parts a later sentence lists (按部门职能分：公共文化服务 300 万元，占 53.57%): its head is
        heads = [j for j in totals if claims[j].parent not in totals]
        if totals:
            claim.whole = (heads or totals)[-1]
    # shares stated respectively of a whole found nowhere (A、B 和 C，分别占 80%、15% 和 5%): one group
    respective: dict[tuple, list[Claim]] = {}
    for claim in claims:
        if claim.share is not None and claim.whole is None and claim.share_group is None:
            if RESPECTIVELY & set(claim.patterns):
                respective.setdefault(claim.position[:2], []).append(claim)
    for members in respective.values():
        group += 1
        for claim in members:
            claim.share_group = group


def _named_whole(claims: list[Claim], earlier: list[int], core: str, part: Claim) -> int | None:
    """The nearest earlier total named like the whole: the same name first, then one ending in it."""
    candidates = [j for j in earlier if claims[j].share is None and claims[j] is not part]
    # (a side's whole named generally, 支出预算 or 本年支出, is the year's total of that side: 本年支出合计)
    year_of = (lambda name: re.sub(r"^本年", "", name)) if core in GENERIC_WHOLES else (lambda name: name)
    exact = [j for j in candidates if year_of(name_core(claims[j].subject)) == year_of(core)]
    if exact:
        return exact[-1]
    if core:
        # a total named as such — in the earlier figure's name, or in the whole's (占政府采购支出总额的 …)
        named_total = bool(TOTAL_WORD_RE.search(part.whole_name)) and core not in GENERIC_WHOLES
        loose = [
            j
            for j in candidates
            if name_core(claims[j].subject).endswith(core) and (named_total or TOTAL_WORD_RE.search(claims[j].subject))
        ]
        if loose:
            return loose[-1]
        if core.startswith("本年"):
            return _named_whole(claims, earlier, core[2:], part)
    return None


def _row(i: int, c: Claim) -> dict:
    return {
        "claim_id": i,
        "page": c.page,
        "source": c.source,
        "section": c.section,
        "sentence": c.sentence,
        "subject": c.subject,
        "func_code": c.func_code,
        "amount": c.amount,
        "amount_text": c.amount_text,
        "unit": c.unit,
        "prior": c.prior,
        "prior_text": c.prior_text,
        "change": c.change,
        "change_text": c.change_text,
        "direction": c.direction,
        "rate": c.rate,
        "rate_text": c.rate_text,
        "rate_direction": c.rate_direction,
        "share": c.share,
        "share_text": c.share_text,
        "whole_name": c.whole_name,
        "flat": c.flat,
        "is_change": c.is_change,
        "restated": c.restated,
        "restated_text": c.restated_text,
        "budget": c.budget,
        "budget_text": c.budget_text,
        "completion": c.completion,
        "completion_text": c.completion_text,
        "budget_flat": c.budget_flat,
        "compared": c.compared,
        "base": c.base,
        "qualifier": c.qualifier,
        "prior_year": c.prior_year,
        "compare_year": c.compare_year,
        "current_year": c.current_year,
        "patterns": " ".join(c.patterns),
        "enum": c.enum,
        "parent_id": c.parent,
        "part_list": c.part_list,
        "whole_id": c.whole,
        "share_group": c.share_group,
        "item_id": c.item,
        "func_levels": c.func_levels,
        "unit_index": c.position[0],
        "sentence_index": c.position[1],
    }


def read_claims(narrative: pd.DataFrame, org_name: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(claims, unmatched): the claims frame and the sentences whose percentages no pattern reads."""
    missed: list = []
    claims = parse_claims(narrative, org_name, missed)
    frame = pd.DataFrame([_row(i, c) for i, c in enumerate(claims)], columns=CLAIM_COLUMNS)
    for column in ("prior_year", "compare_year", "current_year", "parent_id", "whole_id", "share_group", "item_id"):
        frame[column] = frame[column].astype("Int64")
    rows = [{"page": p, "source": f, "section": s, "sentence": t, "percents": " ".join(x)} for p, f, s, t, x in missed]
    return frame, pd.DataFrame(rows, columns=UNMATCHED_COLUMNS)


def claims_frame(narrative: pd.DataFrame, org_name: str = "", unmatched: bool = False) -> pd.DataFrame:
    """The narrative's claims, one row per claim (see :class:`Claim`).

    With ``unmatched=True``: instead, the sentences carrying a percentage that no pattern of the
    catalogue reads (page, section, sentence, the percentages) — the phrasings still to learn.
    """
    claims, missed = read_claims(narrative, org_name)
    return missed if unmatched else claims
