"""Expenditure structure: where the money goes, as tidy DataFrames.

Every view reads the typed tables of one :class:`~analysis.model.Budget` and
returns a DataFrame with Chinese names and, for the standard classifications,
English names.  Amounts are exact ``Decimal`` in 万元; shares are ``Decimal``
percentages (unrounded: round for display only).  A view whose table the
document does not print returns an empty frame with the same columns.
"""

from __future__ import annotations

from decimal import Decimal

import pandas as pd

from .audit.figures import (
    THREE_PUBLIC_NAMES,
    expenditure_columns,
    grand_total_row,
    name_of,
    project_amounts,
    row_names,
    table_groups,
    three_public_figures,
    three_public_table,
    total_column,
)
from .model import Budget, Table
from .reference import econ_classes, english_econ_name, function_classes
from .transform.amounts import to_wanyuan
from .transform.tables import row_code_frame

LEVEL_DIGITS = {"类": 3, "款": 5, "项": 7}
HUNDRED = Decimal(100)

#: English names of the usual funding sources (收入 columns of a 收入总表)
FUNDING_SOURCES_EN = {
    "上年结转": "carried over from last year",
    "一般公共预算拨款收入": "general public budget appropriation",
    "一般公共预算拨款": "general public budget appropriation",
    "财政拨款收入": "fiscal appropriation",
    "财政拨款": "fiscal appropriation",
    "政府性基金预算拨款收入": "government fund budget appropriation",
    "国有资本经营预算拨款收入": "state capital operation budget appropriation",
    "事业收入": "service revenue",
    "事业单位经营收入": "business revenue of public institutions",
    "其他收入": "other income",
    "上级补助收入": "subsidies from higher-level units",
    "附属单位上缴收入": "remittances from subordinate units",
    "财政专户管理资金收入": "funds in fiscal special accounts",
    "使用非财政拨款结余": "use of non-appropriation balances",
}
#: scopes in order of preference when a view may come from several tables
SCOPE_ORDER = {"all": ("all", "gpb"), "gpb": ("gpb",)}


def share(part: Decimal, whole: Decimal) -> Decimal | None:
    """``part`` as a percentage of ``whole`` (exact Decimal), ``None`` for a zero whole."""
    if not whole:
        return None
    return part / whole * HUNDRED if part else Decimal(0)


def _function_rows(budget: Budget, scope: str, measure: str = "total") -> tuple[pd.DataFrame, Table | None]:
    """Finest function-code rows (code, name, amount in 万元) of the first table of ``scope`` that prints them."""
    for wanted in SCOPE_ORDER.get(scope, (scope,)):
        for tables in table_groups(budget):
            if tables[0].spec.scope not in (wanted, "fiscal" if wanted == "gpb" else None):
                continue
            table = tables[0]
            if len(tables) > 1 or table.spec.kind == "both":
                continue  # parts of a wide table carry partial totals; a 收支总表 lists only classes
            column = total_column(table, measure)
            if column is None:
                continue
            codes = row_code_frame(table)
            printed = row_names(table, column, printed=True)
            rows = []
            for i in range(len(table.df)):
                code, value = codes.at[i, "func_code"], table.df.at[i, column]
                if code and value is not None:
                    rows.append({"func_code": code, "name_zh": printed[i], "amount": to_wanyuan(value, table.unit)})
            if rows:
                frame = pd.DataFrame(rows)
                longest = frame.func_code.str.len().max()
                finest = frame[frame.func_code.str.len() == longest]
                return finest.groupby(["func_code", "name_zh"], as_index=False, sort=False)["amount"].sum(), table
    return pd.DataFrame(columns=["func_code", "name_zh", "amount"]), None


def _class_names() -> tuple[dict[str, str], dict[str, str]]:
    frame = function_classes()
    return dict(zip(frame.code, frame.name_zh, strict=True)), dict(zip(frame.code, frame.name_en, strict=True))


FUNCTION_COLUMNS = ["level", "func_code", "name_zh", "name_en", "amount", "share", "parent_code", "share_of_parent"]


