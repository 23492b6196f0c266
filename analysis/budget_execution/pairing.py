"""Do a budget and a final-accounts document belong together?

They do when the first is a 预算 and the second a 决算, of the same unit (the
names as printed, as :func:`analysis.unit_names.same_unit` compares them; the
unit codes, where both print one, equal) and of the same year.  A
fact one document does not print cannot be confirmed: it is said, not assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BudgetInputError
from ..model import Budget
from ..specs import DOCUMENT_KINDS
from ..text import squash
from ..unit_names import same_unit, unit_key

__all__ = [
    "DocumentsDoNotMatchError",
    "Pairing",
    "check_pair",
    "describe",
    "document_level",
    "file_names",
    "require_pair",
    "same_unit",
    "unit_key",
]

#: the level a title names: a department's consolidated document or one unit's own
LEVEL_RE = re.compile(r"(部门|单位)(?:预算|决算)")


class DocumentsDoNotMatchError(BudgetInputError):
    """A budget and a final-accounts document that are not of the same unit and year."""


def document_level(title: str) -> str:
    """部门 or 单位, as the title says (``""`` when it says neither)."""
    match = LEVEL_RE.search(squash(title or ""))
    return match.group(1) if match else ""


def file_names(doc: Budget) -> str:
    """The document's file, or its files joined by `` + `` (a budget published as narrative and tables)."""
    return " + ".join(p.name for p in doc.sources) if len(doc.sources) > 1 else Path(doc.path).name


def describe(doc: Budget) -> dict:
    """What a document says of itself: file(s), title, unit, year, kind, level and the units its tables use."""
    meta = doc.meta
    units = sorted({t.unit for t in doc.tables if t.unit and t.unit not in ("人", "个", "辆")})
    return {
        "file": file_names(doc),
        "path": str(doc.path),
        "title": meta.get("title", ""),
        "unit_name": meta.get("unit_name", ""),
        "unit_code": meta.get("unit_code", ""),
        "year": meta.get("year"),
        "kind": meta.get("kind", ""),
        "level": document_level(meta.get("title", "")),
        "amount_units": units,
    }


@dataclass
class Pairing:
    """The outcome of checking that two documents belong together."""

    budget: dict
    final: dict
    problems: list[str] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def statement(self) -> str:
        b, f = self.budget, self.final
        head = (
            f"{b['file']} ({b['unit_name'] or '?'} {b['year'] or '?'} {b['kind'] or '?'}) and "
            f"{f['file']} ({f['unit_name'] or '?'} {f['year'] or '?'} {f['kind'] or '?'})"
        )
        if self.problems:
            return f"{head} do not belong together: " + "; ".join(self.problems)
        facts = [f"same unit ({b['unit_name'] or f['unit_name']})", f"same year ({b['year']})"]
        facts = [x for x, known in zip(facts, (self._unit_known, b["year"] and f["year"]), strict=True) if known]
        units = sorted(set(b["amount_units"]) | set(f["amount_units"]))
        text = f"{head} belong together: " + ", ".join(facts or ["nothing contradicts it"])
        text += f"; amounts compared in 万元 (printed in {', '.join(units) or '万元'})"
        if self.caveats:
            text += "; " + "; ".join(self.caveats)
        return text + "."

    @property
    def _unit_known(self) -> bool:
        return bool(same_unit(self.budget["unit_name"], self.final["unit_name"]))

    def as_dict(self) -> dict:
        return {
            "ok": self.ok,
            "statement": self.statement,
            "problems": self.problems,
            "caveats": self.caveats,
            "budget": self.budget,
            "final": self.final,
        }


def check_pair(budget: Budget, final: Budget) -> Pairing:
    """Whether ``budget`` (a 预算) and ``final`` (a 决算) are of the same unit and year, and what is unknown."""
    b, f = describe(budget), describe(final)
    pairing = Pairing(b, f)
    problems, caveats = pairing.problems, pairing.caveats
    if b["kind"] == "决算" and f["kind"] == "预算":
        problems.append(
            "the files are in the wrong order: the budget (预算) comes first, then the final accounts (决算)"
        )
    else:
        if b["kind"] != "预算":
            problems.append(f"{b['file']} is a {b['kind']} ({_kind_en(b['kind'])}), not a budget (预算)")
        if f["kind"] != "决算":
            problems.append(f"{f['file']} is a {f['kind']} ({_kind_en(f['kind'])}), not final accounts (决算)")
    if b["year"] and f["year"]:
        if b["year"] != f["year"]:
            problems.append(f"the budget is for {b['year']}, the final accounts for {f['year']}")
    else:
        caveats.append("the year is not printed in " + " and ".join(x["file"] for x in (b, f) if not x["year"]))
    unit = same_unit(b["unit_name"], f["unit_name"])
    if unit is False:
        problems.append(f"the budget is of {b['unit_name']}, the final accounts of {f['unit_name']}")
    elif unit and unit_key(b["unit_name"]) != unit_key(f["unit_name"]):
        caveats.append(f"the unit is named {b['unit_name']} in the budget and {f['unit_name']} in the final accounts")
    elif unit is None:
        caveats.append(
            "the unit name is not printed in " + " and ".join(x["file"] for x in (b, f) if not x["unit_name"])
        )
    if b["unit_code"] and f["unit_code"] and b["unit_code"] != f["unit_code"]:
        problems.append(f"unit code {b['unit_code']} in the budget, {f['unit_code']} in the final accounts")
    if b["level"] and f["level"] and b["level"] != f["level"]:
        caveats.append(
            f"the budget is a {b['level']}预算 and the final accounts a {f['level']}决算: "
            "a 部门 document also covers the units under it"
        )
    return pairing


def _kind_en(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, ("unknown kind",))[0]


def require_pair(budget: Budget, final: Budget) -> Pairing:
    """:func:`check_pair`, raising :class:`DocumentsDoNotMatchError` (one line, exit 2) when they do not match."""
    pairing = check_pair(budget, final)
    if not pairing.ok:
        raise DocumentsDoNotMatchError(
            Path(final.path), f"cannot be compared with {file_names(budget)}: " + "; ".join(pairing.problems)
        )
    return pairing
