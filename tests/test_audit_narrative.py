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


def test_a_heading_on_a_line_of_its_own_ends_before_the_unindented_paragraph_under_it():
    """五、…情况说明 printed alone on its line (ending short of the text's right edge), its paragraph starting
    flush left on the next: two paragraphs — the heading is no part of the first item's name.  A heading wrapped
    to a second line (its first line full) stays one; so does a sentence line ending short."""

    def page(lines: list[tuple[float, str]]) -> PageContent:
        out = [TextLine(63.0, 780.0 - 31 * i, x1, 796.0 - 31 * i, 16.0, t) for i, (x1, t) in enumerate(lines)]
        return PageContent(number=1, width=595.0, height=842.0, lines=out, source="doc.pdf")

    item = "1.一般公共服务（类）人大事务（款）行政运行（项）：支出决算为410.00万元，"
    pages = [
        page(
            [
                (400.0, "五、一般公共预算财政拨款支出决算情况说明"),
                (533.0, item),
                (200.0, "完成预算102.50%。"),
                (533.0, "（一）一般公共预算财政拨款基本支出决算情况说明，其中人员经费与公用经费的构成"),
                (300.0, "如下"),
                (533.0, "2023年基本支出500.00万元。"),
            ]
        )
    ]
    assert narrative_frame(pages).text.tolist() == [
        "五、一般公共预算财政拨款支出决算情况说明",
        item + "完成预算102.50%。",
        "（一）一般公共预算财政拨款基本支出决算情况说明，其中人员经费与公用经费的构成如下2023年基本支出500.00万元。",
    ]


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


def _findings(tmp_path, name: str, pages: list) -> pd.DataFrame:
    budget = read_budget(build(tmp_path / f"{name}.pdf", pages), use_cache=False)
    frame = run_audit(budget).frame(include_passed=True)
    return frame[frame.rule.isin(["N01", "N02", "N03", "N04", "N06", "N12"])]


def test_rates_stated_without_the_prior_year_are_recomputed_from_the_prior_year_the_tables_print(tmp_path):
    """比上年增长 Z% with no prior-year figure in the text: the prior is the table's 2025年预算数 (a column) or
    its 2025年 row (a “三公” table printing one row per year), in the row whose 2026 figure is the text's."""
    narrative = Text(
        [
            "2026年某某局部门预算",
            "一、一般公共预算支出情况说明",
            "（一）一般公共服务支出（类）支出 1,100.00 万元，比上年增长 10.00%。",
            "（二）行政运行（项）支出 800.00 万元，与上年持平。",
            "（三）一般行政管理事务（项）支出 300.00 万元，比上年预算增长 40.00%。",
            "（四）人大事务（款）支出 1,100.00 万元，比上年执行数增长 10.00%。",
            "（五）一般行政管理事务（项）支出比上年增长 50.00%，行政运行（项）支出比上年增长 5.00%。",
            "（六）一般公共服务支出、人大事务支出分别比上年增长 10.00%、12.00%。",
            "二、“三公”经费预算情况说明",
            "公务接待费 12.00 万元，较上年增长 20.00%。",
        ]
    )
    expense = Grid(
        title="一般公共预算支出表",
        header=[["科目编码", "科目名称", "2025年预算数", "2026年预算数"]],
        rows=[
            ["", "合计", "1,000.00", "1,100.00"],
            ["201", "一般公共服务支出", "1,000.00", "1,100.00"],
            ["20101", "人大事务", "1,000.00", "1,100.00"],
            ["2010101", "行政运行", "800.00", "800.00"],
            ["2010102", "一般行政管理事务", "200.00", "300.00"],
        ],
        widths=[70, 150, 100, 100],
    )
    three = Grid(
        title="一般公共预算“三公”经费支出表",
        header=[["年度", "合计", "因公出国（境）费", "公务接待费", "公务用车购置及运行维护费"]],
        rows=[["2025年", "40.00", "10.00", "10.00", "20.00"], ["2026年", "44.00", "10.00", "12.00", "22.00"]],
        widths=[70, 70, 100, 80, 140],
    )
    found = _findings(tmp_path, "priors", [[narrative], [expense], [three]])
    rates = found[found.rule == "N02"]
    assert rates.status.tolist() == ["passed", "failed", "not_run", "passed", "failed", "passed", "failed", "passed"]
    assert rates.expected.tolist()[:2] == ["10.00%", "50.00%"] and rates.expected.iloc[7] == "20.00%"
    # rates stated respectively of parts named without figures: 1,000.00 → 1,100.00 is 10.00% for both
    assert rates.expected.tolist()[5:7] == ["10.00%", "10.00%"] and rates.actual.iloc[6] == "12.00%"
    # a rate stated of an item without any figure: this year's is the tables' (300.00; 800.00 → 0%, not 5%)
    assert rates.expected.tolist()[3:5] == ["50.00%", "0.00%"]
    assert "本年数：一般公共预算支出表 300.00" in rates.message.iloc[3]
    assert "上年数：一般公共预算支出表“2025年预算数” 1,000.00" in rates.message.iloc[0]
    assert "“2025年”行 10.00" in rates.message.iloc[7]
    # a comparison with last year's 执行数 is not made with the table's 预算数
    assert "表中未列此项的上年执行数" in rates.message.iloc[2]
    flat = found[(found.rule == "N03") & (found.actual == "持平")]
    assert flat.status.tolist() == ["passed"] and "800.00 → 800.00" in flat.message.iloc[0]
    # the prior year's column is never this year's figure
    assert found[found.rule == "N06"].status.eq("passed").all()


