"""The one-command report: run the notebooks on a PDF and write an HTML report.

``python -m analysis report [PDF] --out DIR`` copies the notebooks shipped with
the package into ``DIR/notebooks/``, executes them there with papermill
(parameter ``pdf``; default: the bundled sample), renders each to HTML with
nbconvert (``--hide-code`` leaves the code out, for readers who do not code)
and writes ``DIR/index.html``: the document's header line, its key figures and
the audit's errors and warnings — each linked to the table (``DIR/tables/``)
or narrative page (``DIR/narrative.html``) it comes from — two charts, links to
the rendered notebooks, and the tables found.  With ``--final FINAL.pdf`` (the
final accounts of the same unit and year) the front page also compares the two
and notebooks ``08_budget_vs_final_accounts`` and
``09_reading_budget_against_final_accounts`` (the lesson) run on the pair.  It
runs from any working directory.
"""

from __future__ import annotations

import base64
import functools
import html
import io
import os
import shutil
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .budget import read_budget
from .display import Link, html_table
from .model import Budget, Table
from .resources import notebooks_dir, sample_pdf

#: the notebook comparing a budget with its final accounts (parameters ``budget_pdf``, ``final_pdf``)
PAIR_NOTEBOOK = "08_budget_vs_final_accounts.ipynb"
#: every notebook run on a budget and its final accounts: the comparison, and the lesson reading them together
PAIR_NOTEBOOKS = (PAIR_NOTEBOOK, "09_reading_budget_against_final_accounts.ipynb")


def notebook_paths(per_document: bool = True) -> list[Path]:
    """The numbered notebooks shipped with the package, in order: those on one document (parameter ``pdf``), or all."""
    paths = sorted(notebooks_dir().glob("[0-9][0-9]_*.ipynb"))
    return [p for p in paths if not per_document or _takes_pdf(p)]


def _takes_pdf(path: Path) -> bool:
    import nbformat

    cells = nbformat.read(path, as_version=4).cells
    parameters = [c for c in cells if "parameters" in c.metadata.get("tags", [])]
    return any(line.startswith("pdf =") for c in parameters for line in c.source.splitlines())


def kernel_options() -> dict:
    """papermill/nbclient options for a quiet kernel: transport encryption when available, no kernel log lines.

    The kernel's own log (``Kernel is running over TCP without encryption``,
    ``KeyboardInterrupt caught in kernel`` at shutdown) and its stderr (a zmq
    traceback printed while a loaded machine shuts it down) are not the report's
    business; errors in the notebooks still reach the report as exceptions, and a
    kernel that dies as papermill's ``DeadKernelError``.
    """
    import zmq
    from traitlets.config import Config

    config = Config()
    if zmq.has("curve"):
        config.KernelManager.transport_encryption = "auto"
    return {
        "config": config,
        "extra_arguments": ["--IPKernelApp.log_level=CRITICAL"],
        "kernel_manager_class": _quiet_kernel_manager(),
    }


@functools.cache
def _quiet_kernel_manager() -> type:
    """nbclient's kernel manager, starting the kernel with its stderr discarded."""
    import subprocess

    from jupyter_client.manager import AsyncKernelManager

    class QuietKernelManager(AsyncKernelManager):
        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw["stderr"] = subprocess.DEVNULL
            return await super()._async_launch_kernel(kernel_cmd, **kw)

    return QuietKernelManager


def run_notebook(
    notebook: str | os.PathLike,
    pdf: str | os.PathLike | list,
    out_dir: str | os.PathLike,
    hide_code: bool = False,
    parameters: dict | None = None,
) -> Path:
    """Copy ``notebook`` into ``out_dir/notebooks/``, execute it there on ``pdf`` (or with ``parameters``)
    and render ``out_dir/NAME.html``."""
    import nbformat
    import papermill
    from nbconvert import HTMLExporter

    notebook, out_dir = Path(notebook), Path(out_dir).resolve()
    executed = out_dir / "notebooks" / notebook.name
    executed.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(notebook, executed)
    papermill.execute_notebook(
        str(executed),
        str(executed),
        parameters=parameters or {"pdf": _pdf_parameter(pdf)},
        progress_bar=False,
        kernel_name="python3",
        # the kernel starts in the copy's folder; papermill's own ``cwd`` would change this whole
        # process's working directory while other notebooks run in threads beside it
        resources={"metadata": {"path": str(executed.parent)}},
        **kernel_options(),
    )
    exporter = HTMLExporter(exclude_input=hide_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(executed, as_version=4))
    page = out_dir / f"{notebook.stem}.html"
    page.write_text(body, encoding="utf-8")
    return page


def _pdf_parameter(pdf) -> str | list[str]:
    """The notebooks' ``pdf`` parameter: a path, or the list of the files of one budget published apart."""
    if isinstance(pdf, (list, tuple)):
        return [str(Path(p).resolve()) for p in pdf] if len(pdf) > 1 else str(Path(pdf[0]).resolve())
    return str(Path(pdf).resolve())


