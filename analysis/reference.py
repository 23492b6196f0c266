"""Classification code lists (Chinese and English names) from ``data/reference`` (shipped with the package)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from .resources import reference_csv
from .text import ENUMERATOR_RE, squash


@cache
def function_classes() -> pd.DataFrame:
    """支出功能分类 类 codes with Chinese and English names (款 and 项: :func:`function_codes`)."""
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


# -- the classifications by name: 类, 款 and 项 (and their names of other years) ------------------------

#: the 项 of a 款 that follows the classification's regular pattern (``items`` = ``regular`` in
#: ``function_codes.csv``): 01 行政运行, 02 一般行政管理事务, 03 机关服务, 50 事业运行, 99 其他…支出
REGULAR_ITEMS = {"01": "行政运行", "02": "一般行政管理事务", "03": "机关服务", "50": "事业运行"}
FUNCTION = "function"
#: the economic schemes of ``econ_classes.csv`` (its ``scheme`` column)
ECON_SCHEMES = ("部门预算支出经济分类", "政府预算支出经济分类")


def _other_item(name: str) -> str:
    """The 99 项 of a regular 款: 其他人大事务支出 (人大事务), 其他涉外发展服务支出 (涉外发展服务支出)."""
    return f"其他{name}" if name.endswith("支出") else f"其他{name}支出"


@cache
def function_codes() -> pd.DataFrame:
    """支出功能分类 类, 款 and 项: ``code``, ``name_zh``, ``level`` (类/款/项) and ``source``.

    ``source`` says where a row comes from: ``printed`` (a code and name printed in published
    documents), ``classification`` (the 政府收支分类科目 itself), ``pattern`` (a 项 of the regular
    pattern of its 款).  The 类 are ``function_classes.csv``; 款 and 项 ``function_codes.csv``.
    """
    classes = function_classes()
    rows = [(r.code, r.name_zh, "classification") for r in classes.itertuples()]
    listed = pd.read_csv(reference_csv("function_codes.csv"), dtype=str, keep_default_na=False)
    known = set(listed.code)
    rows += [(r.code, r.name_zh, r.source) for r in listed.itertuples()]
    for r in listed[listed["items"] == "regular"].itertuples():
        items = {**REGULAR_ITEMS, "99": _other_item(r.name_zh)}
        rows += [(r.code + k, name, "pattern") for k, name in items.items() if r.code + k not in known]
    frame = pd.DataFrame(rows, columns=["code", "name_zh", "source"]).sort_values("code", kind="stable")
    frame.insert(2, "level", frame.code.str.len().map({3: "类", 5: "款", 7: "项"}))
    return frame.reset_index(drop=True)


@cache
def code_aliases() -> pd.DataFrame:
    """Names a code is printed with in other years (``classification``, ``code``, ``name_zh``, ``note``):
    210 医疗卫生与计划生育支出 (until 2018) is 卫生健康支出 since."""
    return pd.read_csv(reference_csv("code_aliases.csv"), dtype=str, keep_default_na=False)


def classification_name(text: str) -> str:
    """A printed name as the classification is matched: squashed, its outline enumerator
    (一、 （一） (1) 1. 1、) dropped."""
    return ENUMERATOR_RE.sub("", squash(text or ""))


@dataclass(frozen=True)
class CodeIndex:
    """One classification by name: the codes of each name at the top level, and under each parent."""

    top: dict[str, frozenset[str]]
    children: dict[tuple[str, str], frozenset[str]]
    #: (grandparent, name) → codes two levels down (a 项 under its 类, when its 款 is not known)
    grandchildren: dict[tuple[str, str], frozenset[str]]

    def all_codes(self) -> set[str]:
        return {c for codes in self.top.values() for c in codes} | {
            c for codes in self.children.values() for c in codes
        }


def _index(pairs: list[tuple[str, str]]) -> CodeIndex:
    top: dict[str, set[str]] = {}
    children: dict[tuple[str, str], set[str]] = {}
    grand: dict[tuple[str, str], set[str]] = {}
    for code, name in pairs:
        key = classification_name(name)
        if len(code) == 3:
            top.setdefault(key, set()).add(code)
        else:
            children.setdefault((code[:-2], key), set()).add(code)
            if len(code) == 7:
                grand.setdefault((code[:3], key), set()).add(code)

    def frozen(d):
        return {k: frozenset(v) for k, v in d.items()}

    return CodeIndex(frozen(top), frozen(children), frozen(grand))


@cache
def code_index(classification: str) -> CodeIndex:
    """:class:`CodeIndex` of ``function`` or of one economic scheme, with the names of other years."""
    if classification == FUNCTION:
        frame = function_codes()
    elif classification in ECON_SCHEMES:
        frame = econ_classes()
        frame = frame[frame.scheme == classification]
    else:
        raise ValueError(f"unknown classification {classification!r}")
    aliases = code_aliases()
    aliases = aliases[aliases.classification == classification]
    pairs = list(zip(frame.code, frame.name_zh, strict=True)) + list(zip(aliases.code, aliases.name_zh, strict=True))
    return _index(pairs)
