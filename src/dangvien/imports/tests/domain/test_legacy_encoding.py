import unicodedata

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from dangvien.imports.domain.legacy_encoding import (
    Encoding,
    convert,
    detect,
    encode_tcvn3,
    encode_vni,
    plausible_encodings,
    to_unicode,
)
from dangvien.imports.domain.syllables import is_vietnamese_syllable

# Typed by hand from the code charts, not produced by the encoders under test.
TCVN3_CASES = [
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("§¶ng", "Đảng"),
    ("§¶ng Céng s¶n ViÖt Nam", "Đảng Cộng sản Việt Nam"),
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("Tr\u00adêng §¹i häc S\u00ad ph¹m Hµ Néi", "Trường Đại học Sư phạm Hà Nội"),
    ("TrÇn ThÞ Thu H\u00ad¬ng", "Trần Thị Thu Hương"),
    ("Ph¹m Minh ChÝnh", "Phạm Minh Chính"),
    ("Vâ V¨n Th\u00adëng", "Võ Văn Thưởng"),
    ("Hoµng ThÞ Thuý", "Hoàng Thị Thuý"),
    ("Bïi ThÞ Ph\u00ad¬ng", "Bùi Thị Phương"),
    ("§ç M\u00adêi", "Đỗ Mười"),
    ("Hå ChÝ Minh", "Hồ Chí Minh"),
    ("Uû ban nh©n d©n x· T©n LËp", "Uỷ ban nhân dân xã Tân Lập"),
    ("Chi bé th«n 3", "Chi bộ thôn 3"),
    ("QuÇn chóng \u00adu tó", "Quần chúng ưu tú"),
    ("ChÝnh thøc", "Chính thức"),
    ("Dù bÞ", "Dự bị"),
    ("MiÔn sinh ho¹t", "Miễn sinh hoạt"),
    ("Kh«ng", "Không"),
    ("Tµy", "Tày"),
    ("M\u00adêng", "Mường"),
    ("Nïng", "Nùng"),
    ("Th¸i", "Thái"),
    ("£ §ª", "Ê Đê"),
    ("Tr\u00adëng ban c«ng t¸c MÆt trËn", "Trưởng ban công tác Mặt trận"),
    ("NGUYÔN V¡N AN", "NGUYỄN VĂN AN"),
    ("§¶NG CéNG S¶N VIÖT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
    ("Lª V¡N", "LÊ VĂN"),
]

VNI_CASES = [
    ("Nguyeãn Vaên An", "Nguyễn Văn An"),
    ("Ñaûng Coäng saûn Vieät Nam", "Đảng Cộng sản Việt Nam"),
    ("Nguyeãn Thò Hoa", "Nguyễn Thị Hoa"),
    ("Traàn Höng Ñaïo", "Trần Hưng Đạo"),
    ("Tröôøng Ñaïi hoïc Sö phaïm Haø Noäi", "Trường Đại học Sư phạm Hà Nội"),
    ("Phaïm Vaên Ñoàng", "Phạm Văn Đồng"),
    ("Voõ Nguyeân Giaùp", "Võ Nguyên Giáp"),
    ("Leâ Thò Hoàng Nhung", "Lê Thị Hồng Nhung"),
    ("Hoaøng Thò Thuùy", "Hoàng Thị Thúy"),
    ("Ñaëng Thuøy Traâm", "Đặng Thùy Trâm"),
    ("Döông Vaên Minh", "Dương Văn Minh"),
    ("Huyønh Taán Phaùt", "Huỳnh Tấn Phát"),
    ("Lyù Thöôøng Kieät", "Lý Thường Kiệt"),
    ("Ñoã Möôøi", "Đỗ Mười"),
    ("Thaønh phoá Hoà Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Chi boä thoân 3", "Chi bộ thôn 3"),
    ("Quaàn chuùng öu tuù", "Quần chúng ưu tú"),
    ("Möôøng", "Mường"),
    ("Nuøng", "Nùng"),
    ("EÂ Ñeâ", "Ê Đê"),
    ("NGUYEÃN VAÊN AN", "NGUYỄN VĂN AN"),
    ("ÑAÛNG COÄNG SAÛN VIEÄT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
]

NOT_LEGACY = [
    "",
    "Hello World",
    "Party member since 2010",
    "Café",
    "São Paulo",
    "Hélène Dupont",
    "Noël",
    "Müller",
    "naïve",
    "résumé",
    "Crème brûlée",
    "Zürich",
    "El Niño",
    "façade",
    "Ångström",
    "Málaga",
    "12345",
    "1.234,56",
    "CB-01",
    "XA-TL",
    "50 °C",
    "© 2020",
    "2×3",
    "Nguyễn Văn Ân",
    "Hòa Bình",
    "Lê",
    "Hà Nội",
    "Đảng bộ xã Tân Lập",
]


@pytest.mark.parametrize(("typed", "expected"), TCVN3_CASES)
def test_it_converts_tcvn3_names_and_phrases(typed, expected):
    assert to_unicode(typed) == (expected, Encoding.TCVN3)


@pytest.mark.parametrize(("typed", "expected"), VNI_CASES)
def test_it_converts_vni_names_and_phrases(typed, expected):
    assert to_unicode(typed) == (expected, Encoding.VNI)


@pytest.mark.parametrize("text", NOT_LEGACY)
def test_it_leaves_ascii_foreign_words_and_correct_vietnamese_alone(text):
    assert to_unicode(text) == (text, Encoding.UNICODE)


def test_it_returns_nfd_vietnamese_in_nfc_without_calling_it_legacy():
    decomposed = unicodedata.normalize("NFD", "Nguyễn Văn Ân")
    assert to_unicode(decomposed) == ("Nguyễn Văn Ân", Encoding.UNICODE)


def test_it_leaves_a_word_that_reads_validly_as_unicode_too():
    # "Cã" is TCVN3 for "Có" but also a well-formed syllable: no proof either way.
    assert plausible_encodings("Cã") == {Encoding.UNICODE, Encoding.TCVN3}
    assert to_unicode("Cã") == ("Cã", Encoding.UNICODE)


def test_it_settles_an_ambiguous_cell_with_the_assumed_encoding():
    assert to_unicode("Khai trõ", assume=Encoding.TCVN3) == ("Khai trừ", Encoding.TCVN3)
    assert to_unicode("Cã", assume=Encoding.TCVN3) == ("Có", Encoding.TCVN3)


def test_it_ignores_the_assumption_when_the_cell_cannot_be_in_that_encoding():
    assert detect("Nguyễn", assume=Encoding.TCVN3) is Encoding.UNICODE
    assert detect("Nguyeãn", assume=Encoding.TCVN3) is Encoding.VNI


def test_it_does_not_let_an_assumption_convert_a_lone_symbol():
    assert detect("2×3", assume=Encoding.TCVN3) is Encoding.UNICODE


def test_it_prefers_tcvn3_when_both_legacy_readings_fit_and_nothing_is_assumed():
    # VNI "ñi" is "đi", TCVN3 "ñi" is "ủi".
    assert plausible_encodings("ñi") == {Encoding.TCVN3, Encoding.VNI}
    assert to_unicode("ñi") == ("ủi", Encoding.TCVN3)
    assert to_unicode("ñi", assume=Encoding.VNI) == ("đi", Encoding.VNI)


def test_it_finds_no_reading_for_foreign_text():
    assert plausible_encodings("Crème brûlée") == frozenset()


def test_it_converts_with_a_given_encoding_and_keeps_what_it_cannot_map():
    assert convert("NguyÔn €", Encoding.TCVN3) == "Nguyễn €"
    assert convert("Nguyeãn ù", Encoding.VNI) == "Nguyễn ù"
    assert convert("NguyÔn", Encoding.UNICODE) == "NguyÔn"


def test_it_keeps_lowercase_tcvn3_lowercase_when_the_case_is_unknowable():
    # Typed under .VnTimeH with caps lock off: shown in capitals, stored in lowercase.
    assert to_unicode("nguyÔn v¨n an") == ("nguyễn văn an", Encoding.TCVN3)


def test_it_encodes_tcvn3_capitals_with_a_tone_as_lowercase_codes():
    assert encode_tcvn3("Ấp") == "Êp"
    assert encode_tcvn3("Đảng") == "§¶ng"


def test_it_encodes_vni():
    assert encode_vni("Đảng Cộng sản Việt Nam") == "Ñaûng Coäng saûn Vieät Nam"
    assert encode_vni("Trường") == "Tröôøng"
    assert encode_vni("Müller") == "Müller"


# --- Properties ---------------------------------------------------------------------------

_SYLLABLES_TEXT = (
    "an anh ăn âm ấy bà bác bản bảo bình bộ bùi cả các cán cao cấp chi chính chúng "
    "có công cộng của cử dân dự dương đại đảng đạo đình đoàn đồng đỗ được em gia giáp giữa "
    "hà hải hạnh hiệp hồ hội học hoa hoà hoàng huệ hùng hưng hương huyện huỳnh khai không "
    "kiên kết lan lâm lập lê lễ liên linh long lớp lực mai minh mười mường nam năm nghĩa "
    "ngọc nguyễn nhân nhung như nữ phạm phan phong phúc phương quân quang quần quốc quyết "
    "sản sinh sơn tâm tân thanh thảo thắng thị thôn thu thuận thúy thức thường tiến tình "
    "toàn trần trọng trung trưởng tú tuấn tùng tường ưu văn việt vinh võ vũ xã xuân yến"
)
SYLLABLES = _SYLLABLES_TEXT.split()

TCVN3_CAPITALS = set("ABCDEGHIKLMNOPQRSTUVXYĂÂĐÊÔƠƯ")


def _capitalised_if_encodable(word: str, capitalise: bool) -> str:
    """Capitalise `word` only when TCVN3 has its first capital letter."""
    title = word[0].upper() + word[1:]
    return title if capitalise and title[0] in TCVN3_CAPITALS else word


words = st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=6)
phrases_tcvn3 = st.builds(
    lambda chosen, caps: " ".join(map(_capitalised_if_encodable, chosen, caps)),
    words,
    st.lists(st.booleans(), min_size=6, max_size=6),
)
phrases_any_case = st.builds(
    lambda chosen, case: " ".join(getattr(word, case)() for word in chosen),
    words,
    st.sampled_from(["lower", "title", "upper"]),
)


@given(phrases_tcvn3)
def test_tcvn3_encoding_round_trips(text):
    assert convert(encode_tcvn3(text), Encoding.TCVN3) == text


@given(phrases_any_case)
def test_vni_encoding_round_trips_in_any_case(text):
    assert convert(encode_vni(text), Encoding.VNI) == text


@given(phrases_tcvn3)
def test_tcvn3_text_is_detected_unless_it_reads_validly_another_way(text):
    legacy = encode_tcvn3(text)
    assume(plausible_encodings(legacy) == {Encoding.TCVN3})
    assert to_unicode(legacy) == (text, Encoding.TCVN3)


@given(phrases_any_case)
def test_vni_text_is_detected_unless_it_reads_validly_another_way(text):
    legacy = encode_vni(text)
    assume(plausible_encodings(legacy) == {Encoding.VNI})
    assert to_unicode(legacy) == (text, Encoding.VNI)


@given(phrases_any_case)
def test_correct_vietnamese_is_never_converted(text):
    assert to_unicode(text) == (text, Encoding.UNICODE)
    assert to_unicode(unicodedata.normalize("NFD", text)) == (text, Encoding.UNICODE)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E)))
