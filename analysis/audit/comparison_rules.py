"""Rules on the narrative's comparisons: each stated change, rate, direction, completion and year recomputed.

A comparison's figures are the claim's own: this year's amount (or, when the comparison restates it,
``2026年预算安排 Y``), the prior-year figure (stated, or derived as current ∓ the stated change), the
change, the rate, the budget.  Figures are compared at the precision they are printed with: a rate
printed as ``10.83%`` agrees with any value that rounds to it, the inputs' own rounding included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pandas as pd

from ..specs import scope_named
from ..text import squash
from ..transform.amounts import UNIT_FACTORS
from ..transform.claims import base_figure, direction_sign
from .core import AuditContext, Outcome, decimals, fmt, fmt_amount, half_unit
from .figures import (
    ComparedFigure,
    budget_figures,
    figure_kind,
    name_of,
    named_levels,
    printed_level_names,
    prior_year_figures,
    subject_names,
    three_public_item,
    under_named_levels,
)
from .lookup import table_current

HUNDRED = Decimal(100)
MONEY_UNITS = UNIT_FACTORS
#: the figure a comparison names: 比上年预算数, 较2025年执行数, 比2022年度决算数 …
COMPARED_KIND_RE = re.compile(
    r"(?:比|较|与|同)(?:上年度?|上一年度?|去年|20\d{2}年度?)(?:年初|当年)?(预算执行数|执行数|预算|决算)"
)
THREE_PUBLIC_WORD_RE = re.compile(r"三公|因公出国|公务用车|公务接待")
#: the budget a completion rate names (完成年初预算的, 为调整预算的 …)
BUDGET_NAMED_RE = re.compile(r"(?:完成|为|占)(?:了)?(年初|调整后?|全年)?预算")
RATE_WORD_RE = re.compile(r"(?:增长|增加|减少|下降|降低|上升|增幅为?|降幅为?|减幅为?)了?\s*\d+(?:\.\d+)?\s*%")
SHARE_WORD_RE = re.compile(r"占[^，。；%]{0,40}?\d+(?:\.\d+)?\s*%")


def where(claim) -> str:
    """Where a claim is printed: page (and file, for a narrative read from several files) and sentence."""
    page = f"{claim.source} p.{claim.page}" if getattr(claim, "source", "") else f"p.{claim.page}"
    return f"{page} “{claim.sentence[:80]}{'…' if len(claim.sentence) > 80 else ''}”"


def label(claim) -> str:
    return claim.subject or "(unnamed)"


def currents(claim) -> list[tuple[Decimal, str, str]]:
    """This year's figure(s) a comparison may be read with: the restated one first, then the item's head."""
    out = []
    if pd.notna(claim.restated):
        out.append((claim.restated, claim.restated_text, "预算安排"))
    if pd.notna(claim.amount) and not claim.is_change:
        if not out or claim.amount_text != claim.restated_text:
            out.append((claim.amount, claim.amount_text, "标题" if out else ""))
    return out


def _alternative(outcomes: list[Outcome], texts: list[tuple[Decimal, str, str]]) -> Outcome:
    """The first reading's outcome, or a later reading's when only that one holds (named in the message)."""
    if outcomes[0].status == "passed" or len(outcomes) == 1:
        return outcomes[0]
    for outcome, (_, text, name) in zip(outcomes[1:], texts[1:], strict=False):
        if outcome.status == "passed":
            outcome.message += f"（按{name}金额 {text} 计算；{texts[0][2]} {texts[0][1]} 与之不一致，见 N09）"
            return outcome
    return outcomes[0]


class TableFigures:
    """Figures the tables print beside the ones they are compared with (:class:`ComparedFigure`: the prior
    year's, or a final figure's budget), looked up for the claims whose text does not state them."""

    def __init__(self, ctx: AuditContext, figures: list[ComparedFigure]):
        self.ctx = ctx
        self.figures = figures

    def find(self, c, kind: str = "") -> ComparedFigure | None:
        """The compared figure a table prints for what a claim speaks of: in the row of its function code, of
        its “三公” item or of its name (a 项 named under its 款 only there), of the kind of figure the text
        names (预算, 执行, 决算; 年初, 调整), and whose current figure is the claim's own."""
        if not self.figures or c.unit not in MONEY_UNITS or pd.isna(c.amount) or c.is_change:
            return None
        amount = c.amount * MONEY_UNITS[c.unit]
        half = half_unit(c.amount_text) * MONEY_UNITS[c.unit]

        def fits(f: ComparedFigure) -> bool:
            return (not kind or not f.kind or f.kind == kind) and abs(f.current - amount) <= half + f.current_half

        candidates = [f for f in self.figures if fits(f)]
        if c.func_code:
            found = [f for f in candidates if f.code == c.func_code]
            if found:
                return found[0]
        if THREE_PUBLIC_WORD_RE.search(c.subject):
            item = three_public_item([c.subject])
            found = [
                f for f in candidates if f.table.key == "three_public" and three_public_item(list(f.names)) == item
            ]
            if item and found:
                return found[0]
        names = set(subject_names(c.subject))
        levels = named_levels(c.subject)
        printed = printed_level_names(self.ctx) if len(levels) > 1 else {}
        found = [
            f
            for f in candidates
            if names & {name_of(n) for n in f.names} and (not f.code or under_named_levels(f.code, levels, printed))
        ]
        return found[0] if found else None

    def lookup(self, c, kind: str = "") -> tuple[Decimal, str, Decimal, str] | None:
        """(compared figure in the claim's unit, as printed, half a unit of its last printed digit, where it is
        printed) of :meth:`find`."""
        found = self.find(c, kind)
        if found is None:
            return None
        factor = MONEY_UNITS[c.unit]
        base = found.base / factor
        text = found.base_printed if found.table.unit == c.unit and found.base_printed else fmt_amount(base)
        return base, text, found.base_half / factor, f"{found.table.name}{found.base_label} {text}"


