"""The extract command's outputs, and the cache keyed by file hash."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from analysis import read_budget
from analysis.budget import file_sha256
from analysis.schema import TIDY

from .conftest import SAMPLE_PDF, VARIANTS


def test_extract_writes_tidy_tables_and_a_datapackage(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "extract", str(SAMPLE_PDF), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "26 tables, 648 amounts" in result.stdout
    assert "validation ok" in result.stdout
    tidy = pd.read_csv(out / "tidy.csv", dtype=str, keep_default_na=False)
    assert len(tidy) == 648
    assert tidy.columns.tolist() == TIDY.names  # the declared columns, in order
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    (tidy_resource,) = [r for r in package["resources"] if r["path"] == "tidy.csv"]
    assert tidy_resource["schema"] == TIDY.frictionless()
    assert {f["name"]: f["type"] for f in tidy_resource["schema"]["fields"]}["amount"] == "number"
    paths = {r["path"] for r in package["resources"]}
    assert "tidy.csv" in paths and len([p for p in paths if p.startswith("tables/")]) == 26
    for resource in package["resources"]:
        assert (out / resource["path"]).exists()
        header = pd.read_csv(out / resource["path"], nrows=0).columns.tolist()
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_a_second_read_of_the_same_file_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGET_CACHE_DIR", str(tmp_path / "cache"))
    copy = tmp_path / "copy.pdf"
    shutil.copy(SAMPLE_PDF, copy)
    first = read_budget(copy)
    assert list(tmp_path.joinpath("cache").glob(f"{first.sha256}*"))
    import analysis.budget as budget_module

    monkeypatch.setattr(budget_module, "extract_budget", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    second = read_budget(copy)  # would raise if it extracted again
    assert second.tidy.equals(first.tidy)
    assert second.path == copy


def test_an_identical_file_under_another_name_is_served_under_its_own_name(tmp_path, monkeypatch):
    monkeypatch.setenv("BUDGET_CACHE_DIR", str(tmp_path / "cache"))
    first_path, second_path = tmp_path / "first.pdf", tmp_path / "second.pdf"
    shutil.copy(SAMPLE_PDF, first_path)
    shutil.copy(SAMPLE_PDF, second_path)
    first = read_budget(first_path)
    import analysis.budget as budget_module

    monkeypatch.setattr(budget_module, "extract_budget", lambda *a, **k: (_ for _ in ()).throw(AssertionError))
    second = read_budget(second_path)  # from the cache: the same reading, named for the file given
    assert set(second.tidy.source) == set(second.narrative.source) == {"second.pdf"}
    assert {t.source for t in second.tables} == {"second.pdf"}
    assert second.tidy.drop(columns="source").equals(first.tidy.drop(columns="source"))


@pytest.mark.slow
def test_a_changed_file_is_not_served_from_the_cache(tmp_path, monkeypatch):
    import analysis.budget as budget_module

    doc = tmp_path / "doc.pdf"
    shutil.copy(SAMPLE_PDF, doc)
    first = read_budget(doc)
    shutil.copy(VARIANTS / "wqy_other_department.pdf", doc)  # same path, another document
    second = read_budget(doc)
    assert second.sha256 == file_sha256(doc) != first.sha256
    assert (second.meta["unit_name"], first.meta["unit_name"]) == (
        "成都市教育信息化服务中心",
        "成都市教育技术装备管理中心",
    )
    assert not second.tidy.equals(first.tidy)
    extracted = []
    real = budget_module.extract_budget
    monkeypatch.setattr(budget_module, "extract_budget", lambda *a, **k: extracted.append(a[0]) or real(*a, **k))
    doc.write_bytes(doc.read_bytes() + b"\n% appended comment\n%%EOF\n")  # one more byte is a change too
    third = read_budget(doc)
    assert extracted == [doc] and third.sha256 == file_sha256(doc) != second.sha256
    assert third.tidy.equals(second.tidy)  # the same document read afresh
