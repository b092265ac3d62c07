"""Vietnamese syllable validator: tells a plausibly spelled syllable from garbled text.

The legacy-encoding detector relies on it: text typed with TCVN3 or VNI fonts
turns into valid syllables once converted, while English, French or numbers
(and correct Unicode read the wrong way) do not. The check is structural:
initial consonant, vowel cluster, final consonant, which vowel carries the
tone (old "hòa" and new "hoà" placements both accepted), the spelling rules of
c/k, g/gh, ng/ngh and qu, and the rule that a syllable ending in c, ch, p or t
only takes sắc or nặng. It is not a dictionary,
so it accepts some syllables nobody writes ("trõ"); the detector only needs it
to reject what no Vietnamese could write.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

# Combining tone marks in NFD: huyền, sắc, ngã, hỏi, nặng.
TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
_RISING_TONES = frozenset("\u0301\u0323")  # sắc and nặng, the only tones of stopped syllables

_ALPHABET = frozenset("aăâbcdđeêghiklmnoôơpqrstuưvxy")
_VOWELS = frozenset("aeiouy")  # bases a tone mark may sit on (ă, â... decompose to these)

# Longest first, so "ngh" is tried before "ng" and "n"; "" allows syllables such as "anh".
_INITIALS = (
    "ngh",
    *("ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr"),
    # Consonant clusters of minority names written in Vietnamese letters: Hrê, Mnông, Xtiêng.
    *("bh", "bl", "br", "dl", "dr", "gl", "hr", "kl", "km", "kn", "kr", "mn", "pl", "pn"),
    *("pr", "rv", "xt"),
    *"bcdđghklmnprstvx",
    "",
)

# Vowel cluster -> positions the tone may sit on. Single vowels carry it themselves.
# Open "oa", "oe", "uy" take it on either vowel (old "hòa", new "hoà"); before a
# final consonant only on the second ("hoàng", "huỳnh").
_EITHER = frozenset({0, 1})
_FIRST, _SECOND, _THIRD = frozenset({0}), frozenset({1}), frozenset({2})
_OPEN_OR_CLOSED = {
    **dict.fromkeys(["a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"], _FIRST),
    **dict.fromkeys(["oa", "oe", "uy"], _EITHER),
    "uê": _SECOND,
}
_CLOSED_ONLY = {
    **dict.fromkeys(["ă", "â"], _FIRST),
    **dict.fromkeys(["iê", "yê", "uô", "ươ", "oă", "uâ"], _SECOND),
    "uyê": _THIRD,
    # "oo" ("xoong", "soóc") is left out on purpose: those few loanwords are almost
    # always plain ASCII, which is never checked, while "oâ" (VNI for "ô") read as
    # TCVN3 gives "oõ": accepting "oo" would make every VNI "ô" look like TCVN3.
}
_OPEN_ONLY = {
    **dict.fromkeys(["ia", "ua", "ưa", "ai", "ao", "au", "ay", "âu", "ây"], _FIRST),
    **dict.fromkeys(["eo", "êu", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu"], _FIRST),
    **dict.fromkeys(["uơ", "iêu", "yêu", "uôi", "ươi", "ươu"], _SECOND),
    "uya": frozenset(),  # "khuya" takes no tone mark
    **dict.fromkeys(["oai", "oay", "oao", "oeo", "uây", "uyu"], _SECOND),
}
_SECOND_WHEN_CLOSED = frozenset({"oa", "oe", "uy"})
# Spelling rules of the initial: "nghe", "ghi" but "nga", "ga"; "kể", never "cể".
_ONLY_BEFORE_FRONT_VOWELS = frozenset({"gh", "ngh"})
_NEVER_BEFORE_FRONT_VOWELS = frozenset({"c"})
_FRONT_VOWELS = ("e", "ê", "i", "y")

# h, k, l, r end minority names of the Central Highlands (Đắk Lắk, Đăk Tô, Chư Păh,
# Ia Đal, Ia Tôr), which follow no Vietnamese tone rule.
_FINALS = ("ch", "ng", "nh", "c", "m", "n", "p", "t", "h", "k", "l", "r")
_STOP_FINALS = frozenset({"c", "ch", "p", "t"})
# "anh", "ếch", "inh", "oanh", "huỳnh": ch/nh only follow front or open vowels...
_BEFORE_CH_NH = frozenset({"a", "ê", "i", "y", "oa", "uê", "uy"})
# ...and those front vowels take ch/nh instead of c/ng ("ích", never "íc").
_NOT_BEFORE_C_NG = frozenset({"i", "ê", "y", "uê", "uy"})


class Tone(NamedTuple):
    """A syllable split into its letters and its tone."""

    letters: str  # the syllable without its tone mark, NFC
    mark: str  # the combining tone mark, "" for the level tone (thanh ngang)
    position: int  # index in `letters` of the vowel carrying the mark, -1 without one


def has_plain_case(word: str) -> bool:
    """Return whether `word` is all lowercase, all uppercase or capitalised ("ViÖt" is not)."""
    return word.islower() or word.isupper() or (word[:1].isupper() and word[1:].islower())


def split_tone(syllable: str) -> Tone | None:
    """Return the syllable's letters and tone, None if it has two tones or one on a consonant."""
    letters: list[str] = []
    mark, position, base = "", -1, ""
    for char in unicodedata.normalize("NFD", syllable):
        if char in TONE_MARKS:
            if mark or base not in _VOWELS:
                return None
            mark, position = char, sum(not unicodedata.combining(c) for c in letters) - 1
        elif not unicodedata.combining(char):
            base = char
            letters.append(char)
        else:
            letters.append(char)
    return Tone(unicodedata.normalize("NFC", "".join(letters)), mark, position)


