"""Legacy Vietnamese encodings (TCVN3/ABC and VNI) detected per cell and converted to Unicode.

Before Unicode, Vietnamese was typed with fonts that draw Vietnamese letters in
place of Latin-1 ones: the ".Vn" fonts (".VnTime", TCVN3, typed with the ABC
keyboard) and the "VNI-" fonts ("VNI-Times"). Excel keeps the code points, so a
cell typed that way reaches us as Latin-1 gibberish: "NguyÔn V¨n An" (TCVN3) or
"Nguyeãn Vaên An" (VNI) for "Nguyễn Văn An".

Detection is per cell and conservative. A reading (Unicode as it is, TCVN3 or
VNI) is plausible when every word holding a non-ASCII character spells a
Vietnamese syllable under it. Text stays as it is whenever the Unicode reading
is plausible, so correct Vietnamese, ASCII, numbers and codes are never touched,
nor is French or English with accents (no reading fits "Café" or "Hélène").

Limits that come from the fonts themselves:

- TCVN3 has no capital vowels with a tone mark: all-caps text was typed with the
  ".VnTimeH" fonts, which draw capitals at the lowercase code points, so the
  case cannot be known for sure. A word whose Latin letters are all capitals
  (at least two, as in "NGUYÔN") is taken as all-caps, and so is a whole cell
  without any lowercase Latin letter; elsewhere such letters stay lowercase, and
  text typed in lowercase under ".VnTimeH" comes out lowercase.
- Some short words read validly two ways: "Cã" is TCVN3 for "Có" and also a
  well-formed Unicode syllable; "ñi" is VNI "đi" and TCVN3 "ủi". Such a cell is
  left alone unless the caller passes `assume` (typically the encoding found in
  the rest of the file); when both legacy readings fit and nothing is assumed,
  TCVN3 wins, being the national standard of the time.
"""

from __future__ import annotations

import re
import string
import unicodedata
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from dangvien.imports.domain.syllables import TONE_MARKS, is_vietnamese_syllable


class Encoding(StrEnum):
    """How the text of one cell was typed."""

    UNICODE = "unicode"  # already Unicode (or plain ASCII): left as it is
    TCVN3 = "tcvn3"  # TCVN 5712:1993 VN3, the ".Vn" fonts of the ABC keyboard
    VNI = "vni"  # VNI Windows, the "VNI-" fonts


# --- TCVN3: one code point per Vietnamese letter -------------------------------------------

# fmt: off
TCVN3_TO_UNICODE: Final = MappingProxyType({
    # Letters with a shape mark, capitals then lowercase (0xA1-0xAE).
    "¡": "Ă", "¢": "Â", "£": "Ê", "¤": "Ô", "¥": "Ơ", "¦": "Ư", "§": "Đ",
    "¨": "ă", "©": "â", "ª": "ê", "«": "ô", "¬": "ơ", "\u00ad": "ư", "®": "đ",
    # Lowercase vowels with a tone, in the order huyền, hỏi, ngã, sắc, nặng (0xB5-0xFE).
    "µ": "à", "¶": "ả", "·": "ã", "¸": "á", "¹": "ạ",
    "»": "ằ", "¼": "ẳ", "½": "ẵ", "¾": "ắ", "Æ": "ặ",
    "Ç": "ầ", "È": "ẩ", "É": "ẫ", "Ê": "ấ", "Ë": "ậ",
    "Ì": "è", "Î": "ẻ", "Ï": "ẽ", "Ð": "é", "Ñ": "ẹ",
    "Ò": "ề", "Ó": "ể", "Ô": "ễ", "Õ": "ế", "Ö": "ệ",
    "×": "ì", "Ø": "ỉ", "Ü": "ĩ", "Ý": "í", "Þ": "ị",
    "ß": "ò", "á": "ỏ", "â": "õ", "ã": "ó", "ä": "ọ",
    "å": "ồ", "æ": "ổ", "ç": "ỗ", "è": "ố", "é": "ộ",
    "ê": "ờ", "ë": "ở", "ì": "ỡ", "í": "ớ", "î": "ợ",
    "ï": "ù", "ñ": "ủ", "ò": "ũ", "ó": "ú", "ô": "ụ",
    "õ": "ừ", "ö": "ử", "÷": "ữ", "ø": "ứ", "ù": "ự",
    "ú": "ỳ", "û": "ỷ", "ü": "ỹ", "ý": "ý", "þ": "ỵ",
})
# fmt: on
_TCVN3_TABLE: Final = str.maketrans(dict(TCVN3_TO_UNICODE))
_UNICODE_TO_TCVN3: Final = {letter: code for code, letter in TCVN3_TO_UNICODE.items()}

