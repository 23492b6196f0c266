"""Extraction results cached on disk by the PDF's SHA-256.

The cache lives in ``$BUDGET_CACHE_DIR`` or ``~/.cache/budget-analysis``; an
entry is the pickled :class:`~analysis.model.Budget`, keyed by the file hash
and the extractor version, so a changed file or a new extractor never reads a
stale entry.  Delete the folder to clear it.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def cache_dir() -> Path:
    root = os.environ.get("BUDGET_CACHE_DIR")
    return Path(root) if root else Path.home() / ".cache" / "budget-analysis"


def _entry(sha: str, version: str, kind: str = "budget") -> Path:
    suffix = "" if kind == "budget" else f".{kind}"
    return cache_dir() / f"{sha}.v{version}{suffix}.pkl"


def load(sha: str, version: str, kind: str = "budget") -> Any | None:
    """The cached value of ``kind`` (``budget``; ``corpus`` for a document's panel rows), or ``None``."""
    path = _entry(sha, version, kind)
    if not path.exists():
        return None
    try:
        with path.open("rb") as fh:
            return pickle.load(fh)
    except Exception:  # a damaged entry is recomputed, never trusted
        return None


def store(sha: str, version: str, value: Any, kind: str = "budget") -> None:
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _entry(sha, version, kind))
    except OSError:
        pass  # a read-only home only costs speed