def test_final_accounts_rates_against_last_years_final_figures_printed_in_a_column(tmp_path):
    narrative = Text(
        [
            "西南某大学2023年度部门决算",
            "四、财政拨款支出决算情况说明",
            "1.小学教育（2050202），2023 年度决算数为 7,970.38 万元，比 2022 年度决算数增长 0.39%。",
            "2.高中教育（2050204），2023 年度决算数为 1,000.00 万元，比 2022 年度决算数增长 25.00%。",
        ]
    )
    table = Grid(
        title="财政拨款支出决算表",
        header=[
            [("科目编码", 1, 2), ("科目名称", 1, 2), ("上年决算数", 1, 2), ("本年决算数", 3)],
            [None, None, None, "合计", "基本支出", "项目支出"],
        ],
        rows=[
            ["", "合计", "8,739.09", "8,970.38", "8,970.38", ""],
            ["2050202", "小学教育", "7,939.09", "7,970.38", "7,970.38", ""],
            ["2050204", "高中教育", "800.00", "1,000.00", "1,000.00", ""],
        ],
        widths=[70, 120, 90, 90, 80, 80],
    )
    found = _findings(tmp_path, "final", [[narrative], [table]])
    rates = found[found.rule == "N02"]
    assert rates.status.tolist() == ["passed", "passed"] and rates.expected.tolist() == ["0.39%", "25.00%"]
    assert "上年数：财政拨款支出决算表“上年决算数” 7,939.09" in rates.message.iloc[0]
    assert found[found.rule == "N06"].status.eq("passed").all()


def test_a_rate_without_any_prior_year_figure_says_why_it_cannot_be_recomputed(tmp_path):
    narrative = Text(
        [
            "2026年某某局部门预算",
            "（一）政府性基金预算支出 10.00 万元，与上年持平，增长 0.00%。",
            "（二）因公出国（境）费 0.00 万元，比上年增加 0.00 万元，增长 0.00%。",
            "（三）公务接待费 12.00 万元，比上年 12.00 万元增加 0.00 万元。",
            "（四）115 个项目纳入绩效目标管理，涉及财政性资金合计 125,795.43 万元，",
            "占财政性资金（人员类和运转类中的公用经费项目支出除外）总额的比例为 100%。",
        ]
    )
    found = _findings(tmp_path, "nothing", [[narrative]])
    share = found[found.rule == "N04"]
    assert share.status.tolist() == ["not_run"] and share.actual.tolist() == ["100%"]
    assert "找不到“财政性资金（人员类和运转类中的公用经费项目支出除外）总额”的总额" in share.message.iloc[0]
    rates = found[found.rule == "N02"].set_index("actual")
    assert rates.status.tolist() == ["not_run", "passed"]
    assert "文中只写持平，未写上年金额，表中亦未列上年数" in rates.message.iloc[0]
    assert "上年与本年均为 0.00（变动 0.00），无变化" in rates.message.iloc[1]  # 0 → 0: a rate of 0
    # 增加 0.00 万元 states no change, whichever direction word it uses
    direction = found[(found.rule == "N03") & (found.actual == "增加")]
    assert direction.status.tolist() == ["passed"] and "12.00 → 12.00 万元 是持平" in direction.message.iloc[0]


def test_a_completion_rate_stated_without_its_budget_is_recomputed_from_the_budget_the_table_prints(tmp_path):
    narrative = Text(
        [
            "某某局2023年度部门决算",
            "六、“三公”经费支出决算情况说明",
            "（一）“三公”经费支出决算为 45.30 万元，完成预算的 90.60%。",
            "（二）公务接待费支出决算为 10.00 万元，完成预算的 40.00%。",
        ]
    )
    items = ["合计", "因公出国费", "公务接待费"]
    table = Grid(
        title="一般公共预算财政拨款“三公”经费支出决算表",
        header=[[("项目", 1, 2), ("预算数", 3), ("决算数", 3)], [None, *items, *items]],
        rows=[["金额", "50.00", "30.00", "20.00", "45.30", "35.30", "10.00"]],
        widths=[50] + [75] * 6,
    )
    budget = read_budget(build(tmp_path / "three.pdf", [[narrative], [table]]), use_cache=False)
    found = run_audit(budget).frame(include_passed=True)
    completion = found[found.rule == "N08"]
    assert completion.status.tolist() == ["passed", "failed"] and completion.expected.tolist() == ["90.60%", "50.00%"]
    assert "预算数：一般公共预算财政拨款“三公”经费支出决算表“预算数/合计” 50.00" in completion.message.iloc[0]
    # the “三公” figures of final accounts are the 决算数, not 预算数 + 决算数
    three = found[found.rule == "N12"]
    assert three.status.tolist() == ["passed", "passed"] and three.expected.tolist() == ["45.30", "10.00"]


def test_the_three_public_figures_are_this_years_under_their_own_heading(tmp_path):
    """A “三公” table printing last year, this year and the change, and a 合计 adding 会议费 to the “三公” total:
    the text's figures are compared with this year's “三公” figures alone (and its changes with last year's)."""
    narrative = Text(
        [
            "2026年某某局部门预算",
            "八、“三公”经费预算情况说明",
            "（一）“三公”经费预算 10.10 万元，比上年减少 1.90 万元，下降 15.83%。",
            "（二）公务接待费 1.00 万元，比上年减少 1.00 万元。",
        ]
    )
    heads = ["合计", "三公小计", "公务接待费", "会议费"]
    last_year, this_year, change = ["14.00", "12.00", "2.00", "2.00"], ["12.10", "10.10", "1.00", "2.00"], ["-1.90"] * 2
    change += ["-1.00", ""]
    table = Grid(
        title="“三公”经费及会议费支出预算表",
        header=[[("项目", 1, 2), ("上年", 4), ("当年", 4), ("增减变化情况", 4)], [None, *heads, *heads, *heads]],
        rows=[["合计", *last_year, *this_year, *change]],
        widths=[40] + [42] * 12,
    )
    found = _findings(tmp_path, "three_years", [[narrative], [table]])
    three = found[found.rule == "N12"]
    assert three.status.tolist() == ["passed", "passed"] and three.expected.tolist() == ["10.10", "1.00"]
    changes = found[found.rule == "N01"]
    assert changes.status.tolist() == ["passed", "passed"] and "上年数：" in changes.message.iloc[0]


