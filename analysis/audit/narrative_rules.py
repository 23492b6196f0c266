"""Rules on the narrative: each numeric claim recomputed from its own figures and the tables.

Figures are compared at the precision they are printed with: a claim printed
as ``5671 万元`` agrees with a table's ``5,671.00``; a rate printed as
``10.83%`` agrees with any value that rounds to it (inputs' rounding included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from ..extract.text import squash
from ..transform.claims import direction_sign
from ..transform.indicators import project_budgets
from .core import AuditContext, Outcome, decimals, fmt, half_unit
from .figures import name_of, project_amounts
from .table_rules import _project_table

#: words too general to name one figure
GENERIC_NAMES = {
    "支出", "收入", "合计", "总计", "预算", "预算数", "决算", "决算数", "金额", "项目",
    "一般公共预算", "本年支出", "本年收入",
}  # fmt: skip
MONEY_UNITS = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}


def _where(claim) -> str:
    return f"p.{claim.page} “{claim.sentence[:80]}{'…' if len(claim.sentence) > 80 else ''}”"


def _label(claim) -> str:
    return claim.subject or "(unnamed)"


def _with_change(ctx: AuditContext) -> pd.DataFrame:
    claims = ctx.claims
    return claims[claims.prior.notna()] if not claims.empty else claims


def claim_change(ctx: AuditContext) -> Iterator[Outcome]:
    """current − prior = the stated change (增加/减少 X 万元)."""
    rows = _with_change(ctx)
    rows = rows[rows.change.notna()] if not rows.empty else rows
    if rows.empty:
        yield Outcome("not_run", "the narrative states no prior-year figure with a change")
        return
    for c in rows.itertuples():
        actual_change = c.amount - c.prior
        tolerance = half_unit(c.amount_text) + half_unit(c.prior_text) + half_unit(c.change_text)
        ok = abs(abs(actual_change) - c.change) <= tolerance
        yield Outcome(
            "passed" if ok else "failed",
            f"{_label(c)}：{c.prior_text} → {c.amount_text} {c.unit}，变动应为 {fmt(abs(actual_change))}，"
            f"文中为 {c.direction} {c.change_text}（wrong change amount）",
            expected=fmt(abs(actual_change)),
            actual=c.change_text,
            difference=fmt(c.change - abs(actual_change)),
            location=_where(c),
            page=c.page,
        )


def _percent_outcome(c, computed: Decimal, stated: Decimal, stated_text: str, slack: Decimal, formula: str, what: str):
    """A stated percentage against the one recomputed, at its printed precision (inputs' rounding allowed).

    One unit off in the last printed digit is a rounding slip (shares forced to
    add up to 100%, say): a warning, not an error.
    """
    ok = abs(computed - stated) <= half_unit(stated_text) + slack
    shown = computed.quantize(Decimal(1).scaleb(-max(decimals(stated_text), 2)))
    return Outcome(
        "passed" if ok else "failed",
        f"{_label(c)}：{formula} = {fmt(shown)}%，文中为 {stated_text}（{what}）",
        expected=f"{fmt(shown)}%",
        actual=stated_text,
        difference=f"{fmt((stated - shown).quantize(shown))}%",
        location=_where(c),
        page=c.page,
        severity="warning" if abs(computed - stated) <= 3 * half_unit(stated_text) + slack else None,
    )


def _derived_prior_rates(ctx: AuditContext) -> Iterator[Outcome]:
    """Rates stated with a change but no prior-year figure: prior = current ∓ change (增加 X / 减少 X)."""
    claims = ctx.claims
    if claims.empty:
        return
    rows = claims[
        claims.prior.isna() & claims.change.notna() & claims.rate.notna() & ~claims.is_change & (claims.direction != "")
    ]
    for c in rows.itertuples():
        if re.search(r"20\d{2}|上年|相比|同比", c.subject):
            continue  # the amount may itself be the earlier year's figure
        prior = c.amount - direction_sign(c.direction) * c.change
        if prior <= 0:
            continue
        slack = (half_unit(c.amount_text) + 2 * half_unit(c.change_text)) / prior * 100
        formula = f"{c.direction} {c.change_text} ÷ 上年（{c.amount_text} ∓ {c.change_text} = {fmt(prior)}）"
        yield _percent_outcome(c, c.change / prior * 100, c.rate, c.rate_text, slack, formula, "wrong rate")


def claim_rate(ctx: AuditContext) -> Iterator[Outcome]:
    """(current − prior) ÷ prior = the stated rate of change, at its printed precision.

    Without a stated prior-year figure, the prior is derived from the stated
    change (current ∓ change) and the rate checked against it.
    """
    rows = _with_change(ctx)
    rows = rows[rows.rate.notna()] if not rows.empty else rows
    derived = list(_derived_prior_rates(ctx))
    yield from derived
    if rows.empty:
        if not derived:
            yield Outcome("not_run", "the narrative states no rate of change with a prior-year figure or a change")
        return
    for c in rows.itertuples():
        if c.prior == 0:
            yield Outcome(
                "not_run",
                f"{_label(c)}：上年为 0，增长率无定义（文中写 {c.rate_text}）",
                location=_where(c),
                page=c.page,
            )
            continue
        rate = abs(c.amount - c.prior) / c.prior * 100
        # the inputs are rounded too: their half units move the rate by up to this much
        slack = (half_unit(c.amount_text) + half_unit(c.prior_text)) / c.prior * 100
        formula = f"({c.amount_text} − {c.prior_text}) ÷ {c.prior_text}"
        yield _percent_outcome(c, rate, c.rate, c.rate_text, slack, formula, "wrong rate")


def claim_direction(ctx: AuditContext) -> Iterator[Outcome]:
    """The direction words (增加/减少, 上升/降低, 持平) agree with current − prior."""
    claims = ctx.claims
    rows = claims[claims.prior.notna() & ((claims.direction != "") | (claims.rate_direction != ""))]
    if rows.empty:
        yield Outcome("not_run", "the narrative states no change with a direction word and a prior-year figure")
        return
    for c in rows.itertuples():
        sign = (c.amount > c.prior) - (c.amount < c.prior)
        for word in (c.direction, c.rate_direction):
            if not word:
                continue
            stated = direction_sign(word)
            ok = stated == sign
            truth = "增加" if sign > 0 else "减少" if sign < 0 else "持平"
            yield Outcome(
                "passed" if ok else "failed",
                f"{_label(c)}：{c.prior_text} → {c.amount_text} {c.unit} 是{truth}，文中写“{word}”"
                + ("" if ok else "（direction word contradicts the figures）"),
                expected=truth,
                actual=word,
                location=_where(c),
                page=c.page,
            )


def claim_share(ctx: AuditContext) -> Iterator[Outcome]:
    """part ÷ whole = the stated share (占 X%), the whole being the total the text states."""
    claims = ctx.claims
    rows = claims[claims.share.notna() & ~claims.is_change] if not claims.empty else claims
    if rows.empty:
        yield Outcome("not_run", "the narrative states no share (占 …%)")
        return
    by_id = claims.set_index("claim_id")
    for c in rows.itertuples():
        if pd.isna(c.whole_id):
            yield Outcome("not_run", f"{_label(c)}：找不到占比的总额", location=_where(c), page=c.page)
            continue
        whole = by_id.loc[int(c.whole_id)]
        share = c.amount / whole.amount * 100
        # the inputs' rounding moves the share too
        slack = half_unit(c.amount_text) / whole.amount + c.amount * half_unit(whole.amount_text) / whole.amount**2
        formula = f"{c.amount_text} ÷ {whole.amount_text}（{whole.subject}）"
        yield _percent_outcome(c, share, c.share, c.share_text, slack * 100, formula, "wrong share")


def claim_parts(ctx: AuditContext) -> Iterator[Outcome]:
    """The parts listed after 其中/包括 add up to the stated total."""
    claims = ctx.claims
    if not claims.empty:
        # a unit's description (概况) lists overlapping groups (正高级职称, 博士生导师 …): not parts
        described = claims.section.str.contains("概况|基本情况")
        claims = claims[~described | claims.unit.isin(list(MONEY_UNITS))]
    rows = claims[claims.parent_id.notna() & ~claims.is_change] if not claims.empty else claims
    if rows.empty:
        yield Outcome("not_run", "the narrative lists no parts of a stated total (其中 …)")
        return
    by_id = claims.set_index("claim_id")
    for (parent, _), parts in rows.groupby(["parent_id", "part_list"], sort=False):
        if int(parent) not in by_id.index:
            continue
        whole = by_id.loc[int(parent)]
        parts = parts[parts.unit == whole.unit]
        if "cn" in set(parts.enum):  # nested lists: （一）… (1)… — the top level are the parts
            parts = parts[parts.enum == "cn"]
        elif len(parts) and parts.enum.iloc[0]:  # an enumerated list ends with its last enumerated item
            kinds = parts.enum.tolist()
            end = next((k for k, kind in enumerate(kinds) if kind != kinds[0]), len(kinds))
            parts = parts.iloc[:end]
        if parts.empty or whole.is_change:
            continue
        yield from _part_segments(whole, parts)


def _part_segments(whole, parts: pd.DataFrame) -> Iterator[Outcome]:
    """Parts of one total, read as the longest run from the start that adds up to it.

    A list may name the total's parts twice (收入 …；支出 …): the run after the
    first is checked too when it adds up on its own.  Items after a complete
    run that do not add up again belong to the next sentence's subject (the
    list ended), so they are not parts.
    """
    rows = list(parts.itertuples())
    while rows:
        total, tolerance, complete = Decimal(0), half_unit(whole.amount_text), []
        for k, part in enumerate(rows):
            total += part.amount
            tolerance += half_unit(part.amount_text)
            if abs(total - whole.amount) <= tolerance:
                complete.append(k)
        if not complete:
            yield _parts_outcome(whole, rows)
            return
        end = complete[-1] + 1
        yield _parts_outcome(whole, rows[:end])
        rest = rows[end:]
        rest_total = sum((p.amount for p in rest), Decimal(0))
        if not rest or abs(rest_total - whole.amount) > sum((half_unit(p.amount_text) for p in rest), tolerance):
            return
        rows = rest


def _parts_outcome(whole, segment: list) -> Outcome:
    total = sum((p.amount for p in segment), Decimal(0))
    tolerance = sum((half_unit(p.amount_text) for p in segment), half_unit(whole.amount_text))
    difference = total - whole.amount
    ok = abs(difference) <= tolerance
    listing = " + ".join(f"{p.subject} {p.amount_text}" for p in segment)
    return Outcome(
        "passed" if ok else "failed",
        f"{whole.subject} {whole.amount_text} {whole.unit}，其中 {listing} = {fmt(total)}"
        + ("" if ok else "（parts do not add up to the total）"),
        expected=whole.amount_text,
        actual=fmt(total),
        difference=fmt(difference),
        location=f"p.{whole.page} “{whole.sentence[:60]}…”",
        page=int(whole.page),
        # parts short of the total may be a partial list (其中 names only some); more than the total is an error
        severity=None if difference > 0 else "warning",
    )


def _subject_names(subject: str) -> list[str]:
    """Names a claim's subject may go by in the tables, most specific first."""
    subject = squash(subject)
    levels = re.findall(r"([^（()）]+?)[（(](类|款|项)[)）]", subject)
    if levels:
        base = levels[-1][0]
        if levels[-1][1] == "类" and subject.endswith("支出") and not base.endswith("支出"):
            base += "支出"
        names = [base]
    else:
        base = re.sub(r"^(?:部门|单位|本部门|本单位)", "", subject)
        names = [base, re.sub(r"预算$", "", base), re.sub(r"^一般公共预算(?:当年)?", "", base)]
    out = []
    for name in names:
        for variant in (name, re.sub(r"支出$", "", name), name + "支出" if not name.endswith("支出") else name):
            variant = name_of(variant)
            if len(variant) >= 3 and variant not in GENERIC_NAMES and variant not in out:
                out.append(variant)
    return out


