"""Closed vocabularies of a person record (domain.md §3, contracts.md §2).

Codes are stored in the database: never change a code once written; add terms,
labels and variants instead. Vocabularies over enums use the enum values as codes.
"""

from __future__ import annotations

import re
from enum import StrEnum

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import compact_key, normalize
from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.orgs.domain.enums import (
    LOCALITY_TYPE_LABELS,
    ORG_TYPE_LABELS,
    LocalityType,
    OrgType,
)
from dangvien.people.domain.enums import STATUS_LABELS, Gender, Status
from dangvien.people.domain.ethnic_groups import ETHNIC_GROUPS, is_ethnic_minority

__all__ = [
    "ETHNIC_GROUPS",
    "GENDERS",
    "LOCALITY_TYPES",
    "OCCUPATIONS",
    "ORG_TYPES",
    "POSITIONS",
    "QUALIFICATIONS",
    "RELIGIONS",
    "SOURCE_CATEGORIES",
    "STATUSES",
    "THEORY_LEVELS",
    "PositionGroup",
    "has_lower_secondary",
    "has_primary",
    "is_college_or_higher",
    "is_ethnic_minority",
    "is_religious",
    "parse_general_education",
]

_Row = tuple[str, str, str, tuple[str, ...]]


def _numbered(rows: tuple[_Row, ...], group: str = "") -> list[Term]:
    """Return terms for (code, label, label_en, variants) rows, ordered as written."""
    return [
        Term(code, label, label_en, variants, order=index, group=group)
        for index, (code, label, label_en, variants) in enumerate(rows)
    ]


# --- Religion ("tôn giáo"): the religions recognised by the State, then "Khác" ------------

NO_RELIGION = "khong"

RELIGIONS: Vocabulary[Term] = Vocabulary(
    "tôn giáo",
    _numbered(
        (
            (NO_RELIGION, "Không", "None", ("Không tôn giáo", "Không theo tôn giáo nào")),
            ("phat_giao", "Phật giáo", "Buddhism", ("Đạo Phật", "Buddhist")),
            (
                "cong_giao",
                "Công giáo",
                "Catholicism",
                ("Thiên Chúa giáo", "Thiên Chúa", "Catholic"),
            ),
            ("tin_lanh", "Tin Lành", "Protestantism", ("Đạo Tin Lành", "Protestant")),
            ("cao_dai", "Cao Đài", "Cao Dai", ("Đạo Cao Đài", "Caodaism")),
            ("hoa_hao", "Phật giáo Hòa Hảo", "Hoa Hao Buddhism", ("Hòa Hảo", "Đạo Hòa Hảo")),
            ("hoi_giao", "Hồi giáo", "Islam", ("Đạo Hồi", "Hồi", "Muslim")),
            ("ba_la_mon", "Bà-la-môn", "Brahmanism", ("Bà La Môn", "Chăm Bà-la-môn")),
            (
                "tinh_do_cu_si",
                "Tịnh độ cư sĩ Phật hội Việt Nam",
                "Pure Land Buddhist Home Practice Association of Vietnam",
                ("Tịnh độ cư sĩ",),
            ),
            ("minh_su_dao", "Minh Sư đạo", "Minh Su Dao", ()),
            ("minh_ly_dao", "Minh Lý đạo – Tam Tông Miếu", "Minh Ly Dao", ("Minh Lý đạo",)),
            ("buu_son_ky_huong", "Bửu Sơn Kỳ Hương", "Buu Son Ky Huong", ()),
            ("tu_an_hieu_nghia", "Tứ Ân Hiếu Nghĩa", "Tu An Hieu Nghia", ()),
            (
                "hieu_nghia_ta_lon",
                "Phật giáo Hiếu Nghĩa Tà Lơn",
                "Hieu Nghia Ta Lon Buddhism",
                ("Hiếu Nghĩa Tà Lơn",),
            ),
            ("bahai", "Baha'i", "Baha'i Faith", ("Bahá'í",)),
            ("co_doc_phuc_lam", "Cơ đốc Phục lâm", "Seventh-day Adventist", ("Phục lâm",)),
            ("mac_mon", "Mặc Môn", "Latter-day Saints", ("Mormon",)),
            ("khac", "Khác", "Other", ("Tôn giáo khác", "Other religion")),
        )
    ),
    default=NO_RELIGION,
    prefixes=("Đạo", "Tôn giáo"),
)


