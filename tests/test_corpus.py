"""Many budgets at once: the batch completes, bad files are listed, Dask gives the same panel."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analysis.cli import main
from analysis.corpus import read_corpus, write_corpus

from .conftest import REALWORLD, SAMPLE_PDF, VARIANTS

TIMING = ["seconds", "worker", "peak_rss_mb"]
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


def test_a_rerun_reads_from_the_cache_without_extracting(batch, corpus, monkeypatch):
    import analysis.budget

    def no_extraction(*args, **kwargs):
        raise AssertionError("extraction ran although the file is cached")

    monkeypatch.setattr(analysis.budget, "extract_budget", no_extraction)
    again = read_corpus(batch, workers=1)
    assert len(again.documents) == 11
    pd.testing.assert_frame_equal(again.tidy, corpus.tidy)


def test_the_dask_path_gives_the_same_panel_as_local_workers(batch, corpus):
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            on_dask = read_corpus(batch, scheduler=client)
    assert on_dask.engine == "dask"
    pd.testing.assert_frame_equal(on_dask.documents.drop(columns=TIMING), corpus.documents.drop(columns=TIMING))
    for name in ("tidy", "tables", "indicators", "findings", "failures"):
        pd.testing.assert_frame_equal(getattr(on_dask, name), getattr(corpus, name), check_dtype=False)