def claim_vs_tables(ctx: AuditContext) -> Iterator[Outcome]:
    """A figure the narrative states equals a table figure printed under the same name."""
    claims = ctx.claims
    rows = claims[claims.unit.isin(list(MONEY_UNITS)) & ~claims.is_change] if not claims.empty else claims
    index = ctx.named_figures
    ran = False
    for c in rows.itertuples():
        names = [n for n in _subject_names(c.subject) if n in index]
        if not names:
            continue
        ran = True
        candidates = index[names[0]]
        amount = c.amount * MONEY_UNITS[c.unit]
        tolerance = half_unit(c.amount_text) * MONEY_UNITS[c.unit]
        match = next(((t, v) for t, v in candidates if abs(v - amount) <= tolerance), None)
        if match:
            yield Outcome(
                "passed",
                f"{_label(c)} {c.amount_text} {c.unit} = {match[0].name}",
                fmt(match[1]),
                c.amount_text,
                "0",
                _where(c),
                c.page,
            )
            continue
        listing = "；".join(f"{t.name} {fmt(v)}" for t, v in candidates[:4])
        nearest = min(candidates, key=lambda tv: abs(tv[1] - amount))
        yield Outcome(
            "failed",
            f"{_label(c)}：文中 {c.amount_text} {c.unit}，表中“{names[0]}”为 {listing}"
            "（narrative differs from tables）",
            expected=fmt(nearest[1]),
            actual=c.amount_text,
            difference=fmt(amount - nearest[1]),
            location=_where(c),
            page=c.page,
        )
    if not ran:
        yield Outcome("not_run", "no narrative figure is named like a table row or column")