def is_religious(code: str) -> bool:
    """Return whether `code` is a religion (anything but "Không"); KeyError if unknown."""
    return RELIGIONS.get(code).code != NO_RELIGION


# --- Professional qualification ("trình độ chuyên môn"), ascending -------------------------

QUALIFICATIONS: Vocabulary[Term] = Vocabulary(
    "trình độ chuyên môn",
    _numbered(
        (
            ("khong", "Không", "None", ("Chưa qua đào tạo", "Không có")),
            ("so_cap", "Sơ cấp", "Elementary vocational", ("Sơ cấp nghề",)),
            ("trung_cap", "Trung cấp", "Intermediate vocational", ("Trung cấp chuyên nghiệp",)),
            ("cao_dang", "Cao đẳng", "College", ("CĐ",)),
            ("dai_hoc", "Đại học", "University", ("ĐH", "Cử nhân", "Kỹ sư", "Bachelor")),
            ("thac_si", "Thạc sĩ", "Master", ("Thạc sỹ", "ThS")),
            ("tien_si", "Tiến sĩ", "Doctorate", ("Tiến sỹ", "TS", "PhD")),
        )
    ),
    default="khong",
)


def is_college_or_higher(code: str) -> bool:
    """Return whether qualification `code` is Cao đẳng or above; KeyError if unknown."""
    return QUALIFICATIONS.get(code).order >= QUALIFICATIONS.get("cao_dang").order


# --- Political theory level ("lý luận chính trị"), ascending ------------------------------

THEORY_LEVELS: Vocabulary[Term] = Vocabulary(
    "trình độ lý luận chính trị",
    _numbered(
        (
            ("khong", "Không", "None", ("Chưa qua đào tạo", "Không có")),
            ("so_cap", "Sơ cấp", "Elementary", ("Sơ cấp lý luận chính trị", "Sơ cấp LLCT")),
            ("trung_cap", "Trung cấp", "Intermediate", ("Trung cấp lý luận chính trị",)),
            ("cao_cap", "Cao cấp", "Advanced", ("Cao cấp lý luận chính trị", "Cao cấp LLCT")),
            ("cu_nhan", "Cử nhân", "Bachelor of Politics", ("Cử nhân chính trị",)),
        )
    ),
    default="khong",
)

# --- Occupation group ("nghề nghiệp") used in reports -------------------------------------

OCCUPATIONS: Vocabulary[Term] = Vocabulary(
    "nghề nghiệp",
    _numbered(
        (
            ("can_bo_cong_chuc", "Cán bộ, công chức", "Civil servant", ("CBCC", "Công chức")),
            ("vien_chuc", "Viên chức", "Public employee", ("Viên chức sự nghiệp",)),
            (
                "cong_nhan",
                "Công nhân, người lao động trong doanh nghiệp",
                "Enterprise worker",
                ("Công nhân", "Người lao động", "Lao động trong doanh nghiệp"),
            ),
            ("nong_dan", "Nông dân", "Farmer", ("Làm ruộng", "Làm nông", "Nông nghiệp")),
            (
                "luc_luong_vu_trang",
                "Lực lượng vũ trang",
                "Armed forces",
                ("LLVT", "Quân đội", "Công an", "Bộ đội", "Quân nhân"),
            ),
            (
                "hoc_sinh_sinh_vien",
                "Học sinh, sinh viên",
                "Pupil or student",
                ("Học sinh", "Sinh viên", "HSSV"),
            ),
            (
                "chu_doanh_nghiep",
                "Chủ doanh nghiệp tư nhân",
                "Private-enterprise owner",
                ("Chủ doanh nghiệp", "Doanh nhân"),
            ),
            ("khac", "Khác", "Other", ("Lao động tự do", "Nghề tự do", "Hưu trí")),
        )
    ),
)

# --- Positions held ("chức danh") ---------------------------------------------------------


class PositionGroup(StrEnum):
    """What a position counts as in coverage reports and quota sub-targets."""

    VILLAGE_HEAD = "village_head"  # trưởng thôn, tổ trưởng tổ dân phố and equivalents
    FRONT_HEAD = "front_head"  # trưởng ban công tác Mặt trận
    MASS_ORG_HEAD = "mass_org_head"  # trưởng các đoàn thể (women, farmers, veterans, youth)
    OTHER = "other"


