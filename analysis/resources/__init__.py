"""Files the package ships: the classification code lists, the notebooks and the bundled sample PDF.

The one place the package reaches them, with :mod:`importlib.resources`, so
they are found wherever the package is installed (a wheel in site-packages, an
editable checkout).  In the repository the entries of this folder are links to
the top-level ``data/reference``, ``notebooks`` and ``data/raw`` files; a
wheel built from it carries copies of those files.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

SAMPLE_NAME = "2023_chengdu_etemc_budget.pdf"

_files = ExitStack()
atexit.register(_files.close)


@cache
def _path(*parts: str) -> Path:
    """A file system path of a packaged resource (extracted once when the package is zipped)."""
    resource = files(__name__).joinpath(*parts)
    if not resource.is_file() and not resource.is_dir():
        raise FileNotFoundError(f"package resource missing: {'/'.join(parts)} (a broken installation?)")
    return _files.enter_context(as_file(resource))


def sample_pdf() -> Path:
    """The bundled sample: the 2023 部门预算 of 成都市教育技术装备管理中心 (a reconstruction)."""
    return _path(SAMPLE_NAME)


def notebooks_dir() -> Path:
    """The folder of the numbered notebooks (``01_extracting_tables.ipynb`` …)."""
    return _path("notebooks")


def reference_csv(name: str) -> Path:
    """A classification list of ``data/reference`` (``function_classes.csv``, ``econ_classes.csv``)."""
    return _path("reference", name)