def build_report(
    pdf: str | os.PathLike | list | None = None,
    out_dir: str | os.PathLike = "report",
    hide_code: bool = False,
    workers: int = 2,
    progress: Callable[[str], None] | None = None,
    final: str | os.PathLike | None = None,
) -> Path:
    """Run every notebook on ``pdf`` (default: the bundled sample) and write ``out_dir/index.html``.

    ``pdf`` may be the list of files of one budget published apart (narrative, tables): they are read
    as one document.

    ``final``: the final accounts (决算) of the same unit and year; the report then compares the two
    (notebooks 08 and 09).  Documents of another unit or year raise ``DocumentsDoNotMatchError``.
    """
    files = [Path(p).resolve() for p in pdf] if isinstance(pdf, (list, tuple)) and pdf else None
    pdf = files if files and len(files) > 1 else (files[0] if files else Path(pdf or sample_pdf()).resolve())
    out_dir = Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda message: None)
    started = time.perf_counter()
    budget = read_budget(pdf)  # fills the cache once: every notebook then reads it instantly
    names = " + ".join(p.name for p in budget.sources)
    say(f"read {names}: {len(budget.tables)} tables ({time.perf_counter() - started:.1f} s)")
    notebooks = notebook_paths()
    jobs = {nb: None for nb in notebooks}
    execution = None
    if final is not None:
        from .budget_execution import compare

        final = Path(final).resolve()
        execution = compare(budget, final)
        for name in PAIR_NOTEBOOKS:
            jobs[notebooks_dir() / name] = {"budget_pdf": _pdf_parameter(pdf), "final_pdf": str(final)}
    pages: dict[str, Path] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(run_notebook, nb, pdf, out_dir, hide_code, params): nb for nb, params in jobs.items()}
        for done, future in enumerate(futures, 1):
            nb = futures[future]
            pages[nb.stem] = future.result()
            say(f"[{done}/{len(jobs)}] {nb.stem} ({time.perf_counter() - started:.1f} s)")
    write_table_pages(budget, out_dir)
    index = out_dir / "index.html"
    index.write_text(index_html(budget, pages, out_dir, execution), encoding="utf-8")
    say(f"wrote {index} ({time.perf_counter() - started:.1f} s)")
    return index