def test_a_list_ends_before_the_next_paragraphs_total_and_a_sentence_opening_with_its_parts_is_the_heads(
    tmp_path,
):
    narrative = Text(
        [
            "2022年某某局部门预算",
            "\t（1）按照部门预算支出经济分类的类级科目说明",
            "\t2022年本部门一般公共预算拨款为 300.00 万元，其中：",
            "\t工资福利支出 200.00 万元，较上年减少了 10.00 万元。",
            "\t商品服务支出 100.00 万元，较上年增加了 5.00 万元。",
            "\t（2）按照政府预算支出经济分类的类级科目说明。",
            "\t2022年本部门一般公共预算支出 300.00 万元，其中：",
            "\t机关工资福利支出 120.00 万元；机关商品和服务支出",
            "180.00 万元。",
            "\t2022年本部门“三公”经费预算支出 50.00 万元，较上",
            "年增加 20.00 万元，增加的主要原因是公务车运行维护",
            "费预算口径变化而增加了 18.00 万元。其中：公务接待",
            "费 10.00 万元；公务用车运行维护费 40.00 万元；公务",
            "用车购置费 0 万元。",
        ]
    )
    budget = read_budget(build(tmp_path / "lists.pdf", [[narrative]]), use_cache=False)
    found = run_audit(budget).frame(include_passed=True)
    parts = found[found.rule == "N05"]
    assert sorted(zip(parts.status, parts.expected, parts.actual, strict=True)) == [
        ("passed", "300.00", "300.00"),  # 工资福利 + 商品服务: not the next paragraph's 300.00 as a third part
        ("passed", "300.00", "300.00"),  # 机关工资福利 + 机关商品和服务
        ("passed", "50.00", "50.00"),  # the “三公” parts add up to the paragraph's 50.00, not to the 18.00 before 其中
    ]


def test_a_rate_from_nothing_is_the_conventional_100_percent_of_a_new_item(tmp_path):
    """From a prior year of 0 no ratio exists; budgets state a new item as 增长 100%: that is read as the
    convention it is (passed), any other rate from 0 is flagged, and a rate from a negative prior stays not run."""
    narrative = Text(
        [
            "2026年某某局部门预算",
            "一、一般公共预算支出情况说明",
            "（一）其他行政事业单位医疗支出（项）预算数为 34.46 万元，比上年预算数 0 万元增加",
            "34.46 万元，上升 100%。",
            "（二）安全生产专项经费 40.00 万元，较上年增加 40 万元，增幅 100.0%。",
            "（三）信息化专项经费 20.00 万元，较上年增加 20.00 万元，增长 20.00%。",
            "（四）培训专项经费 10.00 万元，较上年增加 30.00 万元，增长 50.00%。",
        ]
    )
    found = _findings(tmp_path, "new_items", [[narrative]])
    rates = found[found.rule == "N02"]
    assert rates.status.tolist() == ["passed", "passed", "failed", "not_run"]
    assert rates.actual.tolist() == ["100%", "100.0%", "20.00%", "50.00%"]
    assert "为新增，增长率按惯例记为 100%" in rates.message.iloc[0]
    assert "亦非惯例的 100%" in rates.message.iloc[2] and rates.severity.iloc[2] == "warning"


def test_a_rate_stated_with_its_change_only_is_recomputed_from_this_years_figure_in_the_tables(tmp_path):
    """其中：公务接待费支出决算增加 0.01 万元，增长 3.45%: the text states neither this year's figure nor last
    year's; this year's is the one the tables print for the item (its “三公” item, its name), last year's this
    year's ∓ the change."""
    narrative = Text(
        [
            "某某局2023年度部门决算",
            "六、“三公”经费支出决算情况说明",
            "2023年度“三公”经费财政拨款支出决算数比2022年度减少 0.28 万",
            "元，降低 3.09%，其中：因公出国（境）费支出决算减少 0 万元，",
            "降低 0%；公务接待费支出决算增加 0.01 万元，增长 3.45%；公务",
            "用车运行维护费支出决算减少 0.29 万元，降低 5.00%。",
            "七、支出决算情况说明",
            "2023年度支出总计 132.00 万元，与2022年度相比，增加 7.00 万元，增长",
            "5.60%。其中：住房保障支出增加 12.00 万元，增长 20.00%；教育支出",
            "减少 5.00 万元，下降 9.00%。",
        ]
    )
    items = ["合计", "因公出国（境）费", "公务用车运行维护费", "公务接待费"]
    three = Grid(
        title="一般公共预算财政拨款“三公”经费支出决算表",
        header=[[("项目", 1, 2), ("决算数", 4)], [None, *items]],
        rows=[["金额", "8.78", "0.00", "5.78", "3.00"]],
        widths=[60, 70, 90, 100, 80],
    )
    expense = Grid(
        title="支出决算表",
        header=[["科目编码", "科目名称", "合计", "基本支出", "项目支出"]],
        rows=[
            ["", "合计", "132.00", "100.00", "32.00"],
            ["205", "教育支出", "60.00", "50.00", "10.00"],
            ["221", "住房保障支出", "72.00", "50.00", "22.00"],
        ],
        widths=[60, 110, 70, 70, 70],
    )
    budget = read_budget(build(tmp_path / "changes.pdf", [[narrative], [three, expense]]), use_cache=False)
    found = run_audit(budget).frame(include_passed=True)
    rates = found[found.rule == "N02"].set_index("actual")
    # 3.00 − 0.01 = 2.99 → 0.01 ÷ 2.99 = 0.33%, not 3.45%; 5.78 + 0.29 = 6.07 → 4.78%, not 5.00%
    assert rates.loc["0%", "status"] == "passed"
    assert rates.loc["3.45%", "status"] == "failed" and rates.loc["3.45%", "expected"] == "0.33%"
    assert rates.loc["5.00%", "status"] == "failed" and rates.loc["5.00%", "expected"] == "4.78%"
    assert "“三公”经费支出决算表 “决算数/公务接待费” 3.00" in rates.loc["3.45%", "message"]
    # the total's change stated without its figure: 8.78 + 0.28 = 9.06 → 3.09%
    assert rates.loc["3.09%", "status"] == "passed" and "“决算数/合计” 8.78" in rates.loc["3.09%", "message"]
    # 72.00 − 12.00 = 60.00 → 20.00%; 60.00 + 5.00 = 65.00 → 7.69%, not 9.00%
    assert rates.loc["20.00%", "status"] == "passed" and "支出决算表 72.00" in rates.loc["20.00%", "message"]
    assert rates.loc["9.00%", "status"] == "failed" and rates.loc["9.00%", "expected"] == "7.69%"


