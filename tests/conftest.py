"""Shared fixtures: the bundled sample, its variants and the real documents, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import read_budget

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_PDF = ROOT / "data" / "raw" / "2023_chengdu_etemc_budget.pdf"
VARIANTS = FIXTURES / "variants"
REALWORLD = FIXTURES / "realworld"
REALWORLD_PDFS = sorted(REALWORLD.glob("*.pdf"))


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Every test session starts with an empty extraction cache of its own."""
    import os

    os.environ["BUDGET_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def sample():
    return read_budget(SAMPLE_PDF)


def _loader(folder: Path):
    cache = {}

    def load(name: str):
        if name not in cache:
            cache[name] = read_budget(folder / f"{name}.pdf")
        return cache[name]

    return load


@pytest.fixture(scope="session")
def variant():
    return _loader(VARIANTS)


@pytest.fixture(scope="session")
def realworld():
    return _loader(REALWORLD)
