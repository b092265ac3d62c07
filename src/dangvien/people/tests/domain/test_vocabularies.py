import unicodedata

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.domain.vocabularies import (
    ETHNIC_GROUPS,
    GENDERS,
    LOCALITY_TYPES,
    OCCUPATIONS,
    ORG_TYPES,
    POSITIONS,
    QUALIFICATIONS,
    RELIGIONS,
    SOURCE_CATEGORIES,
    STATUSES,
    THEORY_LEVELS,
    PositionGroup,
    has_lower_secondary,
    has_primary,
    is_college_or_higher,
    is_ethnic_minority,
    is_religious,
    parse_general_education,
)

ALL_VOCABULARIES: dict[str, Vocabulary[Term]] = {
    "ETHNIC_GROUPS": ETHNIC_GROUPS,
    "RELIGIONS": RELIGIONS,
    "QUALIFICATIONS": QUALIFICATIONS,
    "THEORY_LEVELS": THEORY_LEVELS,
    "OCCUPATIONS": OCCUPATIONS,
    "POSITIONS": POSITIONS,
    "SOURCE_CATEGORIES": SOURCE_CATEGORIES,
    "STATUSES": STATUSES,
    "GENDERS": GENDERS,
    "ORG_TYPES": ORG_TYPES,
    "LOCALITY_TYPES": LOCALITY_TYPES,
}

# Codes are stored in the database: this list changes only by adding codes.
# fmt: off
STORED_CODES = {
    "ETHNIC_GROUPS": [
        "kinh", "tay", "thai", "hoa", "khmer", "muong", "nung", "mong", "dao", "gia_rai",
        "ngai", "e_de", "ba_na", "xo_dang", "san_chay", "co_ho", "cham", "san_diu", "hre",
        "mnong", "raglay", "xtieng", "bru_van_kieu", "tho", "giay", "co_tu", "gie_trieng", "ma",
        "kho_mu", "co", "ta_oi", "cho_ro", "khang", "xinh_mun", "ha_nhi", "chu_ru", "lao",
        "la_chi", "la_ha", "phu_la", "la_hu", "lu", "lo_lo", "chut", "mang", "pa_then",
        "co_lao", "cong", "bo_y", "si_la", "pu_peo", "brau", "o_du", "ro_mam",
    ],
    "RELIGIONS": [
        "khong", "phat_giao", "cong_giao", "tin_lanh", "cao_dai", "hoa_hao", "hoi_giao",
        "ba_la_mon", "tinh_do_cu_si", "minh_su_dao", "minh_ly_dao", "buu_son_ky_huong",
        "tu_an_hieu_nghia", "hieu_nghia_ta_lon", "bahai", "co_doc_phuc_lam", "mac_mon", "khac",
    ],
    "QUALIFICATIONS": [
        "khong", "so_cap", "trung_cap", "cao_dang", "dai_hoc", "thac_si", "tien_si",
    ],
    "THEORY_LEVELS": ["khong", "so_cap", "trung_cap", "cao_cap", "cu_nhan"],
    "OCCUPATIONS": [
        "can_bo_cong_chuc", "vien_chuc", "cong_nhan", "nong_dan", "luc_luong_vu_trang",
        "hoc_sinh_sinh_vien", "chu_doanh_nghiep", "khac",
    ],
    "POSITIONS": [
        "truong_thon", "to_truong_to_dan_pho", "truong_khu_pho", "truong_ban_cong_tac_mat_tran",
        "chi_hoi_truong_phu_nu", "chi_hoi_truong_nong_dan", "chi_hoi_truong_cuu_chien_binh",
        "bi_thu_chi_doan", "pho_truong_thon", "chi_hoi_truong_nguoi_cao_tuoi", "khac",
    ],
    "SOURCE_CATEGORIES": [
        "quan_nhan_xuat_ngu", "hoc_sinh_sinh_vien", "doan_vien_uu_tu", "hoi_vien_uu_tu",
        "can_bo_thon_doan_the", "tu_nguyen", "khac",
    ],
    "STATUSES": [status.value for status in Status],
    "GENDERS": [gender.value for gender in Gender],
    "ORG_TYPES": [org_type.value for org_type in OrgType],
    "LOCALITY_TYPES": [kind.value for kind in LocalityType],
}
# fmt: on