_VILLAGE_HEADS: tuple[_Row, ...] = (
    (
        "truong_thon",
        "Trưởng thôn",
        "Village head",
        (
            "Thôn trưởng",
            "Trưởng làng",
            "Trưởng bản",
            "Trưởng buôn",
            "Trưởng ấp",
            "Trưởng sóc",
            "Trưởng xóm",
            "Xóm trưởng",
            "Ấp trưởng",
        ),
    ),
    (
        "to_truong_to_dan_pho",
        "Tổ trưởng tổ dân phố",
        "Residential-group head",
        ("Tổ trưởng TDP", "Tổ trưởng dân phố", "Trưởng tổ dân phố"),
    ),
    ("truong_khu_pho", "Trưởng khu phố", "Neighbourhood head", ("Khu phố trưởng",)),
)
_FRONT_HEADS: tuple[_Row, ...] = (
    (
        "truong_ban_cong_tac_mat_tran",
        "Trưởng ban công tác Mặt trận",
        "Head of the Front work committee",
        ("Trưởng ban CTMT", "Trưởng ban công tác Mặt trận khu dân cư", "Trưởng ban Mặt trận"),
    ),
)
_MASS_ORG_HEADS: tuple[_Row, ...] = (
    (
        "chi_hoi_truong_phu_nu",
        "Chi hội trưởng Hội Phụ nữ",
        "Head of the women's union branch",
        ("Chi hội trưởng phụ nữ", "Chi hội trưởng Hội Liên hiệp Phụ nữ", "Chi hội trưởng HPN"),
    ),
    (
        "chi_hoi_truong_nong_dan",
        "Chi hội trưởng Hội Nông dân",
        "Head of the farmers' union branch",
        ("Chi hội trưởng nông dân", "Chi hội trưởng HND"),
    ),
    (
        "chi_hoi_truong_cuu_chien_binh",
        "Chi hội trưởng Hội Cựu chiến binh",
        "Head of the veterans' association branch",
        ("Chi hội trưởng cựu chiến binh", "Chi hội trưởng CCB"),
    ),
    (
        "bi_thu_chi_doan",
        "Bí thư Chi đoàn",
        "Youth Union branch secretary",
        ("Bí thư chi đoàn thanh niên", "Bí thư Đoàn thanh niên"),
    ),
)
_OTHER_POSITIONS: tuple[_Row, ...] = (
    ("pho_truong_thon", "Phó trưởng thôn", "Deputy village head", ("Phó thôn",)),
    (
        "chi_hoi_truong_nguoi_cao_tuoi",
        "Chi hội trưởng Hội Người cao tuổi",
        "Head of the elderly association branch",
        ("Chi hội trưởng người cao tuổi",),
    ),
    ("khac", "Khác", "Other", ("Chức danh khác",)),
)


def _positions() -> list[Term]:
    """Return the position terms, numbered across groups in display order."""
    grouped = (
        (_VILLAGE_HEADS, PositionGroup.VILLAGE_HEAD),
        (_FRONT_HEADS, PositionGroup.FRONT_HEAD),
        (_MASS_ORG_HEADS, PositionGroup.MASS_ORG_HEAD),
        (_OTHER_POSITIONS, PositionGroup.OTHER),
    )
    rows = [(row, group) for group_rows, group in grouped for row in group_rows]
    return [
        Term(code, label, label_en, variants, order=index, group=group)
        for index, ((code, label, label_en, variants), group) in enumerate(rows)
    ]


POSITIONS: Vocabulary[Term] = Vocabulary("chức danh", _positions())

# --- Source categories of candidates ("nguồn") --------------------------------------------

