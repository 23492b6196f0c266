"""What a page draws that is not its content is left out of its text before any table is read, and said: a
watermark printed as text, and whatever lies outside the page's CropBox (drawn, never shown)."""

from __future__ import annotations

import math
from decimal import Decimal
from types import SimpleNamespace

import pytest

from analysis import read_budget
from analysis.extract.layout import watermark_glyphs
from analysis.extract.reader import read_pages

from .budget_pdfs import NARRATIVE, Text, Watermark, build, expense_table

#: every amount the expense table prints: (name, column, amount)
PRINTED = sorted(
    (row[1], column, Decimal(amount.replace(",", "")))
    for row in expense_table().rows
    for column, amount in zip(["合计", "基本支出", "项目支出"], row[2:], strict=True)
    if amount
)


def _amounts(budget) -> list[tuple[str, str, Decimal]]:
    tidy = budget.tidy[budget.tidy.table_key == "gpb_expense"]
    return sorted((r.row_label.split()[-1], r.column.split("/")[-1], Decimal(str(r.amount))) for r in tidy.itertuples())


@pytest.mark.parametrize(
    "ruling, mark",
    [
        ("none", Watermark("某某市财政局", size=60, angle=35)),
        ("lines", Watermark("某某市财政局", size=60, angle=35)),
        ("none", Watermark("某某市财政局", size=48, angle=0, below=110)),
        ("lines", Watermark("公开", size=90, angle=30)),
    ],
    ids=["unruled-turned", "ruled-turned", "unruled-flat", "ruled-two-glyphs"],
)
def test_a_watermark_across_a_table_joins_none_of_its_cells(tmp_path, ruling, mark):
    """A 60 pt glyph chained a row's name and amounts into one text line (and cell): amounts were lost, or
    the whole document refused. Left out of the text, the table reads exactly and the watermark is said."""
    pdf = build(tmp_path / "marked.pdf", [[NARRATIVE], [mark, expense_table(ruling)]])
    budget = read_budget(pdf, use_cache=False)
    assert _amounts(budget) == PRINTED
    problems = budget.problems
    assert list(problems.kind) == ["watermark"]
    assert problems.iloc[0].page == 2 and problems.iloc[0].text == mark.text


def test_large_titles_over_no_text_are_read(tmp_path):
    """A cover's title, however large, is drawn over no text: it stays in the page's text."""
    cover = Text(["某某市自然资源局", "2024年部门预算"], size=36, centred=True, gap=20)
    pdf = build(tmp_path / "cover.pdf", [[cover, Text(["某某市自然资源局编制"], size=10)], [expense_table()]])
    pages = read_pages(pdf)
    assert not any(page.watermark for page in pages)
    assert "2024年部门预算" in pages[0].text


def _glyph(text, x, y, size=9.0, angle=0.0, font="F1"):
    a, b = math.cos(math.radians(angle)), math.sin(math.radians(angle))
    return SimpleNamespace(
        get_text=lambda: text,
        matrix=(a, b, -b, a, x, y),
        size=size,
        fontname=font,
        x0=x,
        y0=y,
        x1=x + size,
        y1=y + size,
    )


def test_a_page_skewed_as_a_scan_keeps_its_text():
    """A text layer over a scan turned a degree or two is the page's text, not a watermark."""
    glyphs = [_glyph("字", 10 * i, 100, angle=1.5 if i % 2 else -2.0) for i in range(40)]
    assert watermark_glyphs(glyphs) == []


def test_glyphs_at_an_angle_to_the_text_or_large_over_it_are_a_watermark():
    body = [_glyph("字", 10 * i, 100) for i in range(40)]
    turned = [_glyph("公", 100, 300, size=40, angle=45)]
    over = [_glyph("局", 50, 90, size=40, font="F2"), _glyph("市", 500, 500, size=40, font="F2")]
    alone = [_glyph("题", 50, 700, size=40, font="F3")]
    found = watermark_glyphs(body + turned + over + alone)
    # the large glyph of the same font on blank paper is the same watermark's; the title in another is not
    assert [g.get_text() for g in found] == ["公", "局", "市"]


def test_what_a_crop_box_cuts_off_is_hidden_not_read(tmp_path):
    """A CropBox is the page a viewer shows: amounts drawn beyond it are not printed, read as none and said."""
    table = expense_table()
    # the table's last column (项目支出) starts at the page's margin + the widths before it
    cut = 60 + sum(table.widths[:-1]) + 5
    pdf = build(tmp_path / "cut.pdf", [[NARRATIVE], [table]], crop={2: (0, 0, cut, 842)})
    budget = read_budget(pdf, use_cache=False)
    read = _amounts(budget)
    assert read == [a for a in PRINTED if a[1] != "项目支出"]
    (hidden,) = budget.problems[budget.problems.kind == "hidden"].itertuples()
    assert hidden.page == 2 and hidden.reason.startswith(f"{sum(1 for a in PRINTED if a[1] == '项目支出')} amounts")
    # a CropBox around everything drawn hides nothing
    whole = build(tmp_path / "whole.pdf", [[NARRATIVE], [table]], crop={2: (20, 20, 575, 822)})
    assert _amounts(read_budget(whole, use_cache=False)) == PRINTED
