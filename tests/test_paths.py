"""Every public function that takes a path takes a ``str`` or any ``os.PathLike`` as well as a ``Path``."""

from __future__ import annotations

import os
import shutil

import pytest

from analysis import read_budget
from analysis.budget import file_sha256
from analysis.corpus import find_pdfs, read_corpus, read_document, write_corpus
from analysis.extract.reader import check_pdf_file
from analysis.output import write_budget
from analysis.trend import read_budgets

from .conftest import SAMPLE_PDF


class PlainPathLike:
    """An ``os.PathLike`` that is not a ``pathlib.Path``."""

    def __init__(self, path) -> None:
        self._path = os.fspath(path)

    def __fspath__(self) -> str:
        return self._path


KINDS = {"str": str, "pathlike": PlainPathLike}


@pytest.mark.parametrize("kind", list(KINDS))
def test_reading_a_budget(kind, sample):
    path = KINDS[kind](SAMPLE_PDF)
    check_pdf_file(path)
    assert file_sha256(path) == sample.sha256
    budget = read_budget(path)
    assert budget.sha256 == sample.sha256 and budget.path == SAMPLE_PDF
    assert [b.sha256 for b in read_budgets([path])] == [sample.sha256]


@pytest.mark.parametrize("kind", list(KINDS))
def test_writing_a_budget(kind, sample, tmp_path):
    written = write_budget(sample, KINDS[kind](tmp_path / "out"))
    assert written["tidy"] == tmp_path / "out" / "tidy.csv" and written["tidy"].exists()


@pytest.mark.parametrize("kind", list(KINDS))
def test_a_corpus_from_a_folder_and_to_a_folder(kind, sample, tmp_path):
    folder = tmp_path / "pdfs"
    folder.mkdir()
    shutil.copy(SAMPLE_PDF, folder)
    assert find_pdfs(KINDS[kind](folder)) == [folder / SAMPLE_PDF.name]
    assert find_pdfs(p for p in [KINDS[kind](SAMPLE_PDF)]) == [SAMPLE_PDF]  # any iterable of paths
    assert read_document(KINDS[kind](folder / SAMPLE_PDF.name))["document"]["sha256"] == sample.sha256
    corpus = read_corpus(KINDS[kind](folder), workers=1)
    written = write_corpus(corpus, KINDS[kind](tmp_path / "out"))
    assert written["duckdb"].exists() and len(corpus.documents) == 1


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_report_takes_its_pdf_and_folder_as_any_path(kind, sample, tmp_path, monkeypatch):
    import analysis.report as report

    ran = []
    monkeypatch.setattr(report, "notebook_paths", lambda: [])  # the notebooks themselves run in test_notebooks
    monkeypatch.setattr(report, "run_notebook", lambda *args, **kwargs: ran.append(args))
    index = report.build_report(KINDS[kind](SAMPLE_PDF), KINDS[kind](tmp_path / "report"))
    assert index == tmp_path / "report" / "index.html" and index.exists()
    assert (tmp_path / "report" / "tables" / "03_expense_summary.html").exists()
