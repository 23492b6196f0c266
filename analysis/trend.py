"""Trends: the year-over-year pairs a document states, and panels across several documents.

One budget states its prior-year figures in the narrative (``比 2022 年预算数
3529.60 万元减少 382.43 万元``) and sometimes in 上年 columns of its tables;
:func:`stated_changes` puts every such pair in one table and recomputes the
change and the rate from the two figures.  Several budgets of one department
(different years) give a :func:`panel` matched on function codes.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from .audit.figures import name_of, row_names
from .model import Budget
from .structure import HUNDRED, by_function
from .transform.amounts import to_wanyuan
from .transform.claims import claims_frame
from .transform.tables import row_code_frame

CHANGE_COLUMNS = [
    "source",
    "subject",
    "func_code",
    "current",
    "prior",
    "change",
    "rate",
    "stated_change",
    "stated_direction",
    "stated_rate",
    "page",
]

LEVEL_NAMES_RE = re.compile(r"([^（()）]+?)[（(](类|款|项)[)）]")


def _claim_code(subject: str, names: dict[str, str]) -> str:
    """The function code a claim's subject names (its (项) or (类) name looked up in the tables)."""
    levels = LEVEL_NAMES_RE.findall(subject)
    if not levels:
        return names.get(name_of(subject), "")
    name = name_of(levels[-1][0])
    for variant in (name, re.sub(r"支出$", "", name), name + "支出"):
        if variant in names:
            return names[variant]
    return ""


def _code_names(budget: Budget) -> dict[str, str]:
    """Row name → function code, from every table that prints codes."""
    names: dict[str, str] = {}
    for table in budget.tables:
        if not table.money_columns:
            continue
        codes = row_code_frame(table)
        for i, name in enumerate(row_names(table)):
            code = codes.at[i, "func_code"]
            if code and name and name not in names:
                names[name] = code
    return names