#: the “三公” items as :func:`analysis.audit.figures.three_public_item` names them → as the documents' figures key them
THREE_PUBLIC_KEYS = {
    "total": "total",
    "abroad": "abroad",
    "vehicles": "vehicles",
    "purchase": "vehicle_purchase",
    "running": "vehicle_running",
    "reception": "reception",
}
#: the order scopes are tried in when the text names none
SCOPE_ORDER = ("all", "fiscal", "gpb", "gov_fund", "soe")


def named_scope(*texts: str) -> str:
    """The funds the first of ``texts`` naming any names (一般公共预算, 政府性基金, 国有资本经营, 财政拨款); ``""``."""
    return next((scope for scope in map(scope_named, texts) if scope), "")


def fiscal_is_gpb(budget) -> bool:
    """Whether a document's 财政拨款 figures are its 一般公共预算 ones (its government fund and state capital
    tables, if any, print nothing), as :func:`analysis.audit.figures.scope_of` reads them."""
    return all(t.is_empty for t in budget.tables if t.spec.scope in ("gov_fund", "soe"))


class LastYearFigures:
    """The figures last year's document of the same unit and kind prints (``ctx.prior``), looked up for the
    claims whose prior-year figure neither the text nor this document's tables give.

    A claim's figure is first found among this document's own (:func:`analysis.budget_execution.figures.
    document_figures`: by section, scope, measure, role and code): in the row of its function code, of its
    “三公” item, of its name, or — a total the subject names by its funds (一般公共预算财政拨款支出) — the
    scope's 合计, whose figure is the claim's amount.  Last year's figure is the one the prior document prints
    for the same section, code, scope, measure and role (决算数 in final accounts, 预算数 in budgets).
    """

    def __init__(self, ctx: AuditContext):
        from ..budget_execution.figures import OWN_ROLE, document_figures
        from ..budget_execution.pairing import file_names

        self.ctx = ctx
        self.doc_kind = ctx.budget.meta.get("kind") or "预算"
        role = OWN_ROLE.get(self.doc_kind, "budget")
        own = document_figures(ctx.budget)
        self.own = list(own[own.role == role].itertuples())
        last = document_figures(ctx.prior)
        self.last = {(r.section, r.scope, r.measure, r.code): r for r in last[last.role == role].itertuples()}
        year = ctx.prior.meta.get("year")
        self.name = f"{year}年{self.doc_kind}" if year else f"上年{self.doc_kind}"
        self.file = file_names(ctx.prior)
        self.same_funds = fiscal_is_gpb(ctx.budget) and fiscal_is_gpb(ctx.prior)

    def _scopes(self, scope: str) -> list[str]:
        """The scope itself, then the one its figures are the same as (财政拨款 = 一般公共预算 when the other funds
        print nothing in either document)."""
        other = {"fiscal": "gpb", "gpb": "fiscal"}.get(scope)
        return [scope, other] if other and self.same_funds else [scope]

    def own_figures(self, c) -> list:
        """This document's figures for what the claim speaks of whose amount is the claim's, the likeliest first."""
        factor = MONEY_UNITS[c.unit]
        amount, half = c.amount * factor, half_unit(c.amount_text) * factor
        rows = [r for r in self.own if abs(r.amount - amount) <= half + half_unit(format(r.amount, "f"))]
        found = []
        if c.func_code:
            found = [r for r in rows if r.section == "function" and r.code == c.func_code]
        elif THREE_PUBLIC_WORD_RE.search(c.subject):
            item = THREE_PUBLIC_KEYS.get(three_public_item([c.subject]) or "")
            found = [r for r in rows if r.section == "three_public" and r.code == item]
        else:
            names = set(subject_names(c.subject))
            levels = named_levels(c.subject)
            printed = printed_level_names(self.ctx) if len(levels) > 1 else {}
            found = [
                r
                for r in rows
                if r.code
                and r.section != "three_public"
                and name_of(str(r.name_zh or "")) in names
                and (r.section != "function" or under_named_levels(r.code, levels, printed))
            ]
            if not found and "支出" in squash(c.subject):
                # a total named by its funds (一般公共预算财政拨款支出 X 万元), or by none (本年支出 X 万元: all funds)
                scope = named_scope(c.subject)
                scopes = self._scopes(scope) if scope else ["all"]
                found = [r for r in rows if r.section == "function" and not r.code and r.scope in scopes]
        scope = named_scope(c.sentence, getattr(c, "section", ""))
        measure = "basic" if "基本支出" in c.subject else "project" if "项目支出" in c.subject else "total"
        order = {s: k for k, s in enumerate(SCOPE_ORDER)}
        return sorted(
            found, key=lambda r: (r.scope not in self._scopes(scope), r.measure != measure, order.get(r.scope, 9))
        )

    def lookup(self, c) -> tuple[tuple[Decimal, str, Decimal, str] | None, str]:
        """((last year's figure in the claim's unit, as shown, half a unit of its last digit, where it is
        printed), ``""``), or (``None``, why it cannot be found)."""
        if c.unit not in MONEY_UNITS or pd.isna(c.amount) or c.is_change:
            return None, ""
        kind = prior_kind(c)
        if kind and kind != self.doc_kind:
            return None, f"比较的是上年{kind}数，{self.name}（{self.file}）只列{self.doc_kind}数"
        own = self.own_figures(c)
        if not own:
            return None, f"本文件表中未找到此项 {c.amount_text} {c.unit}，无从在{self.name}（{self.file}）中对照"
        for figure in own:
            for scope in self._scopes(figure.scope):
                hit = self.last.get((figure.section, scope, figure.measure, figure.code))
                if hit is not None:
                    return self._found(c, hit), ""
        what = own[0].code if own[0].section != "three_public" else own[0].name_zh
        what = what or f"{own[0].table}合计"
        return None, f"{self.name}（{self.file}）未列 {what} 的{self.doc_kind}数"

    def _found(self, c, hit) -> tuple[Decimal, str, Decimal, str]:
        from ..budget_execution.figures import exact

        factor = MONEY_UNITS[c.unit]
        base = hit.amount / factor
        shown = exact(base)  # 800.00, as the tables print it, not 800
        text = fmt(shown) if -shown.as_tuple().exponent <= 2 else fmt_amount(shown)
        half = half_unit(format(hit.amount, "f")) / factor
        page = f" p.{int(hit.page)}" if pd.notna(hit.page) else ""
        where = f"{hit.table} {text}" if pd.notna(hit.page) else f"{hit.table} 下级科目之和 {text}"
        return base, text, half, f"{self.name}（{self._file_of(hit.table)}{page}）{where}"

    def _file_of(self, table_name: str) -> str:
        """The file of the prior document printing a table (a document may be published as two files)."""
        for table in self.ctx.prior.tables:
            if table.source and (table.name == table_name or table_name.startswith(f"{table.title} (")):
                return table.source
        return self.file


