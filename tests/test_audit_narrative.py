"""The narrative audit on small inputs: paragraphs as printed, the figures each claim is recomputed from."""

from __future__ import annotations

import pandas as pd

from analysis import read_budget
from analysis.audit import run_audit
from analysis.extract.reader import PageContent, TextLine
from analysis.transform.claims import claims_frame
from analysis.transform.narrative import narrative_frame

from .budget_pdfs import Grid, Text, build


def _page(number: int, lines: list[tuple[float, float, str]], header: str = "") -> PageContent:
    """A page of body lines (x0, size, text) printed top down, under a running header further left."""
    out, y = [], 780.0
    if header:
        out.append(TextLine(41.1, 820.0, 250.0, 829.0, 9.0, header))
    for x0, size, text in lines:
        out.append(TextLine(x0, y, 533.0, y + size, size, text))
        y -= 31.0
    return PageContent(number=number, width=595.0, height=842.0, lines=out, source="doc.pdf")


def test_a_running_header_printed_left_of_the_text_is_no_paragraph_and_cuts_none():
    header = "某某市人力资源和社会保障局 2026 年度部门预算公开"
    first = "（1）一般公共预算拨款收入 152,585.76 万元，与上年相比减"
    then = "少 14,816.38 万元，减少 8.85%。主要原因是补助收入预算减少。"
    education = "（2）教育支出（类）支出 11,622 万元，主要用于学校教育。与上年相比增加"
    pages = [
        _page(
            1,
            [(96.1, 16, "一、收支预算总体情况说明"), (96.1, 16, first), (63.1, 16, then), (96.1, 16, education)],
            header,
        ),
        _page(
            2,
            [(63.1, 16, "47.34 万元，增长 0.41%。主要原因是人员增加。"), (96.1, 16, "（3）其他收入 1,536 万元。")],
            header,
        ),
        _page(3, [(96.1, 16, "二、收入预算情况说明"), (96.1, 16, "本年收入合计 154,121.76 万元。")], header),
    ]
    narrative = narrative_frame(pages)
    assert not narrative.text.str.contains("部门预算公开").any()
    assert narrative.text.tolist()[1:3] == [first + then, education]  # lines joined, paragraphs apart
    claims = claims_frame(narrative)
    rated = claims[claims.rate.notna()]
    assert rated.rate_text.tolist() == ["8.85%", "0.41%"]
    assert rated.change_text.tolist() == ["14,816.38", "47.34"]  # the paragraph continued over the page break
    assert claims_frame(narrative, unmatched=True).empty


def test_a_line_repeated_at_the_top_of_only_two_pages_stays_narrative():
    pages = [_page(n, [(96.1, 16, f"第{n}段，支出 {n} 万元。")], "某某局说明") for n in (1, 2)]
    assert narrative_frame(pages).text.tolist() == [
        "某某局说明",
        "第1段，支出 1 万元。",
        "某某局说明",
        "第2段，支出 2 万元。",
    ]


def test_a_share_of_nothing_is_taken_of_the_stated_total_not_of_an_earlier_zero():
    claims = claims_frame(
        pd.DataFrame(
            [
                {"page": 1, "part": "", "section": "二、收入预算情况说明", "text": t}
                for t in (
                    "本局收入预算合计 100 万元，包括本年收入 100 万元，上年结转结余 0 万元。",
                    "其中：",
                    "本年一般公共预算收入 99 万元，占 99%；",
                    "本年事业收入 0 万元，占 0%；",
                    "本年其他收入 1 万元，占 1%。",
                )
            ]
        )
    )
    amounts = claims.set_index("claim_id").amount_text
    wholes = claims[claims.share.notna()].whole_id.map(lambda i: amounts[int(i)])
    assert wholes.tolist() == ["100", "100", "100"]


def test_a_class_named_under_another_kuan_is_not_compared_with_a_namesake_row(tmp_path):
    """事业运行 is a 项 of many 款: 审计事务（款）事业运行（项） in the text is not the tables' 人大事务 one."""
    table = Grid(
        title="一般公共预算支出表",
        header=[
            [("科目编码", 1, 2), ("科目名称", 1, 2), ("一般公共预算支出", 3)],
            [None, None, "合计", "基本支出", "项目支出"],
        ],
        rows=[
            ["", "合计", "1,034.56", "800.00", "234.56"],
            ["201", "一般公共服务支出", "1,034.56", "800.00", "234.56"],
            ["20101", "人大事务", "1,034.56", "800.00", "234.56"],
            ["2010101", "行政运行", "800.00", "800.00", ""],
            ["2010150", "事业运行", "234.56", "", "234.56"],
        ],
        widths=[70, 150, 80, 80, 80],
    )
    narrative = Text(
        [
            "2024年某某局部门预算",
            "五、财政拨款支出预算情况说明",
            "（一）审计事务（款）事业运行（项）支出 0 万元，与上年相比减少 77.89 万元，减少 100%。",
            "（二）人大事务（款）事业运行（项）支出 234.56 万元，与上年相比增加 34.56 万元，增长 17.28%。",
        ]
    )
    budget = read_budget(build(tmp_path / "levels.pdf", [[narrative], [table]]), use_cache=False)
    found = run_audit(budget).frame(include_passed=True)
    n06 = found[found.rule == "N06"]
    assert n06.status.tolist() == ["passed"] and n06.actual.tolist() == ["234.56"]