def stated_changes(budget: Budget) -> pd.DataFrame:
    """Every current-vs-prior pair the document states, with change and rate recomputed.

    ``change`` = current − prior and ``rate`` = change ÷ prior × 100 (``None``
    when the prior is zero); ``stated_*`` are what the text says.  Tables with
    上年 columns contribute their rows too (``source`` = the table).
    """
    rows = []
    claims = _year_on_year(claims_frame(budget.narrative, budget.meta.get("unit_name", "")))
    names = _code_names(budget)
    for c in claims[claims.prior.notna() & claims.amount.notna()].itertuples() if not claims.empty else []:
        change = c.amount - c.prior
        rows.append(
            {
                "source": "narrative",
                "subject": c.subject,
                "func_code": _claim_code(c.subject, names),
                "current": c.amount,
                "prior": c.prior,
                "change": change,
                "rate": change / c.prior * HUNDRED if c.prior else None,
                "stated_change": c.change,
                "stated_direction": c.direction or c.rate_direction or ("持平" if c.flat else ""),
                "stated_rate": c.rate,
                "page": c.page,
            }
        )
    rows.extend(_derived_pairs(claims, names))
    rows.extend(_table_pairs(budget))
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _year_on_year(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims comparing a figure with the prior year's as the document's tables do: not one compared with
    another kind of figure (its budget, 年初预算数; the prior year's final, 上年决算数, where the budget's
    tables print its 预算数), nor a qualified rate's (可比, 同口径: the prior figure adjusted first)."""
    if claims.empty:
        return claims
    return claims[(claims.compared.fillna("") == "") & (claims.qualifier.fillna("") == "")]


def _derived_pairs(claims: pd.DataFrame, names: dict[str, str]) -> list[dict]:
    """Claims stating a change (增加/减少 X) but no prior-year figure: prior = current ∓ change."""
    from .transform.claims import direction_sign

    if claims.empty:
        return []
    stated = claims.amount.notna() & ~claims.is_change & (claims.direction != "")
    rows = claims[claims.prior.isna() & claims.change.notna() & stated]
    out = []
    for c in rows.itertuples():
        if re.search(r"20\d{2}|上年|相比|同比", c.subject):
            continue  # the amount may itself be the earlier year's figure
        change = direction_sign(c.direction) * c.change
        prior = c.amount - change
        out.append(
            {
                "source": "narrative (prior = current ∓ stated change)",
                "subject": c.subject,
                "func_code": _claim_code(c.subject, names),
                "current": c.amount,
                "prior": prior,
                "change": change,
                "rate": change / prior * HUNDRED if prior else None,
                "stated_change": c.change,
                "stated_direction": c.direction,
                "stated_rate": c.rate,
                "page": c.page,
            }
        )
    return out


def _table_pairs(budget: Budget) -> list[dict]:
    """Rows of tables printing a 上年 column beside this year's."""
    out = []
    for table in budget.tables:
        prior_cols = [c for c in table.money_columns if "上年" in c and "结转" not in c and "结余" not in c]
        for prior_col in prior_cols:
            current_col = next(
                (c for c in table.money_columns if c != prior_col and re.sub(r"上年", "本年", prior_col) == c), None
            )
            if current_col is None:
                continue
            codes = row_code_frame(table)
            names = row_names(table, current_col, printed=True)
            for i in range(len(table.df)):
                current, prior = table.df.at[i, current_col], table.df.at[i, prior_col]
                if current is None or prior is None:
                    continue
                current, prior = to_wanyuan(current, table.unit), to_wanyuan(prior, table.unit)
                out.append(
                    {
                        "source": table.name,
                        "subject": names[i],
                        "func_code": codes.at[i, "func_code"],
                        "current": current,
                        "prior": prior,
                        "change": current - prior,
                        "rate": (current - prior) / prior * HUNDRED if prior else None,
                        "stated_change": None,
                        "stated_direction": "",
                        "stated_rate": None,
                        "page": int(table.cell_pages.at[i, current_col]),
                    }
                )
    return out


def misstated(changes: pd.DataFrame) -> pd.DataFrame:
    """Pairs whose stated change differs from the recomputed one (beyond the printed rounding)."""
    if changes.empty:
        return changes
    stated = changes[changes.stated_change.notna()]
    return stated[[abs(abs(c) - s) > Decimal("0.01") for c, s in zip(stated.change, stated.stated_change, strict=True)]]


def read_budgets(paths) -> list[Budget]:
    """Several budgets (for example one department's, year after year), in the order given."""
    from .budget import read_budget

    return [read_budget(p) for p in paths]


PANEL_COLUMNS = ["func_code", "name_zh", "name_en", "year", "amount", "change", "rate"]


def panel(budgets: list[Budget], level: str = "类", scope: str = "gpb") -> pd.DataFrame:
    """Year-by-year expenditure by function code across budgets of one department.

    One row per (code, year); ``change`` and ``rate`` against the previous year
    present for that code.  Codes are matched as printed: a reclassified item
    shows as one code ending and another starting.
    """
    frames = []
    for budget in budgets:
        frame = by_function(budget, level, scope)
        if frame.empty:
            continue
        frame = frame.assign(year=budget.meta.get("year"))
        frames.append(frame[["func_code", "name_zh", "name_en", "year", "amount"]])
    if not frames:
        return pd.DataFrame(columns=PANEL_COLUMNS)
    data = pd.concat(frames, ignore_index=True).sort_values(["func_code", "year"], ignore_index=True)
    changes, rates = [], []
    previous: dict[str, Decimal] = {}
    for r in data.itertuples():
        prior = previous.get(r.func_code)
        changes.append(r.amount - prior if prior is not None else None)
        rates.append((r.amount - prior) / prior * HUNDRED if prior else None)
        previous[r.func_code] = r.amount
    data["change"], data["rate"] = changes, rates
    return data[PANEL_COLUMNS]