def test_three_public_items_printed_as_rows_are_read_in_the_final_column_and_counts_are_no_items(tmp_path):
    """A “三公” table of final accounts printing its items as rows (项目 | 预算数 | 决算数, or 统计数): the
    narrative's 决算 figures are compared with the final column, 合计 is the total, and the rows of counts
    printed under the items (团组数（个）, 接待人次（人）) are never the items' figures."""
    narrative = Text(
        [
            "某某局2023年度部门决算",
            "七、“三公”经费支出决算情况说明",
            "“三公”经费支出预算为 32.60 万元，支出决算为 27.45 万元，完成预算的 84.20%。",
            "其中：因公出国（境）费支出决算 0.00 万元；公务接待费支出决算 15.05 万元；",
            "公务用车运行维护费预算为 14.00 万元，支出决算为 12.40 万元，完成预算的 88.57%。",
        ]
    )
    for final in ("决算数", "统计数"):
        table = Grid(
            title="一般公共预算财政拨款“三公”经费支出决算表",
            header=[["项目", "预算数", final]],
            rows=[
                ["合计", "32.60", "27.45"],
                ["因公出国（境）费", "0.00", "0.00"],
                ["公务接待费", "12.60", "15.05"],
                ["公务用车购置及运行维护费", "20.00", "12.40"],
                ["其中：公务用车运行维护费", "14.00", "12.40"],
                ["因公出国（境）团组数（个）", "", "3"],
                ["国内公务接待人次（人）", "", "380"],
            ],
            widths=[180, 90, 90],
        )
        found = _findings(tmp_path, f"rows_{final}", [[narrative], [table]])
        three = found[found.rule == "N12"]
        assert three.status.tolist() == ["passed"] * 4, three.message.tolist()
        assert three.expected.tolist() == ["27.45", "0.00", "15.05", "12.40"]
        completion = run_audit(read_budget(tmp_path / f"rows_{final}.pdf", use_cache=False)).frame(include_passed=True)
        completion = completion[completion.rule == "N08"]
        assert completion.status.tolist() == ["passed", "passed"] and completion.actual.tolist() == ["84.20%", "88.57%"]


def test_both_totals_stated_at_once_are_the_summary_tables_totals(tmp_path):
    """收、支总计各 X 万元 (the national 决算 template's first sentence) names one subject, 收支总计 — never
    “支总计各” — compared with the 总计 rows a 收支总表 prints on both sides, in the funds the sentence names."""
    from .budget_pdfs import summary_table

    rows = [
        ["一、财政拨款收入", "1,200.00", "一、一般公共服务支出", "1,000.00"],
        ["二、其他收入", "80.00", "二、住房保障支出", "280.00"],
        ["总计", "1,280.00", "总计", "1,280.00"],
    ]
    for stated, status in (("1,280.00", "passed"), ("1,290.00", "failed")):
        narrative = Text(
            [
                "某某局2023年度部门决算",
                "一、收入支出决算总体情况说明",
                f"2023年度收、支总计各{stated}万元。与2022年度相比，收、支总计各增加",
                "100.00万元，增长8.47%。",
            ]
        )
        table = summary_table(title="收入支出决算总表", rows=rows, header=[[("收入", 2), ("支出", 2)],
                              ["项目", "决算数", "项目", "决算数"]])  # fmt: skip
        found = _findings(tmp_path, f"both_{status}", [[narrative], [table]])
        named = found[(found.rule == "N06") & found.message.str.contains("收支总计")]
        assert named.status.tolist() == [status], found[["rule", "status", "message"]].to_string()
    rate = found[found.rule == "N02"]
    assert rate.message.str.contains("收支总计：").all() and rate.status.tolist() == ["failed"]  # 100 ÷ 1,190