def by_function(budget: Budget, level: str = "类", scope: str = "gpb") -> pd.DataFrame:
    """Expenditure by function code at ``level`` (类, 款 or 项), with shares of the total and of the parent.

    ``scope``: ``gpb`` (一般公共预算, the usual scope of the 功能分类 tables) or
    ``all`` (all funds, from the 支出总表).  Higher levels are sums of the 项
    rows; 类 names (Chinese and English) come from the classification list.
    """
    rows, _ = _function_rows(budget, scope)
    if rows.empty:
        return pd.DataFrame(columns=FUNCTION_COLUMNS)
    digits = LEVEL_DIGITS[level]
    class_zh, class_en = _class_names()
    names = {r.func_code: r.name_zh for r in rows.itertuples()}
    rows = rows.assign(code=rows.func_code.str[:digits])
    grouped = rows.groupby("code", sort=True)["amount"].sum()
    total = sum(grouped, Decimal(0))
    parent_digits = {3: 0, 5: 3, 7: 5}[digits]
    parents = rows.assign(parent=rows.func_code.str[:parent_digits]).groupby("parent")["amount"].sum()
    out = []
    for code, amount in grouped.items():
        parent = code[:parent_digits]
        out.append(
            {
                "level": level,
                "func_code": code,
                "name_zh": class_zh.get(code) or names.get(code, "") or _printed_name(budget, code),
                "name_en": class_en.get(code[:3], "") if digits == 3 else "",
                "amount": amount,
                "share": share(amount, total),
                "parent_code": parent,
                "share_of_parent": share(amount, parents.get(parent, total)) if parent else share(amount, total),
            }
        )
    return pd.DataFrame(out, columns=FUNCTION_COLUMNS).sort_values("amount", ascending=False, ignore_index=True)


def _printed_name(budget: Budget, code: str) -> str:
    """A 款 or 项 name as some table prints it on a row of that code."""
    hit = budget.tidy[budget.tidy.func_code == code]
    if hit.empty:
        return ""
    return name_of(hit.row_label.iloc[0].split(" ")[-1])


def function_tree(budget: Budget, scope: str = "gpb") -> pd.DataFrame:
    """类, 款 and 项 rows in one frame (for treemaps and drill-down tables)."""
    frames = [by_function(budget, level, scope) for level in ("类", "款", "项")]
    frames = [f for f in frames if not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=FUNCTION_COLUMNS)


BASIC_PROJECT_COLUMNS = ["func_code", "name_zh", "name_en", "basic", "project", "total", "project_share"]


def basic_vs_project(budget: Budget, scope: str = "all") -> pd.DataFrame:
    """基本支出 and 项目支出 by 类, from the table that prints both (支出总表)."""
    basic, _ = _function_rows(budget, scope, "basic")
    project, _ = _function_rows(budget, scope, "project")
    if basic.empty and project.empty:
        return pd.DataFrame(columns=BASIC_PROJECT_COLUMNS)
    class_zh, class_en = _class_names()
    sums: dict[str, dict[str, Decimal]] = {}
    for measure, frame in (("basic", basic), ("project", project)):
        for r in frame.itertuples():
            entry = sums.setdefault(r.func_code[:3], {"basic": Decimal(0), "project": Decimal(0)})
            entry[measure] += r.amount
    out = []
    for code, entry in sorted(sums.items()):
        total = entry["basic"] + entry["project"]
        out.append(
            {
                "func_code": code,
                "name_zh": class_zh.get(code, ""),
                "name_en": class_en.get(code, ""),
                "basic": entry["basic"],
                "project": entry["project"],
                "total": total,
                "project_share": share(entry["project"], total),
            }
        )
    return pd.DataFrame(out, columns=BASIC_PROJECT_COLUMNS)


ECON_COLUMNS = [
    "class_code", "class_zh", "class_en", "econ_code", "item_zh", "item_en", "amount", "share", "share_of_class",
]  # fmt: skip


def by_economic_class(budget: Budget) -> pd.DataFrame:
    """一般公共预算 expenditure by economic class (工资福利支出 …) and item (基本工资 …).

    Read from the total row of the 一般公共预算支出表 by economic item (all its
    printed parts); classes are the sums of their items.
    """
    tidy = budget.tidy
    detail = tidy[(tidy.table_key == "gpb_expense") & (tidy.column_econ_code.str.len() == 5)]
    detail = detail[detail.row_label.str.replace(" ", "").str.contains("合计|总计")]
    detail = detail.drop_duplicates(["table_label", "column"])
    if detail.empty:
        return pd.DataFrame(columns=ECON_COLUMNS)
    classes = econ_classes().set_index("code")
    amounts = detail.groupby(["column_econ_code", "column"], sort=False)["amount"].apply(
        lambda s: sum((Decimal(a) for a in s), Decimal(0))
    )
    total = sum(amounts, Decimal(0))
    class_totals: dict[str, Decimal] = {}
    for (code, _), amount in amounts.items():
        class_totals[code[:3]] = class_totals.get(code[:3], Decimal(0)) + amount
    out = []
    for (code, column), amount in amounts.items():
        cls = code[:3]
        out.append(
            {
                "class_code": cls,
                "class_zh": classes.name_zh.get(cls, ""),
                "class_en": classes.name_en.get(cls, ""),
                "econ_code": code,
                "item_zh": name_of(column.split("/")[-1]),
                "item_en": english_econ_name(code),
                "amount": amount,
                "share": share(amount, total),
                "share_of_class": share(amount, class_totals[cls]),
            }
        )
    return pd.DataFrame(out, columns=ECON_COLUMNS).sort_values(["class_code", "econ_code"], ignore_index=True)