SOURCE_CATEGORIES: Vocabulary[Term] = Vocabulary(
    "nguồn",
    _numbered(
        (
            (
                "quan_nhan_xuat_ngu",
                "Quân nhân hoàn thành nghĩa vụ quân sự",
                "Soldier back from military service",
                (
                    "Bộ đội xuất ngũ",
                    "Quân nhân xuất ngũ",
                    "Xuất ngũ",
                    "Bộ đội xuất ngũ về địa phương",
                ),
            ),
            (
                "hoc_sinh_sinh_vien",
                "Học sinh, sinh viên có kết quả học tập tốt",
                "Local pupil or student with good results",
                ("Học sinh, sinh viên", "Học sinh giỏi", "Sinh viên", "HSSV"),
            ),
            (
                "doan_vien_uu_tu",
                "Đoàn viên ưu tú",
                "Outstanding Youth Union member",
                ("Đoàn viên", "Đoàn viên thanh niên ưu tú"),
            ),
            (
                "hoi_vien_uu_tu",
                "Hội viên ưu tú",
                "Outstanding association member",
                ("Hội viên", "Hội viên các đoàn thể"),
            ),
            (
                "can_bo_thon_doan_the",
                "Cán bộ thôn, tổ dân phố và đoàn thể",
                "Village or mass-organisation cadre",
                ("Cán bộ thôn", "Cán bộ đoàn thể", "Cán bộ thôn, đoàn thể"),
            ),
            (
                "tu_nguyen",
                "Tự nguyện xin vào Đảng",
                "Applied on own initiative",
                ("Tự nguyện", "Tự xin vào Đảng", "Tự đăng ký"),
            ),
            ("khac", "Khác", "Other", ("Nguồn khác",)),
        )
    ),
)

# --- Vocabularies over enums ---------------------------------------------------------------

_STATUS_EXTRAS: dict[Status, tuple[str, tuple[str, ...]]] = {
    Status.CANDIDATE: (
        "Outstanding candidate",
        ("QCUT", "Quần chúng", "Cảm tình Đảng", "Đối tượng Đảng", "Đối tượng kết nạp Đảng"),
    ),
    Status.PROBATIONARY: ("Probationary", ("Đảng viên dự bị", "ĐVDB")),
    Status.OFFICIAL: ("Official", ("Đảng viên chính thức", "ĐVCT")),
    Status.EXEMPT: ("Exempt", ("Miễn sinh hoạt Đảng", "Miễn công tác và sinh hoạt Đảng")),
    Status.TRANSFERRED_OUT: ("Transferred out", ("Chuyển đi", "Đã chuyển sinh hoạt")),
    Status.STRUCK_OFF: ("Struck off", ("Bị xóa tên", "Xóa tên khỏi danh sách đảng viên")),
    Status.EXPELLED: ("Expelled", ("Bị khai trừ", "Khai trừ khỏi Đảng")),
    Status.RESIGNED: ("Resigned", ("Ra khỏi Đảng", "Xin ra Đảng")),
    Status.DECEASED: ("Deceased", ("Đã mất", "Đã từ trần", "Qua đời", "Chết")),
}

STATUSES: Vocabulary[Term] = Vocabulary(
    "trạng thái",
    (
        Term(status.value, STATUS_LABELS[status], *_STATUS_EXTRAS[status], order=index)
        for index, status in enumerate(Status)
    ),
)

GENDERS: Vocabulary[Term] = Vocabulary(
    "giới tính",
    (
        Term(Gender.MALE.value, Gender.MALE.label, "Male", ("M", "Nam giới"), order=0),
        Term(Gender.FEMALE.value, Gender.FEMALE.label, "Female", ("F", "Nữ giới"), order=1),
    ),
)

# "Đảng bộ thành phố" is left out: a city was district-level before 2025 unless it was
# one of the centrally-run cities, so the words alone cannot tell the level.
_ORG_TYPE_EXTRAS: dict[OrgType, tuple[str, tuple[str, ...]]] = {
    OrgType.CENTRAL: ("Central", ("Trung ương Đảng",)),
    OrgType.PROVINCE: ("Province party committee", ("Đảng bộ tỉnh/thành phố", "Tỉnh ủy")),
    OrgType.BLOC: ("Bloc party committee", ("Đảng bộ khối cơ quan", "Đảng bộ khối doanh nghiệp")),
    OrgType.DISTRICT: (
        "District party committee",
        ("Đảng bộ quận", "Đảng bộ thị xã", "Đảng bộ cấp huyện", "Huyện ủy", "Quận ủy"),
    ),
    OrgType.COMMUNE: (
        "Commune party committee",
        ("Đảng bộ phường", "Đảng bộ thị trấn", "Đảng bộ đặc khu", "Đảng ủy xã", "Đảng ủy phường"),
    ),
    OrgType.GRASSROOTS_COMMITTEE: ("Grassroots party committee", ("Đảng ủy cơ sở",)),
    OrgType.GRASSROOTS_CELL: ("Grassroots party cell", ()),
    OrgType.PARTIAL_COMMITTEE: ("Partial party committee", ("Đảng bộ bộ phận",)),
    OrgType.CELL: ("Party cell", ("Chi bộ trực thuộc", "Chi bộ thôn", "Chi bộ tổ dân phố")),
}

