"""Numeric claims of the narrative: what each sentence states, as a table.

A budget's 预算情况说明 states figures in a few fixed shapes::

    教育支出（类）…其他教育管理事务支出（项）预算数为 3147.17 万元，比 2022 年预算数
    3529.60 万元减少 382.43 万元，降低 10.83%
    收入预算 5671 万元，其中：一般公共预算拨款收入 5601 万元，占 98.77%

Each amount opens a claim unless it is the prior-year figure (``比…预算数 X``)
or a stated change (``增加 X``); percentages are a rate of change (after a
direction word) or a share (``占 X%``).  Nothing is judged here: the audit
recomputes every claim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd

CLAIM_COLUMNS = [
    "claim_id",
    "page",
    "section",
    "sentence",
    "subject",
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
    "flat",
    "is_change",
    "enum",
    "parent_id",
    "part_list",
    "whole_id",
]

UP_WORDS = ("增加", "增长", "上升", "提高", "增")
DOWN_WORDS = ("减少", "降低", "下降", "减")
DIRECTION_RE = "增加|减少|增长|降低|上升|下降|提高"
UNITS = "亿元|万元|元|辆|个|台（套）|台|套|人|项"
NUMBER = r"\d[\d,]*(?:\.\d+)?"
TOKEN_RE = re.compile(rf"(?P<number>{NUMBER})\s*(?:(?P<unit>{UNITS})|(?P<percent>%|％))")
PRIOR_RE = re.compile(
    r"比\s*(?:上年|上一年|\d{4}\s*年度?)?[^，,。；增减上下降提]{0,8}?(?:预算数|预算|执行数|决算数)?\s*(?:为)?\s*$"
)
DIRECTION_BEFORE_RE = re.compile(rf"(?P<word>{DIRECTION_RE})(?:了)?\s*$")
SHARE_BEFORE_RE = re.compile(r"占[^，,。；%]{0,12}?(?:的)?(?:比重|比例)?(?:为)?\s*$")
SENTENCE_END = "。"
#: a paragraph opening with an enumerator starts anew (1.  (2)  三、) — unlike one opening with 89.74
ENUMERATED_RE = re.compile(
    r"^(?:\d+[、．)）]|\d+\.(?!\d)|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)"
)
LIST_OPENER_RE = re.compile(r"其中|包括")
CLAUSE_START_RE = re.compile(r"[，,：:、；;。]|其中")
#: words around a subject that say nothing about what is counted
SUBJECT_NOISE_RE = re.compile(
    r"^(?:其中|主要包括|包括|分别为|分别是)?[:：，,\s]*"
    r"|(?:预算数|决算数|执行数|预算安排|安排|合计|共计|共|为|是|总额|金额)+\s*$"
)
YEAR_PREFIX_RE = re.compile(r"^(?:20\d{2}\s*年(?:度)?)")


def direction_sign(word: str) -> int:
    if not word:
        return 0
    if any(word.startswith(w) for w in DOWN_WORDS):
        return -1
    return 1 if any(word.startswith(w) for w in UP_WORDS) else 0


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass
class Claim:
    page: int
    section: str
    sentence: str
    subject: str
    amount: Decimal
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
    flat: bool = False
    #: the amount is itself a change (``财政拨款收入增加 14,458.07 万元``), not a level
    is_change: bool = False
    #: the subject's enumerator kind: ``cn`` for （一）/一、, ``num`` for (1)/1., ``""`` none
    enum: str = ""
    parent: int | None = None  # the claim this one is a part of (after 其中 / 包括)
    part_list: int = 0  # parts of one parent listed together (a 收入包括 … and a 支出包括 … list)
    whole: int | None = None  # the claim a share is taken of
    extra: dict = field(default_factory=dict)


def text_units(narrative: pd.DataFrame) -> list[tuple[int, str, str]]:
    """(page, section, text) with paragraphs cut by a page break joined again."""
    units: list[list] = []
    for row in narrative.itertuples():
        text = str(row.text).strip()
        section = f"{row.part or ''} {row.section or ''}".strip()
        if (
            units
            and units[-1][1] == section
            and units[-1][2]
            and units[-1][2][-1] not in "。；;：:！!"
            and row.page == units[-1][3] + 1
            and not ENUMERATED_RE.match(text)
        ):
            units[-1][2] += text
            units[-1][3] = row.page
            continue
        units.append([row.page, section, text, row.page])
    return [(page, section, text) for page, section, text, _ in units]


def _sentences(text: str) -> list[str]:
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in SENTENCE_END:
            parts.append(text[start : i + 1])
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return [p for p in parts if p.strip()]


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


def _subject(before: str) -> str:
    starts = [m.end() for m in CLAUSE_START_RE.finditer(before)]
    subject = _clean_subject(before[starts[-1] :] if starts else before)
    if not subject and len(starts) > 1:  # "机关运行经费，合计 260.56 万元": the clause before names it
        subject = _clean_subject(before[starts[-2] : starts[-1] - 1])
    return subject


def _clean_subject(subject: str) -> str:
    subject = re.sub(r"\s+", "", subject)
    subject = re.sub(r"^\d+[.、．]", "", subject)
    subject = YEAR_PREFIX_RE.sub("", subject)
    previous = None
    while previous != subject:
        previous = subject
        subject = SUBJECT_NOISE_RE.sub("", subject)
    return subject


def parse_claims(narrative: pd.DataFrame, org_name: str = "") -> list[Claim]:
    """Every numeric claim of the narrative, in reading order."""
    claims: list[Claim] = []
    open_parts: int | None = None  # a claim whose 其中 list goes on in the next paragraphs
    part_list = 0
    previous_section = None
    for page, section, text in text_units(narrative):
        if section != previous_section:
            open_parts, previous_section = None, section
        for sentence in _sentences(text):
            sentence_first: int | None = None
            parent: int | None = None
            current: Claim | None = None
            last_end = 0
            clean = sentence.replace(org_name, "") if org_name else sentence
            for match in TOKEN_RE.finditer(clean):
                before = clean[last_end : match.start()]
                context = clean[: match.start()]
                number = match.group("number")
                if match.group("percent"):
                    if current is None:
                        continue
                    direction = DIRECTION_BEFORE_RE.search(context[-8:])
                    if SHARE_BEFORE_RE.search(context[-16:]):
                        current.share, current.share_text = _number(number), number + "%"
                    elif direction:
                        current.rate, current.rate_text = _number(number), number + "%"
                        current.rate_direction = direction.group("word")
                    last_end = match.end()
                    continue
                unit = match.group("unit")
                direction = DIRECTION_BEFORE_RE.search(context[-8:])
                if current is not None and direction and current.change is None and not _opens_claim(before):
                    current.change, current.change_text = _number(number), number
                    current.direction = direction.group("word")
                elif current is not None and PRIOR_RE.search(before) and current.prior is None:
                    current.prior, current.prior_text = _number(number), number
                else:
                    opener = LIST_OPENER_RE.search(before)
                    if opener:
                        parent = _list_parent(claims, current, opener.group(), section)
                        part_list += 1
                    subject = _subject(before)
                    trailing = re.search(rf"(?:{DIRECTION_RE})$", subject)
                    current = Claim(
                        page=page,
                        section=section,
                        sentence=sentence.strip(),
                        subject=subject[: trailing.start()] if trailing else subject,
                        amount=_number(number),
                        amount_text=number,
                        unit=unit,
                        is_change=bool(trailing),
                        direction=trailing.group() if trailing else "",
                        enum=_enum_kind(before),
                    )
                    current.parent = parent
                    current.part_list = part_list
                    if current.parent is None and open_parts is not None:
                        current.parent, current.part_list = open_parts, -1 - open_parts
                    claims.append(current)
                    if sentence_first is None:
                        sentence_first = len(claims) - 1
                last_end = match.end()
            if current is not None and "持平" in clean[last_end:] and current.change is None:
                current.flat = True
            if sentence_first is not None and re.search(r"其中[:：]?\s*$", clean.strip()):
                open_parts = sentence_first
    _link_shares(claims)
    return claims


def _list_parent(claims: list[Claim], current: Claim | None, opener: str, section: str) -> int | None:
    """The whole a list of parts belongs to.

    ``其中`` lists parts of the amount just stated; ``包括`` lists parts of the
    total the sentence (or the paragraph before) states, also when it follows
    another such list (收入包括 …；支出包括 …).
    """
    if current is None:
        same_section = [j for j, c in enumerate(claims) if c.section == section]
        return same_section[-1] if same_section else None
    index = claims.index(current)
    if opener == "包括" and current.parent is not None:
        return current.parent
    return index


def _link_shares(claims: list[Claim]) -> None:
    """The whole a share is of: the sentence's first amount, else the nearest earlier total.

    The nearest earlier total is the closest preceding amount of the same
    section and unit that is not itself a share or a change and is at least as
    large as the part (``…支出总计 457,676.75 万元。…教育支出 425,287.27 万元，占 92.92%``).
    """
    for index, claim in enumerate(claims):
        if claim.share is None:
            continue
        earlier = [
            j
            for j in range(index)
            if claims[j].section == claim.section and claims[j].unit == claim.unit and not claims[j].is_change
        ]
        same = [j for j in earlier if claims[j].sentence == claim.sentence]
        if same and claims[same[0]].share is None and claims[same[0]].amount >= claim.amount:
            claim.whole = same[0]
            continue
        totals = [j for j in earlier if claims[j].share is None and claims[j].amount >= claim.amount]
        if totals:
            claim.whole = totals[-1]


def claims_frame(narrative: pd.DataFrame, org_name: str = "") -> pd.DataFrame:
    claims = parse_claims(narrative, org_name)
    rows = []
    for i, c in enumerate(claims):
        rows.append(
            {
                "claim_id": i,
                "page": c.page,
                "section": c.section,
                "sentence": c.sentence,
                "subject": c.subject,
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
                "flat": c.flat,
                "is_change": c.is_change,
                "enum": c.enum,
                "parent_id": c.parent,
                "part_list": c.part_list,
                "whole_id": c.whole,
            }
        )
    return pd.DataFrame(rows, columns=CLAIM_COLUMNS)
