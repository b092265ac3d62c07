import unicodedata

import pytest

from dangvien.imports.domain.syllables import has_plain_case, is_vietnamese_syllable, split_tone

_REAL_SYLLABLES_TEXT = (
    "a ai anh ăn âm ấy em êm ếch im ích oai oanh ông ơi uy ủy ước ưu yêu yên "
    "nguyễn văn an trần thị hoa lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý "
    "đảng cộng sản việt nam chi bộ thôn xã huyện tỉnh quần chúng ưu tú dự bị chính thức "
    "miễn sinh hoạt khai trừ từ trần xóa tên đoàn viên trưởng ban công tác mặt trận "
    "nghiêng ngoằn nghèo khuya khuỷu quyết quốc quý quạ giữa gì gìn giếng thuở huơ "
    "oải ngoao ngoẹo khuấy huých huếch tày mường mông nùng"
)
REAL_SYLLABLES = _REAL_SYLLABLES_TEXT.split()


@pytest.mark.parametrize("word", REAL_SYLLABLES)
def test_it_accepts_real_syllables(word):
    assert is_vietnamese_syllable(word)


def test_it_accepts_both_the_old_and_the_new_tone_placement():
    assert is_vietnamese_syllable("hòa")
    assert is_vietnamese_syllable("hoà")
    assert is_vietnamese_syllable("thúy")
    assert is_vietnamese_syllable("thuý")


@pytest.mark.parametrize("word", ["Nguyễn", "NGUYỄN", "Đảng", "ĐẢNG", "Hrê", "Mnông", "Xtiêng"])
def test_it_accepts_capitalised_and_upper_case_words_and_minority_clusters(word):
    assert is_vietnamese_syllable(word)


def test_it_accepts_nfd_input():
    assert is_vietnamese_syllable(unicodedata.normalize("NFD", "Nguyễn"))


@pytest.mark.parametrize(
    "word",
    [
        "",
        "café",  # f is not a Vietnamese letter
        "hélène",
        "müller",
        "paulo",
        "church",
        "tèt",  # a stopped syllable only takes sắc or nặng
        "tìch",
        "ă",  # ă and â need a final consonant
        "quoác",  # qu already holds the medial u
        "nguyôn",
        "ViÖt",  # mixed case is the mark of a legacy font
        "chÝnh",
        "nguyêñn",
        "hoáà",  # two tones
        "caỷ",  # in "ay" the tone sits on the a
        "hòang",  # before a final consonant, "oa" carries it on the a
        "ngùyên",
        "ing",  # i takes nh, not ng
        "ach1",
    ],
)
def test_it_rejects_what_no_vietnamese_would_write(word):
    assert not is_vietnamese_syllable(word)


def test_it_splits_off_the_tone_mark_and_where_it_sits():
    assert split_tone("nguyễn") == ("nguyên", "\u0303", 4)
    assert split_tone("an") == ("an", "", -1)


def test_it_refuses_a_tone_on_a_consonant():
    assert split_tone("n\u0301") is None


@pytest.mark.parametrize(
    ("word", "plain"), [("an", True), ("An", True), ("AN", True), ("aN", False)]
)
def test_it_tells_plain_case_from_mixed_case(word, plain):
    assert has_plain_case(word) is plain
