"""Numbers are shown the way analysts read them; the data underneath stay exact."""

from __future__ import annotations

import re
from decimal import Decimal

import pandas as pd

from analysis import structure
from analysis.display import Link, amount_text, column_kind, html_table, percent_text, show

D = Decimal


def test_amounts_get_thousands_separators_and_shares_two_decimals_and_a_percent_sign():
    assert amount_text(D("4928.27")) == "4,928.27"
    assert amount_text(D("9628.221344")) == "9,628.22"
    assert amount_text("5601.00") == "5,601.00"  # the tidy table's plain digits
    assert amount_text(D("-382.425")) == "-382.43"  # half up, as printed figures are rounded
    assert percent_text(D("87.98910908766291733618996608")) == "87.99%"
    assert percent_text(D("-1.481456597688793335124966407")) == "-1.48%"
    assert amount_text(None) == percent_text(None) == ""


def test_columns_are_recognised_by_name_and_by_their_values():
    frame = pd.DataFrame(
        {
            "amount": ["5601.00"],
            "share_of_parent": [D("1.5")],
            "cumulative_share": [D("2")],
            "rate": [None],
            "total": [D("1")],
            "page": [30],
            "year": [2023],
            "name_zh": ["教育支出"],
        }
    )
    kinds = {c: column_kind(frame, c) for c in frame.columns}
    assert kinds == {
        "amount": "amount",
        "share_of_parent": "percent",
        "cumulative_share": "percent",
        "rate": "percent",
        "total": "amount",
        "page": "number",
        "year": "number",
        "name_zh": "text",
    }


def test_show_formats_the_view_and_leaves_the_data_exact(sample):
    classes = structure.by_function(sample, "类")
    before = classes.copy()
    page = show(classes).to_html()
    assert "4,928.27" in page and "87.99%" in page and "2.11%" in page
    assert "87.989" not in page and "year=" not in page
    pd.testing.assert_frame_equal(classes, before)
    assert classes.set_index("func_code").at["205", "share"] == D("4928.27") / D("5601.00") * 100
    assert not re.search(r"\d\.\d{3,}", page.split("</style>")[-1])


def test_a_typed_table_shows_its_amounts_and_counts(sample):
    table = sample.table("附表5")  # 单位人员情况基本数字表: head counts
    page = show(table).to_html()
    counts = [c for c, k in table.column_kinds.items() if k == "count"]
    assert counts and not re.search(r">\d+\.00<", page)
    money = show(sample.table("表3-1"), row_numbers=True).to_html()
    assert "2,854.44" in money and "461.01" in money and ">1<" in money


def test_text_is_escaped_and_links_are_links():
    frame = pd.DataFrame({"target": ["<=5%"], "where": [Link("表3-1 · 第5行 · p.30", "tables/07.html#r4")]})
    page = html_table(frame, "t")
    assert "&lt;=5%" in page and '<a href="tables/07.html#r4">表3-1 · 第5行 · p.30</a>' in page


def test_a_dict_of_figures_is_one_row():
    page = show({"n": 15, "top_k": 3, "top_k_share": D("72.5432"), "hhi": D("1834.56789")}).to_html()
    assert "72.54%" in page and "1,834.57" in page and ">15<" in page