def economic_classes(budget: Budget) -> pd.DataFrame:
    """Totals by economic class only (工资福利支出, 商品和服务支出, 对个人和家庭的补助, 资本性支出 …)."""
    items = by_economic_class(budget)
    if items.empty:
        return pd.DataFrame(columns=["class_code", "class_zh", "class_en", "amount", "share"])
    grouped = items.groupby(["class_code", "class_zh", "class_en"], as_index=False, sort=True)["amount"].sum()
    total = sum(grouped.amount, Decimal(0))
    grouped["share"] = [share(a, total) for a in grouped.amount]
    return grouped


def _total_row_values(table: Table) -> dict[str, Decimal]:
    row = grand_total_row(table)
    if row is None:
        return {}
    values = {}
    for column in expenditure_columns(table) if table.spec.kind == "both" else table.money_columns:
        value = table.df.at[row, column]
        if value is not None:
            values[column] = to_wanyuan(value, table.unit)
    return values


def personnel_vs_public(budget: Budget) -> pd.DataFrame:
    """人员经费 and 公用经费 of the 一般公共预算基本支出 (with their shares of 基本支出)."""
    columns = ["item_zh", "item_en", "amount", "share"]
    tables = [t for t in budget.tables if t.key in ("gpb_basic_expense", "basic_expense") and not t.is_empty]
    for table in tables:
        values = _total_row_values(table)
        parts = {c: v for c, v in values.items() if name_of(c.split("/")[-1]) in ("人员经费", "公用经费")}
        if len(parts) == 2:
            total = sum(parts.values(), Decimal(0))
            names = {"人员经费": "personnel costs", "公用经费": "public (office) costs"}
            return pd.DataFrame(
                [
                    {
                        "item_zh": name_of(c.split("/")[-1]),
                        "item_en": names[name_of(c.split("/")[-1])],
                        "amount": v,
                        "share": share(v, total),
                    }
                    for c, v in parts.items()
                ],
                columns=columns,
            )
    return pd.DataFrame(columns=columns)


def _source_name(column: str) -> str:
    """A source's name from its column path: the leaf, or its parent's when the leaf only says 金额."""
    parts = [name_of(p) for p in column.split("/") if p]
    return parts[-2] if len(parts) > 1 and parts[-1] in ("金额", "小计") else parts[-1]


def by_funding_source(budget: Budget) -> pd.DataFrame:
    """Income by source (一般公共预算拨款收入, 事业收入 …) from the 收入总表's total row."""
    columns = ["source_zh", "source_en", "amount", "share"]
    tables = [t for t in budget.tables if t.key == "income_summary" and not t.is_empty]
    if not tables:
        return pd.DataFrame(columns=columns)
    values = _total_row_values(tables[0])
    sources = {
        _source_name(c): v
        for c, v in values.items()
        if v and not name_of(c.split("/")[-1]).endswith(("合计", "总计")) and "其中" not in c
    }
    total = sum(sources.values(), Decimal(0))
    rows = [
        {"source_zh": k, "source_en": FUNDING_SOURCES_EN.get(k, ""), "amount": v, "share": share(v, total)}
        for k, v in sources.items()
    ]
    return pd.DataFrame(rows, columns=columns).sort_values("amount", ascending=False, ignore_index=True)


PROJECT_COLUMNS = ["rank", "project", "func_codes", "amount", "share", "cumulative_share", "page"]