# --- every vocabulary ----------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(ALL_VOCABULARIES))
def test_it_keeps_every_stored_code(name: str):
    assert ALL_VOCABULARIES[name].codes() == STORED_CODES[name]


@pytest.mark.parametrize("name", sorted(ALL_VOCABULARIES))
def test_it_gives_every_term_a_vietnamese_and_an_english_label(name: str):
    for term in ALL_VOCABULARIES[name]:
        assert term.label.strip()
        assert term.label_en.strip()
        assert term.label == unicodedata.normalize("NFC", term.label)


@pytest.mark.parametrize("name", sorted(ALL_VOCABULARIES))
def test_it_matches_every_label_code_and_variant_back_to_its_term(name: str):
    vocabulary = ALL_VOCABULARIES[name]
    for term in vocabulary:
        for spelling in (term.code, term.label, term.label_en, *term.variants):
            assert vocabulary.match(spelling) is term, spelling


@pytest.mark.parametrize("name", sorted(ALL_VOCABULARIES))
def test_it_matches_labels_ignoring_case_diacritics_and_unicode_form(name: str):
    vocabulary = ALL_VOCABULARIES[name]
    for term in vocabulary:
        assert vocabulary.match(term.label.upper()) is term
        assert vocabulary.match(unicodedata.normalize("NFD", term.label)) is term


@pytest.mark.parametrize("name", sorted(ALL_VOCABULARIES))
def test_it_matches_nothing_for_unknown_text(name: str):
    assert ALL_VOCABULARIES[name].match("Không biết là gì cả") is None


# --- ethnic groups -------------------------------------------------------------------------

# fmt: off
OFFICIAL_NAMES = [
    "Kinh", "Tày", "Thái", "Hoa", "Khmer (Khơ-me)", "Mường", "Nùng", "Mông (H'Mông)", "Dao",
    "Gia Rai", "Ngái", "Ê Đê", "Ba Na", "Xơ Đăng", "Sán Chay", "Cơ Ho", "Chăm", "Sán Dìu", "Hrê",
    "Mnông", "Raglay", "Xtiêng", "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ Tu", "Gié Triêng", "Mạ",
    "Khơ Mú", "Co", "Tà Ôi", "Chơ Ro", "Kháng", "Xinh Mun", "Hà Nhì", "Chu Ru", "Lào", "La Chí",
    "La Ha", "Phù Lá", "La Hủ", "Lự", "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống",
    "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ Đu", "Rơ Măm",
]
# fmt: on


def test_it_lists_exactly_54_ethnic_groups():
    assert len(ETHNIC_GROUPS) == 54
    assert len(set(ETHNIC_GROUPS.codes())) == 54
    assert [term.order for term in ETHNIC_GROUPS] == list(range(1, 55))


def test_it_matches_every_official_name_in_the_official_order():
    matched = [ETHNIC_GROUPS.match(name) for name in OFFICIAL_NAMES]
    assert [term.code if term else None for term in matched] == ETHNIC_GROUPS.codes()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Mèo", "mong"),
        ("H'Mông", "mong"),
        ("Hmông", "mong"),
        ("hmong", "mong"),
        ("H’Mông", "mong"),
        ("Êđê", "e_de"),
        ("Ê-đê", "e_de"),
        ("Ede", "e_de"),
        ("Rhade", "e_de"),
        ("ê đê", "e_de"),
        ("Jrai", "gia_rai"),
        ("Gia-rai", "gia_rai"),
        ("Bana", "ba_na"),
        ("Khơ-me", "khmer"),
        ("Khmer", "khmer"),
        ("Thái (Tai)", "thai"),
        ("Tai", "thai"),
        ("Hoa (Hán)", "hoa"),
        ("Hán", "hoa"),
        ("Muong", "muong"),
        ("Sán Chay (Cao Lan)", "san_chay"),
        ("Cao Lan", "san_chay"),
        ("Chăm (Chàm)", "cham"),
        ("Chàm", "cham"),
        ("Bru–Vân Kiều", "bru_van_kieu"),
        ("Bru - Vân Kiều", "bru_van_kieu"),
        ("Vân Kiều", "bru_van_kieu"),
        ("Cờ Lao", "co_lao"),
        ("M'Nông", "mnong"),
        ("Dân tộc Kinh", "kinh"),
        ("Người Mường", "muong"),
    ],
)
def test_it_accepts_common_spellings_and_old_names_of_ethnic_groups(text: str, code: str):
    term = ETHNIC_GROUPS.match(text)
    assert term is not None
    assert term.code == code