def test_a_figure_stated_in_yuan_is_compared_and_shown_in_yuan(tmp_path):
    """A narrative and tables printed in 元: the table figure a finding shows is in the text's unit (12,345,678.90),
    never in 万元 beside a figure in 元."""
    from .budget_pdfs import summary_table

    rows = [["一、财政拨款收入", "12,345,678.90", "一、一般公共服务支出", "12,345,678.90"],
            ["总计", "12,345,678.90", "总计", "12,345,678.90"]]  # fmt: skip
    for stated, status in (("12,345,678.90", "passed"), ("12,345,600.00", "failed")):
        heading = ["某某局2023年度部门决算", "一、支出决算情况说明"]
        narrative = Text([*heading, f"2023年度一般公共服务支出{stated}元，", "用于运行。"])
        table = summary_table(title="收入支出决算总表", rows=rows, unit="单位：元")
        found = _findings(tmp_path, f"yuan_{status}", [[narrative], [table]])
        (named,) = found[(found.rule == "N06") & (found.actual == stated)].itertuples()
        assert (named.status, named.expected) == (status, "12,345,678.90")
    assert named.difference == "-78.90" and "12,345,678.90 元" in named.message


def _expense(rows: list[list[str]], priors: tuple[str, ...] = ("2025年预算数",)) -> Grid:
    """一般公共预算支出表 printing last year's figures in the columns ``priors`` name, then 2026年预算数."""
    return Grid(
        title="一般公共预算支出表",
        header=[["科目编码", "科目名称", *priors, "2026年预算数"]],
        rows=rows,
        widths=[70, 150] + [90] * (len(priors) + 1),
    )


def test_each_rate_is_recomputed_against_its_own_base_and_a_base_the_tables_do_not_print_says_so(tmp_path):
    """比上年预算减少 …，比上年决算增加 …: two claims, each of its base.  The one against 上年决算 with its change
    is recomputed from the text (1,100.00 ∓ 20.00); the one with its rate alone is not run, naming the base the
    tables do not print (they print 2025年预算数 only) — never recomputed with the 上年预算数 beside it."""
    rows = [
        ["", "合计", "1,150.00", "1,100.00"],
        ["201", "一般公共服务支出", "1,150.00", "1,100.00"],
        ["2010101", "行政运行", "760.00", "800.00"],
    ]
    for final_rate, status in (("1.85%", "passed"), ("1.95%", "failed")):
        narrative = Text(
            [
                "2026年某某局部门预算",
                "一、一般公共预算支出情况说明",
                "（一）一般公共服务支出（类）支出 1,100.00 万元，比上年预算减少 50.00 万元，下降 4.35%，",
                f"比上年决算增加 20.00 万元，增长 {final_rate}。",
                "（二）行政运行（项）支出 800.00 万元，较上年预算数增长 5.26%，较上年决算数增长 2.56%。",
            ]
        )
        found = _findings(tmp_path, f"bases_{status}", [[narrative], [_expense(rows)]])
        rates = found[found.rule == "N02"].set_index("actual")
        assert rates.loc["4.35%", "status"] == "passed"
        assert "÷ 上年（1,100.00 ∓ 50.00 = 1,150.00）" in rates.loc["4.35%", "message"]
        # against 上年决算: 20.00 ÷ (1,100.00 − 20.00) = 1.85%
        assert rates.loc[final_rate, "status"] == status and rates.loc[final_rate, "expected"] == "1.85%"
        assert "÷ 上年决算数（1,100.00 ∓ 20.00 = 1,080.00）" in rates.loc[final_rate, "message"]
        assert rates.loc["5.26%", "status"] == "passed"  # 760.00 → 800.00, the 2025年预算数
        # 2.56% is against last year's final figure, which no table prints: not run, never 760.00 → 800.00
        assert rates.loc["2.56%", "status"] == "not_run" and "上年决算数" in rates.loc["2.56%", "message"]
        changes = found[found.rule == "N01"]  # the 预算 change checked with the table's 2025年预算数; the 决算 one not
        assert changes.status.tolist() == ["passed"] and changes.actual.tolist() == ["50.00"]
        assert "上年数：一般公共预算支出表“2025年预算数” 1,150.00" in changes.message.iloc[0]
        assert found[found.rule == "N06"].status.eq("passed").all()


def test_a_qualified_rate_is_never_compared_with_the_plain_one(tmp_path):
    """可比增长, 剔除…因素后增长, 同口径增长: rates of a prior-year figure adjusted first, which no table prints —
    read (not left unread) and not run, even where the plain rate the tables give would agree; a qualified
    change and rate stated together (同口径减少 X，下降 Z%) are recomputed from each other."""
    rows = [["", "合计", "1,000.00", "1,100.00"], ["2010102", "一般行政管理事务", "200.00", "300.00"]]
    for plain, status in (("50.00%", "passed"), ("45.00%", "failed")):
        narrative = Text(
            [
                "2026年某某局部门预算",
                "一、一般公共预算支出情况说明",
                f"（一）一般行政管理事务（项）支出 300.00 万元，增长 {plain}，可比增长 20.00%。",
                "（二）本年支出合计 1,100.00 万元，剔除机构改革因素后，增长 10.00%。",
                "（三）一般行政管理事务（项）支出 300.00 万元，同口径增长 50.00%。",
                "（四）一般行政管理事务（项）支出 300.00 万元，按同口径同比减少 20.00 万元，下降 6.25%。",
            ]
        )
        found = _findings(tmp_path, f"qualified_{status}", [[narrative], [_expense(rows)]])
        rates = found[found.rule == "N02"]
        assert rates.actual.tolist() == [plain, "20.00%", "10.00%", "50.00%", "6.25%"]
        assert rates.status.tolist() == [status, "not_run", "not_run", "not_run", "passed"]
        assert rates.expected.iloc[0] == "50.00%"  # the plain rate: 200.00 → 300.00
        # 20.00 ÷ the adjusted prior (300.00 + 20.00) = 6.25%, never 200.00 → 300.00
        assert "÷ 同口径上年数（300.00 ∓ 20.00 = 320.00）" in rates.message.iloc[4]
        assert not found.message.str.contains("未识别").any()