def prior_kind(c) -> str:
    """The kind of prior-year figure a comparison names (比上年预算数: 预算; 较2025年执行数: 执行); ``""``: none.

    The claim's own base (a sentence comparing one figure twice, 比上年预算 …，比上年决算 …, names two), else
    the first its sentence names."""
    if getattr(c, "base", ""):
        return c.base
    named = COMPARED_KIND_RE.search(c.sentence)
    return figure_kind(named.group(1)) if named else ""


def _from_tables(c) -> bool:
    """Whether the figure a claim is compared with may be one a table (or last year's document) prints as the
    prior year's: not a final figure's budget (年初预算) nor the adjusted prior-year figure of a qualified rate
    (同口径上年数, 可比口径上年数 …); a comparison naming its own base (上年决算数) is looked up as that kind."""
    return not c.compared or (not c.qualifier and bool(c.base) and c.compared == base_figure(c.base))


def _prior_of(c, priors: TableFigures) -> tuple[Decimal, str, Decimal, str] | None:
    """(prior-year figure, as printed, half a unit of its last digit, where a table prints it) of a claim:
    the one its text states, else the one a table prints beside this year's, of the kind its comparison
    names (not for a final figure compared with its budget, nor for a qualified rate)."""
    if pd.notna(c.prior):
        return c.prior, c.prior_text, half_unit(c.prior_text), ""
    if not _from_tables(c):
        return None
    return priors.lookup(c, prior_kind(c))