def project_ranking(budget: Budget) -> pd.DataFrame:
    """Projects of the 项目支出表 by amount, with their share and cumulative share (a Pareto view)."""
    tables = [t for t in budget.tables if t.key in ("project_expense", "gpb_project_expense") and not t.is_empty]
    if not tables:
        return pd.DataFrame(columns=PROJECT_COLUMNS)
    amounts = project_amounts(tables[0], printed=True)
    total = sum((p.amount for p in amounts.values()), Decimal(0))
    ranked = sorted(amounts.items(), key=lambda kv: kv[1].amount, reverse=True)
    rows, running = [], Decimal(0)
    for rank, (name, project) in enumerate(ranked, 1):
        amount = project.amount
        running += amount
        rows.append(
            {
                "rank": rank,
                "project": name,
                "func_codes": ", ".join(sorted(project.codes)),
                "amount": amount,
                "share": share(amount, total),
                "cumulative_share": share(running, total),
                "page": project.page,
            }
        )
    return pd.DataFrame(rows, columns=PROJECT_COLUMNS)


THREE_PUBLIC_EN = {
    name_of(k): v
    for k, v in {
        "因公出国（境）费用": "official travel abroad",
        "因公出国（境）费": "official travel abroad",
        "公务用车购置及运行费": "official vehicles (purchase and running)",
        "公务用车购置费": "official vehicle purchase",
        "公务用车运行费": "official vehicle running costs",
        "公务用车运行维护费": "official vehicle running costs",
        "公务接待费": "official receptions",
        # the two parts printed under 公务用车购置及运行费
        "购置费": "official vehicle purchase",
        "运行费": "official vehicle running costs",
        # printed beside the “三公” in one table by some templates
        "机关运行经费": "agency running costs",
        "机关运行经费预算数": "agency running costs",
    }.items()
}


def three_public(budget: Budget) -> pd.DataFrame:
    """“三公”经费 by item (因公出国（境）费, 公务用车购置费, 公务用车运行费, 公务接待费), in 万元.

    Read as the audit reads the table (:func:`analysis.audit.figures.three_public_figures`): items
    printed as columns or as rows, in the 合计 row, the row of the document's year or the only row, an
    item's columns by fund added up; 会议费, 培训费 and 机关运行经费 printed beside them are no 三公 items.
    A vehicle item printed only as a whole (公务用车购置及运行费) is shown as that whole.
    """
    columns = ["item_zh", "item_en", "amount", "share", "table"]
    table = three_public_table(budget)
    if table is None:
        return pd.DataFrame(columns=columns)
    figures, _ = three_public_figures(table, budget.meta.get("year"))
    items = ["abroad", "purchase", "running", "reception"]
    if not {"purchase", "running"} & set(figures):
        items = ["abroad", "vehicles", "reception"]
    found = {item: figures[item][0] for item in items if item in figures}
    total = sum(found.values(), Decimal(0))
    rows = [
        {
            "item_zh": THREE_PUBLIC_NAMES[item],
            "item_en": THREE_PUBLIC_EN.get(name_of(THREE_PUBLIC_NAMES[item]), ""),
            "amount": value,
            "share": share(value, total),
            "table": table.name,
        }
        for item, value in found.items()
    ]
    return pd.DataFrame(rows, columns=columns)


def concentration(amounts, k: int = 3) -> dict[str, Decimal]:
    """Top-``k`` share and Herfindahl–Hirschman index (Σ share², shares in %) of a set of amounts."""
    values = sorted((Decimal(a) for a in amounts if a is not None), reverse=True)
    total = sum(values, Decimal(0))
    if not total:
        return {"n": len(values), "top_k": k, "top_k_share": Decimal(0), "hhi": Decimal(0)}
    shares = [v / total * HUNDRED for v in values]
    return {
        "n": len(values),
        "top_k": k,
        "top_k_share": sum(shares[:k], Decimal(0)),
        "hhi": sum((s * s for s in shares), Decimal(0)),
    }


KEY_FIGURE_COLUMNS = ["figure_zh", "figure_en", "amount", "table", "location"]


