"""Shared fixtures: the bundled sample and its variants, read once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import read_budget

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLE_PDF = ROOT / "data" / "raw" / "2023_chengdu_etemc_budget.pdf"
VARIANTS = FIXTURES / "variants"
REALWORLD = FIXTURES / "realworld"


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory):
    """Every test session starts with an empty extraction cache of its own."""
    import os

    os.environ["BUDGET_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def sample():
    return read_budget(SAMPLE_PDF)


@pytest.fixture(scope="session")
def variant():
    cache = {}

    def load(name: str):
        if name not in cache:
            cache[name] = read_budget(VARIANTS / f"{name}.pdf")
        return cache[name]

    return load


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: long end-to-end runs (the whole report); deselect with -m 'not slow'")
