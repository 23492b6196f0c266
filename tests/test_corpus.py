"""Many budgets at once: the batch completes, bad and slow files are listed (and remembered), empty outputs
keep their declared columns, and a Dask cluster gives the same panel as local workers."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.cli import main
from analysis.corpus import read_corpus, read_document, write_corpus
from analysis.schema import CORPUS

from .conftest import REALWORLD, SAMPLE_PDF, VARIANTS

pytestmark = pytest.mark.slow

RUN = ["seconds", "worker", "peak_rss_mb", "from_cache"]
TABLES = ["tidy", "documents", "tables", "indicators", "findings", "figures", "pairs", "execution", "failures"]
#: real documents of three templates in the batch (narrative-only ones among them)
REAL_IN_BATCH = [
    "jiangsu_zhengxie_bangongting_2017_budget",
    "jiangsu_zhengxie_bangongting_2018_budget",
    "jiangsu_zhengxie_bangongting_2019_budget",
    "shanghai_putuo_sifaju_2026_department_budget",
    "shanghai_putuo_sifaju_2026_unit_budget",
    "swu_2023_department_budget",
    "swu_2023_final_accounts",
]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The sample, its variants and the real PDFs, plus one truncated copy of the sample."""
    folder = tmp_path_factory.mktemp("batch")
    for pdf in [SAMPLE_PDF, *VARIANTS.glob("*.pdf"), *(REALWORLD / f"{name}.pdf" for name in REAL_IN_BATCH)]:
        shutil.copy(pdf, folder / pdf.name)
    (folder / "nested").mkdir()
    (folder / "nested" / "truncated.pdf").write_bytes(SAMPLE_PDF.read_bytes()[:30000])
    return folder


@pytest.fixture(scope="module")
def corpus(batch):
    return read_corpus(batch, workers=2)


@pytest.fixture(scope="module")
def cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster


@pytest.fixture(scope="module")
def client(cluster):
    from distributed import Client

    with Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def slow_pdf(tmp_path_factory):
    """A pathological PDF: 40 pages of thousands of separate glyphs over a dense grid (many seconds to lay out)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("slow") / "pathological.pdf"
    c = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(40):
        for i in range(60):
            for j in range(40):
                c.drawString(20 + j * 14, 20 + i * 13, "9")
        for k in range(0, 800, 8):
            c.line(10, k, 580, k)
            c.line(k * 0.7, 10, k * 0.7, 820)
        c.showPage()
    c.save()
    return path


def test_the_batch_completes_and_the_truncated_file_is_listed_with_its_reason(corpus):
    assert len(corpus.documents) == 11
    assert corpus.failures.file_name.tolist() == ["truncated.pdf"]
    assert "damaged or truncated PDF" in corpus.failures.reason.iloc[0]


def test_department_and_year_come_from_the_documents_themselves(corpus):
    docs = corpus.documents.set_index("file_name")
    assert docs.loc["2023_chengdu_etemc_budget.pdf", ["unit_name", "unit_code", "year", "kind"]].tolist() == [
        "成都市教育技术装备管理中心",
        "358643",
        2023,
        "预算",
    ]
    assert docs.loc["wqy_other_department.pdf", "unit_name"] == "成都市教育信息化服务中心"
    assert docs.loc["swu_2023_final_accounts.pdf", ["unit_name", "year", "kind"]].tolist() == ["西南大学", 2023, "决算"]
    assert docs.loc["jiangsu_zhengxie_bangongting_2019_budget.pdf", ["unit_name", "year"]].tolist() == [
        "江苏省政协办公厅",
        2019,
    ]
    assert docs.loc["shanghai_putuo_sifaju_2026_unit_budget.pdf", "year"] == 2026
    tidy = corpus.tidy
    sample_rows = tidy[tidy.file_name == "2023_chengdu_etemc_budget.pdf"]
    assert len(sample_rows) == 648 and set(sample_rows.sha256) == {docs.loc["2023_chengdu_etemc_budget.pdf", "sha256"]}


def test_every_frame_of_the_panel_has_its_declared_columns(corpus):
    for name in TABLES:
        assert getattr(corpus, name).columns.tolist() == CORPUS[name].names, name
    # a 绩效目标表 form's own unit name is kept (the document's keys join on doc_id)
    assert set(corpus.indicators.unit_name) >= {"358643-成都市教育技术装备管理中心"}
    # the one budget and final accounts of one unit and year in the batch
    assert corpus.pairs[["unit_name", "year", "budget_file", "final_file"]].values.tolist() == [
        ["西南大学", 2023, "swu_2023_department_budget.pdf", "swu_2023_final_accounts.pdf"]
    ]
    assert set(corpus.execution.pair_id) == set(corpus.pairs.pair_id)


def test_written_panel_is_partitioned_by_year_and_queryable_with_sql(corpus, tmp_path):
    written = write_corpus(corpus, tmp_path)
    years = sorted(p.name for p in written["tidy"].iterdir())
    assert years == ["year=2023", "year=2026"]
    assert pd.read_csv(written["failures"]).file_name.tolist() == ["truncated.pdf"]
    with duckdb.connect(str(written["duckdb"]), read_only=True) as con:
        total = con.sql(
            "SELECT amount FROM tidy WHERE file_name = '2023_chengdu_etemc_budget.pdf' "
            "AND table_key = 'income_expense_summary' AND \"column\" = '支 出/预算数' "
            "AND row_label LIKE '%本 年 支 出 合 计%'"
        ).fetchall()[0][0]
        assert str(total) == "5671.000000"  # exact DECIMAL, not a float
        errors = con.sql("SELECT sum(audit_errors) FROM documents WHERE unit_name = '成都市教育技术装备管理中心'")
        assert errors.fetchall()[0][0] >= 8
    assert (tmp_path / "datapackage.json").exists() and (tmp_path / "tables" / "indicators.parquet").exists()


def test_the_corpus_command_exits_1_when_a_file_failed(batch, tmp_path, capsys):
    assert main(["corpus", str(batch), "--out", str(tmp_path), "--workers", "2"]) == 1
    assert "FAILED truncated.pdf" in capsys.readouterr().out


def test_a_rerun_reads_every_file_and_every_failure_from_the_cache(batch, corpus):
    again = read_corpus(batch, workers=1)
    assert again.documents.from_cache.all() and not corpus.documents.from_cache.any()
    pd.testing.assert_frame_equal(again.tidy, corpus.tidy)
    pd.testing.assert_frame_equal(again.failures, corpus.failures)
    remembered = read_document(batch / "nested" / "truncated.pdf")
    assert remembered["from_cache"] and remembered["failure"]["reason"] == corpus.failures.reason.iloc[0]


def test_the_dask_path_gives_the_same_panel_as_local_workers(batch, corpus, client):
    on_dask = read_corpus(batch, scheduler=client)
    assert on_dask.engine == "dask"
    pd.testing.assert_frame_equal(on_dask.documents.drop(columns=RUN), corpus.documents.drop(columns=RUN))
    for name in ("tidy", "tables", "indicators", "findings", "figures", "pairs", "execution", "failures"):
        pd.testing.assert_frame_equal(getattr(on_dask, name), getattr(corpus, name), check_dtype=False)


BATCHES = {
    # narrative only: no tables at all, so no amounts, no tables, no indicators
    "narrative_only": (["jiangsu_zhengxie_bangongting_2017_budget", "jiangsu_zhengxie_bangongting_2019_budget"], []),
    # tables but no 项目绩效目标表, and a budget and final accounts of different units: no pair
    "no_performance_targets": (["shanghai_putuo_sifaju_2026_unit_budget", "swu_2023_final_accounts"], []),
    # nothing readable
    "only_failures": ([], ["truncated.pdf"]),
}
EMPTY = {
    "narrative_only": {"tidy", "tables", "indicators", "figures", "pairs", "execution", "failures"},
    "no_performance_targets": {"indicators", "pairs", "execution", "failures"},
    "only_failures": {"tidy", "documents", "tables", "indicators", "findings", "figures", "pairs", "execution"},
}


@pytest.mark.parametrize("engine", ["local", "dask"])
@pytest.mark.parametrize("kind", list(BATCHES))
def test_outputs_keep_their_declared_columns_when_a_batch_lacks_a_kind_of_table(kind, engine, request, tmp_path):
    names, broken = BATCHES[kind]
    folder = tmp_path / "pdfs"
    folder.mkdir()
    for name in names:
        shutil.copy(REALWORLD / f"{name}.pdf", folder)
    for name in broken:
        (folder / name).write_bytes(SAMPLE_PDF.read_bytes()[:30000])
    out = tmp_path / "out"
    scheduler = ["--scheduler", request.getfixturevalue("cluster").scheduler_address] if engine == "dask" else []
    assert main(["corpus", str(folder), "--out", str(out), *scheduler]) == (1 if broken else 0)
    with duckdb.connect(str(out / "corpus.duckdb"), read_only=True) as con:
        for name in TABLES:
            schema = CORPUS[name]
            columns = con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [name],
            ).fetchall()
            assert [c[0] for c in columns] == schema.names, name
            if name == "tidy":
                types = dict(columns)
                assert types["amount"] == "DECIMAL(24,6)" and types["page"] == "BIGINT" and types["year"] == "BIGINT"
            rows = con.execute(f'SELECT count(*) FROM "{name}"').fetchall()[0][0]
            assert (rows == 0) == (name in EMPTY[kind]), (name, rows)
        # the Parquet files read back with their columns, also when empty (DuckDB reads the tidy folder)
        tidy = con.execute(
            "SELECT count(*) FROM read_parquet(?, hive_partitioning = true)",
            [str(out / "tidy.parquet" / "**" / "*.parquet")],
        ).fetchall()[0][0]
        assert (tidy == 0) == ("tidy" in EMPTY[kind])
    for name in ("documents", "tables", "indicators", "findings", "figures", "pairs", "execution"):
        assert pq.read_schema(out / "tables" / f"{name}.parquet").names == CORPUS[name].names, name
    assert pd.read_csv(out / "failures.csv").columns.tolist() == CORPUS["failures"].names


def _slow_batch(folder, slow_pdf, run: str):
    """The sample (read before: from the cache) and a copy of the slow PDF of its own (its own SHA-256)."""
    folder.mkdir()
    (folder / "pathological.pdf").write_bytes(slow_pdf.read_bytes() + f"\n% {run}\n".encode())
    shutil.copy(SAMPLE_PDF, folder)
    return folder


def test_a_document_that_takes_too_long_is_stopped_and_the_batch_goes_on(slow_pdf, client, tmp_path, capsys):
    reason = "pathological.pdf: stopped after 3 s (the time limit per document)"
    read_document(SAMPLE_PDF)  # the sample read once before (cached), whatever ran before this test
    for run in ("local", "dask"):
        folder = _slow_batch(tmp_path / run, slow_pdf, run)
        scheduler = client if run == "dask" else None
        corpus = read_corpus(folder, workers=2, scheduler=scheduler, timeout=3)
        assert corpus.documents.file_name.tolist() == ["2023_chengdu_etemc_budget.pdf"], run
        assert corpus.failures.file_name.tolist() == ["pathological.pdf"] and corpus.failures.reason.iloc[0] == reason
    folder = _slow_batch(tmp_path / "cli", slow_pdf, "cli")
    assert main(["corpus", str(folder), "--out", str(tmp_path / "out"), "--timeout", "3"]) == 1
    assert f"FAILED {reason}" in capsys.readouterr().out
    assert pd.read_csv(tmp_path / "out" / "failures.csv").reason.tolist() == [reason]


def test_a_file_stopped_by_the_time_limit_is_remembered_until_a_longer_limit_is_given(slow_pdf):
    first = read_document(slow_pdf, timeout=1)
    assert "stopped after 1 s" in first["failure"]["reason"] and not first.get("from_cache")
    again = read_document(slow_pdf, timeout=1)
    assert again["from_cache"] and again["failure"]["reason"] == first["failure"]["reason"]
    longer = read_document(slow_pdf, timeout=2)
    assert not longer.get("from_cache") and "stopped after 2 s" in longer["failure"]["reason"]
