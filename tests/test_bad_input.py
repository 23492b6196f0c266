"""Unusable input: one clear line naming the file, exit status 2, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from analysis import read_budget
from analysis.errors import (
    CorruptPdfError,
    EncryptedPdfError,
    NotABudgetError,
    NotAPdfError,
    NoTextLayerError,
)

from .conftest import REALWORLD, SAMPLE_PDF


def _run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True, text=True, check=False)


def _pdf_with(tmp_path: Path, name: str, draw) -> Path:
    """A small PDF written with matplotlib (no extra dependency)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(8.27, 11.69))
    draw(fig)
    path = tmp_path / name
    fig.savefig(path, format="pdf")
    plt.close(fig)
    return path


@pytest.fixture
def not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("这不是PDF文件", encoding="utf-8")
    return path


@pytest.fixture
def truncated_pdf(tmp_path):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(SAMPLE_PDF.read_bytes()[:20000])
    return path


@pytest.fixture
def encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(REALWORLD / "shanghai_putuo_sifaju_2026_unit_budget.pdf")).pages[:2]:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "encrypted.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    return path


@pytest.fixture
def scanned_pdf(tmp_path):
    import numpy as np

    def draw(fig):
        ax = fig.add_axes((0, 0, 1, 1))
        ax.imshow(np.random.default_rng(0).random((60, 40)), cmap="gray")
        ax.axis("off")

    return _pdf_with(tmp_path, "scan.pdf", draw)


@pytest.fixture
def unrelated_pdf(tmp_path):
    def draw(fig):
        fig.text(0.1, 0.8, "Quarterly weather report: mostly sunny with light winds.", fontsize=12)

    return _pdf_with(tmp_path, "weather.pdf", draw)


@pytest.mark.parametrize(
    "fixture, error, words",
    [
        ("not_a_pdf", NotAPdfError, "not a PDF"),
        ("truncated_pdf", CorruptPdfError, "damaged or truncated"),
        ("encrypted_pdf", EncryptedPdfError, "encrypted"),
        ("scanned_pdf", NoTextLayerError, "no text layer"),
        ("unrelated_pdf", NotABudgetError, "not a 预算/决算 document"),
    ],
)
def test_bad_input_raises_a_named_error_and_the_cli_exits_2(request, tmp_path, fixture, error, words):
    path = request.getfixturevalue(fixture)
    with pytest.raises(error) as info:
        read_budget(path, use_cache=False)
    assert path.name in str(info.value) and words in str(info.value)
    result = _run_cli("extract", str(path), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and path.name in lines[0]


def test_missing_file_is_a_clear_error(tmp_path):
    result = _run_cli("extract", str(tmp_path / "nowhere.pdf"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "file not found" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.slow
def test_narrative_only_document_is_not_an_error(tmp_path):
    pdf = REALWORLD / "jiangsu_zhengxie_bangongting_2018_budget.pdf"
    result = _run_cli("extract", str(pdf), "--out", str(tmp_path / "out"))
    assert result.returncode == 0
    assert "no tables printed in this file: the 目录 lists 12 tables that this file does not print" in result.stdout
    budget = read_budget(pdf)
    assert budget.tidy.empty and not budget.narrative.empty
    assert budget.narrative.text.str.contains("部门预算").any()


def _putuo_pages(path: Path, *, restricted: bool) -> Path:
    """Pages 8–9 of the Putuo budget (收支总表, 收入总表), plain or with copying forbidden."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(str(REALWORLD / "shanghai_putuo_sifaju_2026_unit_budget.pdf")).pages[7:9]:
        writer.add_page(page)
    if restricted:
        # opens without a password; its permissions allow printing only (no copying, no extraction)
        writer.encrypt(user_password="", owner_password="owner", permissions_flag=0b0100, algorithm="AES-128")
    with path.open("wb") as fh:
        writer.write(fh)
    return path


def test_a_pdf_that_only_forbids_copying_is_read_as_the_plain_one(tmp_path):
    from pypdf import PdfReader

    restricted = _putuo_pages(tmp_path / "restricted.pdf", restricted=True)
    assert PdfReader(str(restricted)).is_encrypted
    plain = read_budget(_putuo_pages(tmp_path / "plain.pdf", restricted=False), use_cache=False)
    read = read_budget(restricted, use_cache=False)
    assert len(plain.tidy) > 50
    columns = ["table_key", "page", "row_label", "amount"]
    assert read.tidy[columns].equals(plain.tidy[columns])
    result = _run_cli("extract", str(restricted), "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 0 and "Traceback" not in result.stderr
