"""The one-command report: run the notebooks on a PDF and write an HTML report.

``python -m analysis report [PDF] --out DIR`` executes every notebook of
``notebooks/`` with papermill (parameter ``pdf``), renders each to HTML with
nbconvert (``--hide-code`` leaves the code out, for readers who do not code),
and writes ``DIR/index.html``: the document's key figures, the audit summary,
the tables found, two charts, and links to the rendered notebooks.
"""

from __future__ import annotations

import base64
import html
import io
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .budget import read_budget
from .model import Budget

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SAMPLE_PDF = ROOT / "data" / "raw" / "2023_chengdu_etemc_budget.pdf"
#: the notebook comparing a budget with its final accounts (parameters ``budget_pdf``, ``final_pdf``)
PAIR_NOTEBOOK = NOTEBOOKS / "08_budget_vs_final_accounts.ipynb"


def notebook_paths(per_document: bool = True) -> list[Path]:
    """The numbered notebooks, in order: those on one document (parameter ``pdf``), or all."""
    paths = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    return [p for p in paths if not per_document or _takes_pdf(p)]


def _takes_pdf(path: Path) -> bool:
    import nbformat

    cells = nbformat.read(path, as_version=4).cells
    parameters = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    return any(line.startswith("pdf =") for c in parameters for line in c.source.splitlines())


def run_notebook(
    notebook: Path, pdf: Path, out_dir: Path, hide_code: bool = False, parameters: dict | None = None
) -> Path:
    """Execute one notebook on ``pdf`` (or with ``parameters``); write it (.ipynb and .html) under ``out_dir``."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    executed = out_dir / "notebooks" / notebook.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    papermill.execute_notebook(
        str(notebook),
        str(executed),
        parameters=parameters or {"pdf": str(pdf)},
        cwd=str(NOTEBOOKS),
        progress_bar=False,
        kernel_name="python3",
    )
    exporter = HTMLExporter(exclude_input=hide_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    page = out_dir / f"{notebook.stem}.html"
    page.write_text(body, encoding="utf-8")
    return page


def build_report(
    pdf: Path | str | None = None,
    out_dir: Path | str = "report",
    hide_code: bool = False,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
    final: Path | str | None = None,
) -> Path:
    """Run every notebook on ``pdf`` (default: the bundled sample) and write ``out_dir/index.html``.

    ``final``: the final accounts (决算) of the same unit and year; the report then compares the two
    (notebook 08).  Documents of another unit or year raise ``DocumentsDoNotMatchError``.
    """
    pdf = Path(pdf or SAMPLE_PDF).resolve()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda message: None)
    started = time.perf_counter()
    budget = read_budget(pdf)  # fills the cache once: every notebook then reads it instantly
    say(f"read {pdf.name}: {len(budget.tables)} tables ({time.perf_counter() - started:.1f} s)")
    notebooks = notebook_paths()
    jobs = {nb: None for nb in notebooks}
    execution = None
    if final is not None:
        from .budget_execution import compare

        final = Path(final).resolve()
        execution = compare(budget, final)
        jobs[PAIR_NOTEBOOK] = {"budget_pdf": str(pdf), "final_pdf": str(final)}
    pages: dict[str, Path] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(run_notebook, nb, pdf, out_dir, hide_code, params): nb for nb, params in jobs.items()}
        for done, future in enumerate(futures, 1):
            nb = futures[future]
            pages[nb.stem] = future.result()
            say(f"[{done}/{len(jobs)}] {nb.stem} ({time.perf_counter() - started:.1f} s)")
    index = out_dir / "index.html"
    index.write_text(index_html(budget, pages, out_dir, execution), encoding="utf-8")
    say(f"wrote {index} ({time.perf_counter() - started:.1f} s)")
    return index


def _execution_html(execution) -> str:
    if execution is None:
        return ""
    from .budget_execution.text import html_section

    return f"<h2>Budget against final accounts 预算与决算（万元）</h2>\n{html_section(execution)}"


def _figure_png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def _table_html(frame) -> str:
    return frame.to_html(index=False, border=0, classes="data", na_rep="", escape=True)


TITLES = {
    "01_extracting_tables": "Extracting the tables 表格提取",
    "02_expenditure_composition": "Expenditure composition 支出结构",
    "03_trends": "Trends 变动趋势",
    "04_consistency_audit": "Consistency audit 一致性审核",
    "05_performance_targets": "Performance targets 绩效目标",
    "06_reading_a_budget": "How to read a budget 如何阅读部门预算",
    "08_budget_vs_final_accounts": "Budget against final accounts 预算与决算",
}
STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table.data{border-collapse:collapse;font-size:.9em}
table.data td,table.data th{padding:3px 8px;border-bottom:1px solid #eee}
.error{color:#b00020} .warning{color:#a86400} .muted{color:#666} img{max-width:100%}
"""


def index_html(budget: Budget, pages: dict[str, Path], out_dir: Path, execution=None) -> str:
    """The report's front page (with the comparison with the final accounts when ``execution`` is given)."""
    from . import plots, structure
    from .audit import run_audit
    from .explore import table_map

    report = run_audit(budget)
    findings = report.findings
    failed = findings[findings.status == "failed"]
    counts = failed.severity.value_counts().to_dict()
    key = structure.key_figures(budget)
    key = key.assign(amount=[f"{a:,.2f}" for a in key.amount])
    errors = failed[failed.severity == "error"][["rule", "rule_name_en", "message", "expected", "actual", "page"]]
    charts = [_figure_png(plots.treemap(budget, level="项")), _figure_png(plots.basic_project_bars(budget))]
    meta = budget.meta
    links = "".join(
        f'<li><a href="{html.escape(p.relative_to(out_dir).as_posix())}">{html.escape(TITLES.get(name, name))}</a></li>'
        for name, p in pages.items()
    )
    title = meta.get("title") or budget.path.name
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{STYLE}</style></head>
<body>
<h1>{html.escape(title)}</h1>
<p class="muted">{html.escape(budget.path.name)} · SHA-256 {budget.sha256[:16]}… · {meta.get("pages")} pages ·
{len(budget.tables)} tables · {len(budget.tidy)} amounts · {len(budget.indicators)} performance indicators ·
unit {html.escape(str(meta.get("unit_name", "")))} {html.escape(str(meta.get("unit_code", "")))}</p>
<h2>Key figures 主要数据（万元）</h2>
{_table_html(key) if not key.empty else "<p>No tables in this document (narrative only).</p>"}
<h2>Audit 一致性审核</h2>
<p><span class="error">{counts.get("error", 0)} errors</span> ·
<span class="warning">{counts.get("warning", 0)} warnings</span> · {counts.get("info", 0)} notes ·
{int(report.summary().ran.sum())} identities tested, {int(report.summary().passed.sum())} hold.</p>
{_table_html(errors) if not errors.empty else "<p>No errors found.</p>"}
{_execution_html(execution)}
<h2>Charts 图表</h2>
{"".join(f'<img alt="chart" src="data:image/png;base64,{c}">' for c in charts)}
<h2>Notebooks</h2>
<ul>{links}</ul>
<h2>Tables found 表格</h2>
{_table_html(table_map(budget)) if budget.tables else "<p>None.</p>"}
</body></html>
"""