def key_figures(budget: Budget) -> pd.DataFrame:
    """The headline figures in 万元: total income and expenditure, basic and project, 一般公共预算, 三公.

    ``location``: where the figure is printed (``支出预算总表 · 第1行 · p.30``).  A “三公” table
    without a recognised 合计 row gives no figure (``amount`` empty) rather than a sum of zeros.
    """
    from .audit.core import AuditContext
    from .audit.table_rules import grand_totals
    from .locations import cell_location, readable, target

    totals = grand_totals(AuditContext(budget))
    rows = []
    labels = {
        ("all", "total"): ("支出合计", "total expenditure"),
        ("all", "basic"): ("基本支出", "basic expenditure"),
        ("all", "project"): ("项目支出", "project expenditure"),
        ("gpb", "total"): ("一般公共预算支出", "general public budget expenditure"),
        ("gpb", "basic"): ("一般公共预算基本支出", "general public budget basic expenditure"),
        ("gpb", "project"): ("一般公共预算项目支出", "general public budget project expenditure"),
    }
    for key, (zh, en) in labels.items():
        entries = totals.get(key)
        if entries:
            name, value, where = entries[0]
            recorded = f"{name}（{where}）"
            found = target(recorded, budget)
            amount = to_wanyuan(value, found.table.unit) if found is not None else value  # tables printed in 元
            location = readable(recorded, budget)
            rows.append({"figure_zh": zh, "figure_en": en, "amount": amount, "table": name, "location": location})
    tables = [t for t in budget.tables if t.key == "three_public"]
    three = three_public(budget)
    if not three.empty:
        table = next(t for t in tables if t.name == three.table.iloc[0])
        row = grand_total_row(table)
        row = 0 if row is None and len(table.df) == 1 else row
        rows.append(
            {
                "figure_zh": "“三公”经费",
                "figure_en": '"three public" expenses',
                "amount": sum(three.amount, Decimal(0)),  # its items, as three_public reads them
                "table": table.name,
                "location": cell_location(table, row) if row is not None else table.name,
            }
        )
    return pd.DataFrame(rows, columns=KEY_FIGURE_COLUMNS)


FLOW_COLUMNS = ["stage_from", "source", "stage_to", "target", "amount"]
GPB_SOURCE = "一般公共预算拨款"


def _class_columns(table: Table) -> dict[str, str]:
    """Money columns of ``table`` that are whole economic classes (工资福利支出 …) → class code."""
    classes = econ_classes()
    by_name = {name_of(r.name_zh): r.code for r in classes.itertuples() if len(r.code) == 3}
    return {c: by_name[name_of(c.split("/")[-1])] for c in table.money_columns if name_of(c.split("/")[-1]) in by_name}


def flows(budget: Budget) -> pd.DataFrame:
    """Money flowing from funding source to function 类 to economic class, as the tables state it.

    Source → function: the 一般公共预算 part of each 类 (from the 一般公共预算
    tables) and the rest of the 类's total (all funds, from the 支出总表).
    Function → economic class: a table crossing function rows with economic
    class columns (all funds when printed, else 一般公共预算).  Nothing is
    apportioned: a link the tables do not state is not drawn.
    """
    out = []
    gpb = by_function(budget, "类", "gpb")
    everything = by_function(budget, "类", "all")
    gpb_amounts = dict(zip(gpb.func_code, gpb.amount, strict=True))
    all_amounts = dict(zip(everything.func_code, everything.amount, strict=True))
    sources = by_funding_source(budget)
    others = [s for s in sources.source_zh if "一般公共预算" not in s]
    other_name = others[0] if len(others) == 1 else "其他资金"
    class_zh, _ = _class_names()
    for code in sorted(set(gpb_amounts) | set(all_amounts)):
        name = class_zh.get(code, code)
        g = gpb_amounts.get(code, Decimal(0))
        rest = all_amounts.get(code, g) - g
        for source, amount in ((GPB_SOURCE, g), (other_name, rest)):
            if amount > 0:
                out.append(
                    {"stage_from": "source", "source": source, "stage_to": "function", "target": name, "amount": amount}
                )
    cross = _function_by_class(budget)
    classes = econ_classes().set_index("code")
    for (code, cls), amount in sorted(cross.items()):
        if amount:
            out.append(
                {
                    "stage_from": "function",
                    "source": class_zh.get(code, code),
                    "stage_to": "economic class",
                    "target": classes.name_zh.get(cls, cls),
                    "amount": amount,
                }
            )
    return pd.DataFrame(out, columns=FLOW_COLUMNS)


def _function_by_class(budget: Budget) -> dict[tuple[str, str], Decimal]:
    candidates = [t for t in budget.tables if t.spec.scope in ("all", "gpb") and not t.is_empty]
    candidates.sort(key=lambda t: t.spec.scope != "all")  # all funds first
    for table in candidates:
        columns = _class_columns(table)
        if len(columns) < 2:
            continue
        codes = row_code_frame(table)
        finest = max((len(c) for c in codes.func_code if c), default=0)
        if not finest:
            continue
        cross: dict[tuple[str, str], Decimal] = {}
        for i in range(len(table.df)):
            code = codes.at[i, "func_code"]
            if len(code) != finest:
                continue
            for column, cls in columns.items():
                value = table.df.at[i, column]
                if value is not None:
                    key = (code[:3], cls)
                    cross[key] = cross.get(key, Decimal(0)) + to_wanyuan(value, table.unit)
        if cross:
            return cross
    return {}