def targets_statement(ctx: AuditContext) -> Iterator[Outcome]:
    """“实行绩效目标管理的项目 N 个，涉及预算 X 万元” against the 绩效目标表 (and the 项目支出表)."""
    claims = ctx.claims
    counts = claims[claims.subject.str.contains("绩效目标") & (claims.unit == "个")] if not claims.empty else claims
    if counts.empty:
        yield Outcome("not_run", "the narrative states no number of projects under performance targets")
        return
    indicators = ctx.budget.indicators
    if indicators.empty:
        yield Outcome("not_run", "the document has no 项目绩效目标表 to compare the stated count with")
        return
    budgets = sum((b for b, _ in project_budgets(indicators).values()), Decimal(0))
    projects = indicators.drop_duplicates("project")
    for c in counts.itertuples():
        n = len(projects)
        ok = c.amount == n
        yield Outcome(
            "passed" if ok else "failed",
            f"文中实行绩效目标管理的项目 {c.amount_text} 个，绩效目标表列 {n} 个项目",
            expected=str(n),
            actual=c.amount_text,
            difference=str(c.amount - n),
            location=_where(c),
            page=c.page,
        )
        following = claims[(claims.claim_id == c.claim_id + 1) & (claims.unit == "万元")]
        for f in following.itertuples():
            ok = abs(f.amount - budgets) <= half_unit(f.amount_text)
            table = _project_table(ctx)
            listed = sum((p.amount for p in project_amounts(table).values()), Decimal(0)) if table else None
            yield Outcome(
                "passed" if ok else "failed",
                f"文中绩效目标项目涉及预算 {f.amount_text} 万元，绩效目标表项目预算合计 {fmt(budgets)} 万元"
                + (f"（{table.name}项目合计 {fmt(listed)} 万元）" if listed is not None else ""),
                expected=fmt(budgets),
                actual=f.amount_text,
                difference=fmt(f.amount - budgets),
                location=_where(f),
                page=f.page,
            )