# --- VNI: a base letter followed by a character that adds the marks -------------------------

_BREVE, _CIRCUMFLEX, _HORN = "\u0306", "\u0302", "\u031b"
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"

# Code points that stand for a whole letter (i and ỵ carry their tone in one code point).
# fmt: off
_VNI_LOWER_LETTERS = {
    "ñ": "đ", "ô": "ơ", "ö": "ư", "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}
# Code points that add (shape, tone) to the vowel typed just before them.
_VNI_LOWER_MARKS = {
    "ù": ("", _ACUTE), "ø": ("", _GRAVE), "û": ("", _HOOK), "õ": ("", _TILDE), "ï": ("", _DOT),
    "ê": (_BREVE, ""), "é": (_BREVE, _ACUTE), "è": (_BREVE, _GRAVE),
    "ú": (_BREVE, _HOOK), "ü": (_BREVE, _TILDE), "ë": (_BREVE, _DOT),
    "â": (_CIRCUMFLEX, ""), "á": (_CIRCUMFLEX, _ACUTE), "à": (_CIRCUMFLEX, _GRAVE),
    "å": (_CIRCUMFLEX, _HOOK), "ã": (_CIRCUMFLEX, _TILDE), "ä": (_CIRCUMFLEX, _DOT),
}
# fmt: on
VNI_LETTERS: Final = MappingProxyType(
    _VNI_LOWER_LETTERS | {code.upper(): text.upper() for code, text in _VNI_LOWER_LETTERS.items()}
)
# Capital letters take the capital marks, but keyboards mix them up, so both are accepted.
VNI_MARKS: Final = MappingProxyType(
    _VNI_LOWER_MARKS | {code.upper(): marks for code, marks in _VNI_LOWER_MARKS.items()}
)

_VNI_UNMARKED_VOWELS = frozenset("aeouyơư")
_SHAPE_BASES = MappingProxyType({_BREVE: frozenset("a"), _CIRCUMFLEX: frozenset("aeo"), "": None})
_UNICODE_TO_VNI_LETTER: Final = {letter: code for code, letter in VNI_LETTERS.items()}
_VNI_MARK_CODE: Final = {marks: code for code, marks in _VNI_LOWER_MARKS.items()}
_VNI_CODES = frozenset(VNI_LETTERS) | frozenset(VNI_MARKS)

# --- Words -------------------------------------------------------------------------------------

_LATIN1_LETTERS = "".join(c for c in map(chr, range(0xA0, 0x100)) if c.isalpha())
_WORD_CHARS = set(string.ascii_letters + _LATIN1_LETTERS) | set(TCVN3_TO_UNICODE) | _VNI_CODES
_WORD = re.compile("[" + re.escape("".join(sorted(_WORD_CHARS))) + "]+")


def _has_letter_beyond_latin1(text: str) -> bool:
    """Return whether `text` holds a letter or mark no legacy font could have produced."""
    return any(
        ord(char) > 0xFF and (char.isalpha() or unicodedata.combining(char)) for char in text
    )


def _looks_all_caps(word: str) -> bool:
    """Return whether the Latin letters of a TCVN3 word say it was typed in capitals."""
    latin = [char for char in word if char in string.ascii_letters]
    return len(latin) >= 2 and all(char.isupper() for char in latin)


def _decode_tcvn3_word(word: str) -> str:
    """Return one TCVN3 word in Unicode, upper-cased when it was typed in capitals."""
    converted = word.translate(_TCVN3_TABLE)
    return converted.upper() if _looks_all_caps(word) else converted


def _decode_vni(text: str, *, strict: bool) -> str | None:
    """Return VNI `text` in Unicode; with `strict`, None when a mark follows no fitting vowel."""
    out: list[str] = []
    takes_mark = False  # whether out[-1] is a vowel still waiting for its marks
    for char in text:
        marks = VNI_MARKS.get(char)
        if marks is not None:
            shape, tone = marks
            bases = _SHAPE_BASES[shape]
            if takes_mark and (bases is None or out[-1].lower() in bases):
                out[-1] = unicodedata.normalize("NFC", out[-1] + shape + tone)
                takes_mark = False
                continue
            if strict:
                return None
        letter = VNI_LETTERS.get(char, char)
        out.append(letter)
        takes_mark = letter.lower() in _VNI_UNMARKED_VOWELS
    return "".join(out)


def _is_plausible_unicode(word: str) -> bool:
    """Return whether `word` reads as Vietnamese as it is (symbols alone say nothing)."""
    return not any(char.isalpha() for char in word) or is_vietnamese_syllable(word)


def _is_plausible_tcvn3(word: str) -> bool:
    """Return whether `word` becomes a Vietnamese syllable when read as TCVN3."""
    if any(not char.isascii() and char not in TCVN3_TO_UNICODE for char in word):
        return False
    return is_vietnamese_syllable(_decode_tcvn3_word(word))


def _is_plausible_vni(word: str) -> bool:
    """Return whether `word` becomes a Vietnamese syllable when read as VNI."""
    if any(not char.isascii() and char not in _VNI_CODES for char in word):
        return False
    converted = _decode_vni(word, strict=True)
    return converted is not None and is_vietnamese_syllable(converted)


def plausible_encodings(text: str) -> frozenset[Encoding]:
    """Return the readings under which every non-ASCII word of `text` spells Vietnamese.

    ASCII words are left out: they read the same every way. Empty means no
    reading fits (foreign words, symbols), which callers treat as Unicode.
    """
    text = unicodedata.normalize("NFC", text)
    if text.isascii() or _has_letter_beyond_latin1(text):
        return frozenset({Encoding.UNICODE})
    words = [word for word in _WORD.findall(text) if not word.isascii()]
    found: set[Encoding] = set()
    if all(map(_is_plausible_unicode, words)):
        found.add(Encoding.UNICODE)
    if words and all(map(_is_plausible_tcvn3, words)):
        found.add(Encoding.TCVN3)
    if words and all(map(_is_plausible_vni, words)):
        found.add(Encoding.VNI)
    return frozenset(found)


def detect(text: str, *, assume: Encoding | None = None) -> Encoding:
    """Return the encoding `text` was typed in; Unicode unless a legacy reading alone fits.

    `assume` settles a cell that reads validly both as Unicode and in that legacy
    encoding ("Cã"), provided it has Latin letters: a lone symbol proves nothing.
    """
    found = plausible_encodings(text)
    if assume in found and assume is not Encoding.UNICODE:
        if Encoding.UNICODE not in found or any(c in string.ascii_letters for c in text):
            return assume
    if Encoding.UNICODE in found or not found:
        return Encoding.UNICODE
    return Encoding.TCVN3 if Encoding.TCVN3 in found else Encoding.VNI


def convert(text: str, encoding: Encoding) -> str:
    """Return `text` read as `encoding`, in NFC; characters the encoding lacks pass through."""
    text = unicodedata.normalize("NFC", text)
    if encoding is Encoding.VNI:
        converted = _decode_vni(text, strict=False) or ""
    elif encoding is Encoding.TCVN3:
        converted = _WORD.sub(lambda match: _decode_tcvn3_word(match.group()), text)
        # A cell typed wholly in .VnTimeH capitals: its one-letter words are capitals too.
        if any(map(_looks_all_caps, _WORD.findall(text))) and not any(
            char in string.ascii_lowercase for char in text
        ):
            converted = converted.upper()
    else:
        converted = text
    return unicodedata.normalize("NFC", converted)


def to_unicode(text: str, *, assume: Encoding | None = None) -> tuple[str, Encoding]:
    """Return `text` converted to Unicode (NFC) and the encoding it was found in."""
    encoding = detect(text, assume=assume)
    return convert(text, encoding), encoding


# --- Encoders, for tests and fixture workbooks -------------------------------------------


def encode_tcvn3(text: str) -> str:
    """Return `text` as a TCVN3 font stores it; capitals with a tone become lowercase codes."""
    return "".join(
        _UNICODE_TO_TCVN3.get(char) or _UNICODE_TO_TCVN3.get(char.lower(), char)
        for char in unicodedata.normalize("NFC", text)
    )


def _encode_vni_letter(letter: str) -> str:
    """Return one NFC letter as a VNI font stores it (letters it lacks are returned as is)."""
    if letter in _UNICODE_TO_VNI_LETTER:
        return _UNICODE_TO_VNI_LETTER[letter]
    decomposed = unicodedata.normalize("NFD", letter)
    base, marks = decomposed[0], decomposed[1:]
    tone = "".join(mark for mark in marks if mark in TONE_MARKS)
    shape = "".join(mark for mark in marks if mark not in TONE_MARKS)
    if shape == _HORN:  # ơ and ư are whole letters in VNI; only their tone is a mark
        base, shape = _UNICODE_TO_VNI_LETTER[unicodedata.normalize("NFC", base + _HORN)], ""
    code = _VNI_MARK_CODE.get((shape, tone))
    if not marks or code is None:
        return letter
    return base + (code.upper() if base.isupper() else code)


def encode_vni(text: str) -> str:
    """Return `text` as a VNI font stores it."""
    return "".join(map(_encode_vni_letter, unicodedata.normalize("NFC", text)))
