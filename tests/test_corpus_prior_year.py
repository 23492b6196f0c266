"""In a corpus, each document is audited against its own previous year: last year's document of the same unit
and kind in the batch recomputes the rates the narrative states against last year's figures (``prior_file``)."""

from __future__ import annotations

import shutil

import duckdb
import pandas as pd
import pytest

from analysis.corpus import assemble, audit_against_prior, prior_documents, read_corpus, read_document, write_corpus
from analysis.corpus.prior import with_prior
from analysis.schema import CORPUS

from .test_audit_prior_year import NARRATIVE_2023, ROWS_2022, ROWS_2023, _document

#: the right rate only (小学教育 7,939.09 → 7,970.38: 0.39%)
RIGHT_2023 = NARRATIVE_2023[:2]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus_prior_year")
    return {
        "2022": _document(folder, "final_2022", 2022, ROWS_2022),
        "2023": _document(folder, "final_2023", 2023, ROWS_2023, NARRATIVE_2023),
        "2023_right": _document(folder, "final_2023_right", 2023, ROWS_2023, RIGHT_2023),
        "2021": _document(folder, "final_2021", 2021, ROWS_2022),
        "other_2022": _document(folder, "other_unit_2022", 2022, ROWS_2022, unit="东北某学院"),
        "budget_2022": _document(folder, "budget_2022", 2022, ROWS_2022, kind="预算"),
    }


def _corpus(files, *names, **options):
    return read_corpus([files[n] for n in names], workers=1, timeout=None, **options)


def _rates(corpus, file_name: str) -> pd.DataFrame:
    findings = corpus.findings
    return findings[(findings.file_name == file_name) & (findings.rule == "N02")]


def _prior_of(corpus, file_name: str) -> str:
    return corpus.documents.set_index("file_name").loc[file_name, "prior_file"]


def test_a_rate_against_last_years_figure_is_recomputed_from_last_years_document_in_the_corpus(files):
    corpus = _corpus(files, "2022", "2023_right")
    assert _prior_of(corpus, "final_2023_right.pdf") == "final_2022.pdf"
    assert _prior_of(corpus, "final_2022.pdf") == ""  # the first year of the series has none
    # the rate passed: it is no longer among the findings (failed or not run)
    assert _rates(corpus, "final_2023_right.pdf").empty
    own = corpus.findings[corpus.findings.file_name == "final_2023_right.pdf"]
    assert (
        not own.empty
        and set(own.prior_file) == {"final_2022.pdf"}
        and set(own.prior_doc_id) == {corpus.documents.set_index("file_name").loc["final_2022.pdf", "doc_id"]}
    )
    assert set(corpus.findings[corpus.findings.file_name == "final_2022.pdf"].prior_file) == {""}
    alone = _corpus(files, "2023_right")
    assert _rates(alone, "final_2023_right.pdf").status.tolist() == ["not_run"]
    docs, docs_alone = (c.documents.set_index("file_name").loc["final_2023_right.pdf"] for c in (corpus, alone))
    assert docs.audit_rules_not_run < docs_alone.audit_rules_not_run  # N02 ran


def test_a_wrong_rate_fails_and_names_last_years_file(files, tmp_path):
    corpus = _corpus(files, "2023", "2022")  # the order of the files does not matter
    rates = _rates(corpus, "final_2023.pdf")
    assert rates.status.tolist() == ["failed"]  # 0.39% passed, 20.00% is wrong
    assert rates.expected.tolist() == ["25.00%"] and rates.actual.tolist() == ["20.00%"]
    assert "上年数：2022年决算（final_2022.pdf p.2）" in rates.message.iloc[0]
    assert rates.prior_file.tolist() == ["final_2022.pdf"]
    # the documents table counts the paired audit's findings: the wrong rate is an error there
    assert corpus.documents.set_index("file_name").loc["final_2023.pdf", "audit_errors"] >= 1
    # written: the findings table says which document the audit was run with
    written = write_corpus(corpus, tmp_path)
    with duckdb.connect(str(written["duckdb"]), read_only=True) as con:
        rows = con.execute(
            "SELECT prior_file, expected FROM findings WHERE file_name = 'final_2023.pdf' AND rule = 'N02'"
        ).fetchall()
        assert rows == [("final_2022.pdf", "25.00%")]
        columns = [c[0] for c in con.execute("DESCRIBE findings").fetchall()]
        assert columns == CORPUS["findings"].names
    assert CORPUS["findings"].field("prior_file").type == "string"


def test_with_only_this_years_document_the_rates_are_not_run(files):
    corpus = _corpus(files, "2023")
    rates = _rates(corpus, "final_2023.pdf")
    assert rates.status.tolist() == ["not_run", "not_run"]
    assert set(rates.prior_file) == {""} and _prior_of(corpus, "final_2023.pdf") == ""


@pytest.mark.parametrize(
    ("names", "why"),
    [
        (("other_2022", "2023"), "another unit's document of the year before"),
        (("budget_2022", "2023"), "a budget of the year before, not final accounts"),
        (("2021", "2023"), "a gap year"),
        (("2022", "2023", "2023_right"), "two final accounts of the unit in 2023"),
    ],
)
def test_no_pairing_without_exactly_one_document_of_the_same_unit_and_kind_of_the_year_before(files, names, why):
    corpus = _corpus(files, *names)
    for name in ("final_2023.pdf", "final_2023_right.pdf"):
        if name in set(corpus.documents.file_name):
            assert _prior_of(corpus, name) == "", (why, name)
            assert set(_rates(corpus, name).status) == {"not_run"}, (why, name)
    assert set(corpus.findings.prior_file) == {""}, why
    assert "corpus_prior" not in set(corpus.findings.rule), why  # not even tried (and refused by the audit)


