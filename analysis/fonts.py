"""A CJK font for matplotlib that ships with the package's own dependencies.

Plots label Chinese names; a fresh machine usually has no CJK font, and
matplotlib then draws empty boxes and warns about missing glyphs.  The PyPI
package ``mplfonts`` carries Noto Sans CJK SC (SIL Open Font License); we
register that file with matplotlib's font manager directly (no system font,
no font cache rebuild, no change to the user's matplotlib configuration files).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

FONT_FILE = "NotoSansCJKsc-Regular.otf"


def cjk_font_path() -> Path:
    """Path of the bundled Noto Sans CJK SC font file."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the package 'mplfonts' (which carries the CJK font) is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / FONT_FILE
    if not path.exists():
        raise RuntimeError(f"CJK font file missing: {path}")
    return path


@cache
def register_cjk_font() -> str:
    """Add the bundled font to matplotlib's font manager (once); returns its family name."""
    from matplotlib import font_manager

    path = cjk_font_path()
    font_manager.fontManager.addfont(str(path))
    return font_manager.FontProperties(fname=str(path)).get_name()


def use_cjk_font() -> str:
    """Make matplotlib draw Chinese with Noto Sans CJK SC; returns the font's family name.

    Call it after anything that resets the font settings (``seaborn.set_theme`` does).
    """
    from matplotlib import rcParams

    name = register_cjk_font()
    rcParams["font.family"] = "sans-serif"
    rcParams["font.sans-serif"] = [name, *[f for f in rcParams["font.sans-serif"] if f != name]]
    rcParams["axes.unicode_minus"] = False  # the CJK font has no U+2212 minus sign
    return name
