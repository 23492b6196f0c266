"""Lists of a narrative's sentences: the parts a clause names (A、B 和 C) and the figures stated of them one each.

    工资福利支出、商品和服务支出、对个人和家庭的补助、资本性支出和其他支出分别为 A、B、C、D、E 万元，分别占 …
    因公出国（境）费、公务接待费分别为 2.00 万元、3.00 万元，均与上年持平
    收、支总计各是 4125.49、4143.91 万元。与上年相比，收、支总计各减少 1267.86、2570.97 万元

A clause's parts are cut at 、 and, where the count of figures asks for it, at 和/及/与 — never inside a
classification's name (文化旅游体育与传媒支出); amounts, shares, rates and changes stated respectively (分别, 各) go to
the parts in order, one each, or — a clause naming another number of parts — to none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..text import ENUMERATOR_RE, squash
from .claim_patterns import (
    AND,
    NUMBER,
    RESPECTIVE_CHANGES,
    RESPECTIVE_RATES,
    RESPECTIVE_SHARES,
    RESPECTIVELY_WORDS,
)
from .claim_record import (
    Claim,
    PatternMatch,
    clean_subject,
    comparison_base,
    function_levels,
    in_unit,
    is_level,
    name_core,
    number_of,
    whole_name_of,
)

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


def respective_amounts(sentence: str, tokens: list[re.Match]) -> tuple[list[_Listed], dict[int, str]]:
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
        parts = list_names(sentence[begin : m.start()], len(figures))
        if not parts:
            continue
        unit = figures[-1].group("unit")
        for figure, (_, name) in zip(figures, parts, strict=True):
            if figure.start() not in by_start:
                figure = _Listed(figure.start(), figure.end(), figure.group(), unit)
                listed.append(figure)
            names[figure.start()] = name
    return listed, names


def apply_respectively(m: PatternMatch, claims: list[Claim], unit_first: int, position, place) -> bool:
    """Put shares (分别占 X%、Y%), rates (分别增长 X%、Y%) or changes (各减少 X、Y 万元) stated respectively on the
    parts listed before the phrase in its sentence, one each in order; ``False`` when the sentence lists fewer
    parts than figures (nothing is put then).  Figures may be stated of parts named without figures
    (科学技术支出、节能环保支出分别增长 42%、41.8%; 人员经费和公用经费分别占基本支出的 83.72%和 16.28%): each name
    is then the paragraph's earlier figure of that name (收、支总计各是 A、B 万元。…收、支总计各减少 X、Y 万元) or
    else a claim of its own, its figure left to the tables."""
    g = m.groups
    if "flat" in g:  # (均与上年持平，增长 0%: one rate, of each)
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
        and is_level(c)
        and all(getattr(c, kind) is None for kind in figures)
    ]
    if len(listed) < count and listed and set(figures) == {"share"}:
        return _respective_wholes(m, claims, listed[-1], figures["share"], position)
    if len(listed) < count:
        listed = _named_parts(m, claims, unit_first, position, place, count, set(figures))
    if len(listed) < count:
        return False
    # a change listed without its unit is in the unit of the last (各减少 1267.86、2570.97 万元)
    units = [g.get(f"{f}_unit", "") for f in figures.get("change", [])]
    for claim, k in zip(listed[-count:], range(count), strict=True):
        claim.patterns.append(m.pattern.id)
        if "share" in figures:
            claim.share, claim.share_text = number_of(g[figures["share"][k]]), g[figures["share"][k]] + "%"
            claim.whole_name = whole_name_of(g.get("whole", ""))
        if "rate" in figures:
            claim.rate, claim.rate_text = number_of(g[figures["rate"][k]]), g[figures["rate"][k]] + "%"
            # a rate listed with its own direction (分别增长 5.91%、下降 7.23%) keeps it; else the first's
            claim.rate_direction = g.get(f"{figures['rate'][k]}_direction") or g.get("rate_direction", "")
        if "change" in figures:
            change, unit = g[figures["change"][k]], next((u for u in units[k:] if u), "")
            claim.unit = claim.unit or unit
            claim.change, claim.change_text = in_unit(number_of(change), unit, claim.unit), change
            claim.direction = g.get("direction", "")
        if "share" not in figures:
            claim.prior_year = int(g["prior_year"]) if "prior_year" in g else claim.prior_year
            claim.base = comparison_base(place[4], m) or claim.base
    return True


def _respective_wholes(m: PatternMatch, claims: list[Claim], part: Claim, shares: list[str], position) -> bool:
    """Shares of one part in the wholes named one each (规模 34,993.1 亿元，占全国财政支出和GDP的比重分别为 9.4%和
    2.9%): the part's own claim takes the first, a claim carrying its figure (``item``) each other; ``False`` when the
    whole's name does not list as many wholes as shares."""
    g = m.groups
    wholes = list_names(g.get("whole", ""), len(shares))
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
        claim.share, claim.share_text = number_of(g[field_name]), g[field_name] + "%"
        claim.whole_name = whole_name_of(whole)
    return True


