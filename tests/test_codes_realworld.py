"""The classification's names against every (code, name) pair the real documents print, and the sides of
their 收支总表 (real documents read: slow)."""

from __future__ import annotations

import pytest

from analysis.reference import ECON_SCHEMES, classification_name, code_index
from analysis.transform.codes import LEADING_CODE_RE
from analysis.transform.tables import row_code_frame, table_sides

from .conftest import REALWORLD_PDFS, SAMPLE_PDF, VARIANTS

pytestmark = pytest.mark.slow

DOCUMENTS = [*REALWORLD_PDFS, SAMPLE_PDF, *sorted(VARIANTS.glob("*.pdf"))]


def _names(system: str) -> set[str]:
    index = code_index(system)
    return set(index.top) | {name for _, name in index.children}


def printed_pairs(doc) -> list[tuple[str, str, str, str]]:
    """(kind, code, name, table) of every row of a classification listing that prints its code and name.

    A side of a table whose coded rows mostly bear names of the classification lists the
    classification; the other sides print a code beside a project or a unit, and are left out.
    """
    known = {"func_code": _names("function"), "econ_code": _names(ECON_SCHEMES[0]) | _names(ECON_SCHEMES[1])}
    pairs = []
    for table in doc.tables:
        if not table.money_columns or table.key == "performance_targets":
            continue
        for side in table_sides(table):
            if not side.amounts:
                continue
            codes = row_code_frame(table, side.amounts[0])
            text = [c for c in side.labels if table.column_kinds[c] == "text"]
            for kind in ("func_code", "econ_code"):
                rows = []
                for i in range(len(table.df)):
                    if codes.at[i, kind] and codes.at[i, "code_source"] == "printed":
                        name = next((table.df.at[i, c] for c in text if table.df.at[i, c]), "") or ""
                        rows.append((codes.at[i, kind], classification_name(LEADING_CODE_RE.sub("", name))))
                if rows and sum(name in known[kind] for _, name in rows) * 2 > len(rows):
                    pairs += [(kind, code, name, table.name) for code, name in rows]
    return pairs


def agrees(kind: str, code: str, name: str) -> bool:
    """``name`` is a name of ``code`` (in its year or another) under the parent the code has."""
    if kind == "func_code":
        index = code_index("function")
    else:
        index = code_index(ECON_SCHEMES[0] if code.startswith("3") else ECON_SCHEMES[1])
    return code in (index.top.get(name, ()) if len(code) == 3 else index.children.get((code[:-2], name), ()))


def test_every_code_and_name_printed_in_the_documents_agrees_with_the_classification(realworld, sample, variant):
    checked, wrong = 0, []
    for path in DOCUMENTS:
        if path == SAMPLE_PDF:
            doc = sample
        elif path.parent == VARIANTS:
            doc = variant(path.stem)
        else:
            doc = realworld(path.stem)
        for kind, code, name, table in printed_pairs(doc):
            checked += 1
            if not agrees(kind, code, name):
                wrong.append((path.stem, table, code, name))
    assert wrong == []
    assert checked > 1200


@pytest.mark.parametrize(
    "name",
    ["chongqing_kejiju_2026_department_budget", "guangzhou_tongjiju_2026_department_budget"],
)
def test_each_amount_of_a_real_summary_table_has_the_label_and_code_of_its_side(realworld, name):
    doc = realworld(name)
    tidy = doc.tidy[doc.tidy.table_key == "income_expense_summary"]
    income = tidy[tidy.column.str.startswith("收入")]
    expense = tidy[tidy.column.str.startswith("支出")]
    assert not income.row_label.str.contains("支出").any()
    assert not expense.row_label.str.contains("收入").any() or expense.row_label.str.contains("支出").all()
    assert set(income.func_code) == {""}
    classes = expense[expense.func_code != ""]
    assert len(classes) >= 3 and set(classes.code_source) == {"name"}
    assert all(len(code) == 3 for code in classes.func_code)
    # an expense line's code is the class its name says
    assert all(classification_name(label) in code_index("function").top for label in classes.row_label)


def test_a_real_summary_table_printing_class_kuan_and_item_names_is_coded_and_checked_down_its_levels(realworld):
    # 深圳 prints the 收支总表's expense side as names only: 一、一般公共服务支出 | 海关事务 | 行政运行 …
    doc = realworld("shenzhen_kouanban_2026_department_budget")
    (table,) = [t for t in doc.tables if t.key == "income_expense_summary"]
    expense = doc.tidy[(doc.tidy.table_key == "income_expense_summary") & doc.tidy.column.str.startswith("支出")]
    coded = expense[expense.func_code != ""].drop_duplicates("row_index")
    assert {len(c) for c in coded.func_code} == {3, 5, 7} and set(coded.code_source) == {"name"}
    assert dict(zip(coded.row_label, coded.func_code, strict=True))["行政运行"] == "2010901"  # under 20109 海关事务
    hierarchy = [c for c in table.validation.checks if c.rule == "function_hierarchy"]
    assert len(hierarchy) >= 8 and all(c.passed for c in hierarchy)