def test_parts_listed_with_a_conjunction_inside_their_names_take_their_own_figures(tmp_path):
    """文化旅游体育与传媒支出、社会保障和就业支出分别为 A、B: two parts (与 and 和 inside the classes' names), each
    with its amount and rate, compared with its row."""
    rows = [
        ["", "合计", "75.00", "100.00"],
        ["207", "文化旅游体育与传媒支出", "25.00", "30.00"],
        ["208", "社会保障和就业支出", "50.00", "70.00"],
    ]
    for culture, status in (("30.00", "passed"), ("31.00", "failed")):
        narrative = Text(
            [
                "2026年某某局部门预算",
                "一、一般公共预算支出情况说明",
                f"\t文化旅游体育与传媒支出、社会保障和就业支出分别为 {culture} 万元、70.00 万元，",
                "分别比上年增长 20.00%、40.00%。",
            ]
        )
        found = _findings(tmp_path, f"joined_{status}", [[narrative], [_expense(rows)]])
        named = found[found.rule == "N06"]
        assert named.status.tolist() == [status, "passed"] and named.expected.tolist() == ["30.00", "70.00"]
        assert named.message.str.startswith(("文化旅游体育与传媒支出", "社会保障和就业支出")).all()
        rates = found[found.rule == "N02"]
        assert rates.status.tolist()[1:] == ["passed"] and rates.expected.iloc[1] == "40.00%"
        # 30.00 is the table's own: its rate is recomputed (25.00 → 30.00); 31.00 is no figure the table prints
        assert rates.status.iloc[0] == ("passed" if status == "passed" else "not_run")


def test_two_totals_stated_respectively_are_each_compared_with_its_side_of_the_summary_table(tmp_path):
    """收、支总计各是 A、B 万元 … 各减少 X、Y 万元，各下降 a%、b%: 收入总计 A and 支出总计 B, each against its 总计
    and each rate recomputed from its own change; 收入总计、支出总计分别为 A 万元、B 万元，各下降 a%、b%: each rate
    against the prior year's 总计 the table prints."""
    from .budget_pdfs import summary_table

    rows = [
        ["一、财政拨款收入", "1,200.00", "一、一般公共服务支出", "1,000.00"],
        ["二、其他收入", "80.00", "二、住房保障支出", "270.00"],
        ["总计", "1,280.00", "总计", "1,270.00"],
    ]
    header = [[("收入", 2), ("支出", 2)], ["项目", "决算数", "项目", "决算数"]]
    for income, status in (("1,280.00", "passed"), ("1,290.00", "failed")):
        narrative = Text(
            [
                "某某局2023年度部门决算",
                "一、收入支出决算总体情况说明",
                f"2023年度收、支总计各是{income},1,270.00万元。与2022年度相比，收、支总计各减少80.00、",
                "60.00万元，各下降5.88%、4.51%。",
            ]
        )
        table = summary_table(title="收入支出决算总表", rows=rows, header=header)
        found = _findings(tmp_path, f"sides_{status}", [[narrative], [table]])
        named = found[found.rule == "N06"]
        assert named.message.str.contains("收入总计|支出总计").all(), named.message.tolist()
        assert named.status.tolist() == [status, "passed"] and named.expected.tolist() == ["1,280.00", "1,270.00"]
        rates = found[found.rule == "N02"]  # 80.00 ÷ 1,360.00 = 5.88%; 60.00 ÷ 1,330.00 = 4.51%
        assert rates.status.tolist() == [status, "passed"] and rates.expected.tolist()[1] == "4.51%"
    rows = [
        ["一、财政拨款收入", "1,150.00", "1,200.00", "一、一般公共服务支出", "1,000.00", "1,000.00"],
        ["二、其他收入", "150.00", "80.00", "二、住房保障支出", "300.00", "270.00"],
        ["收入总计", "1,300.00", "1,280.00", "支出总计", "1,300.00", "1,270.00"],
    ]
    header = [[("收入", 3), ("支出", 3)], ["项目", "上年预算数", "本年预算数", "项目", "上年预算数", "本年预算数"]]
    for spend_rate, status in (("2.31%", "passed"), ("2.51%", "failed")):
        narrative = Text(
            [
                "2023年某某局部门预算",
                "一、收支预算总体情况说明",
                f"\t收入总计、支出总计分别为 1,280.00 万元、1,270.00 万元，各下降 1.54%、{spend_rate}。",
            ]
        )
        table = summary_table(title="收支预算总表", rows=rows, header=header, widths=[100, 60, 60, 100, 60, 60])
        found = _findings(tmp_path, f"respectively_{status}", [[narrative], [table]])
        rates = found[found.rule == "N02"]  # 1,300.00 → 1,280.00: 1.54%; 1,300.00 → 1,270.00: 2.31%
        assert rates.status.tolist() == ["passed", status] and rates.expected.tolist() == ["1.54%", "2.31%"]
        assert found[found.rule == "N06"].status.tolist() == ["passed", "passed"]


