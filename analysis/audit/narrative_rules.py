"""Rules on the narrative's figures: shares and listed parts recomputed, figures and names against the tables.

Figures are compared at the precision they are printed with: a claim printed
as ``5671 万元`` agrees with a table's ``5,671.00``; a share printed as
``2.40%`` agrees with any value that rounds to it (inputs' rounding included).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from ..text import squash
from ..transform.amounts import UNIT_FACTORS
from ..transform.claim_record import name_core
from ..transform.indicators import project_budgets, project_indicators
from .comparison_rules import SHARE_WORD_RE, _unread, label, percent_outcome, where
from .core import AuditContext, Outcome, fmt, fmt_amount, half_unit
from .figures import (
    THREE_PUBLIC_NAMES,
    name_of,
    project_amounts,
    three_public_figures,
    three_public_item,
    three_public_table,
)
from .lookup import claim_scope, same_scope, table_candidates, table_current
from .table_rules import _project_table

MONEY_UNITS = UNIT_FACTORS
HUNDRED = Decimal(100)
#: the sides of a 收支总表, whose totals a share may be of (支出预算中，基本支出 … 占 …)
SIDES = ("收入", "支出")


def _whole_of(ctx: AuditContext, c, by_id: pd.DataFrame, groups: dict) -> tuple | None:
    """(amount, half unit, formula text) of the whole a share is of, in the part's unit.

    The total the narrative states (the claim's whole), else the table figure named like the whole
    (占本年支出合计的 …; 占“三公”经费的 …: the “三公”经费表's total), else — when the shares of one named whole
    listed together add up to 100% — the sum of those parts.
    """
    if pd.notna(c.whole_id):
        whole = by_id.loc[int(c.whole_id)]
        if whole.unit != c.unit and whole.unit in MONEY_UNITS and c.unit in MONEY_UNITS:
            # a whole stated in another money unit (1.2 亿元, its parts in 万元): in the part's, exactly
            factor = MONEY_UNITS[whole.unit] / MONEY_UNITS[c.unit]
            amount = whole.amount * factor
            shown = f"{whole.amount_text} {whole.unit} = {fmt(amount)} {c.unit}"
            return amount, half_unit(whole.amount_text) * factor, f"{shown}（{whole.subject}）"
        return whole.amount, half_unit(whole.amount_text), f"{whole.amount_text}（{whole.subject}）"
    if c.whole_name and c.unit in MONEY_UNITS:
        core = name_core(c.whole_name)
        # a side's whole named generally (支出预算, 本年支出): the year's total of that side
        side = re.sub(r"^本年", "", core)
        sides = [f"本年{side}合计", f"{side}合计", f"{side}总计"] if side in SIDES else []
        for name in dict.fromkeys((name_of(c.whole_name), name_of(re.sub(r"^本年", "", c.whole_name)), *sides)):
            candidates = ctx.named_figures.get(name, [])
            if candidates:
                table, value = candidates[0].table, candidates[0].value
                value = value / MONEY_UNITS[c.unit]
                return value, Decimal(0), f"{fmt(value)}（{table.name}：{name}）"
        # the “三公” total (占“三公”经费的 …): the “三公”经费表's
        table = three_public_table(ctx.budget)
        if "三公" in c.whole_name and table is not None:
            figures, _ = three_public_figures(table, ctx.budget.meta.get("year"))
            if "total" in figures:
                value, printed = figures["total"]
                value = value / MONEY_UNITS[c.unit]
                return value, Decimal(0), f"{fmt(value)}（{printed.split(', page')[0]}）"
    if pd.notna(c.share_group):
        members = groups[int(c.share_group)]
        total_share = sum((m.share for m in members), Decimal(0))
        slack = sum((half_unit(m.share_text) for m in members), Decimal(0))
        if len(members) > 1 and abs(total_share - HUNDRED) <= slack + Decimal("0.01") * len(members):
            total = sum((m.amount for m in members), Decimal(0))
            half = sum((half_unit(m.amount_text) for m in members), Decimal(0))
            listing = " + ".join(m.amount_text for m in members)
            return total, half, f"{fmt(total)}（所列各项之和 {listing}，占比合计 {fmt(total_share)}%）"
    return None


def _parts(ctx: AuditContext, rows: pd.DataFrame, taken: dict[int, str]) -> Iterator:
    """The claims stating a share, each with its part's amount: the text's, else — a part named without its figure
    (人员经费占基本支出的 83.72%) — the one figure the tables print for it (in 万元);
    an Outcome (not run) for a part the tables print no single figure of.  A part taken from the tables is
    named in ``taken`` (claim id → where it is printed)."""
    for c in rows.itertuples():
        if pd.notna(c.amount):
            yield c
            continue
        # a share is a ratio of figures of one funds' tables, whichever funds they are
        found, why = table_current(ctx, c, any_funds=True)
        if found is None:
            yield Outcome(
                "not_run", f"{label(c)}：文中未写金额，{why}", actual=c.share_text, location=where(c), page=c.page
            )
            continue
        value, text, _, source = found
        taken[c.claim_id] = source
        yield c._replace(amount=value, amount_text=text, unit=c.unit or "万元")


def claim_share(ctx: AuditContext) -> Iterator[Outcome]:
    """part ÷ whole = the stated share (占 X%), the whole being the total the text (or a table) states; a part
    named without its figure is the tables' figure of it."""
    claims = ctx.claims
    rows = claims[claims.share.notna() & ~claims.is_change] if not claims.empty else claims
    by_id = claims.set_index("claim_id") if not claims.empty else claims
    taken: dict[int, str] = {}
    parts = list(_parts(ctx, rows, taken))
    yield from (p for p in parts if isinstance(p, Outcome))
    parts = [p for p in parts if not isinstance(p, Outcome)]
    groups: dict[int, list] = {}
    for c in parts:
        if pd.notna(c.share_group):
            groups.setdefault(int(c.share_group), []).append(c)
    for c in parts:
        whole = _whole_of(ctx, c, by_id, groups)
        if whole is None:
            named = f"“{c.whole_name}”" if c.whole_name else "占比"
            yield Outcome(
                "not_run", f"{label(c)}：找不到{named}的总额", actual=c.share_text, location=where(c), page=c.page
            )
            continue
        amount, half, formula = whole
        if amount == 0:
            yield Outcome("not_run", f"{label(c)}：总额为 0", actual=c.share_text, location=where(c), page=c.page)
            continue
        share = c.amount / amount * HUNDRED
        # the inputs' rounding moves the share too
        slack = (half_unit(c.amount_text) / amount + c.amount * half / amount**2) * HUNDRED
        part = f"{c.amount_text}（{taken[c.claim_id]}）" if c.claim_id in taken else c.amount_text
        yield percent_outcome(c, share, c.share, c.share_text, slack, f"{part} ÷ {formula}", "wrong share")
    unread = list(_unread(ctx, SHARE_WORD_RE, "占比"))
    yield from unread
    if rows.empty and not unread:
        yield Outcome("not_run", "the narrative states no share (占 …%)")


def stated_figures(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims stating a figure of their own: not those comparing an item's figure a second time (…，比上年
    决算数下降 2%; 可比增长 3.2%), which carry the figure of the claim stating it (``item_id``)."""
    return claims[claims.item_id.isna()] if not claims.empty else claims


def claim_parts(ctx: AuditContext) -> Iterator[Outcome]:
    """The parts listed after 其中/包括 add up to the stated total."""
    claims = stated_figures(ctx.claims)
    if not claims.empty:
        # a unit's description (概况) lists overlapping groups (正高级职称, 博士生导师 …): not parts
        described = claims.section.str.contains("概况|基本情况")
        claims = claims[~described | claims.unit.isin(list(MONEY_UNITS))]
    rows = claims[claims.parent_id.notna() & ~claims.is_change & claims.amount.notna()] if not claims.empty else claims
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
        # a figure as large as the total that opens a list of its own heads the next paragraph's
        # breakdown (…支出 74868.34 万元，其中：…): the list ended before it
        opens = set(rows.parent_id.dropna().astype(int))
        heads = [k for k, p in enumerate(parts.itertuples()) if p.claim_id in opens and p.amount >= whole.amount]
        parts = parts.iloc[: heads[0]] if heads else parts
        if parts.empty or whole.is_change or pd.isna(whole.amount):
            continue
        if len(parts) == 1 and parts.amount.iloc[0] < whole.amount:
            continue  # 其中 naming one part only: “of which”, no sum stated
        whole = _paragraph_whole(claims, whole, parts)
        yield from _part_segments(whole, _continued(claims, whole, parts))


def _paragraph_whole(claims: pd.DataFrame, whole, parts: pd.DataFrame):
    """The total a list's parts belong to: the figure before 其中, or, when 其中 opens a sentence after
    the paragraph's reasons (…增加了 133 万元。其中：A …、B …), the paragraph's first figure, if the parts
    add up to that one exactly and not to the figure before them."""
    total = parts.amount.sum()
    tolerance = sum((half_unit(t) for t in parts.amount_text), Decimal(0))
    if abs(total - whole.amount) <= tolerance + half_unit(whole.amount_text):
        return whole
    earlier = claims[
        (claims.unit_index == whole.unit_index)
        & (claims.claim_id < whole.name)  # a whole is indexed by its claim_id
        & ~claims.is_change
        & claims.amount.notna()
        & (claims.unit == whole.unit)
    ]
    if earlier.empty:
        return whole
    head = earlier.set_index("claim_id").iloc[0]
    return head if abs(total - head.amount) <= tolerance + half_unit(head.amount_text) else whole


def _continued(claims: pd.DataFrame, whole, parts: pd.DataFrame) -> pd.DataFrame:
    """A list short of its total that goes on in the paragraph's next sentences (主要包括：A …。B …。):
    the parts with those sentences' figures, when they then add up exactly; else the list as stated."""
    total = parts.amount.sum()
    tolerance = sum((half_unit(t) for t in parts.amount_text), half_unit(whole.amount_text))
    if total >= whole.amount - tolerance:
        return parts
    last = parts.iloc[-1]
    later = claims[
        (claims.unit_index == last.unit_index)
        & (claims.sentence_index > last.sentence_index)
        & claims.parent_id.isna()
        & ~claims.is_change
        & claims.amount.notna()
        & (claims.unit == whole.unit)
    ]
    for k in range(1, len(later) + 1):
        extended = pd.concat([parts, later.iloc[:k]])
        tolerance += half_unit(later.amount_text.iloc[k - 1])
        if abs(extended.amount.sum() - whole.amount) <= tolerance:
            return extended
    return parts


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
        location=f"{whole.source + ' ' if whole.source else ''}p.{whole.page} “{whole.sentence[:60]}…”",
        page=int(whole.page),
        # parts short of the total may be a partial list (其中 names only some); more than the total is an error
        severity=None if difference > 0 else "warning",
    )


def _in_unit(value: Decimal, factor: Decimal) -> str:
    """A table figure (in 万元) shown in the text's unit: to the cent as the tables print it (5,601.00), else ≈."""
    shown = value / factor
    return fmt(shown.quantize(Decimal("0.01"))) if shown == shown.quantize(Decimal("0.01")) else fmt_amount(shown)


def claim_vs_tables(ctx: AuditContext) -> Iterator[Outcome]:
    """A figure the narrative states equals a table figure printed under the same code or name.

    A figure no table of the funds it speaks of prints (a 全部资金 figure where only 财政拨款 tables print
    the name) cannot be compared and says so.  A figure compared twice (比上年预算 …，比上年决算 …) is one figure.
    """
    claims = stated_figures(ctx.claims)
    rows = (
        claims[claims.unit.isin(list(MONEY_UNITS)) & ~claims.is_change & claims.amount.notna()]
        if not claims.empty
        else claims
    )
    three = set(_three_public_claims(ctx))
    ran = False
    for c in rows.itertuples():
        if c.claim_id in three:
            continue  # the 三公 figures: rule N12
        looked_up, candidates = table_candidates(ctx, c)
        if not candidates:
            continue
        ran = True
        amount = c.amount * MONEY_UNITS[c.unit]
        tolerance = half_unit(c.amount_text) * MONEY_UNITS[c.unit]
        match = next(((t, v) for t, v, _ in candidates if abs(v - amount) <= tolerance), None)
        scope = claim_scope(c)
        comparable = [(t, v) for t, v, s in candidates if same_scope(scope, s)]
        if not match and not comparable:
            yield Outcome(
                "not_run",
                f"{label(c)} {c.amount_text} {c.unit}：只有其他资金范围的表列出“{looked_up}”"
                f"（{'；'.join(f'{t} {fmt(v)}' for t, v, _ in candidates[:3])}）",
                actual=c.amount_text,
                location=where(c),
                page=c.page,
            )
            continue
        factor = MONEY_UNITS[c.unit]  # the tables' figures are in 万元: in the text's unit (exact; the message rounded)

        if match:
            yield Outcome("passed", f"{label(c)} {c.amount_text} {c.unit} = {match[0]}",
                          fmt(match[1] / factor), c.amount_text, "0", where(c), c.page)  # fmt: skip
            continue
        listing = "；".join(f"{t} {_in_unit(v, factor)}" for t, v in comparable[:4])
        nearest = min(comparable, key=lambda tv: abs(tv[1] - amount))
        yield Outcome(
            "failed",
            f"{label(c)}：文中 {c.amount_text} {c.unit}，表中“{looked_up}”为 {listing} {c.unit}"
            "（narrative differs from tables）",
            expected=fmt(nearest[1] / factor),
            actual=c.amount_text,
            difference=fmt((amount - nearest[1]) / factor),
            location=where(c),
            page=c.page,
        )
    if not ran:
        yield Outcome("not_run", "no narrative figure is named (or coded) like a table row or column")


def _class_name(name: str) -> str:
    return re.sub(r"支出$", "", squash(name))


def class_names(ctx: AuditContext) -> Iterator[Outcome]:
    """A class the narrative names with its code (医疗卫生与计划生育支出（210类）) has the tables' name for it."""
    claims = ctx.claims
    named = {}
    for c in claims.itertuples() if not claims.empty else []:
        for code, name in c.func_levels:
            named.setdefault((code, _class_name(name)), (name, c))
    if not named:
        yield Outcome("not_run", "the narrative names no function class with its code")
        return
    figures = ctx.code_figures
    if not figures:
        yield Outcome("not_run", "no table prints function codes to compare the narrative's class names with")
        return
    for (code, key), (name, c) in named.items():
        rows = figures.get(code, [])
        if not rows:
            yield Outcome("not_run", f"{code} {name}：表中未列此科目", location=where(c), page=c.page)
            continue
        printed = list(dict.fromkeys(f.name for f in rows))
        ok = any(_class_name(p) == key for p in printed)
        tables = "、".join(dict.fromkeys(f.table.name for f in rows))
        yield Outcome(
            "passed" if ok else "failed",
            f"科目 {code}：文中“{name}”，表中“{'/'.join(printed)}”"
            + ("" if ok else f"（{tables}；the narrative uses another name for the class）"),
            expected="/".join(printed),
            actual=name,
            location=where(c),
            page=c.page,
        )


def _three_public_claims(ctx: AuditContext) -> dict[int, str]:
    claims = stated_figures(ctx.claims)
    if three_public_table(ctx.budget) is None or claims.empty:
        return {}
    rows = claims[claims.unit.isin(list(MONEY_UNITS)) & ~claims.is_change & claims.amount.notna()]
    out = {}
    for c in rows.itertuples():
        item = three_public_item([c.subject]) if re.search(r"三公|因公出国|公务用车|公务接待", c.subject) else None
        if item:
            out[c.claim_id] = item
    return out


def three_public_statement(ctx: AuditContext) -> Iterator[Outcome]:
    """The “三公” figures the narrative states against the “三公”经费表 (total and each item)."""
    table = three_public_table(ctx.budget)
    if table is None:
        yield Outcome("not_run", "no “三公”经费表 with figures to compare the narrative with")
        return
    items = _three_public_claims(ctx)
    if not items:
        yield Outcome("not_run", "the narrative states no “三公” figure")
        return
    figures, why = three_public_figures(table, ctx.budget.meta.get("year"))
    if not figures:
        yield Outcome("not_run", why or f"{table.name}: no “三公” item read")
        return
    by_id = ctx.claims.set_index("claim_id")
    for claim_id, item in items.items():
        c = by_id.loc[claim_id]
        if item not in figures:
            yield Outcome(
                "not_run",
                f"{c.subject} {c.amount_text} {c.unit}：{table.name}未列{THREE_PUBLIC_NAMES[item]}",
                location=where(c),
                page=int(c.page),
            )
            continue
        value, where_table = figures[item]
        amount = c.amount * MONEY_UNITS[c.unit]
        ok = abs(amount - value) <= half_unit(c.amount_text) * MONEY_UNITS[c.unit]
        yield Outcome(
            "passed" if ok else "failed",
            f"{c.subject}：文中 {c.amount_text} {c.unit}，{where_table.split(', page')[0]} 为 {fmt(value)} 万元"
            + ("" if ok else "（narrative differs from the table）"),
            expected=fmt(value),
            actual=c.amount_text,
            difference=fmt(amount - value),
            location=f"{where(c)}; {where_table}",
            page=int(c.page),
        )


def targets_statement(ctx: AuditContext) -> Iterator[Outcome]:
    """“实行绩效目标管理的项目 N 个，涉及预算 X 万元” against the 绩效目标表 (and the 项目支出表)."""
    claims = stated_figures(ctx.claims)
    counts = claims[claims.subject.str.contains("绩效目标") & (claims.unit == "个")] if not claims.empty else claims
    if counts.empty:
        yield Outcome("not_run", "the narrative states no number of projects under performance targets")
        return
    indicators = project_indicators(ctx.budget.indicators)  # projects: the department's own targets are none
    if indicators.empty:
        yield Outcome("not_run", "the document has no 项目绩效目标表 to compare the stated count with")
        return
    budgeted = project_budgets(indicators)
    budgets = sum((b for b, _ in budgeted.values()), Decimal(0))
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
            location=where(c),
            page=c.page,
        )
        following = claims[(claims.claim_id == c.claim_id + 1) & (claims.unit == "万元")]
        for f in following.itertuples():
            if not budgeted:
                yield Outcome(
                    "not_run",
                    f"文中绩效目标项目涉及预算 {f.amount_text} 万元：绩效目标表未列项目预算",
                    actual=f.amount_text,
                    location=where(f),
                    page=f.page,
                )
                continue
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
                location=where(f),
                page=f.page,
            )