def _nucleus_fits(nucleus: str, final: str, tone: Tone, offset: int) -> bool:
    """Return whether `nucleus` before `final` can carry `tone` at `offset` into the rhyme."""
    if final:
        positions = _OPEN_OR_CLOSED.get(nucleus) or _CLOSED_ONLY.get(nucleus)
        if nucleus in _SECOND_WHEN_CLOSED:
            positions = _SECOND
    else:
        positions = _OPEN_OR_CLOSED.get(nucleus) or _OPEN_ONLY.get(nucleus)
    if positions is None:
        return False
    return not tone.mark or tone.position - offset in positions


def _final_fits(nucleus: str, final: str, tone: Tone) -> bool:
    """Return whether `final` may follow `nucleus` in a syllable with `tone`."""
    if final in ("ch", "nh") and nucleus not in _BEFORE_CH_NH:
        return False
    if final in ("c", "ng") and nucleus in _NOT_BEFORE_C_NG:
        return False
    return final not in _STOP_FINALS or tone.mark in _RISING_TONES


def _splits_at(tone: Tone, initial: str) -> bool:
    """Return whether the syllable is `initial` followed by a rhyme that can carry its tone."""
    if not tone.letters.startswith(initial):
        return False
    rhyme = tone.letters[len(initial) :]
    # "qu" already holds the medial u: "qua", "quốc", never "quoa" or "quu".
    if initial == "qu" and rhyme.startswith(("o", "u")):
        return False
    front = rhyme.startswith(_FRONT_VOWELS)
    if (initial in _ONLY_BEFORE_FRONT_VOWELS and not front) or (
        initial in _NEVER_BEFORE_FRONT_VOWELS and front
    ):
        return False
    for final in ("", *_FINALS):
        if not rhyme.endswith(final):
            continue
        nucleus = rhyme[: len(rhyme) - len(final)]
        if _nucleus_fits(nucleus, final, tone, len(initial)) and _final_fits(nucleus, final, tone):
            return True
    return False


def is_vietnamese_syllable(word: str) -> bool:
    """Return whether `word` is spelled like one Vietnamese syllable (any case, NFC or NFD)."""
    if not word or not has_plain_case(word):
        return False
    tone = split_tone(word.lower())
    if tone is None or not set(tone.letters) <= _ALPHABET:
        return False
    return any(_splits_at(tone, initial) for initial in _INITIALS)
