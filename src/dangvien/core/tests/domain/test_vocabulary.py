import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.vocabulary import Term, Vocabulary


def _fruits(*, default: str | None = None, prefixes: tuple[str, ...] = ()) -> Vocabulary[Term]:
    return Vocabulary(
        "loại quả",
        [
            Term("xoai", "Xoài", "Mango", ("Muỗm",), order=2),
            Term("buoi", "Bưởi", "Pomelo", ("Bòng",), order=1, group="citrus"),
            Term("thanh_long", "Thanh long", "Dragon fruit", ("Thanh-long",), order=3),
            Term("khac", "Khác", "Other", order=4),
        ],
        default=default,
        prefixes=prefixes,
    )


def test_it_iterates_in_display_order():
    assert [term.code for term in _fruits()] == ["buoi", "xoai", "thanh_long", "khac"]


def test_it_gets_a_term_by_code():
    assert _fruits().get("xoai").label == "Xoài"


def test_it_raises_key_error_for_an_unknown_code():
    with pytest.raises(KeyError, match="tao"):
        _fruits().get("tao")


def test_it_finds_no_term_for_an_unknown_code():
    assert _fruits().find_code("tao") is None


def test_it_tells_whether_it_contains_a_code():
    assert "buoi" in _fruits()
    assert "Bưởi" not in _fruits()


@pytest.mark.parametrize(
    "text", ["Bưởi", "BƯỞI", "buoi", "  bưởi ", "Bòng", "bong", "Pomelo", "b-u-o-i", "bu'oi"]
)
def test_it_matches_labels_codes_variants_and_english_tolerantly(text: str):
    assert _fruits().match(text) == _fruits().get("buoi")


def test_it_matches_codes_with_underscores_and_labels_with_spaces_alike():
    fruits = _fruits()
    assert fruits.match("thanh_long") is fruits.match("ThanhLong") is fruits.get("thanh_long")


def test_it_matches_the_text_before_or_inside_parentheses():
    fruits = _fruits()
    assert fruits.match("Xoài (Muỗm)") is fruits.get("xoai")
    assert fruits.match("Trái cây (Bưởi)") is fruits.get("buoi")


def test_it_matches_after_a_known_prefix():
    fruits = _fruits(prefixes=("Quả",))
    assert fruits.match("Quả xoài") is fruits.get("xoai")


def test_it_matches_nothing_for_unknown_or_blank_text():
    assert _fruits().match("Táo") is None
    assert _fruits().match("") is None
    assert _fruits().match("-") is None


def test_it_returns_labels_choices_and_codes_in_order():
    fruits = _fruits()
    assert fruits.labels() == ["Bưởi", "Xoài", "Thanh long", "Khác"]
    assert fruits.labels("en")[0] == "Pomelo"
    assert fruits.choices()[0] == ("buoi", "Bưởi")
    assert fruits.codes() == ["buoi", "xoai", "thanh_long", "khac"]


def test_it_gives_the_label_of_a_code_in_a_language():
    assert _fruits().label("xoai") == "Xoài"
    assert _fruits().label("xoai", "en") == "Mango"


def test_it_lists_the_terms_of_a_group():
    assert [term.code for term in _fruits().in_group("citrus")] == ["buoi"]


def test_it_parses_text_to_a_term():
    assert _fruits().parse("muom").code == "xoai"


def test_it_parses_blank_text_to_the_default():
    assert _fruits(default="khac").parse("  ").code == "khac"


def test_it_explains_missing_text_without_a_default():
    with pytest.raises(DomainError, match="Thiếu loại quả") as raised:
        _fruits().parse("", field="Quả")
    assert raised.value.field == "Quả"


def test_it_explains_unknown_text_with_the_valid_labels():
    with pytest.raises(DomainError) as raised:
        _fruits().parse("Táo")
    assert raised.value.message == (
        'Không nhận ra loại quả: "Táo". Giá trị hợp lệ: Bưởi, Xoài, Thanh long, Khác.'
    )
    assert raised.value.code == "unknown_term"


def test_it_refuses_a_spelling_shared_by_two_terms():
    with pytest.raises(ValueError, match="matches both"):
        Vocabulary("x", [Term("a", "Cam", "Orange"), Term("b", "Càm", "Other")])


def test_it_refuses_duplicate_codes():
    with pytest.raises(ValueError, match="duplicate code"):
        Vocabulary("x", [Term("a", "Cam", "Orange"), Term("a", "Quýt", "Tangerine")])


@pytest.mark.parametrize("code", ["Cam", "cam-sanh", "", "1cam", "cam__sanh", "càm"])
def test_it_refuses_codes_that_are_not_ascii_snake_case(code: str):
    with pytest.raises(ValueError, match="snake_case"):
        Vocabulary("x", [Term(code, "Cam", "Orange")])


def test_it_refuses_a_term_without_an_english_label():
    with pytest.raises(ValueError, match="English label"):
        Vocabulary("x", [Term("cam", "Cam", " ")])


def test_it_refuses_a_default_that_is_not_a_code():
    with pytest.raises(ValueError, match="default"):
        _fruits(default="tao")


def test_it_refuses_a_variant_without_letters():
    with pytest.raises(ValueError, match="empty spelling"):
        Vocabulary("x", [Term("cam", "Cam", "Orange", ("-",))])
