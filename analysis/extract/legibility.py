"""Whether a page's text can be read at all: glyphs without Unicode, and pages that are pictures.

Two ways a page prints a table that no reader can see, found from the page's own objects:

* its text does not map to characters — a font without a usable ``ToUnicode`` map gives
  ``(cid:N)`` glyphs, private-use code points or the replacement character; a wrong map gives
  characters, but rare ones (``醟般頚頠预算䄽餤表`` for ``一般公共预算支出表``): a budget's text is
  written in common characters — those of GB 2312 (simplified) or of Big5 (traditional) — so a page
  whose Chinese is for a good part outside both is not what was printed; or a font's codes read as
  single bytes (``N1\x9cÿê\x7f`` for ``一般公共预算``, as some rewriting of a PDF leaves it): control
  characters and accented Latin letters, which no budget prints; or a font re-encoded with codes in the
  order its glyphs are first used and names no map knows (``/cid9502``, as a PDF printed to PostScript
  and distilled again has it): its first glyphs decode to nothing and the rest to Latin letters and
  ASCII symbols (``&'RSTUVWXYZ[^_`` for a heading) — a page of a Chinese budget is never that;
  or glyphs given pictographic symbols for characters (``✴✔✁☛✟✒`` for a heading, as a PDF distilled again
  from PostScript with its fonts turned into Type 3 fonts has them): a budget prints a few of them at most,
  as bullets or check boxes;
* it is a picture — an image covering most of the page with little text on it (a scan with its page
  number stamped as text), or drawings with no text at all (text turned into outlines).

Nothing is guessed here: the measures are counted and the coverage report says what they mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

#: a glyph no Unicode character was found for, as pdfminer writes it
CID_RE = re.compile(r"\(cid:\d+\)")
#: at least this many characters of Chinese before their share outside GB 2312 is judged
MIN_HAN = 10
#: share of a page's Chinese outside GB 2312 and Big5 above which its text is taken as mis-mapped
#: (a wrong map spreads characters over all of Unicode's Chinese: a third or more land outside both;
#: a page in traditional characters has none there)
RARE_HAN_SHARE = 0.2
#: share of a page's characters without a character (cid, private use, U+FFFD) judged illegible
ILLEGIBLE_SHARE = 0.1
#: glyphs a page prints fewer of than this cannot be judged (a page number, a stamp): at least this many glyphs of
#: one kind that does not decode make a page illegible
FEW_GLYPHS = 5
#: glyphs decoding to control characters, accented Latin letters or stray ASCII symbols (:data:`STRAY_SYMBOLS`)
#: among Chinese from which a page is mis-mapped (a budget prints none: not one in the 22 real documents read)
FOREIGN_AMONG_HAN = 3
#: characters on a page from which its share of Latin letters and ASCII symbols is judged
MIN_LATIN = 20
#: share of a page's characters that are Latin letters or ASCII symbols above which a page with (almost) no
#: Chinese is mis-mapped (a budget's page prints at most a tenth of them, and then among Chinese) …
LATIN_SHARE = 0.3
#: … when enough of them are symbols prose rarely prints: codes read through a standard encoding give 3 to 23 in
#: 100 glyphs (a budget distilled again from PostScript), English prose about 1 in 100
SYMBOL_SHARE = 0.02
#: share of Chinese below which a page of mostly Latin letters and symbols has lost its Chinese
FEW_HAN_SHARE = 0.1
#: ASCII symbols prose rarely prints (not those of sentences, amounts, rates, codes and dates: ``.,;:!?'"%-()``)
ASCII_SYMBOLS = frozenset("#$&*+/<=>@[\\]^_`{|}~")
#: ASCII symbols never printed beside a Chinese character (``{``, ``|`` …, where ``#`` of ``3#楼`` is)
STRAY_SYMBOLS = frozenset("{}|~^`\\")
#: a Chinese numeral against a Latin letter or digit and a Chinese character: an outline enumerator whose 、 a font
#: lost to the code of a letter or digit (一1一般公共预算, 二1项目支出); no budget prints one (not once in 56 files)
LOST_ENUMERATOR_RE = re.compile(r"[一二三四五六七八九十][0-9A-Za-z](?=[\u4e00-\u9fff])")
#: the text a glyph without any character counts as (a glyph decoding to nothing)
NO_CHARACTER = "(cid:0)"
#: share of a document's glyphs on pages whose text does not decode from which the document is unreadable (what
#: decodes is a divider page's few words, a page number: no budget)
GARBLED_SHARE = 0.9
#: an image covering at least this share of the page makes it a picture, when little text is on it
PICTURE_COVER = 0.5
#: text characters a scanned page may carry (a stamped page number, a title) and still be a picture
PICTURE_TEXT = 40
#: drawn objects on a page without text that make it a drawing of text (glyph outlines, a ruled grid)
DRAWING_OBJECTS = 50


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ebef"


def _common(ch: str) -> bool:
    """A character of GB 2312 (simplified) or Big5 (traditional)."""
    for encoding in ("gb2312", "big5"):
        try:
            ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        return True
    return False


def _is_foreign(ch: str) -> bool:
    """A control character, an accented Latin letter (ÿ, ø, Ā) or a spacing accent (¯, `): a font's code read as
    a single byte, never what a budget prints."""
    category = unicodedata.category(ch)
    return category in ("Cc", "Sk") or ("\u00c0" <= ch <= "\u024f" and category.startswith("L"))


def _foreign(text: str, counts: Counter) -> tuple[int, int]:
    """Glyphs decoding to :func:`_is_foreign` characters: all of them, and those printed among Chinese (a control
    character anywhere, the others beside a Chinese character: 本\x80收入, 一1¯政拨款, ß能分类), with the ASCII
    symbols no text prints beside Chinese (社{支出, |开 01 表) and an enumerator's 、 read as a Latin letter or digit
    (:data:`LOST_ENUMERATOR_RE`) — a font some of whose codes lost their characters.  ``counts``: how often each
    character of ``text`` occurs."""
    foreign = {ch for ch in counts if _is_foreign(ch)}
    odd = foreign | (STRAY_SYMBOLS & counts.keys())
    among = 0
    for i, ch in enumerate(text):
        if ch not in odd:
            continue
        beside_han = (i and _is_han(text[i - 1])) or (i + 1 < len(text) and _is_han(text[i + 1]))
        if beside_han or (ch in foreign and unicodedata.category(ch) == "Cc"):
            among += 1
    among += len(LOST_ENUMERATOR_RE.findall(text))
    return sum(counts[ch] for ch in foreign), among


def _is_latin(ch: str) -> bool:
    """A Latin letter or an ASCII symbol: what a font's codes read through a standard encoding give."""
    return ch.isascii() and (ch.isalpha() or ch in ASCII_SYMBOLS)


def glyph_text(glyphs) -> str:
    """The text of a page's glyphs (pdfminer's ``LTChar``), a glyph that decodes to nothing counting as one
    without a character (playa gives ``""`` for a code its font's encoding names no character for)."""
    return "".join(g.get_text() or NO_CHARACTER for g in glyphs)


def _is_pictograph(ch: str) -> bool:
    """A pictographic symbol: arrows, technical and geometric shapes, dingbats, emoji (✴, ✔, ☛, ▲ …) — not the
    symbols of measures and numbering a budget prints (㎡, ℃, №, ①)."""
    return unicodedata.category(ch) == "So" and ("\u2190" <= ch <= "\u2bff" or ch >= "\U0001f000")


def _illegible(text: str) -> int:
    count = len(CID_RE.findall(text))
    text = CID_RE.sub("", text)
    return count + sum(1 for ch in text if "\ue000" <= ch <= "\uf8ff" or ch == "\ufffd")


@dataclass(frozen=True)
class Legibility:
    """What a page's objects say about whether its text can be read."""

    #: non-blank text characters (a ``(cid:N)`` glyph counts as one)
    chars: int = 0
    #: glyphs without a character: ``(cid:N)``, private-use code points, U+FFFD
    illegible: int = 0
    #: glyphs decoding to control characters, accented Latin letters or spacing accents (a font's codes read as
    #: bytes), and of them those among Chinese characters
    foreign: int = 0
    foreign_among_han: int = 0
    #: glyphs decoding to pictographic symbols (:func:`_is_pictograph`)
    pictographs: int = 0
    #: Latin letters and rarely printed ASCII symbols (:data:`ASCII_SYMBOLS`), and of them the symbols
    latin: int = 0
    symbols: int = 0
    #: Chinese characters, and those outside both GB 2312 and Big5
    han: int = 0
    rare_han: int = 0
    #: share of the page's area covered by its largest image
    image_cover: float = 0.0
    #: lines, rectangles and curves drawn on the page
    drawings: int = 0

    @property
    def mis_mapped(self) -> bool:
        """The text does not decode to what was printed: glyphs without characters, control characters, accented
        Latin letters or pictographs; Latin letters and symbols where Chinese was printed; rare Chinese."""
        return bool(self.evidence())

    @property
    def _enough(self) -> float:
        """Glyphs of one kind that does not decode making the page illegible."""
        return max(FEW_GLYPHS, ILLEGIBLE_SHARE * self.chars)

    @property
    def _latin_without_han(self) -> bool:
        """Mostly Latin letters and ASCII symbols, (almost) no Chinese: codes read through a standard encoding."""
        return (
            self.chars >= MIN_LATIN
            and self.latin >= LATIN_SHARE * self.chars
            and self.symbols >= SYMBOL_SHARE * self.chars
            and self.han < FEW_HAN_SHARE * self.chars
        )

    def is_picture(self, has_lines: bool) -> bool:
        """An image of a page with little text, or drawings without any text."""
        if self.image_cover >= PICTURE_COVER and self.chars <= PICTURE_TEXT:
            return True
        return not has_lines and self.drawings >= DRAWING_OBJECTS

    def evidence(self) -> str:
        """What shows that the text is mis-mapped, the first kind of glyphs that does (``""``: nothing does)."""
        if self.illegible >= self._enough:
            return f"{self.illegible} of {self.chars} glyphs have no character: a font without a Unicode map?"
        if self.foreign >= self._enough:
            return (
                f"{self.foreign} of {self.chars} glyphs decode to control characters or accented Latin letters: "
                "a font's codes read as single bytes (a PDF rewritten without its Unicode map?)"
            )
        if self.foreign_among_han >= FOREIGN_AMONG_HAN:
            return (
                f"{self.foreign_among_han} glyphs among the Chinese decode to control characters, accented Latin "
                "letters, ASCII symbols or a digit for an enumerator's 、 (ß能分类, 社{支出, 一1一般): a font's codes "
                "read as single bytes (a PDF rewritten without its Unicode map?)"
            )
        if self.pictographs >= self._enough:
            return (
                f"{self.pictographs} of {self.chars} glyphs decode to pictographic symbols such as ✴ or ✔: a font's "
                "glyphs given a wrong Unicode map (a PDF rewritten with its fonts turned into Type 3 fonts?)"
            )
        if self._latin_without_han:
            return (
                f"{self.latin} of {self.chars} glyphs decode to Latin letters and ASCII symbols and {self.han} to "
                "Chinese: a font's codes read through a standard encoding (a PDF rewritten without its Unicode map?)"
            )
        if self.han >= MIN_HAN and self.rare_han > RARE_HAN_SHARE * self.han:
            return (
                f"{self.rare_han} of {self.han} Chinese characters are rare ones no budget prints: a wrong Unicode map?"
            )
        return ""

    def describe(self) -> str:
        if self.mis_mapped:
            return f"the page's text does not decode to what is printed ({self.evidence()})"
        if self.image_cover >= PICTURE_COVER:
            return f"the page is an image ({self.image_cover:.0%} of it) with {self.chars} characters of text (a scan?)"
        return f"the page draws {self.drawings} shapes and no text (text turned into outlines?)"


def measure(text: str, images, layout_objects, width: float, height: float) -> Legibility:
    """The legibility measures of a page: its text (all characters), its images (with ``bbox``) and the
    drawn objects of its layout (pdfminer's ``LTLine``/``LTRect``/``LTCurve``)."""
    visible = re.sub(r"\s+", "", text)
    characters = CID_RE.sub("", visible)
    # each kind is judged once per distinct character, then counted as often as it occurs
    counts = Counter(characters)
    foreign, among = _foreign(characters, counts)

    def occurrences(kind) -> int:
        return sum(n for ch, n in counts.items() if kind(ch))

    area = max(width * height, 1.0)
    cover = 0.0
    for image in images:
        x0, y0, x1, y1 = image.bbox
        w = max(0.0, min(x1, width) - max(x0, 0.0))
        h = max(0.0, min(y1, height) - max(y0, 0.0))
        cover = max(cover, w * h / area)
    return Legibility(
        chars=len(CID_RE.sub("#", visible)),
        illegible=_illegible(visible),
        foreign=foreign,
        foreign_among_han=among,
        pictographs=occurrences(_is_pictograph),
        latin=occurrences(_is_latin),
        symbols=occurrences(ASCII_SYMBOLS.__contains__),
        han=occurrences(_is_han),
        rare_han=occurrences(lambda ch: _is_han(ch) and not _common(ch)),
        image_cover=round(cover, 3),
        drawings=layout_objects,
    )