def test_it_does_not_confuse_mong_with_mnong():
    assert ETHNIC_GROUPS.parse("Mông").code == "mong"
    assert ETHNIC_GROUPS.parse("Mnông").code == "mnong"


def test_it_counts_every_group_but_kinh_as_ethnic_minority():
    assert not is_ethnic_minority("kinh")
    assert all(is_ethnic_minority(code) for code in ETHNIC_GROUPS.codes() if code != "kinh")


def test_it_refuses_to_classify_an_unknown_ethnic_code():
    with pytest.raises(KeyError):
        is_ethnic_minority("viet")


def test_it_explains_an_unknown_ethnic_group_in_vietnamese():
    with pytest.raises(DomainError, match='Không nhận ra dân tộc: "Việt Kiều"'):
        ETHNIC_GROUPS.parse("Việt Kiều")


# --- religions -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Không", "khong"),
        ("Phật giáo", "phat_giao"),
        ("Đạo Phật", "phat_giao"),
        ("Công giáo", "cong_giao"),
        ("Thiên Chúa giáo", "cong_giao"),
        ("Đạo Thiên Chúa", "cong_giao"),
        ("Tin Lành", "tin_lanh"),
        ("Cao Đài", "cao_dai"),
        ("Phật giáo Hòa Hảo", "hoa_hao"),
        ("Phật giáo Hoà Hảo", "hoa_hao"),
        ("Hồi giáo", "hoi_giao"),
        ("Bà-la-môn", "ba_la_mon"),
        ("Bà La Môn", "ba_la_mon"),
        ("Tịnh độ cư sĩ Phật hội Việt Nam", "tinh_do_cu_si"),
        ("Minh Sư đạo", "minh_su_dao"),
        ("Bửu Sơn Kỳ Hương", "buu_son_ky_huong"),
        ("Khác", "khac"),
    ],
)
def test_it_recognises_religions_and_their_common_names(text: str, code: str):
    assert RELIGIONS.parse(text).code == code


def test_it_defaults_religion_to_none():
    assert RELIGIONS.parse("").code == "khong"


def test_it_tells_whether_a_religion_code_is_religious():
    assert not is_religious("khong")
    assert is_religious("cong_giao")
    assert is_religious("khac")


# --- qualifications and theory levels ------------------------------------------------------


def test_it_orders_qualifications_ascending():
    assert QUALIFICATIONS.labels() == [
        "Không",
        "Sơ cấp",
        "Trung cấp",
        "Cao đẳng",
        "Đại học",
        "Thạc sĩ",
        "Tiến sĩ",
    ]
    orders = [term.order for term in QUALIFICATIONS]
    assert orders == sorted(orders)


def test_it_counts_college_and_above_as_college_or_higher():
    higher = [code for code in QUALIFICATIONS.codes() if is_college_or_higher(code)]
    assert higher == ["cao_dang", "dai_hoc", "thac_si", "tien_si"]


def test_it_accepts_the_y_spelling_of_degrees():
    assert QUALIFICATIONS.parse("Thạc sỹ").code == "thac_si"
    assert QUALIFICATIONS.parse("tien sy").code == "tien_si"