def test_ascii_is_never_converted(text):
    assert to_unicode(text) == (text, Encoding.UNICODE)


def test_the_sample_syllables_are_valid():
    assert all(map(is_vietnamese_syllable, SYLLABLES))


def test_most_multi_word_legacy_phrases_are_unambiguous():
    # Three-word phrases of the sample: ambiguity must stay the rare exception.
    phrases = [" ".join(SYLLABLES[i : i + 3]) for i in range(len(SYLLABLES) - 2)]
    for encode, encoding in ((encode_tcvn3, Encoding.TCVN3), (encode_vni, Encoding.VNI)):
        detected = [detect(encode(phrase)) for phrase in phrases]
        assert detected.count(encoding) >= 0.95 * len(phrases), encoding


# --- Official place names (vietnam-provinces): 34 provinces and 3,321 communes ------------


def _official_names() -> list[str]:
    import json

    import vietnam_provinces

    names: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "name" and isinstance(value, str):
                    names.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    with open(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH, encoding="utf-8") as file:
        walk(json.load(file))
    return names


@pytest.fixture(scope="module")
def official_names():
    names = _official_names()
    assert len(names) > 3000
    return names


def test_no_official_place_name_is_ever_converted(official_names):
    changed = [name for name in official_names if to_unicode(name)[1] is not Encoding.UNICODE]
    assert changed == []


@pytest.mark.parametrize(
    ("encode", "encoding"), [(encode_tcvn3, Encoding.TCVN3), (encode_vni, Encoding.VNI)]
)
def test_official_place_names_typed_with_legacy_fonts_are_recovered(
    official_names, encode, encoding
):
    legacy = [(name, encode(name)) for name in official_names if encode(name) != name]
    recovered = [name for name, typed in legacy if to_unicode(typed)[1] is encoding]
    # The rest are minority names beyond Vietnamese spelling ("Đakrông", "La Êê") or read
    # validly as Unicode ("Sôn La"): they are left as typed, never mangled further.
    assert len(recovered) >= 0.99 * len(legacy)
    if encoding is Encoding.VNI:
        assert all(to_unicode(encode(name))[0] == name for name in recovered)
