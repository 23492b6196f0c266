"""Classification codes: 类/款/项 function codes, economic codes, unit codes.

政府收支分类科目: function codes begin with 2 (205 教育支出 → 20501 → 2050199),
economic codes with 3 (部门预算支出经济分类, 301 工资福利支出) or 5 (政府预算支出
经济分类, 505 对事业单位经常性补助), income codes with 1 (103 非税收入).
Codes are printed as three columns 类 | 款 | 项, as one 7-digit column, or in
front of the name (``2050199 其他教育管理事务支出``, ``[205]教育支出``).
"""

from __future__ import annotations

import re

from ..extract.text import squash

LEVEL_COLUMN_RE = re.compile(r"^(类|款|项)$")
CODE_HEADER_RE = re.compile(r"编码|代码|编号|^序号$")
NAME_HEADER_RE = re.compile(r"名称")
LEADING_CODE_RE = re.compile(r"^\s*[\[【]?(?P<code>\d{3}(?:\d{2}){0,2})[\]】]?(?:\s+|(?=[\u4e00-\u9fff]))")

FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}


def is_code_column(path: str) -> bool:
    """Header path of a code column (类/款/项, 科目编码, 单位代码, 项目代码 …)."""
    leaf = squash(path.split("/")[-1])
    if LEVEL_COLUMN_RE.match(leaf):
        return True
    return bool(CODE_HEADER_RE.search(leaf)) and not NAME_HEADER_RE.search(leaf)


def classify_code(code: str) -> str | None:
    """``"func"``, ``"econ"`` or ``"income"`` for a full code; ``None`` otherwise."""
    if not code.isdigit():
        return None
    if code[0] == "2" and len(code) in (3, 5, 7):
        return "func"
    if code[0] in "35" and len(code) in (3, 5):
        return "econ"
    if code[0] == "1" and len(code) in (3, 5, 7):
        return "income"
    return None


def row_codes(code_cells: list[tuple[str, str]], name: str = "") -> dict[str, str]:
    """Codes of a body row from its (column path, printed text) code cells and name.

    Level columns (类, 款, 项) are concatenated; other code columns stand alone.
    Returns a dict with any of ``func_code``, ``econ_code``, ``income_code``,
    ``unit_code``.
    """
    found: dict[str, str] = {}
    level = ""
    for path, text in code_cells:
        digits = squash(text)
        if not digits.isdigit():
            continue
        leaf = squash(path.split("/")[-1])
        if LEVEL_COLUMN_RE.match(leaf):
            level += digits
            continue
        _store(found, digits, unit_column="单位" in leaf)
    if level:
        _store(found, level)
    if not ({"func_code", "econ_code"} & found.keys()) and name:
        match = LEADING_CODE_RE.match(name)
        if match:
            _store(found, match.group("code"))
    return found


def _store(found: dict[str, str], digits: str, unit_column: bool = False) -> None:
    kind = classify_code(digits)
    if kind is not None:
        found.setdefault(f"{kind}_code", digits)
    elif unit_column:
        found.setdefault("unit_code", digits)


def function_level(code: str) -> str:
    """类, 款 or 项 for a 3-, 5- or 7-digit function code."""
    return FUNCTION_LEVELS.get(len(code), "")
