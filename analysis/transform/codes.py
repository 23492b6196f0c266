"""Classification codes: 类/款/项 function codes, economic codes, unit codes.

政府收支分类科目: function codes begin with 2 (205 教育支出 → 20501 → 2050199),
economic codes with 3 (部门预算支出经济分类, 301 工资福利支出) or 5 (政府预算支出
经济分类, 505 对事业单位经常性补助), income codes with 1 (103 非税收入).
Codes are printed as three columns 类 | 款 | 项, as one 7-digit column, or in
front of the name (``2050199 其他教育管理事务支出``, ``[205]教育支出``); a code may separate its
levels (``205-01-99``, ``205.01.99``, ``205 01 99``), and split columns may print only a row's own
part (``"" | "" | "99"`` under the 款 row ``"" | "01" | ""`` under the 类 row ``"205" | "" | ""``).
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..reference import ECON_SCHEMES, classification_name, code_index
from ..text import TOTAL_RE, squash

LEVEL_COLUMN_RE = re.compile(r"^(类|款|项)$")
#: a classification code as a narrow column wraps it: its first line (``201``, ``205020``) and the digits after it
#: on the next lines (``01``; ``010`` / ``1``), one code of a level (5 or 7 digits) together
CODE_HEAD_RE = re.compile(r"\d{3,6}")
CODE_TAIL_RE = re.compile(r"\d{1,4}")


def completed_code(head: str, tails) -> tuple[str, int]:
    """The code a narrow column wrapped (``201`` then ``010``, ``1`` → ``2010101``) and how many of ``tails`` it
    takes: ``tails`` are the texts of the lines under the head in its column in order, ``None`` for a line that
    prints anything else (no line of the code); ``("", 0)`` unless they make a code of a level (5 or 7 digits)."""
    if not CODE_HEAD_RE.fullmatch(head):
        return "", 0
    code, n = head, 0
    for tail in tails:
        if tail is None or not CODE_TAIL_RE.fullmatch(tail) or len(code + tail) > 7:
            break
        code, n = code + tail, n + 1
    return (code, n) if n and len(code) in (5, 7) else ("", 0)


CODE_HEADER_RE = re.compile(r"编码|代码|编号|^序号$|^[行栏]次$|^行号$")
#: a column numbering the rows or lines (序号, 行次, 栏次): neither amounts nor classification codes
SEQUENCE_HEADER_RE = re.compile(r"^(?:序号|[行栏]次|行号)$")
NAME_HEADER_RE = re.compile(r"名称")
#: a column of unit codes (单位编码, 单位代码): its codes are units, whatever their digits
UNIT_HEADER_RE = re.compile(r"单位(?:编码|代码|编号)")
LEADING_CODE_RE = re.compile(
    r"^\s*[\[【]?(?P<code>\d{3}(?:\d{2}){0,2}|\d{3}(?:[-－]\d{2}){1,2}|\d{3}\.\d{2}\.\d{2})[\]】]?"
    r"(?:\s+|(?=[\u4e00-\u9fff]))"
)
#: a code printed with a separator between its levels (201-01-01, 201.01.01, 201·01·01; 201 01 01 once
#: squashed), the same separator throughout: 类 3 digits, 款 and 项 2 each
SEPARATED_CODE_RE = re.compile(r"^(\d{3})(?:([-.·])(\d{2})(?:\2(\d{2}))?)?$")

FUNCTION_LEVELS = {3: "类", 5: "款", 7: "项"}


def code_digits(text: str, dotted: bool = True) -> str:
    """The digits of a printed code, its levels' separators dropped (``201-01-01``, ``201.01.01``,
    ``201 01 01`` → ``2010101``); ``""`` for text that is no code.  ``dotted=False`` leaves ``201.01``
    unread: in a column not headed as codes it is an amount."""
    digits = squash(text)
    if digits.isascii() and digits.isdigit():
        return digits
    match = SEPARATED_CODE_RE.match(digits)
    if match is None or (not dotted and match.group(2) == "." and match.group(4) is None):
        return ""
    return "".join(g for g in match.group(1, 3, 4) if g)


def is_code_column(path: str) -> bool:
    """Header path of a code column (类/款/项, 科目编码, 单位代码, 项目代码 …)."""
    leaf = squash(path.split("/")[-1])
    if LEVEL_COLUMN_RE.match(leaf):
        return True
    return bool(CODE_HEADER_RE.search(leaf)) and not NAME_HEADER_RE.search(leaf)


#: a cell printing no figure in a column of codes (合计 on its row, a word merged across)
_NO_DIGIT_RE = re.compile(r"^\D*$")


#: the fewest cells a column prints for its figures to be taken for the statement's line numbers
LINE_NUMBERS_MIN = 4
LINE_NUMBER_RE = re.compile(r"^[1-9]\d{0,2}$")


def prints_line_numbers(texts: list[str]) -> bool:
    """The cells of a column number the statement's lines (行次 1, 2, 3 …), whatever its header says (a 行次
    printed one glyph per line, or not at all): at least :data:`LINE_NUMBERS_MIN` bare whole numbers, each
    one or two more than the one above (a side without an item on a line skips its number) — no amounts;
    cells printing no figure (a heading's glyph read as a body cell, a dash) are at most a third of them."""
    cells = [c for c in map(squash, texts) if c]
    numbers = [c for c in cells if any(ch.isdigit() for ch in c)]
    if len(numbers) < LINE_NUMBERS_MIN or 3 * (len(cells) - len(numbers)) > len(cells):
        return False
    if not all(LINE_NUMBER_RE.match(n) for n in numbers):
        return False
    return all(0 < int(b) - int(a) <= 2 for a, b in pairwise(numbers))


def prints_codes(texts: list[str]) -> bool:
    """The cells of a column print classification codes, whatever its header says (a continuation page
    read as a table of its own, a header lost): every cell with a digit is a bare 3-, 5- or 7-digit
    code of one classification (no decimals, no thousands separators), and they nest (see
    :func:`_nested`) read top down — or bottom up, as a page printed upside down lists them — so a
    column of whole amounts never reads as codes."""
    codes = []
    for text in texts:
        if _NO_DIGIT_RE.match(squash(text)):
            continue
        code = code_digits(text, dotted=False)
        if len(code) not in (3, 5, 7):
            return False  # a figure that is no code: the column prints none
        codes.append(code)
    if len(codes) < 2:
        return False
    kinds = {classify_code(c) for c in codes}
    if len(kinds) != 1 or None in kinds:
        return False
    return _nested(codes) or _nested(codes[::-1])


def _nested(codes: list[str]) -> bool:
    """A 类 is printed with a code under it, and each code below the first 类 lies under the code above
    it (a 款 under its 类, a 项 under its 款); a page continuing a table may open inside a 款."""
    above: dict[int, str] = {}  # the last code of each length, under the last 类
    nested = False
    for code in codes:
        if len(code) > 3:
            parent = above.get(len(code) - 2)
            if (parent is not None and parent != code[:-2]) or (parent is None and 3 in above):
                return False
            nested = nested or parent is not None
        above = {n: c for n, c in above.items() if n < len(code)} | {len(code): code}
    return nested


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

    Level columns (类, 款, 项) under one heading are concatenated (a table may print two groups:
    ``科目编码/类|款|项`` then ``经济科目编码/类|款``) — but a whole code read in each of them (``20103`` in a
    cell merged across 类 | 款 | 项) is that code; other code columns stand alone, and a column
    headed 单位编码/单位代码 holds unit codes only (``222`` is a unit there, not the 类 222).
    Returns a dict with any of ``func_code``, ``econ_code``, ``income_code``, ``unit_code``.
    """
    found: dict[str, str] = {}
    levels: dict[str, str] = {}
    for path, text in code_cells:
        heading, _, leaf = path.rpartition("/")
        leaf = squash(leaf)
        digits = squash(text) if LEVEL_COLUMN_RE.match(leaf) else code_digits(text)
        if not digits.isdigit():
            continue
        if LEVEL_COLUMN_RE.match(leaf):
            # a whole code in one cell merged across the level columns is printed in each of them once
            if not (levels.get(heading) == digits and len(digits) in (3, 5, 7)):
                levels[heading] = levels.get(heading, "") + digits
        elif UNIT_HEADER_RE.search(leaf):
            found.setdefault("unit_code", digits)
        elif SEQUENCE_HEADER_RE.match(leaf):
            continue  # line 201 of a 决算 table is no 类 201
        else:
            _store(found, digits)
    for digits in levels.values():
        _store(found, digits)
    if not ({"func_code", "econ_code"} & found.keys()) and name:
        match = LEADING_CODE_RE.match(name)
        if match:
            _store(found, code_digits(match.group("code")))
    return found


def complete_level_parts(rows: list[list[tuple[str, str]]], names: list[str]) -> list[list[tuple[str, str]]]:
    """Code cells of split 类 | 款 | 项 columns with the parts a row leaves to the rows above it.

    Such columns may print only a row's own part: the 款 row ``"" | "01" | ""`` under the 类 row
    ``"201" | "" | ""``, the 项 row ``"" | "" | "01"`` under that.  A row printing a 款 or 项 part with a
    blank 类 gets the 类 of the nearest row above printing one, and a 项 with a blank 款 the 款 of the
    nearest row above under that 类 — read as printed, as :func:`row_codes` then reads a full row.  A
    row with no 类 (or 款) above it keeps its parts (no code), and a total row (合计) starts the
    classification again.  ``rows`` are each row's (column path, text) code cells, ``names`` the rows'
    names; other code columns are returned as they are.
    """
    groups: dict[str, dict[str, str]] = {}  # heading -> {类/款/项: column path}
    for path, _ in rows[0] if rows else []:
        heading, _, leaf = path.rpartition("/")
        if LEVEL_COLUMN_RE.match(squash(leaf)):
            groups.setdefault(heading, {})[squash(leaf)] = path
    groups = {h: g for h, g in groups.items() if "类" in g and len(g) > 1}
    if not groups:
        return rows
    out = []
    above = {heading: ("", "") for heading in groups}  # the 类 and 款 printed above, per heading
    for cells, name in zip(rows, names, strict=True):
        texts = {path: squash(text) for path, text in cells}
        filled: dict[str, str] = {}
        for heading, columns in groups.items():
            lei, kuan, xiang = (texts.get(columns.get(level, ""), "") for level in "类款项")
            upper, middle = above[heading]
            if re.fullmatch(r"\d{3}", lei):
                above[heading] = (lei, kuan if re.fullmatch(r"\d{2}", kuan) else "")
            elif lei or not (kuan or xiang):
                if TOTAL_RE.search(squash(name) + lei):
                    above[heading] = ("", "")
            elif re.fullmatch(r"\d{2}", kuan) and re.fullmatch(r"(?:\d{2})?", xiang) and upper:
                filled[columns["类"]] = upper  # a 款 (or 款 and 项) under the 类 above
                above[heading] = (upper, kuan)
            elif not kuan and re.fullmatch(r"\d{2}", xiang) and upper and middle:
                filled[columns["类"]], filled[columns["款"]] = upper, middle  # a 项 under the 款 above
        out.append([(path, filled.get(path, text)) for path, text in cells])
    return out


def _store(found: dict[str, str], digits: str) -> None:
    kind = classify_code(digits)
    if kind is not None:
        found.setdefault(f"{kind}_code", digits)


def function_level(code: str) -> str:
    """类, 款 or 项 for a 3-, 5- or 7-digit function code."""
    return FUNCTION_LEVELS.get(len(code), "")


# -- codes found by name ---------------------------------------------------------------------------

#: the classifications a name may belong to, and the code each gives
NAMED_SYSTEMS = (("function", "func_code"), *((scheme, "econ_code") for scheme in ECON_SCHEMES))
_AMBIGUOUS = "?"


def codes_by_name(names: list[str], printed: list[dict[str, str]]) -> list[dict[str, str]]:
    """Codes of rows printed with names only, found by name in the national classification.

    ``names`` are the rows' printed names in table order, ``printed`` the codes each row prints
    (:func:`row_codes`).  A row that prints no function or economic code gets the code its name has
    — a 类 name anywhere; a 款 name among the 款 of the 类 above it; a 项 name among the 项 of the
    款 above it (or, when that 款 is not known, a name only one 项 of the 类 has) — so the level of
    a row follows from the names, never from indentation.  A name read in two ways (a 款 or a 项, a
    function or an economic class) gets no code unless the table's other rows settle the
    classification; an unknown name leaves the 项 below it unresolved.  Returns one dict per row,
    empty or with ``func_code`` or ``econ_code``.
    """
    texts = [classification_name(name) for name in names]  # each name as matched, for every classification
    readings = {system: _walk(system, key, texts, printed) for system, key in NAMED_SYSTEMS}
    # how many rows follow each classification: found by name, or printed (30101 and 50501 name two schemes)
    found = {s: sum(1 for code in r if code and code != _AMBIGUOUS) for s, r in readings.items()}
    for codes in printed:
        if codes.get("func_code"):
            found["function"] += 1
        elif codes.get("econ_code"):
            found[_scheme_of(codes["econ_code"])] += 1
    out: list[dict[str, str]] = []
    for i in range(len(names)):
        if printed[i].get("func_code") or printed[i].get("econ_code"):
            out.append({})
            continue
        claims = {s: r[i] for s, r in readings.items() if r[i]}
        if len(claims) > 1:
            # the same name in two classifications (其他支出: 229, 399, 599): the one the table's rows follow
            best = max(found[s] for s in claims)
            claims = {s: c for s, c in claims.items() if found[s] == best}
        code = next(iter(claims.values())) if len(claims) == 1 else ""
        out.append({dict(NAMED_SYSTEMS)[next(iter(claims))]: code} if code and code != _AMBIGUOUS else {})
    return out


def _walk(system: str, key: str, texts: list[str], printed: list[dict[str, str]]) -> list[str]:
    """Each row's code in one classification by its name (as matched: :func:`classification_name`) and the rows
    above it ('' none, '?' ambiguous)."""
    index = code_index(system)
    upper = middle = ""  # the 类 and the 款 (or 经济分类 类) above the current row; "?" when not known
    out = []
    for text, codes in zip(texts, printed, strict=True):
        seed = codes.get(key, "")
        if seed and (key == "func_code" or _scheme_of(seed) == system):
            upper, middle = seed[:3], seed[:5] if len(seed) > 3 else ""
            out.append("")
            continue
        if not text or codes.get("func_code") or codes.get("econ_code"):
            out.append("")
            continue
        if TOTAL_RE.search(text):
            upper = middle = ""
            out.append("")
            continue
        candidates = set(index.top.get(text, ())) - {upper}
        if upper and upper != _AMBIGUOUS:
            candidates |= set(index.children.get((upper, text), ())) - {middle}
            if middle and middle != _AMBIGUOUS:
                candidates |= index.children.get((middle, text), frozenset())
            elif not candidates:
                # no 款 above known (or none printed): a 项 name that only one 款 of the 类 has
                items = index.grandchildren.get((upper, text), frozenset())
                candidates |= items if len(items) == 1 else set()
        if len(candidates) == 1:
            code = candidates.pop()
            upper, middle = code[:3], code[:5] if len(code) > 3 else ""
            out.append(code)
        elif candidates:
            upper = middle = _AMBIGUOUS  # a 类 or a 款, a 款 or a 项: what follows is not known either
            out.append(_AMBIGUOUS)
        else:
            if upper:
                middle = _AMBIGUOUS  # an unknown name: a 款 of its own may begin here
            out.append("")
    return out


def _scheme_of(code: str) -> str:
    return ECON_SCHEMES[0] if code.startswith("3") else ECON_SCHEMES[1]