def test_a_rate_against_last_years_final_takes_the_final_figure_the_tables_print(tmp_path):
    """With the 上年决算数 printed beside the 上年预算数, each rate is recomputed with its own base — and a rate
    stated against 上年预算 without a figure for it says it misses that base, not 上年决算."""
    rows = [
        ["", "合计", "1,150.00", "1,080.00", "1,100.00"],
        ["201", "一般公共服务支出", "1,150.00", "1,080.00", "1,100.00"],
        ["2010101", "行政运行", "760.00", "780.00", "800.00"],
    ]
    for final_rate, status in (("2.56%", "passed"), ("5.26%", "failed")):
        narrative = Text(
            [
                "2026年某某局部门预算",
                "一、一般公共预算支出情况说明",
                f"\t行政运行（项）支出 800.00 万元，较上年预算数增长 5.26%，较上年决算数增长 {final_rate}。",
            ]
        )
        table = _expense(rows, priors=("2025年预算数", "2025年决算数"))
        found = _findings(tmp_path, f"printed_{status}", [[narrative], [table]])
        rates = found[found.rule == "N02"]
        assert rates.status.tolist() == ["passed", status] and rates.expected.tolist() == ["5.26%", "2.56%"]
        assert "“2025年预算数” 760.00" in rates.message.iloc[0] and "“2025年决算数” 780.00" in rates.message.iloc[1]
    narrative = Text(
        ["2026年某某局部门预算", "\t机关运行经费 95.00 万元，较上年预算数下降 5.00%，较上年决算数下降 2.00%。"]
    )
    found = _findings(tmp_path, "neither", [[narrative], [_expense([row[:3] + row[4:] for row in rows])]])
    reasons = found[found.rule == "N02"].message.tolist()
    assert "表中未列此项的上年预算数" in reasons[0] and "上年决算数本文件未列" in reasons[1]


def test_a_qualified_rate_says_it_is_qualified(tmp_path):
    narrative = Text(
        ["2026年某某局部门预算", "\t一般行政管理事务（项）支出 300.00 万元，增长 50.00%，可比增长 20.00%。"]
    )
    rows = [["", "合计", "1,000.00", "1,100.00"], ["2010102", "一般行政管理事务", "200.00", "300.00"]]
    found = _findings(tmp_path, "qualified_reason", [[narrative], [_expense(rows)]])
    (qualified,) = found[(found.rule == "N02") & (found.actual == "20.00%")].itertuples()
    assert qualified.status == "not_run" and "可比增长 20.00% 是口径调整后的增减率（比较的是可比口径上年数" in (
        qualified.message
    )


def test_a_share_of_the_whole_its_sentence_opens_with_is_of_that_sides_total(tmp_path):
    """支出预算中，基本支出 …，占 77.52%: of the year's spending (本年支出合计 1,290.00 in the 收支总表) — never of
    the income stated just before (财政拨款收入 1,190.00), the nearest earlier amount."""
    from .budget_pdfs import summary_table

    rows = [
        ["一、财政拨款收入", "1,190.00", "一、一般公共服务支出", "1,290.00"],
        ["二、事业收入", "100.00", "", ""],
        ["本年收入合计", "1,290.00", "本年支出合计", "1,290.00"],
        ["上年结转", "20.00", "结转下年", "20.00"],
        ["收入总计", "1,310.00", "支出总计", "1,310.00"],
    ]
    for stated, status in (("77.52", "passed"), ("84.03", "failed")):
        narrative = Text(
            [
                "某某局2026年部门预算",
                "一、收支预算总体情况",
                "收支预算总额1,310.00万元。收入预算中，财政拨款收入1,190.00万元，事业收入100.00万元，",
                f"上年结转20.00万元。支出预算中，基本支出1,000.00万元，占{stated}%。",
            ]
        )
        found = _findings(tmp_path, f"lead_{status}", [[narrative], [summary_table(rows=rows)]])
        (share,) = found[found.rule == "N04"].itertuples()
        assert (share.status, share.expected) == (status, "77.52%") and "本年支出合计" in share.message


def test_a_completion_stated_as_a_share_of_the_adjusted_budget_takes_the_adjusted_budget(tmp_path):
    """决算 X 万元，占调整预算 Z%: a completion rate of the 调整预算数 the table prints, not of the 年初预算数."""
    items = ["合计", "因公出国费", "公务接待费"]
    table = Grid(
        title="一般公共预算财政拨款“三公”经费支出决算表",
        header=[[("项目", 1, 2), ("年初预算数", 3), ("调整预算数", 3), ("决算数", 3)], [None, *items * 3]],
        rows=[["金额", "60.00", "40.00", "20.00", "50.00", "30.00", "20.00", "45.30", "35.30", "10.00"]],
        widths=[50] + [52] * 9,
    )
    for stated, status in (("90.60", "passed"), ("75.50", "failed")):
        sentence = f"“三公”经费支出决算45.30万元，占调整预算{stated}%。"
        narrative = Text(["某某局2023年度部门决算", "六、“三公”经费支出决算情况说明", sentence])
        found = run_audit(read_budget(build(tmp_path / f"adj_{status}.pdf", [[narrative], [table]]), use_cache=False))
        (completion,) = found.frame(include_passed=True).query("rule == 'N08'").itertuples()
        assert (completion.status, completion.expected) == (status, "90.60%"), completion.message


def test_an_items_figures_after_a_colon_are_of_the_item_named_before_it(tmp_path):
    """1.一般公共服务（类）人大事务（款）行政运行（项）：支出决算为 X 万元，完成预算 Z%: the 部门决算 template names the
    item, then its figures by kind after the colon — the completion is of 行政运行's 年初预算数 in the table, not of a
    figure named 支出决算."""
    table = Grid(
        title="一般公共预算财政拨款支出决算表",
        header=[["科目编码", "科目名称", "年初预算数", "决算数"]],
        rows=[
            ["", "合计", "520.00", "530.00"],
            ["201", "一般公共服务支出", "520.00", "530.00"],
            ["20101", "人大事务", "520.00", "530.00"],
            ["2010101", "行政运行", "400.00", "410.00"],
            ["2010102", "一般行政管理事务", "120.00", "120.00"],
        ],
        widths=[70, 150, 90, 90],
    )
    for stated, status in (("102.50", "passed"), ("98.50", "failed")):
        narrative = Text(
            [
                "某某局2023年度部门决算",
                "五、一般公共预算财政拨款支出决算情况说明",
                f"1.一般公共服务（类）人大事务（款）行政运行（项）：支出决算为410.00万元，完成预算{stated}%。",
                "2.一般公共服务（类）人大事务（款）一般行政管理事务（2010102）：决算数为120.00万元，完成年初预算的100.00%。",
            ]
        )
        found = run_audit(read_budget(build(tmp_path / f"colon_{status}.pdf", [[narrative], [table]]), use_cache=False))
        first, second = found.frame(include_passed=True).query("rule == 'N08'").itertuples()
        assert (first.status, first.expected) == (status, "102.50%"), first.message
        assert "行政运行" in first.message and "400.00" in first.message
        assert (second.status, second.expected) == ("passed", "100.00%"), second.message


