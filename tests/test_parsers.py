"""The small parsers: amounts, labels and titles, 目录 entries, page evidence, glyph boxes."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest

from analysis.extract.evidence import amount_lines, in_columns, unread_amounts
from analysis.extract.glyphs import fix_vertical_metrics
from analysis.extract.pages import match_label
from analysis.extract.reader import TextLine
from analysis.specs import TABLE_NAME_RE, spec_for_title
from analysis.transform.amounts import parse_amount
from analysis.transform.contents import contents_entries


@pytest.mark.parametrize(
    "text, value",
    [
        ("5,601.00", Decimal("5601.00")),
        ("0.76", Decimal("0.76")),
        ("-12.50", Decimal("-12.50")),
        ("(3.00)", Decimal("-3.00")),
        ("１,２３４.５６", Decimal("1234.56")),  # full-width digits
        ("120258,600", Decimal("120258600")),  # only the last thousands separator printed
        ("-", None),
        ("", None),
        ("见附表", None),
    ],
)
def test_printed_amounts_are_read_exactly(text, value):
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["1,23.4", "5.601.00", "12,3456", "(5.00"])
def test_malformed_numbers_are_errors_not_guesses(text):
    with pytest.raises(ValueError):
        parse_amount(text)


@pytest.mark.parametrize(
    "line, label, rest",
    [
        ("表1 收支总表", "表1", "收支总表"),
        ("表 1. 单位收支总表", "表1", "单位收支总表"),
        ("表一", "表一", ""),
        ("表十一 2026年市级重点专项资金绩效目标表", "表十一", "2026年市级重点专项资金绩效目标表"),
        ("表3-1(2)", "表3-1(2)", ""),
        ("附表4 政府采购预算表", "附表4", "政府采购预算表"),
        ("公开 01 表：收支预算总表", "公开01表", "收支预算总表"),
        ("预算公开06表", "预算公开06表", ""),
        ("表5一般公共预算支出表", "表5", "一般公共预算支出表"),
        ("附件1 收支总表", "附件1", "收支总表"),
        ("附件2-1：部门收入总表", "附件2-1", "部门收入总表"),
        ("公开表1 收支总表", "公开表1", "收支总表"),
        ("预算公开表3", "预算公开表3", ""),
        ("报表1 收支总表", "报表1", "收支总表"),
        ("预算02-1表：部门收入预算表", "预算02-1表", "部门收入预算表"),
        ("预算11表 项目支出绩效目标表（本次下达）", "预算11表", "项目支出绩效目标表(本次下达)"),
        ("财决05表", "财决05表", ""),
    ],
)
def test_label_forms_of_the_templates(line, label, rest):
    match = match_label(line)
    assert match is not None
    assert match.group("label").replace(" ", "") == label and match.group("rest").replace(" ", "") == rest


@pytest.mark.parametrize("line", ["表格说明如下", "表示支出增加", "表一般公共预算支出表", "预算2026年部门收支总表"])
def test_words_beginning_with_biao_are_no_labels(line):
    assert match_label(line) is None


@pytest.mark.parametrize(
    "title, named",
    [
        ("收支预算总表", True),
        ("西南大学收支预算总表（2023年度）", True),
        ("绩效目标表", True),
        ("重点项目绩效目标情况如下：", False),
    ],
)
def test_a_line_naming_a_table_ends_in_biao(title, named):
    assert bool(TABLE_NAME_RE.search(title)) is named


@pytest.mark.parametrize(
    "title, key",
    [
        ("2026年部门收支总体情况表", "income_expense_summary"),
        ("财政拨款收支总体情况表", "fiscal_summary"),
        ("本年支出总体情况表", "expense_summary"),
        ("部门预算项目支出及其他支出预算表", "project_expense"),
        ("一般公共预算“三公”经费、会议费、培训费", "three_public"),
        ("支出决算表", "expense_summary"),
    ],
)
def test_titles_of_the_templates_name_their_standard_table(title, key):
    assert spec_for_title(title).key == key


def test_untitled_tables_are_named_by_their_header_words():
    assert spec_for_title("", ["项目名称", "预算数（万元）", "绩效目标"]).key == "performance_targets"
    assert spec_for_title("", ["项目", "金额"]).key == "other"


def test_contents_entries_by_label_or_by_enumerator_without_leaders_or_page_numbers():
    narrative = pd.DataFrame(
        {
            "page": [1, 1, 1, 1, 1, 2, 5],
            "text": [
                "目  录",
                "第二部分 2026年度部门预算报表",
                "一、收支总表",
                "表2 收入总表 ………… 12",
                "公开03表：支出预算总表",
                "十三、部门整体支出绩效目标表",
                "表9 政府采购预算表",  # not on the 目录's pages
            ],
        }
    )
    entries = [(e.label, e.title, e.page) for e in contents_entries(narrative)]
    assert entries == [
        ("", "收支总表", 1),
        ("表2", "收入总表", 1),
        ("公开03表", "支出预算总表", 1),
        ("", "部门整体支出绩效目标表", 2),
    ]


def _line(x0, y0, x1, text, size=9.0):
    return TextLine(x0, y0, x1, y0 + size, size, text)


def test_amounts_laid_out_in_columns_are_a_table_narrative_figures_are_not():
    column = [_line(400, 700 - 20 * i, 450, f"{i},234.5{i}") for i in range(4)]
    assert in_columns(amount_lines(column))
    sentence = [_line(60, 700, 500, "2026年收入预算1,234.56万元，比上年增加12.00万元。")]
    assert amount_lines(sentence) == []
    one_row = [_line(100 + 80 * i, 700, 150 + 80 * i, "1.00") for i in range(4)]
    assert not in_columns(one_row)  # a single row is no table
    # amounts inside a grid are accounted for; outside it they are a table no reader saw
    assert unread_amounts(column, [(390, 600, 460, 720)]) == []
    assert len(unread_amounts(column, [(0, 0, 10, 10)])) == 4


@pytest.mark.parametrize("text", ["１２３．４５", "１，２３４．５６", "1 234.56", "12 345.60  1 000.00", "－１２．３"])
def test_amounts_printed_full_width_or_with_blanks_for_thousands_are_amounts(text):
    """What the tables' amount parser reads (full-width digits, blanks between thousands) the page's evidence
    counts too, so a table printing them is read, not passed over."""
    assert amount_lines([_line(400, 700, 450, text)]) and parse_amount(text.split("  ")[0]) is not None


@pytest.mark.parametrize("text", ["100 200", "2024 2025", "第 3 页 共 20 页"])
def test_whole_numbers_parted_by_blanks_are_no_amount(text):
    assert amount_lines([_line(400, 700, 450, text)]) == []


class _Glyph:
    def __init__(self, x0, y0, x1, y1, baseline):
        self.x0, self.y0, self.x1, self.y1 = x0, y0, x1, y1
        self.matrix = (1, 0, 0, 1, x0, baseline)

    def set_bbox(self, bbox):
        self.x0, self.y0, self.x1, self.y1 = bbox


class _Line(_Glyph):
    def __init__(self, glyphs):
        self._objs = glyphs
        super().__init__(
            min(g.x0 for g in glyphs),
            min(g.y0 for g in glyphs),
            max(g.x1 for g in glyphs),
            max(g.y1 for g in glyphs),
            0,
        )


def test_glyph_boxes_hanging_below_their_baseline_are_put_back_on_it():
    # a digit font without ascent: the box of a 10 pt glyph drawn on baseline 465.8 spans 455.5–465.5
    hanging = _Line([_Glyph(91.7, 455.5, 100.9, 465.5, 465.8), _Glyph(100.9, 455.5, 110.1, 465.5, 465.8)])
    sound = _Line([_Glyph(147.9, 464.6, 157.1, 474.6, 466.9)])  # the name beside it, sound metrics
    assert fix_vertical_metrics([hanging, sound]) == 1
    assert (round(hanging.y0, 1), round(hanging.y1, 1)) == (463.8, 473.8)
    assert (sound.y0, sound.y1) == (464.6, 474.6)
    # both now sit in the same row band (460.6–480.4) of the grid
    assert 460.6 < (hanging.y0 + hanging.y1) / 2 < 480.4


@pytest.mark.parametrize(
    "title, key",
    [
        ("收入支出决算总表", "income_expense_summary"),
        ("收入支出决算表", "income_expense_summary"),
        ("财政拨款收入支出决算总表", "fiscal_summary"),
        ("一般公共预算财政拨款支出决算表", "gpb_expense"),
        ("一般公共预算财政拨款基本支出决算表", "gpb_basic_expense"),
        ("国有资本经营预算财政拨款支出决算表", "soe_capital_expense"),
        ("财政拨款“三公”经费支出决算表", "three_public"),
        ("项目支出绩效自评表", "performance_evaluation"),
        ("部门综合预算专项业务经费支出表", "project_expense"),
        ("部门综合预算政府采购（资产配置、购买服务）预算表", "gov_procurement"),
        # all funds by economic class, and the 明细表 of one measure keyed by that measure
        ("部门预算支出经济分类预算表", "expense_econ"),
        ("政府预算支出经济分类预算表", "expense_econ"),
        ("支出经济分类汇总表", "expense_econ"),
        ("一般公共预算支出经济分类情况表", "gpb_expense"),
        ("基本支出预算明细表", "basic_expense"),
        ("项目支出预算明细表", "project_expense"),
        ("支出预算明细表", "expense_detail"),
    ],
)
def test_final_accounts_and_other_templates_titles_name_their_standard_table(title, key):
    assert spec_for_title(title).key == key


@pytest.mark.parametrize(
    "values, total, leaves",
    [
        # a unit above its one sub-unit (the same amount twice), two categories, a group of two projects
        (["360", "360", "140", "140", "90", "50", "220", "200", "20"], "360", [4, 5, 7, 8]),
        (["50", "30", "20", "40"], "90", [1, 2, 3]),  # 50 = 30 + 20 is a group
        (["50", "30", "10"], "90", [0, 1, 2]),  # nothing adds up to another: all projects
        (["50", None, "0", "40"], "90", [0, 3]),  # a blank or nil row is no project
        (["50", "30", "10"], "100", None),  # no reading adds up: the projects are not known
    ],
)
def test_the_projects_of_a_table_without_codes_are_the_leaves_of_its_sums(values, total, leaves):
    from analysis.audit.figures import sum_tree_leaves

    amounts = [Decimal(v) if v is not None else None for v in values]
    assert sum_tree_leaves(amounts, Decimal(total)) == leaves


def test_a_long_table_without_codes_is_parsed_without_running_out_of_stack():
    from analysis.audit.figures import sum_tree_leaves

    projects = [Decimal(k % 7 + 1) for k in range(3000)]
    assert sum_tree_leaves([sum(projects), *projects], sum(projects)) == list(range(1, 3001))


@pytest.mark.parametrize(
    "text, name",
    [
        ("2010101 行政运行", "行政运行"),
        ("2026年中央信访资金", "2026年中央信访资金"),
        ("2020、2021依法破产企业退养人员补差", "2020、2021依法破产企业退养人员补差"),
        ("一、财政拨款", "财政拨款"),
    ],
)
def test_a_row_name_loses_its_code_and_enumerator_never_its_year(text, name):
    from analysis.audit.figures import name_of

    assert name_of(text) == name


@pytest.mark.parametrize(
    "text, left",
    [
        ("一、一般公共服务支出", "一般公共服务支出"),
        ("十一、城乡社区支出", "城乡社区支出"),
        ("（一）行政运行", "行政运行"),
        ("(3)机关服务", "机关服务"),
        ("（10）、其他支出", "其他支出"),
        ("1.人员经费", "人员经费"),
        ("2、公用经费", "公用经费"),
        ("3．公务接待费", "公务接待费"),
        ("一.收入预算", "收入预算"),
        ("2.5万元的设备", "2.5万元的设备"),
        ("2026年预算", "2026年预算"),
        ("2026.一般公共预算", "2026.一般公共预算"),
        ("201 一般公共服务支出", "201 一般公共服务支出"),
        ("一般公共预算", "一般公共预算"),
        ("十三五规划项目", "十三五规划项目"),
    ],
)
def test_an_outline_enumerator_is_one_pattern_for_names_headings_and_titles(text, left):
    """一、 （一） (1) 1. 1、 1． open a name, a heading or a title (one pattern, :data:`analysis.text.ENUMERATOR_RE`);
    a figure, a year or a code is never one."""
    from analysis.text import ENUMERATOR_RE, squash

    assert ENUMERATOR_RE.sub("", text) == left
    assert ENUMERATOR_RE.sub("", squash(text)) == squash(left)  # on squashed (NFKC) text alike


@pytest.mark.parametrize(
    "title, left",
    [
        ("续表", ""),
        ("续上表", ""),
        ("续表3", "表3"),
        ("（续）", ""),
        ("一般公共预算支出表（续）", "一般公共预算支出表"),
        ("表3(续表)", "表3"),
    ],
)
def test_a_continuation_mark_leaves_the_label_or_title_it_names(title, left):
    from analysis.specs import CONTINUED_RE

    assert CONTINUED_RE.search(title) and CONTINUED_RE.sub("", title) == left


@pytest.mark.parametrize("title", ["一般公共预算支出表", "续费支出表", "继续教育支出表", "表3 收支总表"])
def test_a_title_without_a_continuation_mark_is_none(title):
    from analysis.specs import CONTINUED_RE

    assert not CONTINUED_RE.search(title)


@pytest.mark.parametrize(
    "line, unit",
    [
        ("金额单位：万元", "万元"),
        ("单位：人民币万元", "万元"),  # the currency named: never the count unit 人
        ("金额单位：人民币 元", "元"),
        ("单位：千元", "千元"),
        ("单位：人", "人"),
        ("（单位：万元）", "万元"),
        ("万元", None),
    ],
)
def test_a_unit_line_names_its_unit(line, unit):
    from analysis.transform.amounts import unit_from_line

    assert unit_from_line(line) == unit


@pytest.mark.parametrize(
    ("head", "tail", "whole"),
    [
        ("7,404.6", "6", "7,404.66"),
        ("98,288.", "79", "98,288.79"),
        ("132,703", ".82", "132,703.82"),
        ("24995.9", "4", "24995.94"),
        ("7,404.6", "66", None),  # three decimals: no amount of the tables
        ("7,404.66", "6", None),  # a whole amount is cut nowhere
        ("132703", ".82", None),  # ungrouped digits: a code or a count, not an amount cut before its point
        ("201", "01", None),  # a code's pieces are joined as codes, never as an amount
    ],
)
def test_an_amount_cut_short_and_the_piece_wrapped_from_it(head, tail, whole):
    from analysis.transform.amounts import completed_amount

    assert completed_amount(head, tail) == whole