def _all_flat(m: PatternMatch, claims: list[Claim], unit_first: int, position, place) -> bool:
    """均与上年持平 after figures listed in its sentence (A、B 分别为 X、Y 万元): none of them changed, and the rate
    stated after it (均与去年持平，增长 0%) is each one's; ``False`` when the sentence states no figure not compared
    yet."""
    listed = [
        c
        for c in claims[unit_first:]
        if c.position[:2] == position and c.position[2] < m.start and is_level(c) and not c.has_comparison()
    ]
    if not listed:
        return False
    for claim in listed:
        claim.patterns.append(m.pattern.id)
        claim.flat = True
        if "rate" in m.groups:
            claim.rate, claim.rate_text = number_of(m.groups["rate"]), m.groups["rate"] + "%"
            claim.rate_direction = m.groups.get("rate_direction", "")
        claim.prior_year = int(m.groups["prior_year"]) if "prior_year" in m.groups else claim.prior_year
        claim.base = comparison_base(place[4], m) or claim.base
    return True


def _named_parts(m: PatternMatch, claims: list[Claim], unit_first: int, position, place, count: int, kinds: set[str]):
    """The claims of the parts a clause names before 分别/各 (A、B 和 C分别 …), when it names ``count`` of them:
    the paragraph's earlier figures of those names, if it states each (and none is compared yet), else claims
    without figures; none when the clause names another number of parts."""
    page, source, section, sentence, clean = place
    head = clean[: m.start]
    begin = max((b.end() for b in re.finditer(r"[，,。；;：:]", head)), default=0)
    names = list_names(head[begin:], count)
    if not names:
        return []
    earlier = []
    for _, name in names:
        core = name_core(name)
        found = [
            c
            for c in claims[unit_first:]
            if c.position < (*position, m.start)
            and is_level(c)
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


def list_names(clause: str, count: int) -> list[tuple[int, str]]:
    """(start in the clause, name) of each of the ``count`` parts a clause lists (A、B 和 C), or none.

    The parts are cut at 、 and, where the count asks for it, at 和/及/与 — never inside a classification's
    name (文化旅游体育与传媒支出、社会保障和就业支出: two parts) — or at the last of them only, the one before
    the list's last part (因公出国（境）费、公务用车购置及运行维护费和公务接待费: three); a clause whose cuts give
    another number of parts names none.  收、支总计 names two totals, 收入总计 and 支出总计.
    """
    lead = ENUMERATOR_RE.match(clause)  # 1. A、B分别为 …: the enumerator cuts no part
    if lead:
        return [(lead.end() + at, name) for at, name in list_names(clause[lead.end() :], count)]
    both = BOTH_SIDES_RE.fullmatch(clause)
    if both and count == 2:
        names = [clean_subject(f"{both['head']}{side}{both['tail']}") for side in ("收入", "支出")]
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
    alike = [j for j in after if clean_subject(clause[: j.start()]).endswith(end)]
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
    names = [clean_subject(clause[a:b]) for a, b in spans]
    if not all(names) or any(re.search(r"\d", n) for n in names):
        return []
    return [(a, name) for (a, _), name in zip(spans, names, strict=True)]


def _occurrences(text: str, name: str) -> list[int]:
    out, at = [], text.find(name)
    while at >= 0:
        out.append(at)
        at = text.find(name, at + 1)
    return out
