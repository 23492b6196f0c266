"""The 款 and 项 of the 支出功能分类 in ``data/reference/function_codes.csv``: one row a code, every code
under its parent, one code a name under each parent, and well-known codes with their names."""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd
import pytest

from analysis.reference import (
    REGULAR_ITEMS,
    classification_name,
    code_aliases,
    code_index,
    function_classes,
    function_codes,
)
from analysis.resources import reference_csv


def listed() -> pd.DataFrame:
    return pd.read_csv(reference_csv("function_codes.csv"), dtype=str, keep_default_na=False)


def names() -> dict[str, str]:
    frame = function_codes()
    return dict(zip(frame.code, frame.name_zh, strict=True))


def test_the_file_lists_each_code_once_with_its_columns():
    frame = listed()
    assert list(frame.columns) == ["code", "name_zh", "items", "source"]
    assert frame.code.is_unique, frame.code[frame.code.duplicated()].tolist()
    assert frame.code.str.fullmatch(r"2\d{4}(\d{2})?").all()
    assert (frame.name_zh.str.strip() == frame.name_zh).all() and (frame.name_zh != "").all()
    assert set(frame["items"]) <= {"", "regular"}
    assert set(frame.loc[frame.code.str.len() == 7, "items"]) == {""}  # only a 款 has a pattern of items
    assert set(frame.source) <= {"printed", "classification"}
    # names as the classification prints them: full-width brackets, no spaces
    assert not frame.name_zh.str.contains(r"[()\s]").any()


def test_the_classification_has_each_code_once():
    frame = function_codes()
    assert frame.code.is_unique
    assert len(frame[frame.level == "款"]) > 200
    assert len(frame[frame.level == "项"]) > 1000


def test_each_xiang_has_its_kuan_and_each_kuan_its_class():
    codes = set(function_codes().code)
    classes = set(function_classes().code)
    kuan = {c for c in codes if len(c) == 5}
    xiang = {c for c in codes if len(c) == 7}
    assert {c[:3] for c in kuan} <= classes
    assert {c[:5] for c in xiang} <= kuan


def test_no_two_children_of_a_parent_share_a_name_in_any_year():
    frame = function_codes()
    aliases = code_aliases()
    aliases = aliases[aliases.classification == "function"]
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    for code, name in [*zip(frame.code, frame.name_zh, strict=True), *zip(aliases.code, aliases.name_zh, strict=True)]:
        parent = code[:-2] if len(code) > 3 else ""
        found[(parent, classification_name(name))].add(code)
    assert {key: codes for key, codes in found.items() if len(codes) > 1} == {}
    index = code_index("function")
    assert all(len(codes) == 1 for codes in index.children.values())
    assert set(aliases.code) <= set(frame.code)


def test_listed_items_of_a_regular_kuan_win_over_the_pattern():
    frame = listed()
    codes = function_codes()
    counts = Counter(codes.code)
    assert max(counts.values()) == 1
    by_code = dict(zip(codes.code, codes.source, strict=True))
    for kuan in frame[frame["items"] == "regular"].code:
        for item in (*REGULAR_ITEMS, "99"):
            assert kuan + item in by_code
    # a listed item keeps its own source rather than the pattern's
    assert by_code["2010101"] == "printed"
    assert by_code["2130504"] == "classification"
    assert by_code["2130550"] == "pattern"


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("20502", "普通教育"),
        ("2050201", "学前教育"),
        ("2050203", "初中教育"),
        ("2050801", "教师进修"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
        ("2080506", "机关事业单位职业年金缴费支出"),
        ("2081001", "儿童福利"),
        ("2101101", "行政单位医疗"),
        ("2100201", "综合医院"),
        ("2100717", "计划生育服务"),
        ("2210201", "住房公积金"),
        ("2210105", "农村危房改造"),
        ("2120201", "城乡社区规划与管理"),
        ("21305", "巩固脱贫攻坚成果衔接乡村振兴"),
        ("2130504", "农村基础设施建设"),
        ("2130599", "其他巩固脱贫攻坚成果衔接乡村振兴支出"),
        ("2130104", "事业运行"),
        ("2130153", "农田建设"),
        ("22404", "矿山安全"),
        ("22405", "地震事务"),
        ("22406", "自然灾害防治"),
        ("2240601", "地质灾害防治"),
        ("22407", "自然灾害救灾及恢复重建支出"),
        ("2240199", "其他应急管理支出"),
        ("2170199", "金融部门其他行政支出"),
        ("21901", "一般公共服务"),
        ("23006", "上解支出"),
        ("23103", "地方政府一般债务还本支出"),
        ("2320301", "地方政府一般债券付息支出"),
        ("23303", "地方政府一般债务发行费用支出"),
        ("2296011", "用于巩固脱贫攻坚成果衔接乡村振兴的彩票公益金支出"),
    ],
)
def test_well_known_codes_have_their_names(code, name):
    assert names()[code] == name


def test_agriculture_items_are_listed_not_patterned():
    # 农业农村's 事业运行 is 2130104: there is no 2130150 to confuse a name lookup
    assert "2130150" not in names()
    assert code_index("function").children[("21301", "事业运行")] == {"2130104"}


def test_renamed_kuan_and_items_are_found_by_their_other_names():
    children = code_index("function").children
    assert children[("213", "扶贫")] == children[("213", "巩固脱贫衔接乡村振兴")] == {"21305"}
    assert children[("213", "巩固脱贫攻坚成果衔接乡村振兴")] == {"21305"}
    assert children[("21305", "其他扶贫支出")] == {"2130599"}
    assert children[("224", "煤矿安全")] == children[("224", "矿山安全")] == {"22404"}
    assert children[("20503", "中专教育")] == children[("20503", "中等职业教育")] == {"2050302"}
