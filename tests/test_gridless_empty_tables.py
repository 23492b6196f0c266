"""Tables printed as a title and 本表为空表 with no ruled grid are present and empty."""

from __future__ import annotations

import pytest

from analysis import read_budget


@pytest.fixture(scope="module")
def gridless_pdf(tmp_path_factory):
    """A small budget: a narrative page saying there is no fund spending, and the fund table printed as a note."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path_factory.mktemp("gridless") / "gridless_budget.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 760, "2023年某某中心部门预算")
    c.setFont("STSong-Light", 11)
    c.drawString(72, 700, "一、收入预算情况说明：某某中心2023年收入预算100万元，支出预算100万元。")
    c.drawString(72, 680, "本单位无政府性基金预算支出。")
    c.showPage()
    c.setFont("STSong-Light", 16)
    c.drawCentredString(297, 760, "表10 政府性基金预算支出表")
    c.setFont("STSong-Light", 10)
    c.drawString(420, 735, "单位：万元")
    c.setFont("STSong-Light", 12)
    c.drawCentredString(297, 700, "本表为空表。")
    c.drawCentredString(297, 60, "- 2 -")
    c.showPage()
    c.save()
    return path


def test_a_table_printed_without_a_grid_is_present_and_empty(gridless_pdf):
    budget = read_budget(gridless_pdf, use_cache=False)
    (table,) = budget.tables
    assert (table.label, table.title, table.key, table.unit, table.pages) == (
        "表10",
        "政府性基金预算支出表",
        "gov_fund_expense",
        "万元",
        [2],
    )
    assert table.is_empty and table.validation.status == "not checked" and "本表为空表。" in table.notes
    assert budget.tidy.empty


def test_a_narrative_sentence_saying_there_is_no_such_spending_is_not_a_table(gridless_pdf):
    budget = read_budget(gridless_pdf, use_cache=False)
    assert budget.pages.set_index("page").at[1, "kind"] == "narrative"


@pytest.mark.parametrize(
    "note",
    ["此表为空。", "注：本单位无政府性基金预算支出，故本表为空。", "该表为空表", "（此表无数据）", "本表无内容。"],
)
def test_each_way_of_saying_a_table_is_empty_makes_it_present_and_empty(tmp_path, note):
    from .budget_pdfs import NARRATIVE, Text, build

    page = [
        Text(["表10 政府性基金预算支出表"], size=16, centred=True),
        Text(["单位：万元"]),
        Text([note], centred=True),
    ]
    budget = read_budget(build(tmp_path / "empty.pdf", [[NARRATIVE], page]), use_cache=False)
    (table,) = budget.tables
    assert (table.label, table.key, table.pages) == ("表10", "gov_fund_expense", [2]) and table.is_empty
    assert budget.problems.empty