def test_copies_of_a_document_are_each_audited_against_last_years(files, tmp_path):
    copy = tmp_path / "final_2023_copy.pdf"
    shutil.copy(files["2023"], copy)
    corpus = read_corpus([files["2022"], files["2023"], copy], workers=1, timeout=None)
    for name in ("final_2023.pdf", "final_2023_copy.pdf"):
        assert _prior_of(corpus, name) == "final_2022.pdf"
        assert _rates(corpus, name).status.tolist() == ["failed"]


def test_the_documents_own_cache_entry_keeps_its_own_audit_and_a_rerun_reads_the_pair_from_the_cache(files):
    first = _corpus(files, "2022", "2023")
    alone = read_document(files["2023"])  # the document's own entry: read alone, its rates are not run
    assert alone["document"]["from_cache"]
    own = alone["findings"]
    assert own[own.rule == "N02"].status.tolist() == ["not_run", "not_run"]
    assert "prior_file" not in own.columns and "prior_file" not in alone["document"]
    again = _corpus(files, "2022", "2023")
    assert again.documents.from_cache.all()
    assert audit_against_prior(files["2023"], files["2022"]).get("from_cache")  # remembered apart
    pd.testing.assert_frame_equal(again.findings, first.findings)
    assert _corpus(files, "2023").findings.prior_file.eq("").all()


def test_reading_processes_with_a_time_limit_give_the_same_findings(files):
    in_process = _corpus(files, "2022", "2023", use_cache=False)
    with_limit = read_corpus([files["2022"], files["2023"]], workers=2, timeout=120, use_cache=False)
    assert not with_limit.documents.from_cache.any()
    pd.testing.assert_frame_equal(with_limit.findings, in_process.findings)
    assert _rates(with_limit, "final_2023.pdf").status.tolist() == ["failed"]


def test_an_audit_against_last_year_that_could_not_run_keeps_the_documents_own_findings_and_says_why(files):
    result = read_document(files["2023"], timeout=None)
    prior = {"prior_doc_id": "c3ef970bcb74", "prior_file": "final_2022.pdf"}
    kept = with_prior(result, prior, {"error": "stopped after 5 s (the time limit per document)"})
    assert kept["document"] == result["document"]
    findings = kept["findings"]
    assert findings[findings.rule == "N02"].status.tolist() == ["not_run", "not_run"]
    note = findings[findings.rule == "corpus_prior"]
    assert note.status.tolist() == ["not_run"] and "final_2022.pdf" in note.message.iloc[0]
    assert "stopped after 5 s" in note.message.iloc[0]
    corpus = assemble([result], prior_audits={result["document"]["sha256"]: (prior, {"error": "x"})})
    assert set(corpus.findings.prior_file) == {""} and corpus.documents.prior_file.tolist() == [""]


def test_prior_documents_pairs_the_same_unit_kind_and_level_of_the_year_before_only():
    def doc(doc_id, unit, year, kind="决算", title_level="部门", code=""):
        return {
            "doc_id": doc_id,
            "sha256": doc_id * 4,
            "file_name": f"{doc_id}.pdf",
            "path": f"/x/{doc_id}.pdf",
            "title": f"{unit}{year}年度{title_level}{kind}",
            "unit_name": unit,
            "unit_code": code,
            "year": year,
            "kind": kind,
        }

    documents = pd.DataFrame(
        [
            doc("a22", "西南某大学", 2022),
            doc("a23", "西南某大学", 2023),
            doc("b22", "东北某学院", 2022),
            doc("c23", "东北某学院", 2023, kind="预算"),  # no 预算 of 2022
            doc("d22", "江苏省人民代表大会常务委员会办公厅", 2022),
            doc("d23", "江苏省人大常委会办公厅", 2023),  # the same unit, named shorter
            doc("e22", "某某局", 2022, title_level="单位"),
            doc("e23", "某某局", 2023),  # 部门 against 单位: another document
            doc("f22", "某某中心", 2022, code="101"),
            doc("f23", "某某中心", 2023, code="102"),  # unit codes differ
            doc("g23", "无年份", None),
            doc("h22", "某某办公厅", 2022),
            doc("h23", "某某办公厅", 2023, title_level=""),  # a title without its level cannot contradict it
        ]
    )
    priors = prior_documents(documents)
    assert dict(zip(priors.file_name, priors.prior_file, strict=True)) == {
        "a23.pdf": "a22.pdf",
        "d23.pdf": "d22.pdf",
        "h23.pdf": "h22.pdf",
    }
    assert prior_documents(documents.iloc[0:0]).empty


@pytest.mark.slow
def test_on_a_dask_cluster_the_documents_are_audited_against_last_years_as_on_local_workers(files):
    from distributed import Client, LocalCluster

    local = _corpus(files, "2022", "2023", "other_2022", use_cache=False)
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        on_dask = read_corpus([files[n] for n in ("2022", "2023", "other_2022")], scheduler=client, use_cache=False)
    assert on_dask.engine == "dask" and _prior_of(on_dask, "final_2023.pdf") == "final_2022.pdf"
    pd.testing.assert_frame_equal(on_dask.findings, local.findings)
