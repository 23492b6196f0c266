"""Charts render with Chinese (and English) labels, without missing glyphs or font warnings."""

from __future__ import annotations

import io
import logging
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib import font_manager

from analysis import plots, structure
from analysis.display import amount_text
from analysis.fonts import cjk_font_path, use_cjk_font
from analysis.plots.labels import extent

from .conftest import REALWORLD_PDFS


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


def _no_overlaps(budget, lang):
    for name, fig in plots.all_figures(budget, lang=lang).items():
        assert plots.text_overlaps(fig) == [], (budget.path.name, lang, name)
        matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_two_labels_of_a_chart_overlap(sample, lang):
    _no_overlaps(sample, lang)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("pdf", REALWORLD_PDFS, ids=lambda p: p.stem)
def test_no_two_labels_overlap_in_the_charts_of_real_documents(realworld, pdf, lang):
    _no_overlaps(realworld(pdf.stem), lang)


def test_the_overlap_check_finds_overlapping_labels():
    fig, ax = matplotlib.pyplot.subplots()
    ax.text(0.5, 0.5, "教育支出 4,928.27")
    ax.text(0.52, 0.5, "社会保障和就业支出")
    assert len(plots.text_overlaps(fig)) == 1
    matplotlib.pyplot.close(fig)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_treemap_labels_stay_inside_their_boxes_and_the_key_carries_the_others(sample, lang):
    fig = plots.treemap(sample, level="项", lang=lang)
    fig.canvas.draw()
    ax = fig.axes[0]
    boxes = [extent(p) for p in ax.patches]
    for text in ax.texts:
        box = extent(text)
        centre = ((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2)
        (home,) = [b for b in boxes if b.contains(*centre)]
        assert home.x0 <= box.x0 and box.x1 <= home.x1 and home.y0 <= box.y0 and box.y1 <= home.y1, text.get_text()
    items = structure.by_function(sample, "项")
    labelled = [t.get_text() for t in ax.texts if "\n" in t.get_text()]
    key = [t.get_text() for t in fig.legends[-1].get_texts()] if len(fig.legends) > 1 else []
    for row in items.itertuples():
        in_box = any(amount_text(row.amount) in t for t in labelled)
        in_key = any(row.func_code in k and amount_text(row.amount) in k for k in key)
        assert in_box != in_key, row.func_code  # every item once: in its box, or numbered in the key
    assert len(ax.texts) >= len(items) - 1  # at most the tiniest box goes without even its number
    matplotlib.pyplot.close(fig)