def claim_change(ctx: AuditContext) -> Iterator[Outcome]:
    """current − prior = the stated change (增加/减少 X 万元), the prior being the one the text states or,
    when it states none, the one a table prints beside this year's figure (上年预算数, 2025年预算数 …)."""
    claims = ctx.claims
    rows = claims[claims.change.notna() & ~claims.is_change] if not claims.empty else claims
    priors = TableFigures(ctx, prior_year_figures(ctx.budget))
    ran = False
    for c in rows.itertuples():
        texts = currents(c)
        found = _prior_of(c, priors) if texts else None
        if found is None:
            continue
        prior, prior_text, prior_half, source = found
        ran = True
        outcomes = []
        for value, text, _ in texts:
            actual_change = value - prior
            tolerance = half_unit(text) + prior_half + half_unit(c.change_text)
            ok = abs(abs(actual_change) - c.change) <= tolerance
            outcomes.append(
                Outcome(
                    "passed" if ok else "failed",
                    f"{label(c)}：{prior_text} → {text} {c.unit}，变动 {fmt(abs(actual_change))}，"
                    f"文中为 {c.direction} {c.change_text}"
                    + (f"（上年数：{source}）" if source else "")
                    + ("" if ok else "（wrong change amount）"),
                    expected=fmt(abs(actual_change)),
                    actual=c.change_text,
                    difference=fmt(c.change - abs(actual_change)),
                    location=where(c),
                    page=c.page,
                )
            )
        yield _alternative(outcomes, texts)
    if not ran:
        yield Outcome("not_run", "the narrative states no prior-year figure with a change")


def percent_outcome(c, computed: Decimal, stated: Decimal, stated_text: str, slack: Decimal, formula: str, what: str):
    """A stated percentage against the one recomputed, at its printed precision (inputs' rounding allowed).

    One unit off in the last printed digit is a rounding slip (shares forced to
    add up to 100%, say): a warning, not an error.
    """
    ok = abs(computed - stated) <= half_unit(stated_text) + slack
    shown = computed.quantize(Decimal(1).scaleb(-max(decimals(stated_text), 2)))
    return Outcome(
        "passed" if ok else "failed",
        f"{label(c)}：{formula} = {fmt(shown)}%，文中为 {stated_text}" + ("" if ok else f"（{what}）"),
        expected=f"{fmt(shown)}%",
        actual=stated_text,
        difference=f"{fmt((stated - shown).quantize(shown))}%",
        location=where(c),
        page=c.page,
        severity="warning" if abs(computed - stated) <= 3 * half_unit(stated_text) + slack else None,
    )


def _sign_word(c) -> str:
    return c.direction or c.rate_direction


def _no_change(c, formula: str) -> Outcome:
    """The rate of a figure that did not change at all (0 → 0): 0%, whatever it would be divided by."""
    return percent_outcome(c, Decimal(0), c.rate, c.rate_text, Decimal(0), formula, "wrong rate")


#: the rate stated for an amount that is new this year (from 0): undefined as a ratio, stated as 100% by
#: convention (新增 …，增长 100%)
NEW_ITEM_RATE = Decimal(100)


def _from_nothing(c, formula: str) -> Outcome:
    """A rate from a prior year of 0 to a positive amount: no ratio exists, and budgets state a new item
    as 增长 100% by convention; any other rate stated for it is flagged."""
    ok = abs(c.rate - NEW_ITEM_RATE) <= half_unit(c.rate_text)
    return Outcome(
        "passed" if ok else "failed",
        f"{label(c)}：{formula}，为新增，增长率按惯例记为 100%，文中为 {c.rate_text}"
        + ("" if ok else "（上年为 0，增长率无定义，亦非惯例的 100%）"),
        expected="100%",
        actual=c.rate_text,
        difference="" if ok else f"{fmt(c.rate - NEW_ITEM_RATE)}%",
        location=where(c),
        page=c.page,
        severity=None if ok else "warning",
    )


