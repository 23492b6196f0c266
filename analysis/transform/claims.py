"""Numeric claims of the narrative: what each sentence states, as a table.

Every amount a sentence prints opens a claim (its subject is the clause before it) unless a phrasing of
the catalogue (:mod:`analysis.transform.claim_patterns`) reads it as a comparison's figure: the prior-year
figure, a change, a budget.  The catalogue's patterns read the percentages too (a rate of change, a share,
a completion rate) and the years a comparison names; a percentage no pattern reads is listed by
``claims_frame(..., unmatched=True)``, so that a new phrasing is seen, never silently skipped.

    教育支出（类）…其他教育管理事务支出（项）预算数为 3147.17 万元，比 2022 年预算数
    3529.60 万元减少 382.43 万元，降低 10.83%
    收入预算 5671 万元，其中：一般公共预算拨款收入 5601 万元，占 98.77%

Amounts listed after 其中/包括 are parts of the amount before; a share is linked to the whole it is of.  Figures
stated respectively of the parts a clause lists (A、B 分别为 X、Y 万元，分别占 …) are read by
:mod:`analysis.transform.claim_lists`.
Nothing is judged here: the audit recomputes every claim.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from ..text import ENUMERATOR_RE
from .amounts import MONEY_UNIT_PATTERN
from .claim_lists import apply_respectively, respective_amounts
from .claim_patterns import (
    BASE_RE,
    NUMBER,
    NUMBER_FIELDS,
    PATTERNS,
    RESPECTIVE_CHANGES,
    RESPECTIVE_RATES,
    RESPECTIVE_SHARES,
    SHORT_UNIT,
    UNIT_ALIASES,
)
from .claim_record import (
    MONEY_FACTORS,
    Claim,
    PatternMatch,
    base_kind,
    clean_subject,
    comparison_base,
    function_levels,
    in_unit,
    is_level,
    name_core,
    number_of,
    whole_name_of,
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

UP_WORDS = ("增加", "增长", "上升", "上涨", "提高", "增", "大于", "多", "高于")
DOWN_WORDS = ("减少", "降低", "下降", "减", "小于", "少", "低于", "压缩", "压减")
DIRECTION_RE = "增加|减少|增长|降低|上升|下降|提高"
#: units of the amounts a sentence states (项 not as in a function code's level: 行政运行（01项）)
#: (万 or 亿 alone, at the end of its clause, is 万元 or 亿元 written short: 经营收入 0.00 万，…; 个百分点 is a change
#: of a share or a rate in percentage points, no count of anything: 增幅同比提高 48.70 个百分点)
UNITS = rf"{MONEY_UNIT_PATTERN}|{SHORT_UNIT}|辆|个(?!百分点)|台（套）|台\(套\)|台|套|人|项(?![)）])"
TOKEN_RE = re.compile(rf"(?P<number>{NUMBER})(?:(?P<unit>{UNITS})|(?P<percent>%))")
#: an amount written in 亿 and 万 together (1亿2000万元; 3亿零500万元): one figure, in 万元
YI_WAN_RE = re.compile(r"(?<![\d.,])(?P<yi>\d+)亿零?(?P<wan>\d{1,4}(?:\.\d+)?)(?=万元)")
SENTENCE_END = "。"
#: what makes the amount after it a bound, not a figure stated (预算超 200 亿, 超过 50 万元的项目, 不足 1 万元)
BOUND_RE = re.compile(r"(?:超过|超出|超|逾|突破|不足|不到|将近|接近|近)$")
#: a paragraph opening with an enumerator starts anew (1.  (2)  三、) — unlike one opening with 89.74
ENUMERATED_RE = re.compile(
    r"^(?:\d+[、．)）]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
)
LIST_OPENER_RE = re.compile(r"其中|包括")
#: a colon right after an amount lists its parts (总额 6,143.52 万元：货物 5,242.52 万元、…)
COLON_RE = re.compile(r"^[：:]")
CLAUSE_START_RE = re.compile(r"[，,：:、；;。]|其中")
#: what may stand before a comparison that opens its sentence (此外，与上年相比 …; 决算数与年初预算数相比 …: the
#: figure named by its kind only)
CONNECTIVES_RE = re.compile(r"^(?:此外|另外|同时|其中|总体上?|综上)?[，,：:]?(?:本年度?)?(?:决算|预算)?数?$")
#: a paragraph naming an item, without a figure (``（一）因公出国（境）经费``): the subject of the next one's figure
HEADING_RE = re.compile(r"^[^。；;：:，,]{2,40}$")


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


#: a figure named by its kind only (支出决算, 年初预算数): after a colon, of the item named before it
KIND_ONLY_RE = re.compile(r"(?:本年|当年)?(?:支出|收入)?(?:年初|调整)?(?:预算|决算|执行)?数?|支出|收入")
#: an item named by its function level or code (行政运行（项）, 小学教育（2050202）): its figures follow a colon
NAMED_ITEM_END_RE = re.compile(r"[（(](?:\d{3,7}|\d{0,7}[类款项])[)）][:：]$")


def _subject(before: str) -> str:
    both = BOTH_TOTALS_RE.search(before)
    if both:  # one subject, not the clause after 、 (支总计各)
        before = f"{before[: both.start()]}收支{both.group(1)}"
    masked = CLOSED_ASIDE_RE.sub(lambda m: "（" + "_" * (len(m.group()) - 2) + "）", before)
    starts = [m.end() for m in CLAUSE_START_RE.finditer(masked)]
    subject = clean_subject(before[starts[-1] :] if starts else before)
    if (
        starts
        and (
            not subject  # "机关运行经费，合计 260.56 万元": the clause before names it
            # "行政运行（项）：支出决算为 500.00 万元": the item named before the colon, its figure by kind after it
            or (KIND_ONLY_RE.fullmatch(subject) and NAMED_ITEM_END_RE.search(before[: starts[-1]]))
        )
    ):
        subject = clean_subject(before[starts[-2] if len(starts) > 1 else 0 : starts[-1] - 1])
    return subject


def _phrase_subject(sentence: str, start: int, previous: list[str]) -> str:
    """The clause before a phrase; when the phrase opens its sentence, the sentence before (if it states
    no figure: an item's name, ``行政运行（项）。年初预算为 …``)."""
    subject = _subject(sentence[:start])
    if not subject and previous and not TOKEN_RE.search(previous[-1]):
        subject = clean_subject(ENUMERATOR_RE.sub("", previous[-1].rstrip("。：:")))
    return subject


def _match_sentence(sentence: str, tokens: list[re.Match]) -> list[PatternMatch]:
    """The catalogue's patterns in this sentence, most specific first, no figure read twice."""
    starts = {t.start() for t in tokens}
    taken: set[int] = set()
    found: list[PatternMatch] = []
    for pattern in PATTERNS:
        for m in pattern.regex.finditer(sentence):
            spans = {m.start(f): f for f in NUMBER_FIELDS if f in m.groupdict() and m.group(f) is not None}
            # a prior figure printed without its unit is no token of its own (较上年2.08减少0.03万元), nor is a
            # change listed before the one printing the unit (各减少 1267.86、2570.97 万元)
            unitless = ("prior", *RESPECTIVE_CHANGES)
            bare = {s for s, f in spans.items() if f in unitless and m.groupdict().get(f"{f}_unit") is None}
            if any(s in taken or (s not in starts and s not in bare) for s in spans):
                continue
            groups = {
                k: UNIT_ALIASES.get(v, v) if k.endswith("_unit") else v
                for k, v in m.groupdict().items()
                if v is not None
            }
            if int(groups.get("prior_year", 0)) >= int(groups.get("current_year", 9999)):
                continue  # a figure of the same or a later year is no prior-year figure (2025年 … 2026年 …)
            taken.update(spans)
            found.append(PatternMatch(pattern, groups, m.start(), spans, end=m.end()))
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
        cleaned = [
            YI_WAN_RE.sub(_in_wan, LISTED_COMMA_RE.sub("\\1、", s.replace(org, "") if org else s)) for s in sentences
        ]
        for sentence_index, (sentence, clean) in enumerate(zip(sentences, cleaned, strict=True)):
            tokens = list(TOKEN_RE.finditer(clean))
            listed, names = respective_amounts(clean, tokens)
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
                if role is None and BOUND_RE.search(before):
                    last_end = token.end()  # 预算超 200 亿: a bound, no figure stated
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
                    amount=number_of(number),
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
                    if not apply_respectively(m, claims, unit_first, (unit_index, sentence_index), place):
                        loose += [m.groups[f] + "%" for f in (*RESPECTIVE_SHARES, *RESPECTIVE_RATES) if f in m.groups]
                    continue
                _apply(m, claims, unit_first, cleaned, page, section, sentence, (unit_index, sentence_index), source)
            if loose and unmatched is not None:
                unmatched.append((page, source, section, sentence.strip(), loose))
            if sentence_first is not None and re.search(r"其中[:：]?\s*$", clean.strip()):
                open_parts = sentence_first
        text = normalise(raw).strip()
        item_name = (
            clean_subject(ENUMERATOR_RE.sub("", text)) if HEADING_RE.match(text) and not TOKEN_RE.search(text) else ""
        )
    _link_shares(claims)
    _second_comparisons(claims)
    return claims


def _in_wan(m: re.Match) -> str:
    """1亿2000 (万元) as one figure in 万元: 12000, exactly."""
    return format(Decimal(m["yi"]) * MONEY_FACTORS["亿元"] + Decimal(m["wan"]), "f")


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


def _target(m: PatternMatch, claims: list[Claim], unit_first: int, sentences: list[str], position) -> Claim | None:
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
    fields = set(m.groups) | {f"{BASE_FIELD}{comparison_base(sentence, m)}"}
    head = _clause_head(m, same, sentence, depth)
    if head is not None and _may_carry(head, m):
        return None if _conflicts(head, fields) else head
    candidates = []
    for c in reversed(same):
        # a change stated alone, a comparison read without a figure (比上年决算数下降 …) or an aside in
        # brackets closed before: not the figure the phrase speaks of
        if c.is_change or c.amount is None or _depth(sentence, c.position[2]) > depth or not _may_carry(c, m):
            continue
        if _another_year(sentence, c, m.start):
            break
        candidates.append(c)
    if candidates:
        # the nearest figure, unless the change and rate the phrase states rule it out and rule in one before it
        # (…21.30 万元（其中：…），比上年减少 2.20 万元，下降 7.86%: of the list's head, 25.80 万元)
        c = candidates[0]
        if _fits(c, m) is False:
            c = next((other for other in candidates[1:] if _fits(other, m)), c)
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


def _fits(claim: Claim, m: PatternMatch) -> bool | None:
    """Whether a claim's figure agrees with the change and the rate a pattern read (the prior year's figure is
    the figure less the change; the rate, the change over it, to the rate's printed decimals); ``None`` when the
    pattern states not both."""
    g = m.groups
    sign = direction_sign(g.get("direction", ""))
    if claim.amount is None or "change" not in g or "rate" not in g or not sign:
        return None
    change = in_unit(number_of(g["change"]), g.get("change_unit", ""), claim.unit)
    prior = claim.amount - sign * change
    if prior <= 0:
        return False
    places = len(g["rate"].partition(".")[2])
    return abs(change / prior * 100 - number_of(g["rate"])) <= Decimal(5) / 10 ** (places + 1)


def _money_read(m: PatternMatch) -> bool:
    """Whether a pattern reads a money figure (a prior-year figure, a change, a budget: 比上年减少 12 万元)."""
    return any(m.groups.get(f"{name}_unit") in MONEY_FACTORS for name in ("prior", "change", "budget"))


def _may_carry(c: Claim, m: PatternMatch) -> bool:
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


def _clause_head(m: PatternMatch, same: list[Claim], sentence: str, depth: int) -> Claim | None:
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


def _apply(m: PatternMatch, claims, unit_first, sentences, page, section, original, position, unit_source="") -> None:
    """Put a pattern's figures on the claim it speaks of (an amount-less claim when none is stated) — on each of the
    two totals a comparison names at once (收支较上年减少 …; 收入、支出预算均较上年增加 …)."""
    g = m.groups
    claim = m.claim
    sentence = sentences[position[1]]
    place = (page, unit_source, section, original)
    if claim is None and m.pattern.claim == "before":
        sides = _both_sides(m, claims, unit_first, sentence, position)
        if sides:
            for side in sides:
                if isinstance(side, tuple):  # a side whose figure the paragraph does not state: left to the tables
                    side = _new_claim(m, claims, place, side[1], (*position, side[0]))
                _put(m, side, sentence)
            return
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
        claim = _new_claim(m, claims, place, re.sub(r"(?:与|同|比|较)$", "", subject), (*position, m.start))
        if item is not None:  # compared a second time: its figure is the item's (carried at the end)
            claim.item, claim.unit = item, claims[item].unit
            claim.func_levels, claim.func_code = claims[item].func_levels, claims[item].func_code
    _put(m, claim, sentence)


def _new_claim(m: PatternMatch, claims: list[Claim], place: tuple, subject: str, position: tuple) -> Claim:
    """A claim without a figure of its own (a comparison of an item the sentence names, not its figure)."""
    page, source, section, original = place
    g = m.groups
    claim = Claim(
        page=page,
        source=source,
        section=section,
        sentence=original.strip(),
        subject=subject,
        amount=None,
        amount_text="",
        unit=g.get("prior_unit") or g.get("change_unit") or g.get("budget_unit") or "",
        position=position,
    )
    claim.func_levels = function_levels(claim.subject)
    claim.func_code = claim.func_levels[-1][0] if claim.func_levels else ""
    claims.append(claim)
    return claim


#: a comparison's subject naming both totals at once (收支, 收、支, 收入、支出预算均, 财政拨款收入和支出): what opens it
#: (a year, a fund, the unit), the two sides, and the name they share (预算, 总计)
BOTH_COMPARED_RE = re.compile(
    r"(?P<head>(?:.*?(?:20\d{2}年度?|本年度?|本部门|本单位|部门|单位|财政拨款|一般公共预算|政府性基金预算?|国有资本经营预算))?)"
    r"收入?[、，,和与及]?支出?(?<=[支出])(?P<tail>[^、，,和与及均都各]*?)(?:均|都|各)?"
)


def _both_sides(m: PatternMatch, claims: list[Claim], unit_first: int, sentence: str, position) -> list:
    """The totals a comparison names both at once (收支较上年决算数减少 X，下降 Z%; 收入、支出预算均较上年增加 …): the
    paragraph's earlier figure of both (收支总计 X), else each side's — its figure of that name (收入预算 X), or of
    that side's total (收入总计 X) when the comparison names the sides alone — or, where the paragraph states none,
    (start, name) of a claim to make (its figure the tables'); none when the clause names no two sides."""
    begin = max((b.end() for b in re.finditer(r"[，,。；;：:]", sentence[: m.start])), default=0)
    clause = sentence[begin : m.start]
    both = BOTH_COMPARED_RE.fullmatch(clause)
    if both is None:
        return []
    fields = set(m.groups) | {f"{BASE_FIELD}{comparison_base(sentence, m)}"}
    earlier = [
        c
        for c in claims[unit_first:]
        if c.position < (*position, begin) and is_level(c) and c.parent is None and _may_carry(c, m)
    ]
    whole = name_core(clean_subject(f"{both['head']}收支{both['tail']}"))
    one = [c for c in earlier if name_core(c.subject) == whole]
    if one:  # 收、支总计均为 X 万元。收、支与上年相比 …: the one figure of both
        return [] if _conflicts(one[-1], fields) else [one[-1]]
    sides: list = []
    for k, side in enumerate(("收入", "支出")):
        name = clean_subject(f"{both['head']}{side}{both['tail']}")
        core = name_core(name)
        found = [c for c in earlier if name_core(c.subject) == core]
        if not found and not name_core(both["tail"]):  # 收支较上年 …: each side's total stated before
            found = [c for c in earlier if _side_of(c.subject) == side and TOTAL_WORD_RE.search(c.subject)]
        if found and not _conflicts(found[-1], fields) and found[-1] not in sides:
            sides.append(found[-1])
        else:
            sides.append((begin + (both.start("tail") if k else both.start()), name))
    return sides


def _put(m: PatternMatch, claim: Claim, sentence: str) -> None:
    """Put a pattern's figures on a claim."""
    g = m.groups
    unit = claim.unit

    def money(name: str) -> Decimal:
        value = number_of(g[name])
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
        claim.rate, claim.rate_text = number_of(g["rate"]), g["rate"] + "%"
        claim.rate_direction = g.get("rate_direction", "")
    if "share" in g:
        claim.share, claim.share_text = number_of(g["share"]), g["share"] + "%"
        claim.whole_name = whole_name_of(g.get("whole", ""))
    if "budget" in g:
        claim.budget, claim.budget_text = money("budget"), g["budget"]
    if "completion" in g:
        claim.completion, claim.completion_text = number_of(g["completion"]), g["completion"] + "%"
    if "flat" in g:
        claim.flat = True
    if "budget_flat" in g:
        claim.budget_flat = True
    if "versus_budget" in g:
        claim.compared = g["versus_budget"]
    claim.base = comparison_base(sentence, m) or claim.base
    own = _own_budget(sentence, m)
    if own:  # 2021年度 … 较2021年年初预算减少 …: the year's own budget, not last year's
        claim.compared, claim.base = own, ""
    if "qualifier" in g:
        claim.qualifier = g["qualifier"]
        claim.compared = qualified_base(g["qualifier"])
    for name in ("prior_year", "compare_year", "current_year"):
        if name in g:
            setattr(claim, name, int(g[name]))
    year = int(g["current_year"]) if "current_year" in g else _figure_year(sentence, m)
    if "prior_year" in g and year and int(g["prior_year"]) < year - 1 and not claim.compared:
        # 2024年 … 比2022年预算增长 Z%: against a figure of two years before, which no prior-year column prints
        kind = re.search(
            rf"{g['prior_year']}年度?(?:[（(][^（()）]*[)）])?(?P<kind>预算执行数|执行数|预算|决算)",
            sentence[m.start : m.end],
        )
        claim.compared = f"{g['prior_year']}年{base_kind(kind['kind']) if kind else ''}数"


#: a year naming this year's figure, not the one compared with (2024年支出预算 …, never 比2022年)
FIGURE_YEAR_RE = re.compile(r"(?<![比较与同\d])(20\d{2})年")


def _figure_year(sentence: str, m: PatternMatch) -> int | None:
    """The year the sentence names for the figure a comparison is of: the last named before it, not as the year
    compared with; ``None`` when it names none."""
    years = FIGURE_YEAR_RE.findall(sentence[: m.start])
    return int(years[-1]) if years else None


#: a comparison with the opening or adjusted budget of a year it names (较2021年年初预算)
YEAR_BUDGET_RE = re.compile(r"(?:与|比|较)(?P<year>20\d{2})年度?(?P<budget>年初预算|调整后?预算)")


def _own_budget(sentence: str, m: PatternMatch) -> str:
    """The budget a comparison names when it is of the year the sentence names for the figure compared (2021年度
    “三公”经费 …，较2021年年初预算减少 …: that year's own 年初预算, a final figure's budget); ``""`` otherwise."""
    named = YEAR_BUDGET_RE.search(sentence, m.start, m.end or len(sentence))
    if named is None:
        return ""
    own = re.search(rf"(?<![比较与同]){named['year']}年", sentence[: m.start])
    return re.sub("后", "", named["budget"]) if own else ""


def _named_after(m: PatternMatch, claims: list[Claim], unit_first: int, sentence: str, position) -> Claim | None:
    """The figure a share stated before it is of (一般公共预算教育经费占一般公共预算支出的比例为 19.84%，…，一般公共预算
    教育经费 155.63 亿元): the one later figure of the sentence named as the share's clause names its part (the one
    name or the other opening with a place or a year: 全市…, 2023年…, 今年…), when the sentence states no figure before
    the share and exactly one after it of that name."""
    core = _unprefixed(name_core(_subject(sentence[: m.start])))
    same = [c for c in claims[unit_first:] if c.position[:2] == position]
    if len(core) < 2 or any(c.position[2] < m.start for c in same):
        return None
    later = [c for c in same if c.position[2] > m.start and is_level(c) and _unprefixed(name_core(c.subject)) == core]
    return later[0] if len(later) == 1 and later[0].share is None else None


#: a place or this year opening a figure's name (全市一般公共预算教育经费, 本级, 市级, 我省 …; 今年, 本年度): the same
#: figure, named with it or without
NAME_PREFIX_RE = re.compile(
    r"^(?:本年度?|今年|当年)?"
    r"(?:(?:全|本|我|某)(?:国|省|自治区|市|州|盟|区|县|旗|镇|乡)|(?:省|市|州|区|县|镇|乡)(?:本)?级|本级|中央|地方)?"
)


def _unprefixed(core: str) -> str:
    """A name's core without the place or this year opening it (全市教育经费, 今年教育经费 → 教育经费)."""
    return NAME_PREFIX_RE.sub("", core, count=1)


def qualified_base(qualifier: str) -> str:
    """The prior-year figure a qualified rate is of: 同口径上年数, 可比口径上年数, 剔除…因素后的上年数."""
    if re.match(r"(?:按|以)?同口径", qualifier):
        return "同口径上年数"
    if re.match(r"(?:按|以)?可比", qualifier):
        return "可比口径上年数"
    return f"{re.sub(r'后$', '', qualifier)}后的上年数"


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
        if claim.share is None:
            continue
        if claim.amount is None:  # a part named without its figure (its figure and its whole's are the tables')
            claim.whole_name = claim.whole_name or lead_whole(claim.sentence)
            continue
        lead = "" if claim.whole_name else lead_whole(claim.sentence)
        claim.whole_name = claim.whole_name or lead
        # a whole of one side (支出预算, 占支出的) is never a total of the other (财政拨款收入)
        side = _side_of(claim.whole_name)
        earlier = [
            j
            for j in range(index)
            if is_level(claims[j])
            and _same_measure(claims[j], claim)
            and in_unit(claims[j].amount, claims[j].unit, claim.unit) >= claim.amount
            and claims[j].amount > 0  # a whole of nothing has no shares
            and not (side and _side_of(claims[j].subject) not in ("", side))
        ]
        core = name_core(claim.whole_name)
        generic = core in GENERIC_WHOLES
        parent = claim.parent
        if parent is not None and claims[parent].share is None and is_level(claims[parent]) and generic:
            whole = claims[parent]
            if _same_measure(whole, claim) and in_unit(whole.amount, whole.unit, claim.unit) >= claim.amount:
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
            if is_level(claims[j]) and _same_measure(claims[j], claim) and claims[j].position[:2] == claim.position[:2]
        ]
        first = claims[same[0]] if same else None
        if first is not None and first.share is None and in_unit(first.amount, first.unit, claim.unit) >= claim.amount:
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


def _same_measure(whole: Claim, part: Claim) -> bool:
    """Whether a figure may be the whole of a part's share: in the same unit, or both money (a whole of 1.2 亿元,
    its parts in 万元)."""
    return whole.unit == part.unit or (whole.unit in MONEY_FACTORS and part.unit in MONEY_FACTORS)


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
