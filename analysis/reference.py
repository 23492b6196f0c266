"""Classification code lists (Chinese and English names) from ``data/reference`` (shipped with the package)."""

from __future__ import annotations

from functools import cache

import pandas as pd

from .extract.text import squash
from .resources import reference_csv


@cache
def function_classes() -> pd.DataFrame:
    """支出功能分类 类 codes with Chinese and English names."""
    return pd.read_csv(reference_csv("function_classes.csv"), dtype=str, keep_default_na=False)


@cache
def econ_classes() -> pd.DataFrame:
    """支出经济分类 codes (部门预算 3xx and 政府预算 5xx schemes)."""
    return pd.read_csv(reference_csv("econ_classes.csv"), dtype=str, keep_default_na=False)


def english_function_name(code: str) -> str:
    """English name of the 类 a function code belongs to (``"205…"`` → Education)."""
    table = function_classes().set_index("code")["name_en"]
    return table.get(str(code)[:3], "")


def english_econ_name(code: str) -> str:
    table = econ_classes().set_index("code")["name_en"]
    return table.get(str(code), "")


@cache
def _econ_index() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[str, list[str]]]:
    frame = econ_classes()
    frame = frame[frame["scheme"] == "部门预算支出经济分类"]
    classes = {squash(r.name_zh): r.code for r in frame.itertuples() if len(r.code) == 3}
    items: dict[tuple[str, str], str] = {}
    by_name: dict[str, list[str]] = {}
    for r in frame.itertuples():
        if len(r.code) == 5:
            items[(r.code[:3], squash(r.name_zh))] = r.code
            by_name.setdefault(squash(r.name_zh), []).append(r.code)
    return classes, items, by_name


def econ_code_for_column(path: str) -> str:
    """部门预算支出经济分类 code of a column header path, or ``""``.

    ``工资福利支出/基本工资`` → ``30101``; ``资本性支出（基本建设）/大型修缮`` →
    ``30906``; a leaf name that is unique across classes is enough.
    """
    classes, items, by_name = _econ_index()
    parts = [squash(p) for p in path.split("/") if p]
    if not parts:
        return ""
    leaf = parts[-1]
    parent = next((classes[p] for p in reversed(parts[:-1]) if p in classes), None)
    if parent and (parent, leaf) in items:
        return items[(parent, leaf)]
    if len(parts) == 1 and leaf in classes:
        return classes[leaf]
    candidates = by_name.get(leaf, [])
    if len(candidates) == 1:
        return candidates[0]
    if parent is None and len(parts) >= 1 and leaf in classes:
        return classes[leaf]
    return ""