def _rates_against(c, texts, prior, prior_text: str, prior_half, source: str = "") -> Iterator[Outcome]:
    """The stated rate against each current figure and the prior-year one (stated, or printed in a table:
    ``source``); from a prior of 0 a rate is 0 when nothing changed, and undefined otherwise."""
    where_from = f"（{source}）" if source else ""
    if prior == 0:
        if texts and texts[0][0] == 0:
            yield _no_change(c, f"上年{where_from or ' ' + prior_text}与本年 {texts[0][1]} 均为 0，无变化")
            return
        if texts and texts[0][0] > 0:
            yield _from_nothing(c, f"上年为 0{where_from}，本年 {texts[0][1]}")
            return
        yield _rate_not_run(
            c,
            f"{label(c)}：上年为 0{where_from}，增长率无定义（文中写 {c.rate_text}）",
        )
        return
    outcomes = []
    for value, text, _ in texts:
        rate = abs(value - prior) / prior * HUNDRED
        # the inputs are rounded too: their half units move the rate by up to this much
        slack = (half_unit(text) + prior_half) / prior * HUNDRED
        formula = f"({text} − {prior_text}) ÷ {prior_text}" + (f"（上年数：{source}）" if source else "")
        outcomes.append(percent_outcome(c, rate, c.rate, c.rate_text, slack, formula, "wrong rate"))
    yield _alternative(outcomes, texts)


def _rate_not_run(c, message: str) -> Outcome:
    """A stated rate that cannot be recomputed, and why."""
    return Outcome("not_run", message, actual=c.rate_text, location=where(c), page=c.page)


def _change_rate_slack(change: Decimal, change_half: Decimal, current_half: Decimal, prior: Decimal) -> Decimal:
    """How far (in %) a rate recomputed as change ÷ (this year's ∓ change) may be moved by the rounding of the
    two printed figures: r = Δ/p moves by (δΔ + r·δp)/p, the prior's δp being this year's δ plus the change's."""
    return (change_half + change / prior * (current_half + change_half)) / prior * HUNDRED


#: a comparison's base naming a year of its own (2022年预算数): a figure of a year before the prior one
OLD_YEAR_FIGURE_RE = re.compile(r"^\d{4}年")


