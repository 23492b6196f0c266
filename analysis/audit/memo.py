"""The audit as a short memo: findings grouped by severity, figures side by side."""

from __future__ import annotations

from .core import AuditReport

SEVERITY_HEADINGS = {
    "error": "错误 Errors — figures that do not agree",
    "warning": "警告 Warnings — worth a look",
    "info": "说明 Notes",
}


def memo(report: AuditReport, include_not_run: bool = True) -> str:
    budget = report.budget
    summary = report.summary()
    findings = report.findings
    failed = findings[findings.status == "failed"]
    sources = getattr(budget, "sources", None) or [budget.path]
    files = f"File: {budget.path.name} (sha256 {budget.sha256[:12]}…)"
    if len(sources) > 1:  # a budget published as several files (narrative, tables)
        files = "Files: " + " + ".join(p.name for p in sources)
    lines = [
        f"审计备忘 Audit memo — {budget.meta.get('title') or budget.path.name}",
        f"{files}, {len(budget.tables)} tables, {len(budget.tidy)} amounts",
        f"Rules: {len(summary)}; identities tested {int(summary.ran.sum())}: "
        f"{int(summary.passed.sum())} hold, {int(summary.failed.sum())} do not; "
        f"{int((summary.not_run > 0).sum())} rules could not run (fully or in part).",
    ]
    problems = budget.problems
    if not problems.empty:
        # figures printed but not read: the audit tests only the ones read
        kinds = ", ".join(f"{kind} {n}" for kind, n in problems.kind.value_counts().items())
        lines.append(
            f"Not read as printed: {len(problems)} problem(s) ({kinds}), each a warning of `extract`/`check`; "
            "no identity is tested on figures that were not read."
        )
    lines.append("")
    for severity, heading in SEVERITY_HEADINGS.items():
        group = failed[failed.severity == severity]
        if group.empty:
            continue
        lines.append(f"{heading} ({len(group)})")
        lines.append("-" * len(lines[-1]))
        for n, f in enumerate(group.itertuples(), 1):
            lines.append(f"{n}. [{f.rule} {f.rule_name} / {f.rule_name_en}] {f.message}")
            figures = f"   expected {f.expected or '—'} | printed {f.actual or '—'}"
            if f.difference and f.difference not in ("0", "0%"):
                figures += f" | difference {f.difference}"
            lines.append(figures)
            if f.location:
                lines.append(f"   where: {f.location}")
        lines.append("")
    if failed.empty:
        among = " among the figures read" if not problems.empty else ""
        lines += [f"No inconsistencies found{among}: every identity tested holds.", ""]
    lines.append("Rules 规则")
    lines.append("----------")
    for r in summary.itertuples():
        state = f"{r.passed}/{r.ran} hold" if r.ran else "did not run"
        if r.not_run:
            state += f"; not run ×{r.not_run}: {r.why_not_run[:120]}"
        lines.append(f"{r.rule} {r.rule_name} ({r.rule_name_en}): {state}")
    return "\n".join(lines) + "\n"