ORG_TYPES: Vocabulary[Term] = Vocabulary(
    "loại tổ chức",
    (
        Term(org_type.value, ORG_TYPE_LABELS[org_type], *_ORG_TYPE_EXTRAS[org_type], order=index)
        for index, org_type in enumerate(OrgType)
    ),
)

_LOCALITY_TYPE_EXTRAS: dict[LocalityType, tuple[str, tuple[str, ...]]] = {
    # "Xóm" is the official village-level unit in several northern provinces.
    LocalityType.THON: ("Village", ("Xóm",)),
    LocalityType.LANG: ("Village (làng)", ()),
    LocalityType.BUON: ("Village (buôn)", ()),
    LocalityType.BAN: ("Village (bản)", ()),
    LocalityType.AP: ("Hamlet (ấp)", ()),
    LocalityType.SOC: ("Hamlet (sóc)", ()),
    LocalityType.TO_DAN_PHO: ("Residential group", ("TDP",)),
    LocalityType.KHU_PHO: ("Neighbourhood", ("KP",)),
}

LOCALITY_TYPES: Vocabulary[Term] = Vocabulary(
    "loại địa bàn",
    (
        Term(kind.value, LOCALITY_TYPE_LABELS[kind], *_LOCALITY_TYPE_EXTRAS[kind], order=index)
        for index, kind in enumerate(LocalityType)
    ),
)

# --- General education ("giáo dục phổ thông") ---------------------------------------------

_GRADE = re.compile(r"([0-9]{1,2})\s*/\s*(10|12)")
# Named levels belong to the 12-year system; old 10-year records are written "n/10".
_NAMED_LEVELS = {
    "tieuhoc": "5/12",
    "cap1": "5/12",
    "thcs": "9/12",
    "trunghoccoso": "9/12",
    "cap2": "9/12",
    "btthcs": "9/12",
    "botucthcs": "9/12",
    "thpt": "12/12",
    "trunghocphothong": "12/12",
    "cap3": "12/12",
    "btthpt": "12/12",
    "botucthpt": "12/12",
}


def parse_general_education(text: str) -> str | None:
    """Return the grade as "n/12" or "n/10" (old 10-year system), None for blank text.

    Accepts "9/12", "7/10", "THCS" (9/12), "THPT" (12/12), "Tiểu học" (5/12).
    """
    cleaned = normalize(text)
    if not cleaned:
        return None
    grade = _GRADE.fullmatch(cleaned)
    if grade:
        completed, system = int(grade.group(1)), int(grade.group(2))
        if 1 <= completed <= system:
            return f"{completed}/{system}"
    elif compact_key(cleaned) in _NAMED_LEVELS:
        return _NAMED_LEVELS[compact_key(cleaned)]
    raise DomainError(
        f'Trình độ giáo dục phổ thông không hợp lệ: "{cleaned}" '
        "(ví dụ: 9/12, 12/12, 7/10, THCS, THPT, Tiểu học)",
        code="invalid_general_education",
    )


def _grade_reaches(edu: str, *, grade_of_12: int, grade_of_10: int) -> bool:
    """Return whether `edu` reaches the given grade of its school system."""
    parsed = parse_general_education(edu)
    if parsed is None:
        return False
    completed, system = map(int, parsed.split("/"))
    return completed >= (grade_of_12 if system == 12 else grade_of_10)


def has_lower_secondary(edu: str) -> bool:
    """Return whether `edu` includes lower secondary: 9/12 or above, 7/10 or above."""
    return _grade_reaches(edu, grade_of_12=9, grade_of_10=7)


def has_primary(edu: str) -> bool:
    """Return whether `edu` includes primary school: 5/12 or above, 4/10 or above."""
    return _grade_reaches(edu, grade_of_12=5, grade_of_10=4)