def test_it_lists_theory_levels_as_in_the_contract():
    assert THEORY_LEVELS.labels() == ["Không", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân"]
    assert THEORY_LEVELS.parse("Cao cấp lý luận chính trị").code == "cao_cap"


# --- occupations, positions, sources -------------------------------------------------------


def test_it_lists_the_occupation_groups_used_in_reports():
    assert OCCUPATIONS.labels() == [
        "Cán bộ, công chức",
        "Viên chức",
        "Công nhân, người lao động trong doanh nghiệp",
        "Nông dân",
        "Lực lượng vũ trang",
        "Học sinh, sinh viên",
        "Chủ doanh nghiệp tư nhân",
        "Khác",
    ]


def test_it_matches_occupations_without_the_comma():
    assert OCCUPATIONS.parse("can bo cong chuc").code == "can_bo_cong_chuc"
    assert OCCUPATIONS.parse("Sinh viên").code == "hoc_sinh_sinh_vien"


@pytest.mark.parametrize(
    "text",
    [
        "Trưởng thôn",
        "Thôn trưởng",
        "Trưởng làng",
        "Trưởng bản",
        "Trưởng buôn",
        "Trưởng ấp",
        "Trưởng sóc",
        "trưởng xóm",
    ],
)
def test_it_folds_village_heads_into_one_position(text: str):
    assert POSITIONS.parse(text).code == "truong_thon"


@pytest.mark.parametrize(
    ("text", "code", "group"),
    [
        ("Tổ trưởng tổ dân phố", "to_truong_to_dan_pho", PositionGroup.VILLAGE_HEAD),
        ("Tổ trưởng TDP", "to_truong_to_dan_pho", PositionGroup.VILLAGE_HEAD),
        ("Trưởng khu phố", "truong_khu_pho", PositionGroup.VILLAGE_HEAD),
        ("Trưởng ban công tác Mặt trận", "truong_ban_cong_tac_mat_tran", PositionGroup.FRONT_HEAD),
        ("Chi hội trưởng Hội Phụ nữ", "chi_hoi_truong_phu_nu", PositionGroup.MASS_ORG_HEAD),
        ("Chi hội trưởng Hội Nông dân", "chi_hoi_truong_nong_dan", PositionGroup.MASS_ORG_HEAD),
        (
            "Chi hội trưởng Hội Cựu chiến binh",
            "chi_hoi_truong_cuu_chien_binh",
            PositionGroup.MASS_ORG_HEAD,
        ),
        ("Bí thư Chi đoàn", "bi_thu_chi_doan", PositionGroup.MASS_ORG_HEAD),
        ("Phó trưởng thôn", "pho_truong_thon", PositionGroup.OTHER),
    ],
)
def test_it_groups_positions_for_reports(text: str, code: str, group: PositionGroup):
    term = POSITIONS.parse(text)
    assert (term.code, term.group) == (code, group)


def test_it_puts_every_position_in_a_known_group():
    assert {term.group for term in POSITIONS} == set(PositionGroup)


def test_it_lists_the_village_heads_of_the_coverage_report():
    codes = [term.code for term in POSITIONS.in_group(PositionGroup.VILLAGE_HEAD)]
    assert codes == ["truong_thon", "to_truong_to_dan_pho", "truong_khu_pho"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bộ đội xuất ngũ", "quan_nhan_xuat_ngu"),
        ("Học sinh giỏi", "hoc_sinh_sinh_vien"),
        ("Đoàn viên ưu tú", "doan_vien_uu_tu"),
        ("Hội viên ưu tú", "hoi_vien_uu_tu"),
        ("Cán bộ thôn", "can_bo_thon_doan_the"),
        ("Tự nguyện", "tu_nguyen"),
        ("Khác", "khac"),
    ],
)
def test_it_recognises_source_categories(text: str, code: str):
    assert SOURCE_CATEGORIES.parse(text).code == code


# --- statuses and genders ------------------------------------------------------------------


def test_it_labels_statuses_exactly_as_the_contract():
    assert STATUSES.labels() == [
        "Quần chúng ưu tú",
        "Dự bị",
        "Chính thức",
        "Miễn sinh hoạt",
        "Đã chuyển đi",
        "Xóa tên",
        "Khai trừ",
        "Xin ra khỏi Đảng",
        "Từ trần",
    ]


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("Quần chúng ưu tú", Status.CANDIDATE),
        ("QCUT", Status.CANDIDATE),
        ("Cảm tình Đảng", Status.CANDIDATE),
        ("Dự bị", Status.PROBATIONARY),
        ("Đảng viên dự bị", Status.PROBATIONARY),
        ("Chính thức", Status.OFFICIAL),
        ("Đảng viên chính thức", Status.OFFICIAL),
        ("Miễn sinh hoạt", Status.EXEMPT),
        ("Đã chuyển đi", Status.TRANSFERRED_OUT),
        ("Xoá tên", Status.STRUCK_OFF),
        ("Khai trừ", Status.EXPELLED),
        ("Xin ra khỏi Đảng", Status.RESIGNED),
        ("Từ trần", Status.DECEASED),
        ("Đã mất", Status.DECEASED),
    ],
)
def test_it_reads_statuses_into_the_enum(text: str, status: Status):
    assert Status(STATUSES.parse(text).code) is status


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Nam", Gender.MALE),
        ("male", Gender.MALE),
        ("M", Gender.MALE),
        ("Nữ", Gender.FEMALE),
        ("nu", Gender.FEMALE),
        ("NỮ", Gender.FEMALE),
        ("female", Gender.FEMALE),
        ("F", Gender.FEMALE),
    ],
)
def test_it_reads_genders_into_the_enum(text: str, gender: Gender):
    assert Gender(GENDERS.parse(text).code) is gender


