"""Charts render with Chinese (and English) labels, without missing glyphs or font warnings."""

from __future__ import annotations

import io
import logging
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib import font_manager

from analysis import plots
from analysis.fonts import cjk_font_path, use_cjk_font


def test_the_cjk_font_ships_with_the_dependencies_and_covers_the_labels():
    path = cjk_font_path()
    assert path.exists() and "site-packages" in str(path)
    name = use_cjk_font()
    font = font_manager.get_font(font_manager.findfont(font_manager.FontProperties(family=name)))
    charmap = font.get_charmap()
    assert all(ord(ch) in charmap for ch in "一般公共预算支出教育社会保障和就业卫生健康住房（）“”")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_chart_renders_without_warnings(sample, lang, caplog):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph is a UserWarning: fail on it
        with caplog.at_level(logging.WARNING, logger="matplotlib"):
            figures = plots.all_figures(sample, lang=lang)
            for name, fig in figures.items():
                buffer = io.BytesIO()
                fig.savefig(buffer, format="png", dpi=60)
                assert buffer.tell() > 5000, name
                matplotlib.pyplot.close(fig)
    assert not [r for r in caplog.records if "findfont" in r.getMessage() or "Glyph" in r.getMessage()]


def test_charts_use_chinese_or_english_names(sample):
    zh = plots.basic_project_bars(sample, lang="zh")
    en = plots.basic_project_bars(sample, lang="en")
    zh_labels = [t.get_text() for t in zh.axes[0].get_yticklabels()]
    en_labels = [t.get_text() for t in en.axes[0].get_yticklabels()]
    assert "教育支出" in zh_labels and "Education" in en_labels


def test_a_chart_without_its_table_says_so(sample):
    import copy

    bare = copy.copy(sample)
    bare.tables = []
    bare.tidy = sample.tidy.iloc[0:0]
    fig = plots.pareto(bare)
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert "本文件没有可用于此图的表格" in texts