def _rate_outcomes(c, priors: TableFigures, last_year: LastYearFigures | None = None) -> Iterator[Outcome]:
    """The stated rate recomputed from what the claim states (prior and current, or change with either),
    else from the prior-year figure a table prints beside this year's, else from the figure last year's
    document (``last_year``, when one is given) prints for the same code or name, scope and measure."""
    texts = currents(c)
    if c.qualifier and pd.isna(c.prior) and pd.isna(c.change):
        # 可比增长 3.2%, 剔除…因素后增长 4.1%: of a prior-year figure adjusted first, which no table prints
        yield _rate_not_run(
            c,
            f"{label(c)}：{c.qualifier}{c.rate_direction} {c.rate_text} 是口径调整后的增减率（比较的是{c.compared}，"
            "表中未列），无法复核（qualified rate）",
        )
        return
    tables = _from_tables(c)
    change_only = c.is_change or (not texts and pd.isna(c.prior) and pd.notna(c.change) and tables)
    if change_only or (not texts and pd.isna(c.prior) and tables and c.unit in ("", *MONEY_UNITS)):
        # a rate stated with its change alone (其中：公务接待费增加 0.01 万元，增长 3.45%), or of an item without
        # any figure (教育支出比上年增长 5%): this year's figure is the one the tables print for the item, and the
        # rate is recomputed from it as from a figure the text states
        found, why = table_current(priors.ctx, c)
        if found is not None:
            value, text, _, source = found
            stated = c._replace(amount=value, amount_text=text, unit=c.unit or "万元")
            if c.is_change:  # the claim's amount is its change
                stated = stated._replace(change=c.amount, change_text=c.amount_text, is_change=False)
            for outcome in _rate_outcomes(stated, priors, last_year):
                outcome.message += f"（本年数：{source}）"
                yield outcome
            return
        if change_only:
            change_text = c.amount_text if c.is_change else c.change_text
            yield _rate_not_run(
                c, f"{label(c)}：文中只写变动 {change_text} {c.unit} 和 {c.rate_text}，未写本年或上年金额；{why}"
            )
            return
    if pd.notna(c.prior):
        if c.prior == 0 or texts:
            yield from _rates_against(c, texts, c.prior, c.prior_text, half_unit(c.prior_text))
            return
        if pd.notna(c.change):
            slack = (half_unit(c.change_text) + half_unit(c.prior_text)) / c.prior * HUNDRED
            formula = f"{c.change_text} ÷ {c.prior_text}"
            yield percent_outcome(c, c.change / c.prior * HUNDRED, c.rate, c.rate_text, slack, formula, "wrong rate")
            return
    if pd.notna(c.change) and texts:
        sign = direction_sign(_sign_word(c))
        value, text, _ = texts[0]
        prior = value - sign * c.change
        if c.change == 0 and value == 0:
            yield _no_change(c, f"{c.compared or '上年'}与本年均为 {text}（变动 {c.change_text}），无变化")
            return
        if sign > 0 and prior == 0 and value > 0:
            yield _from_nothing(c, f"{c.compared or '上年'} = {text} − {c.change_text} = 0，本年 {text}")
            return
        if sign and prior <= 0:
            yield _rate_not_run(
                c,
                f"{label(c)}：{c.compared or '上年'} = {text} ∓ {c.change_text} = {fmt(prior)}，增长率无定义"
                f"（文中写 {c.rate_text}）",
            )
            return
        if sign:
            slack = _change_rate_slack(c.change, half_unit(c.change_text), half_unit(text), prior)
            word = c.direction or c.rate_direction
            formula = f"{word} {c.change_text} ÷ {c.compared or '上年'}（{text} ∓ {c.change_text} = {fmt(prior)}）"
            yield percent_outcome(c, c.change / prior * HUNDRED, c.rate, c.rate_text, slack, formula, "wrong rate")
            return
    # the text states neither the prior-year figure nor the change: the one a table prints beside this year's
    found = priors.lookup(c, prior_kind(c)) if texts and tables else None
    if found is not None:
        prior, prior_text, prior_half, source = found
        yield from _rates_against(c, texts, prior, prior_text, prior_half, source)
        return
    # … else the figure last year's document prints for the same item
    why_not = ""
    if texts and tables and last_year is not None:
        found, why_not = last_year.lookup(c)
        if found is not None:
            prior, prior_text, prior_half, source = found
            yield from _rates_against(c, texts, prior, prior_text, prior_half, source)
            return
    kind = prior_kind(c) + "数"
    listed = "表中亦未列上年数" if not priors.figures else f"表中未列此项的上年{kind}"
    # a comparison naming 上年决算 (its own, else its sentence's) in a document whose tables print no final figure
    final = c.base == "决算" if c.base else "决算数" in c.sentence
    if OLD_YEAR_FIGURE_RE.match(c.compared):  # 比2022年预算增长 x% in a 2024 budget: no table prints that year's
        why = f"文中未写{c.compared}或变动额，表中不列{c.compared}"
    elif final and not any(f.kind == "决算" for f in priors.figures):
        why = "上年决算数本文件未列"
    elif c.flat:
        why = f"文中只写持平，未写上年金额，{listed}"
    else:
        why = f"文中未写上年金额或变动额，{listed}"
    if why_not:
        why += f"；{why_not}"
    yield _rate_not_run(
        c,
        f"{label(c)}：{c.rate_text} 无法复核（{why}）",
    )


def claim_rate(ctx: AuditContext) -> Iterator[Outcome]:
    """(current − prior) ÷ prior = the stated rate of change, at its printed precision.

    Without a stated prior-year figure, the prior is derived from the stated change (current ∓ change);
    without a current figure, the rate is the change over the prior; with the change alone (其中：公务接待费
    增加 0.01 万元，增长 3.45%), this year's figure is the one the tables print for the item; with neither
    prior nor change, the prior is the one a
    table prints beside this year's figure (上年预算数, 2025年预算数, 上年决算数 …, in the row of the claim's
    code or name whose figure for this year is the claim's own), else, when last year's document of the same
    unit and kind is given (``run_audit(budget, prior)``), the figure it prints for the same code or name, scope
    and measure (:class:`LastYearFigures`).  A figure that did not change (0 → 0) has
    a rate of 0.  A rate that none of these gives cannot be recomputed and says why, as does a rate the
    catalogue's patterns do not read.
    """
    claims = ctx.claims
    rows = claims[claims.rate.notna()] if not claims.empty else claims
    priors = TableFigures(ctx, prior_year_figures(ctx.budget))
    last_year = LastYearFigures(ctx) if ctx.prior is not None and not rows.empty else None
    for c in rows.itertuples():
        yield from _rate_outcomes(c, priors, last_year)
    unread = list(_unread(ctx, RATE_WORD_RE, "增减率"))
    yield from unread
    if rows.empty and not unread:
        yield Outcome("not_run", "the narrative states no rate of change")


