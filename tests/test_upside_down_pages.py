"""A page printed upside down — its /Rotate 180 turning upright content over, or its content drawn turned
with no /Rotate — is read as the same page printed upright: title above its table, header at the top, rows
top down, whatever draws its rulings.  (camelot turns back only pages whose text runs sideways.)"""

from __future__ import annotations

import pytest

from analysis import read_budget
from tests.budget_pdfs import NARRATIVE, build, expense_table


def _turned(source, target, how: str):
    """``source`` with its second page turned: ``attr180`` sets /Rotate 180 (upright content shown upside
    down), ``flip`` draws the content turned (no /Rotate), ``both`` does both (shown upright)."""
    from pypdf import PdfReader, PdfWriter, Transformation

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    page = writer.pages[1]
    if how in ("flip", "both"):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        page.add_transformation(Transformation().rotate(180).translate(width, height))
    if how in ("attr180", "both"):
        page.rotate(180)
    with open(target, "wb") as fh:
        writer.write(fh)
    return target


def _tables(path):
    return [
        (t.key, t.title, t.pages, t.reader, list(t.df.columns), t.df.astype(str).values.tolist())
        for t in read_budget(path, use_cache=False).tables
    ]


#: the reader of each ruling: the PDF's rules, the rules painted in an image (the page rendered), none at all
READERS = {"lines": "lattice-vector", "image": "lattice-raster", "none": "network"}


@pytest.mark.parametrize("ruling", list(READERS))
@pytest.mark.parametrize("how", ["attr180", "flip", "both"])
def test_a_page_printed_upside_down_is_read_as_printed_upright(tmp_path, how, ruling):
    upright = build(tmp_path / "upright.pdf", [[NARRATIVE], [expense_table(ruling)]])
    expected = _tables(upright)
    ((key, _, _, reader, columns, _),) = expected
    assert (key, reader) == ("gpb_expense", READERS[ruling])
    assert columns[2:] == ["一般公共预算支出/合计", "一般公共预算支出/基本支出", "一般公共预算支出/项目支出"]
    assert _tables(_turned(upright, tmp_path / f"{how}.pdf", how)) == expected


def test_a_page_turned_upside_down_keeps_its_text_in_reading_order(tmp_path):
    from analysis.extract.reader import iter_pages

    upright = build(tmp_path / "upright.pdf", [[NARRATIVE], [expense_table()]])
    turned = _turned(upright, tmp_path / "flip.pdf", "flip")
    as_printed = [[line.text for line in page.lines] for page in iter_pages(upright)]
    assert [[line.text for line in page.lines] for page in iter_pages(turned)] == as_printed
    assert as_printed[1][0] == "一般公共预算支出表"
