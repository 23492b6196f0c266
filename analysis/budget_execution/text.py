"""The comparison as plain text (the ``compare`` command's default output)."""

from __future__ import annotations

from decimal import Decimal

from ..display import amount_text, html_table, percent_text

SECTION_TITLES = {
    "function": "按支出功能分类 By function",
    "basic_project": "基本支出与项目支出 Basic and project expenditure",
    "economic": "按经济分类 By economic class",
    "three_public": "“三公”经费 The three public expenses",
}


def money(value: Decimal | None) -> str:
    """``1,234.50``: as :func:`analysis.display.amount_text` shows amounts."""
    return amount_text(value)


def percent(value: Decimal | None) -> str:
    """``97.63%``: as :func:`analysis.display.percent_text` shows rates."""
    return percent_text(value)


def _line(row, label: str) -> str:
    flag = {"budget": "  [only in the budget]", "final": "  [only in the final accounts]"}.get(row.only_in, "")
    return (
        f"  {label:<44.44} {money(row.budget):>16} {money(row.final):>16} {money(row.difference):>15} "
        f"{percent(row.execution_rate):>9}{flag}"
    )


def execution_text(execution) -> str:
    """The pairing statement, each section per scope (amounts in 万元), notes and findings."""
    lines = ["预算执行 Budget against final accounts (万元)", execution.pairing.statement, ""]
    header = f"  {'':<44} {'budget 预算':>16} {'final 决算':>16} {'difference':>15} {'rate':>9}"
    table = execution.table
    for section, title in SECTION_TITLES.items():
        rows = table[table.section == section]
        if rows.empty:
            continue
        lines.append(title)
        for scope, group in rows.groupby("scope", sort=False):
            measure = group.measure.iloc[0] if section in ("function", "economic") else ""
            lines.append(f" {scope} {measure}".rstrip())
            lines.append(header)
            for row in group.itertuples():
                code = row.func_code or row.econ_code
                lines.append(_line(row, f"{code} {row.name_zh}".strip()))
        lines.append("")
    if execution.notes:
        lines.append("Not compared 未比较")
        lines += [f"  - {note}" for note in execution.notes]
        lines.append("")
    findings = execution.findings
    lines.append("The final accounts' budget columns against the published budget 决算所列预算数与公开预算")
    summary = execution.report.summary()
    ran = int(summary.ran.sum())
    if ran:
        lines.append(f"  {int(summary.passed.sum())} of {ran} figures equal the published budget")
    for f in findings.itertuples():
        lines.append(f"  [{f.rule} {f.severity}] {f.message}" + (f" ({f.location})" if f.location else ""))
    return "\n".join(lines) + "\n"


def _plain(frame):
    """A frame with exact Decimals as plain strings (never floats) and missing values as empty."""
    out = frame.copy()
    for column in out.columns:
        out[column] = [("" if v is None or v != v else format(v, "f")) if isinstance(v, Decimal) or v is None else v
                       for v in out[column]]  # fmt: skip
    return out


def render(execution, fmt: str = "text") -> str:
    """The comparison as ``text`` (a memo), ``csv`` (the table) or ``json`` (pairing, table, notes, findings)."""
    import json

    if fmt == "text":
        return execution_text(execution)
    table = _plain(execution.table)
    if fmt == "csv":
        return table.to_csv(index=False)
    findings = execution.findings.astype(object).where(execution.findings.notna(), None)
    payload = {
        "pairing": execution.pairing.as_dict(),
        "table": table.to_dict("records"),
        "notes": execution.notes,
        "findings": findings.to_dict("records"),
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def html_section(execution) -> str:
    """The report's front-page section: whether the documents belong together, and each scope's totals."""
    import html

    totals = html_table(execution.scope_totals(), "execution_totals")
    one_sided = len(execution.one_sided())
    return (
        f"<p>{html.escape(execution.statement)}</p>\n{totals}\n"
        f"<p>{one_sided} rows only one document prints; findings on the final accounts' own budget columns: "
        f"{len(execution.findings)}.</p>"
    )
