"""The narrative audit on small inputs: paragraphs as printed, the figures each claim is recomputed from."""

from __future__ import annotations

from analysis.extract.reader import PageContent, TextLine
from analysis.transform.claims import claims_frame
from analysis.transform.narrative import narrative_frame


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