def _unread(ctx: AuditContext, pattern: re.Pattern, what: str) -> Iterator[Outcome]:
    """Sentences stating a rate (or share) that no claim pattern reads: not checked, and said so."""
    for row in ctx.unmatched.itertuples():
        for m in pattern.finditer(row.sentence):
            yield Outcome(
                "not_run",
                f"未识别的{what}表述（no claim pattern reads it）：“{m.group()}”",
                actual=re.search(r"\d+(?:\.\d+)?\s*%", m.group()).group().replace(" ", ""),
                location=(f"{row.source} " if row.source else "") + f"p.{row.page} “{row.sentence[:80]}”",
                page=int(row.page),
            )


def _stated_nil(c, word: str) -> bool:
    """A direction word stating a change of nothing (增加 0.00 万元, 增长 0.00%): no change, whichever word."""
    if word == c.direction and pd.notna(c.change):
        return c.change == 0
    return word == c.rate_direction and pd.notna(c.rate) and c.rate == 0


def claim_direction(ctx: AuditContext) -> Iterator[Outcome]:
    """The direction words (增加/减少, 上升/降低, 持平) agree with current − prior, and with each other."""
    claims = ctx.claims
    if claims.empty:
        yield Outcome("not_run", "the narrative states no change with a direction word")
        return
    ran = False
    priors = TableFigures(ctx, prior_year_figures(ctx.budget))
    for c in claims[(claims.direction != "") | (claims.rate_direction != "") | claims.flat].itertuples():
        words = [w for w in dict.fromkeys((c.direction, c.rate_direction)) if w]
        texts = currents(c)
        found = _prior_of(c, priors) if texts else None
        if found is None:
            if c.flat and not words:
                yield Outcome(
                    "not_run",
                    f"{label(c)}：文中写持平，未写上年金额" + ("，表中亦未列上年数" if not priors.figures else ""),
                    location=where(c),
                    page=c.page,
                )
                continue
            signs = {direction_sign(w) for w in words}
            if len(words) == 2 and 0 not in signs:
                ran = True
                ok = len(signs) == 1
                yield Outcome(
                    "passed" if ok else "failed",
                    f"{label(c)}：文中写“{words[0]} {c.change_text}”与“{words[1]} {c.rate_text}”"
                    + ("，方向一致" if ok else "（direction words contradict each other）"),
                    expected=words[0],
                    actual=words[1],
                    location=where(c),
                    page=c.page,
                )
            continue
        prior, prior_text, prior_half, source = found
        stated_words = words + (["持平"] if c.flat else [])
        for word in stated_words:
            ran = True
            outcomes = []
            for value, text, _ in texts:
                # a table's prior may be printed at another precision (元): equal within the printed digits
                same = abs(value - prior) <= half_unit(text) + prior_half if source else value == prior
                sign = 0 if same else (value > prior) - (value < prior)
                stated = 0 if word == "持平" or _stated_nil(c, word) else direction_sign(word)
                truth = "增加" if sign > 0 else "减少" if sign < 0 else "持平"
                ok = stated == sign
                outcomes.append(
                    Outcome(
                        "passed" if ok else "failed",
                        f"{label(c)}：{prior_text} → {text} {c.unit} 是{truth}，文中写“{word}”"
                        + (f"（上年数：{source}）" if source else "")
                        + ("" if ok else "（direction word contradicts the figures）"),
                        expected=truth,
                        actual=word,
                        location=where(c),
                        page=c.page,
                    )
                )
            yield _alternative(outcomes, texts)
    if not ran:
        yield Outcome("not_run", "the narrative states no change with a direction word and the figures to check it")


