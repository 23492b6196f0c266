"""Which reader reads a page is decided by the page: rulings however drawn, or none at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from analysis import read_budget

from .budget_pdfs import NARRATIVE, build, expense_table, summary_table

RULINGS = {
    "lines": "lattice-vector",
    "rects": "lattice-vector",
    "filled": "lattice-vector",
    "curves": "lattice-vector",
    "image": "lattice-raster",
    "none": "network",
    "open": "lattice-vector",  # no outer side borders
    "horizontal": "network",  # rules between rows only
    "dashes": "lattice-vector",  # each dash a path of its own, at camelot's joining gap
}


@pytest.fixture(scope="module")
def ruled(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rulings")
    out = {}
    for ruling in RULINGS:
        path = build(folder / f"{ruling}.pdf", [[NARRATIVE], [summary_table(ruling), expense_table(ruling)]])
        out[ruling] = read_budget(path, use_cache=False)
    return out


@pytest.mark.parametrize("ruling", list(RULINGS))
def test_every_table_is_read_however_its_rulings_are_drawn(ruled, ruling):
    budget = ruled[ruling]
    assert [t.title for t in budget.tables] == ["收支总表", "一般公共预算支出表"]
    assert {t.reader for t in budget.tables} == {RULINGS[ruling]}
    # all 24 printed amounts, exact, on page 2
    assert len(budget.tidy) == 24 and set(budget.tidy.page) == {2}
    expense = budget.table("一般公共预算支出表")
    assert [c.passed for c in expense.validation.checks].count(True) == 21 and not expense.validation.failed
    housing = budget.tidy[(budget.tidy.func_code == "2210201")]
    assert sorted(housing.amount) == ["200.00", "200.00"]
    total = expense.df[expense.df.iloc[:, 1] == "合计"].iloc[0]
    assert Decimal("1234.56") in total.tolist()


def test_the_reader_of_each_table_is_reported(ruled):
    report = ruled["image"].validation_report()
    assert report.reader.tolist() == ["lattice-raster", "lattice-raster"]


def test_a_page_the_vector_lattice_reads_whole_is_not_rendered(ruled, monkeypatch):
    """The image-based lattice renders a page only where amounts in columns are left outside every grid."""
    import camelot.parsers.lattice as lattice

    rendered = []
    original = lattice.Lattice._generate_table_bbox

    def spy(self):
        if self.engine != "vector":
            rendered.append(self.page)
        return original(self)

    monkeypatch.setattr(lattice.Lattice, "_generate_table_bbox", spy)
    read_budget(ruled["lines"].path, use_cache=False)
    assert rendered == []
    read_budget(ruled["image"].path, use_cache=False)
    assert rendered == [2]


def test_a_thick_rule_drawn_as_a_filled_band_is_one_ruling(tmp_path):
    """Excel's thick border (2.25 pt) over and under the header, drawn as filled rectangles: each is one rule, so
    the first body row (合计) stays a body row and every amount is read under its column."""
    thin = read_budget(build(tmp_path / "thin.pdf", [[NARRATIVE, expense_table("lines")]]), use_cache=False)
    thick = read_budget(build(tmp_path / "thick.pdf", [[NARRATIVE, expense_table("thick")]]), use_cache=False)
    (table,) = thick.tables
    assert list(table.df.columns) == list(thin.tables[0].df.columns)
    assert len(thick.tidy) == len(thin.tidy) and thick.problems.empty
    assert thick.tidy.amount.tolist() == thin.tidy.amount.tolist()
    assert not table.validation.failed


def test_a_reader_failing_on_a_page_loses_its_unruled_tables_not_the_document(tmp_path, monkeypatch):
    """camelot's network parser failing on a page's text (as it does on an area holding none) costs that page's
    tables printed without rulings, reported as amounts not read — never the document."""
    from analysis.extract import reader

    run = reader._PageReaders._run

    def failing(self, name, page_args, turned=False, **options):
        if name == "network":
            raise TypeError("cannot unpack non-iterable NoneType object")
        return run(self, name, page_args, turned, **options)

    monkeypatch.setattr(reader._PageReaders, "_run", failing)
    pdf = build(tmp_path / "unruled.pdf", [[NARRATIVE, expense_table("none")], [expense_table("lines")]])
    budget = read_budget(pdf, use_cache=False)
    assert [t.reader for t in budget.tables] == ["lattice-vector"]
    assert "coverage" in set(budget.problems.kind)


def test_dashes_drawn_apart_by_camelots_joining_gap_make_one_rule(tmp_path):
    """Dashes 3 pt long, each a path of its own, 2 pt apart: camelot joins segments at most 2 pt apart, compared
    without slack, so where rounding puts a gap a hair over 2 pt every rule of the table broke at that place and
    the table was read as several (an empty one among them). They are one rule each."""
    summary = summary_table("dashes", widths=[136.04, 81.47, 137.75, 88.68])
    expense = expense_table("dashes", widths=[78.14, 155.12, 86.42, 81.9, 87.48])
    budget = read_budget(build(tmp_path / "dashes.pdf", [[NARRATIVE], [summary, expense]]), use_cache=False)
    assert [t.title for t in budget.tables] == ["收支总表", "一般公共预算支出表"]
    assert len(budget.tidy) == 24 and budget.problems.empty
    assert all(t.validation.passed == len(t.validation.checks) for t in budget.tables)