def test_shares_of_parts_named_without_their_figures_are_recomputed_from_the_tables(tmp_path):
    """人员经费和公用经费分别占基本支出的 a%和 b%; 公务接待费占“三公”经费的 c%; “三公”经费预算中，公务用车购置及运行费
    占比最大，为 d%: the parts are named, not their amounts — each is the one figure the tables print for it, its
    whole (named after 占, or before the sentence's first comma) the table's too.  A part the tables do
    not print says so (not run), never silently dropped."""
    basic = Grid(
        title="一般公共预算基本支出表",
        header=[["科目编码", "科目名称", "合计", "人员经费", "公用经费"]],
        rows=[
            ["", "合计", "2,150.00", "1,800.00", "350.00"],
            ["301", "工资福利支出", "1,800.00", "1,800.00", ""],
            ["302", "商品和服务支出", "350.00", "", "350.00"],
        ],
        widths=[70, 150, 90, 90, 90],
    )
    three = Grid(
        title="“三公”经费支出预算表",
        header=[["合计", "因公出国（境）费", "公务用车购置及运行费", "公务接待费"]],
        rows=[["25.80", "0.00", "21.30", "4.50"]],
        widths=[90, 110, 130, 90],
    )
    cases = ((("83.72", "16.28", "17.44", "82.56"), "passed"), (("80.00", "20.00", "15.00", "75.00"), "failed"))
    for shares, status in cases:
        personnel, public, reception, vehicles = shares
        narrative = Text(
            [
                "2026年某某局部门预算",
                "\t基本支出情况说明",
                f"\t人员经费和公用经费分别占基本支出的{personnel}%和{public}%。",
                f"\t公务接待费占“三公”经费的{reception}%。",
                f"\t“三公”经费预算中，公务用车购置及运行费占比最大，为{vehicles}%。",
                "\t政府采购支出占基本支出的5.00%。",
            ]
        )
        found = _findings(tmp_path, f"nameshare_{status}", [[narrative], [basic, three]])
        shares_found = found[found.rule == "N04"].set_index("actual")
        for stated, expected in zip(shares, ("83.72%", "16.28%", "17.44%", "82.56%"), strict=True):
            row = shares_found.loc[f"{stated}%"]
            assert (row.status, row.expected) == (status, expected), row.message
        assert "1,800.00" in shares_found.loc[f"{personnel}%"].message
        assert shares_found.loc["5.00%"].status == "not_run"


def test_no_change_stated_of_all_parts_listed_is_checked_for_each(tmp_path):
    """因公出国（境）费、公务接待费分别为 2.00 万元、1.00 万元，均与上年持平: each item against its own 上年 figure —
    not the last one alone."""
    narrative = Text(
        [
            "2026年某某局部门预算",
            "八、“三公”经费预算情况说明",
            "因公出国（境）费、公务接待费分别为 2.00 万元、1.00 万元，均与上年持平。",
        ]
    )
    heads = ["合计", "因公出国（境）费", "公务接待费"]
    for last, statuses in (
        (["3.00", "2.00", "1.00"], ["passed", "passed"]),
        (["3.00", "1.00", "1.00"], ["failed", "passed"]),
    ):
        table = Grid(
            title="“三公”经费支出预算表",
            header=[[("项目", 1, 2), ("上年", 3), ("当年", 3)], [None, *heads, *heads]],
            rows=[["合计", *last, "3.00", "2.00", "1.00"]],
            widths=[40] + [80] * 6,
        )
        found = _findings(tmp_path, f"flat_{statuses[0]}", [[narrative], [table]])
        flat = found[(found.rule == "N03") & found.message.str.contains("持平")]
        assert flat.status.tolist() == statuses, flat.message.tolist()


def test_a_rate_against_a_budget_of_two_years_before_is_not_recomputed_with_last_years(tmp_path):
    """2026年 … 比2024年预算增长 Z%: the tables print 2025's figure, not 2024's — not recomputed (it once passed
    against 2025's); 比2025年预算 is recomputed as ever."""
    narrative = Text(
        [
            "2026年某某局部门预算",
            "一、一般公共预算支出情况说明",
            "2026年一般公共服务支出 1,100.00 万元，比2024年预算增长 10.00%。",
            "2026年人大事务支出 1,100.00 万元，比2025年预算增长 10.00%。",
        ]
    )
    expense = Grid(
        title="一般公共预算支出表",
        header=[["科目编码", "科目名称", "2025年预算数", "2026年预算数"]],
        rows=[
            ["", "合计", "1,000.00", "1,100.00"],
            ["201", "一般公共服务支出", "1,000.00", "1,100.00"],
            ["20101", "人大事务", "1,000.00", "1,100.00"],
        ],
        widths=[70, 150, 100, 100],
    )
    found = _findings(tmp_path, "two_years", [[narrative], [expense]])
    rates = found[found.rule == "N02"]
    assert rates.status.tolist() == ["not_run", "passed"], rates.message.tolist()
    assert rates.actual.tolist() == ["10.00%", "10.00%"]
    assert "文中未写2024年预算数或变动额，表中不列2024年预算数" in rates.message.iloc[0]