TITLES = {
    "01_extracting_tables": "Extracting the tables 表格提取",
    "02_expenditure_composition": "Expenditure composition 支出结构",
    "03_trends": "Trends 变动趋势",
    "04_consistency_audit": "Consistency audit 一致性审核",
    "05_performance_targets": "Performance targets 绩效目标",
    "06_reading_a_budget": "How to read a budget 如何阅读部门预算",
    "08_budget_vs_final_accounts": "Budget against final accounts 预算与决算",
    "09_reading_budget_against_final_accounts": "Reading a budget against its final accounts 预算与决算对照阅读",
}
STYLE = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",sans-serif;
max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
p.header{font-size:1.15em;margin:.2em 0}
table.data{border-collapse:collapse;font-size:.9em}
table.data td,table.data th{padding:3px 8px;border-bottom:1px solid #eee;vertical-align:top}
table.data tr:has(> :target) > *{background:#fff3b0}
.error{color:#b00020} .warning{color:#a86400} .muted{color:#666} img{max-width:100%}
"""


def _page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(title)}</title><style>{STYLE}</style></head>
<body>
{body}
</body></html>
"""


def _figure_png(fig) -> str:
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode()


def header_line(budget: Budget) -> str:
    """``成都市教育技术装备管理中心 · 2023 · 预算 · 单位代码 358643`` (what the document prints)."""
    meta = budget.meta
    parts = [meta.get("unit_name"), meta.get("year"), meta.get("kind")]
    if meta.get("unit_code"):
        parts.append(f"单位代码 {meta['unit_code']}")
    return " · ".join(str(p) for p in parts if p)


def table_file(budget: Budget, table: Table) -> str:
    """The report's page of ``table``, relative to the report folder."""
    from .output import table_slug

    number = next(i for i, t in enumerate(budget.tables, start=1) if t is table)
    return f"tables/{table_slug(number, table)}.html"


def row_anchor(row: int | None) -> str:
    """The anchor of a body row on a table's page (of the table itself when no row is named)."""
    return f"#T_table_level0_row{row}" if row is not None else "#T_table"


def write_table_pages(budget: Budget, out_dir: Path) -> None:
    """One page per table (every row numbered as readers count them), and the narrative by page."""
    from .display import show

    (out_dir / "tables").mkdir(parents=True, exist_ok=True)
    for table in budget.tables:
        styler = show(table, row_numbers=True)
        styler.set_uuid("table")
        pages = f"{table.pages[0]}–{table.pages[-1]}" if len(table.pages) > 1 else str(table.pages[0])
        body = (
            f'<p><a href="../index.html">← {html.escape(budget.meta.get("title") or budget.path.name)}</a></p>'
            f"<h1>{html.escape(table.name)}</h1>"
            f'<p class="muted">{html.escape(table.name_en)} · p.{pages} · {html.escape(table.unit)} · '
            f"validation: {html.escape(table.validation.summary())}</p>"
            + styler.to_html(table_attributes='class="data"')
        )
        (out_dir / table_file(budget, table)).write_text(_page(table.name, body), encoding="utf-8")
    paragraphs = []
    for page, group in budget.narrative.groupby("page", sort=True) if not budget.narrative.empty else []:
        paragraphs.append(f'<h2 id="p{int(page)}">p.{int(page)}</h2>')
        paragraphs += [f"<p>{html.escape(str(text))}</p>" for text in group.text]
    body = f'<p><a href="index.html">← back</a></p><h1>Narrative 文字部分</h1>{"".join(paragraphs)}'
    (out_dir / "narrative.html").write_text(_page("narrative", body), encoding="utf-8")


def location_link(budget: Budget, location: str, readable_text: str, page=None) -> Link | str:
    """A location linked to its table's row (or to the narrative page it names)."""
    from .locations import target

    found = target(location, budget, page)
    if found is not None:
        return Link(readable_text, table_file(budget, found.table) + row_anchor(found.row))
    if readable_text.startswith("p.") and page is not None and page == page:
        return Link(readable_text, f"narrative.html#p{int(page)}")
    return readable_text


def _execution_html(execution) -> str:
    if execution is None:
        return ""
    from .budget_execution.text import html_section

    return f"<h2>Budget against final accounts 预算与决算（万元）</h2>\n{html_section(execution)}"


def index_html(budget: Budget, pages: dict[str, Path], out_dir: Path, execution=None) -> str:
    """The report's front page (with the comparison with the final accounts when ``execution`` is given)."""
    from . import plots, structure
    from .audit import run_audit
    from .explore import table_map
    from .locations import readable

    report = run_audit(budget)
    findings = report.findings
    failed = findings[findings.status == "failed"]
    counts = failed.severity.value_counts().to_dict()
    summary = report.summary()
    key = structure.key_figures(budget)
    key = key.assign(location=[location_link(budget, loc, loc) for loc in key.location]).drop(columns="table")
    shown = failed[failed.severity.isin(["error", "warning"])]
    shown = shown.assign(
        location=[
            location_link(budget, loc, readable(loc, budget), page)
            for loc, page in zip(shown.location, shown.page, strict=True)
        ]
    )[["severity", "rule", "rule_name_en", "message", "expected", "actual", "location"]]
    charts = [_figure_png(plots.treemap(budget, level="项")), _figure_png(plots.basic_project_bars(budget))]
    tables = table_map(budget)
    tables = tables.assign(title=[Link(t.title, table_file(budget, t)) for t in budget.tables])
    links = "".join(
        f'<li><a href="{html.escape(p.relative_to(out_dir).as_posix())}">{html.escape(TITLES.get(name, name))}</a></li>'
        for name, p in pages.items()
    )
    title = budget.meta.get("title") or budget.path.name
    meta = budget.meta
    files = " + ".join(p.name for p in budget.sources) or budget.path.name
    body = f"""<h1>{html.escape(title)}</h1>
<p class="header">{html.escape(header_line(budget))}</p>
<p class="muted">{html.escape(files)} · SHA-256 {budget.sha256[:16]}… · {meta.get("pages")} pages ·
{len(budget.tables)} tables · {len(budget.tidy):,} amounts · {len(budget.indicators)} performance indicators ·
<a href="narrative.html">narrative</a></p>
<h2>Key figures 主要数据（万元）</h2>
{html_table(key, "key") if not key.empty else "<p>No tables in this document (narrative only).</p>"}
<h2>Audit 一致性审核</h2>
<p><span class="error">{counts.get("error", 0)} errors</span> ·
<span class="warning">{counts.get("warning", 0)} warnings</span> · {counts.get("info", 0)} notes ·
{int(summary.ran.sum())} identities tested, {int(summary.passed.sum())} hold.</p>
{html_table(shown, "findings") if not shown.empty else "<p>No errors or warnings found.</p>"}
{_execution_html(execution)}
<h2>Charts 图表</h2>
{"".join(f'<img alt="chart" src="data:image/png;base64,{c}">' for c in charts)}
<h2>Notebooks</h2>
<ul>{links}</ul>
<h2>Tables found 表格</h2>
{html_table(tables, "tables") if budget.tables else "<p>None.</p>"}
"""
    return _page(title, body)