# --- organisation and locality types -------------------------------------------------------


def test_it_accepts_the_contract_labels_of_organisation_types():
    contract = {
        "Đảng bộ tỉnh": OrgType.PROVINCE,
        "Đảng bộ huyện": OrgType.DISTRICT,
        "Đảng bộ xã": OrgType.COMMUNE,
        "Đảng bộ cơ sở": OrgType.GRASSROOTS_COMMITTEE,
        "Chi bộ cơ sở": OrgType.GRASSROOTS_CELL,
        "Đảng ủy bộ phận": OrgType.PARTIAL_COMMITTEE,
        "Chi bộ": OrgType.CELL,
    }
    assert {label: OrgType(ORG_TYPES.parse(label).code) for label in contract} == contract
    assert {ORG_TYPES.label(org_type.value) for org_type in contract.values()} == set(contract)


@pytest.mark.parametrize(
    ("text", "org_type"),
    [
        ("Đảng bộ phường", OrgType.COMMUNE),
        ("Đảng bộ thị trấn", OrgType.COMMUNE),
        ("Đảng bộ đặc khu", OrgType.COMMUNE),
        ("Chi bộ trực thuộc", OrgType.CELL),
        ("Đảng uỷ bộ phận", OrgType.PARTIAL_COMMITTEE),
    ],
)
def test_it_accepts_other_names_of_organisation_types(text: str, org_type: OrgType):
    assert ORG_TYPES.parse(text).code == org_type.value


def test_it_accepts_the_contract_labels_of_locality_types():
    labels = ["Thôn", "Làng", "Buôn", "Bản", "Ấp", "Sóc", "Tổ dân phố", "Khu phố"]
    assert LOCALITY_TYPES.labels() == labels
    assert [LOCALITY_TYPES.parse(label).code for label in labels] == [k.value for k in LocalityType]


def test_it_reads_tdp_as_a_residential_group():
    assert LOCALITY_TYPES.parse("TDP").code == LocalityType.TO_DAN_PHO.value


# --- general education ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9/12", "9/12"),
        ("12/12", "12/12"),
        ("10/10", "10/10"),
        ("7/10", "7/10"),
        (" 09 / 12 ", "9/12"),
        ("THCS", "9/12"),
        ("thpt", "12/12"),
        ("Trung học phổ thông", "12/12"),
        ("Tiểu học", "5/12"),
        ("tieu hoc", "5/12"),
        ("", None),
        ("   ", None),
    ],
)
def test_it_reads_general_education(text: str, expected: str | None):
    assert parse_general_education(text) == expected


@pytest.mark.parametrize("text", ["13/12", "11/10", "0/12", "9/11", "đại học", "9", "abc"])
def test_it_explains_unreadable_general_education_in_vietnamese(text: str):
    with pytest.raises(DomainError, match="Trình độ giáo dục phổ thông không hợp lệ"):
        parse_general_education(text)


@pytest.mark.parametrize(
    ("edu", "expected"),
    [
        ("9/12", True),
        ("12/12", True),
        ("8/12", False),
        ("7/10", True),
        ("6/10", False),
        ("THCS", True),
        ("Tiểu học", False),
        ("", False),
    ],
)
def test_it_tells_whether_education_includes_lower_secondary(edu: str, expected: bool):
    assert has_lower_secondary(edu) is expected


@pytest.mark.parametrize(
    ("edu", "expected"),
    [
        ("5/12", True),
        ("4/12", False),
        ("4/10", True),
        ("3/10", False),
        ("Tiểu học", True),
        ("", False),
    ],
)
def test_it_tells_whether_education_includes_primary(edu: str, expected: bool):
    assert has_primary(edu) is expected
