"""The execution table: a budget's figures against its final accounts', row by row.

Sections, in order: ``function`` (one row per scope and 类/款/项 code either
document prints, and the scope's 合计 with ``func_code`` empty), ``basic_project``
(the scope's 基本支出 and 项目支出), ``economic`` (by economic class, where both
print the same scope and measure) and ``three_public`` (the “三公” items).

A code only one document prints (at a level both print) has the other side
empty and ``only_in`` naming the side that has it; its ``difference`` counts the
missing side as nothing spent or budgeted.  ``execution_rate`` is final ÷
budget in % (exact ``Decimal``), empty where either side is or the budget is 0.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from ..reference import english_econ_name, function_classes
from ..schema import EXECUTION
from ..specs import MEASURE_NAMES, SCOPE_NAMES
from .figures import SPENDING_SCOPES, THREE_PUBLIC_EN, THREE_PUBLIC_ITEMS

TABLE_COLUMNS = EXECUTION.names  # declared in analysis/schema.py
SECTIONS = ("function", "basic_project", "economic", "three_public")
HUNDRED = Decimal(100)
LEVEL_NAMES = {3: "类", 5: "款", 7: "项"}
#: the two economic classifications, by the first digit of their codes
ECON_SCHEMES = {"3": "部门预算支出经济分类 (3xx)", "5": "政府预算支出经济分类 (5xx)"}
#: “三公” items in the order the tables print them, the total first
THREE_PUBLIC_ORDER = ("total", "abroad", "vehicles", "vehicle_purchase", "vehicle_running", "reception")


def rate(final: Decimal | None, budget: Decimal | None) -> Decimal | None:
    """final ÷ budget in %, exact; ``None`` where either is missing or the budget is 0."""
    if final is None or budget is None or not budget:
        return None
    return final / budget * HUNDRED


def scope_name(scope: str) -> str:
    return SCOPE_NAMES.get(scope, ("",))[0] if scope else ""


def _source(row) -> str:
    if row is None:
        return ""
    if row["derived"]:
        return f"{row['table']} (Σ of its finer rows)" if row["code"] else f"{row['table']} (Σ of its 类)"
    return f"{row['table']} p.{int(row['page'])}" if pd.notna(row["page"]) else str(row["table"])


def _select(figures: pd.DataFrame, section: str, role: str, measure: str | None = None) -> pd.DataFrame:
    keep = (figures.section == section) & (figures.role == role)
    if measure is not None:
        keep &= figures.measure == measure
    return figures[keep]


def _by_code(frame: pd.DataFrame) -> dict[str, dict]:
    return {r["code"]: r for r in frame.to_dict("records")}


def _depth(frame: pd.DataFrame) -> int:
    printed = frame[(frame.code != "") & ~frame.derived.astype(bool)]
    return int(printed.code.str.len().max()) if not printed.empty else 0


def _names(*figures: pd.DataFrame) -> dict[tuple[str, str], str]:
    """(section, code) → the first name printed for it anywhere in either document."""
    out: dict[tuple[str, str], str] = {}
    for frame in figures:
        for r in frame[frame.name_zh != ""].itertuples():
            out.setdefault((r.section, r.code), r.name_zh)
    return out


def _pair_row(section, scope, measure, b, f, name_zh, name_en, func_code="", econ_code="", one_sided=True) -> dict:
    bv = b["amount"] if b is not None else None
    fv = f["amount"] if f is not None else None
    only_in = ""
    if one_sided and (bv is None) != (fv is None):
        only_in = "budget" if fv is None else "final"
    both = bv is not None and fv is not None
    return {
        "section": section,
        "scope": scope,
        "measure": MEASURE_NAMES[measure][0],
        "func_code": func_code,
        "econ_code": econ_code,
        "name_zh": name_zh,
        "name_en": name_en,
        "budget": bv,
        "final": fv,
        "difference": (fv or Decimal(0)) - (bv or Decimal(0)) if both or only_in else None,
        "execution_rate": rate(fv, bv),
        "only_in": only_in,
        "budget_source": _source(b),
        "final_source": _source(f),
    }


def execution_table(
    budget_figures: pd.DataFrame, final_figures: pd.DataFrame, measure: str = "total"
) -> tuple[pd.DataFrame, list[str]]:
    """The execution table of two documents' figures (:func:`~.figures.document_figures`) and notes on
    what could not be compared (a scope, a level, a section only one document prints)."""
    rows: list[dict] = []
    notes: list[str] = []
    names = _names(budget_figures, final_figures)
    classes = function_classes().set_index("code")
    b_all = _select(budget_figures, "function", "budget", measure)
    f_all = _select(final_figures, "function", "final", measure)
    scopes = [s for s in SPENDING_SCOPES if s in set(b_all.scope) & set(f_all.scope)]
    for scope in SPENDING_SCOPES:
        if (scope in set(b_all.scope)) != (scope in set(f_all.scope)):
            side = "budget" if scope in set(b_all.scope) else "final accounts"
            notes.append(f"{scope_name(scope)}: only the {side} print it by function code — not compared")
    for scope in scopes:
        b, f = _by_code(b_all[b_all.scope == scope]), _by_code(f_all[f_all.scope == scope])
        depth_b, depth_f = _depth(b_all[b_all.scope == scope]), _depth(f_all[f_all.scope == scope])
        if depth_b and depth_f and depth_b != depth_f:
            notes.append(
                f"{scope_name(scope)}: the budget prints codes down to {LEVEL_NAMES.get(depth_b)}, the final accounts "
                f"down to {LEVEL_NAMES.get(depth_f)}: rows below {LEVEL_NAMES.get(min(depth_b, depth_f))} have one side"
            )
        rows.append(_pair_row("function", scope_name(scope), measure, b.get(""), f.get(""), "合计", "total"))
        for code in sorted((set(b) | set(f)) - {""}):
            one_sided = len(code) <= min(depth_b or 7, depth_f or 7)
            name = names.get(("function", code)) or (classes.name_zh.get(code, "") if len(code) == 3 else "")
            name_en = classes.name_en.get(code, "") if len(code) == 3 else ""
            rows.append(
                _pair_row(
                    "function",
                    scope_name(scope),
                    measure,
                    b.get(code),
                    f.get(code),
                    name,
                    name_en,
                    func_code=code,
                    one_sided=one_sided,
                )
            )
    rows += _basic_project(budget_figures, final_figures, scopes, notes)
    rows += _economic(budget_figures, final_figures, names, notes)
    rows += _three_public(budget_figures, final_figures, notes)
    if not scopes:
        notes.insert(0, "no scope is printed by function code in both documents: nothing to compare by code")
    return pd.DataFrame(rows, columns=TABLE_COLUMNS), notes


def _basic_project(budget_figures, final_figures, scopes, notes) -> list[dict]:
    rows = []
    for scope in scopes:
        for measure in ("basic", "project"):
            b = _by_code(_select(budget_figures, "function", "budget", measure).query("scope == @scope")).get("")
            f = _by_code(_select(final_figures, "function", "final", measure).query("scope == @scope")).get("")
            zh, en = MEASURE_NAMES[measure]
            if b is not None and f is not None:
                rows.append(_pair_row("basic_project", scope_name(scope), measure, b, f, zh, en, one_sided=False))
            elif b is not None or f is not None:
                side = "budget" if b is not None else "final accounts"
                notes.append(f"{scope_name(scope)} {zh}: only the {side} print it — not compared")
    return rows


def _economic(budget_figures, final_figures, names, notes) -> list[dict]:
    rows = []
    b_all = _select(budget_figures, "economic", "budget")
    f_all = _select(final_figures, "economic", "final")
    b_keys = set(zip(b_all.scope, b_all.measure, strict=True))
    f_keys = set(zip(f_all.scope, f_all.measure, strict=True))
    for scope, measure in sorted(b_keys ^ f_keys):
        side = "budget" if (scope, measure) in b_keys else "final accounts"
        notes.append(
            f"economic classes of {scope_name(scope)} {MEASURE_NAMES[measure][0]}: only the {side} print them — "
            "not compared"
        )
    if not b_keys and not f_keys:
        notes.append("neither document prints expenditure by economic class")
    for scope in SPENDING_SCOPES:
        for measure in ("total", "basic", "project"):
            if (scope, measure) not in b_keys & f_keys:
                continue
            b = _by_code(b_all[(b_all.scope == scope) & (b_all.measure == measure)])
            f = _by_code(f_all[(f_all.scope == scope) & (f_all.measure == measure)])
            schemes_b, schemes_f = {c[0] for c in b}, {c[0] for c in f}
            for scheme in sorted(schemes_b ^ schemes_f):
                side = "budget" if scheme in schemes_b else "final accounts"
                notes.append(
                    f"economic classes of {scope_name(scope)} {MEASURE_NAMES[measure][0]}: only the {side} use the "
                    f"{ECON_SCHEMES.get(scheme, scheme + 'xx')} codes — those are not compared"
                )
            b = {c: r for c, r in b.items() if c[0] in schemes_f}
            f = {c: r for c, r in f.items() if c[0] in schemes_b}
            for code in sorted(set(b) | set(f)):
                rows.append(
                    _pair_row(
                        "economic",
                        scope_name(scope),
                        measure,
                        b.get(code),
                        f.get(code),
                        names.get(("economic", code), ""),
                        english_econ_name(code),
                        econ_code=code,
                    )
                )
    return rows


def _main_scope(scopes: list[str]) -> str:
    return next((s for s in ("gpb", "fiscal", "") if s in scopes), scopes[0])


def _three_public(budget_figures, final_figures, notes) -> list[dict]:
    b_all = _select(budget_figures, "three_public", "budget")
    f_all = _select(final_figures, "three_public", "final")
    b_scopes, f_scopes = list(dict.fromkeys(b_all.scope)), list(dict.fromkeys(f_all.scope))
    if not b_scopes or not f_scopes:
        if b_scopes or f_scopes:
            side = "budget" if b_scopes else "final accounts"
            notes.append(f"“三公”经费: only the {side} print a “三公” table — not compared")
        else:
            notes.append("neither document prints a “三公”经费 table")
        return []
    pairs = [(s, s) for s in b_scopes if s in f_scopes]
    if not pairs:
        # the scopes are named differently (or not at all): the 一般公共预算 (else 财政拨款, else unnamed) ones
        pairs = [(_main_scope(b_scopes), _main_scope(f_scopes))]
        notes.append(
            f"“三公”经费: the budget prints them for {scope_name(pairs[0][0]) or 'no named scope'}, the final accounts "
            f"for {scope_name(pairs[0][1]) or 'no named scope'}: compared as printed"
        )
    order = THREE_PUBLIC_ORDER
    names = {key: zh for key, zh, _ in THREE_PUBLIC_ITEMS}
    rows = []
    for bs, fs in pairs:
        label = scope_name(bs) if bs == fs else f"{scope_name(bs) or '—'} / {scope_name(fs) or '—'}"
        b, f = _by_code(b_all[b_all.scope == bs]), _by_code(f_all[f_all.scope == fs])
        for key in [k for k in order if k in b or k in f]:
            rows.append(
                _pair_row("three_public", label, "total", b.get(key), f.get(key), names[key], THREE_PUBLIC_EN[key])
            )
    return rows