def completion(ctx: AuditContext) -> Iterator[Outcome]:
    """决算 ÷ 年初预算 = the stated completion (完成年初预算的 Z%); 与年初预算一致 means equal figures.

    A completion stated without its budget (“三公”经费支出决算 45.30 万元，完成预算的 90.60%) is recomputed with
    the budget a table prints beside the final figure (预算数 | 决算数), of the kind the text names (年初, 调整)."""
    claims = ctx.claims
    rows = claims[claims.budget.notna() | claims.completion.notna()] if not claims.empty else claims
    if rows.empty:
        yield Outcome("not_run", "the narrative states no final figure against its budget (年初预算 … 决算 …)")
        return
    budgets = TableFigures(ctx, budget_figures(ctx.budget))
    for c in rows.itertuples():
        budget, budget_text, budget_half, source = c.budget, c.budget_text, half_unit(c.budget_text), ""
        if pd.isna(c.budget):
            named = BUDGET_NAMED_RE.search(c.sentence)
            found = budgets.lookup(c, re.sub("后$", "", named.group(1) or "") if named else "")
            if found is None:
                tables = "表中亦未列预算数" if not budgets.figures else "表中未列此项的预算数"
                yield Outcome(
                    "not_run",
                    f"{label(c)}：完成预算的 {c.completion_text} 无法复核（文中未写年初预算，{tables}）",
                    actual=c.completion_text,
                    location=where(c),
                    page=c.page,
                )
                continue
            budget, budget_text, budget_half, source = found
        if pd.notna(c.completion):
            if budget == 0:
                yield Outcome("not_run", f"{label(c)}：年初预算为 0，完成率无定义", location=where(c), page=c.page)
                continue
            slack = (half_unit(c.amount_text) + budget_half * c.amount / budget) / budget * HUNDRED
            formula = f"{c.amount_text} ÷ {budget_text}" + (f"（预算数：{source}）" if source else "")
            computed = c.amount / budget * HUNDRED
            yield percent_outcome(c, computed, c.completion, c.completion_text, slack, formula, "wrong completion rate")
        elif c.budget_flat:
            ok = abs(c.amount - c.budget) <= half_unit(c.amount_text) + half_unit(c.budget_text)
            yield Outcome(
                "passed" if ok else "failed",
                f"{label(c)}：年初预算 {c.budget_text}，决算 {c.amount_text} {c.unit}，文中写与年初预算一致"
                + ("" if ok else "（figures differ）"),
                expected=c.budget_text,
                actual=c.amount_text,
                difference=fmt(c.amount - c.budget),
                location=where(c),
                page=c.page,
            )


def restated_amounts(ctx: AuditContext) -> Iterator[Outcome]:
    """An item's amount at its head against the same year's figure its comparison restates (预算安排 Y)."""
    claims = ctx.claims
    rows = claims[claims.restated.notna()] if not claims.empty else claims
    if rows.empty:
        yield Outcome("not_run", "no paragraph states its item's amount twice (heading and 预算安排)")
        return
    for c in rows.itertuples():
        ok = abs(c.amount - c.restated) <= half_unit(c.amount_text) + half_unit(c.restated_text)
        table = ""
        values = {f.value for f in ctx.code_figures.get(c.func_code, []) if f.value is not None}
        if values and c.unit == "万元":
            table = f"；表中{c.func_code}为 " + "、".join(f"{fmt_amount(v)} 万元" for v in sorted(values))
        yield Outcome(
            "passed" if ok else "failed",
            f"{label(c)}：段首金额 {c.amount_text} {c.unit}，预算安排 {c.restated_text} {c.unit}"
            + ("" if ok else f"（the paragraph states two amounts{table}）"),
            expected=c.amount_text,
            actual=c.restated_text,
            difference=fmt(c.restated - c.amount),
            location=where(c),
            page=c.page,
        )


def comparison_years(ctx: AuditContext) -> Iterator[Outcome]:
    """Years a comparison names: this year's figure of the document's year, the prior year's of the year before."""
    year = ctx.budget.meta.get("year")
    claims = ctx.claims
    named = (
        claims[claims.prior_year.notna() | claims.compare_year.notna() | claims.current_year.notna()]
        if not claims.empty
        else claims
    )
    if named.empty:
        yield Outcome("not_run", "no comparison names its years")
        return
    if not year:
        yield Outcome("not_run", "the document's year is not printed on its cover")
        return
    final = ctx.budget.meta.get("kind") == "决算"
    wrong: dict[tuple, list] = {}
    for c in named.itertuples():
        for column, expected, what in (
            ("current_year", year, "本年"),
            ("prior_year", year - 1, "上年"),
            ("compare_year", year - 1, "上年"),
        ):
            stated = getattr(c, column)
            if pd.isna(stated):
                continue
            if final and column != "current_year" and re.search(rf"{int(stated)}年度?(?:年初)?预算", c.sentence):
                expected, what = year, "本年预算"  # final accounts compare with the year's own budget
            if int(stated) == expected:
                yield Outcome(
                    "passed",
                    f"{label(c)}：比较中的{what}为 {int(stated)} 年",
                    expected=str(expected),
                    actual=str(int(stated)),
                    location=where(c),
                    page=c.page,
                )
            else:  # one finding per page and wrong year, naming every comparison that repeats it
                wrong.setdefault((c.page, what, int(stated), expected), []).append(c)
    for (page, what, stated, expected), rows in wrong.items():
        subjects = "、".join(dict.fromkeys(label(c) for c in rows))
        yield Outcome(
            "failed",
            f"{year} 年度文件的比较写作“{stated} 年”，{what}应为 {expected} 年（wrong year named）：{subjects}",
            expected=str(expected),
            actual=str(stated),
            location=where(rows[0]) + (f" 等 {len(rows)} 处" if len(rows) > 1 else ""),
            page=page,
        )
