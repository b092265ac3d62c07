"""The sheets and columns of the import workbook, exactly as contracts.md §2 names them.

Data only: the importer, the header matcher, the template writer, the error file
and the documentation all read these specs, so a column is defined here once.
Sheets are listed in processing order (organisations before the people who
belong to them, classes before their trainees).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ColumnKind(StrEnum):
    """How a column's cells are parsed, and how the template formats the column."""

    TEXT = "text"  # free text
    CODE = "code"  # an identifier chosen by the user (Mã ...), formatted as text
    CHOICE = "choice"  # one term of a closed vocabulary, offered as a drop-down list
    DATE = "date"  # a real Excel date or dd/mm/yyyy text
    CITIZEN_ID = "citizen_id"  # 12 digits kept as text (Số CCCD)
    YES_NO = "yes_no"  # Có / Không, x / blank
    INTEGER = "integer"  # a whole number
    PERIOD = "period"  # a year (2020) or a term (2020-2025)
    POSITIONS = "positions"  # several terms separated by ";"


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """One column of a sheet."""

    key: str  # stable English identifier used in code
    header: str  # the Vietnamese header, exactly as the contract writes it
    kind: ColumnKind
    required: bool = False
    description: str = ""  # Vietnamese, for the instructions sheet and the docs
    example: str = ""  # a sample value, as a user would type it
    vocabulary: str | None = None  # name of the closed vocabulary behind a _CHOICE column
    default: str = ""  # what a blank cell means, when it means something
    required_when: str = ""  # Vietnamese condition under which an optional column is needed


@dataclass(frozen=True, slots=True)
class SheetSpec:
    """One sheet of the workbook."""

    name: str  # the sheet name, exactly as the contract writes it
    title: str  # Vietnamese description of what a row is
    columns: tuple[ColumnSpec, ...]

    def column(self, key: str) -> ColumnSpec:
        """Return the column with `key`; raise KeyError if the sheet has none."""
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    @property
    def required_columns(self) -> tuple[ColumnSpec, ...]:
        """Return the columns a sheet must have."""
        return tuple(column for column in self.columns if column.required)


def _column(
    key: str,
    header: str,
    kind: ColumnKind,
    description: str,
    example: str,
    *,
    required: bool = False,
    vocabulary: str | None = None,
    default: str = "",
    required_when: str = "",
) -> ColumnSpec:
    """Return a column spec; keeps the tables below one column per line or two."""
    return ColumnSpec(
        key, header, kind, required, description, example, vocabulary, default, required_when
    )


_TEXT, _CODE, _CHOICE, _DATE = ColumnKind.TEXT, ColumnKind.CODE, ColumnKind.CHOICE, ColumnKind.DATE
_CITIZEN_ID, _YES_NO = ColumnKind.CITIZEN_ID, ColumnKind.YES_NO

ORGANISATIONS = SheetSpec(
    "ToChuc",
    "Tổ chức đảng; một mã có thể có nhiều dòng với các thời kỳ hiệu lực không chồng nhau",
    (
        _column("code", "Mã", _CODE, "Mã do đơn vị tự đặt, không trùng", "XA-TL", required=True),
        _column("name", "Tên", _TEXT, "Tên tổ chức", "Đảng bộ xã Tân Lập", required=True),
        _column("type", "Loại", _CHOICE, "Loại tổ chức", "Đảng bộ xã", required=True,
                vocabulary="org_types"),
        _column("parent_code", "Mã cấp trên", _CODE, "Mã tổ chức cấp trên; trống nếu là gốc",
                "TINH-PT"),
        _column("valid_from", "Hiệu lực từ", _DATE, "Ngày đầu tiên tổ chức ở vị trí này",
                "01/07/2025", default="luôn luôn"),
        _column("valid_to", "Hiệu lực đến", _DATE, "Ngày cuối cùng tổ chức ở vị trí này", "",
                default="chưa kết thúc"),
        _column("may_admit", "Được ủy quyền kết nạp", _YES_NO,
                "Có nếu đảng ủy cơ sở được ủy quyền quyết định kết nạp", "Có", default="Không"),
    ),
)  # fmt: skip

LOCALITIES = SheetSpec(
    "DiaBan",
    "Địa bàn dân cư: thôn, làng, buôn, bản, ấp, sóc, tổ dân phố, khu phố",
    (
        _column("code", "Mã", _CODE, "Mã do đơn vị tự đặt, không trùng", "TL-T1", required=True),
        _column("name", "Tên", _TEXT, "Tên địa bàn", "Thôn 1", required=True),
        _column("type", "Loại", _CHOICE, "Loại địa bàn", "Thôn", required=True,
                vocabulary="locality_types"),
        _column("org_code", "Mã tổ chức", _CODE, "Đảng bộ xã, phường quản lý địa bàn", "XA-TL",
                required=True),
        _column("cell_code", "Mã chi bộ", _CODE, "Chi bộ phụ trách địa bàn", "CB-T1"),
        _column("has_independent_cell", "Chi bộ độc lập", _YES_NO,
                "Có nếu địa bàn có chi bộ riêng", "Có", default="Không"),
        _column("head_citizen_id", "CCCD người đứng đầu", _CITIZEN_ID,
                "Số CCCD của trưởng thôn hoặc tổ trưởng tổ dân phố", "001085012345"),
    ),
)  # fmt: skip

PEOPLE = SheetSpec(
    "NhanSu",
    "Quần chúng ưu tú và đảng viên; số CCCD là khóa, nhập lại sẽ cập nhật",
    (
        _column("citizen_id", "Số CCCD", _CITIZEN_ID,
                "Đủ 12 chữ số, ô định dạng Văn bản để giữ các số 0 ở đầu", "001085012345",
                required=True),
        _column("full_name", "Họ và tên", _TEXT, "Họ và tên đầy đủ", "Nguyễn Văn An",
                required=True),
        _column("birth_date", "Ngày sinh", _DATE, "Ngày tháng năm sinh", "25/12/1990",
                required=True),
        _column("gender", "Giới tính", _CHOICE, "Nam hoặc Nữ", "Nam", required=True,
                vocabulary="genders"),
        _column("ethnicity", "Dân tộc", _CHOICE, "Một trong 54 dân tộc", "Kinh", required=True,
                vocabulary="ethnic_groups"),
        _column("religion", "Tôn giáo", _CHOICE, "Không, hoặc tên tôn giáo", "Không",
                vocabulary="religions", default="Không"),
        _column("general_education", "Giáo dục phổ thông", _TEXT,
                "Trình độ giáo dục phổ thông", "12/12"),
        _column("qualification", "Chuyên môn", _CHOICE, "Trình độ chuyên môn cao nhất",
                "Đại học", vocabulary="qualifications", default="Không"),
        _column("political_theory", "Lý luận chính trị", _CHOICE, "Trình độ lý luận chính trị",
                "Sơ cấp", vocabulary="theory_levels", default="Không"),
        _column("occupation", "Nghề nghiệp", _CHOICE, "Nhóm nghề nghiệp dùng trong báo cáo",
                "Nông dân", vocabulary="occupations"),
        _column("youth_union", "Đoàn viên", _YES_NO, "Có nếu là đoàn viên", "x",
                default="Không"),
        _column("positions", "Chức danh", ColumnKind.POSITIONS,
                "Các chức danh, cách nhau bằng dấu ;", "Trưởng thôn; Chi hội trưởng Hội Phụ nữ",
                vocabulary="positions"),
        _column("cell_code", "Mã chi bộ", _CODE, "Chi bộ nơi sinh hoạt hoặc đang bồi dưỡng",
                "CB-T1", required=True),
        _column("locality_code", "Mã địa bàn", _CODE, "Địa bàn nơi cư trú", "TL-T1"),
        _column("status", "Trạng thái", _CHOICE, "Trạng thái hiện tại", "Dự bị", required=True,
                vocabulary="statuses"),
        _column("admission_date", "Ngày quyết định kết nạp", _DATE,
                "Ngày ký quyết định kết nạp", "15/03/2024", required_when="đảng viên"),
        _column("admission_decision_number", "Số quyết định kết nạp", _TEXT,
                "Số quyết định kết nạp", "123-QĐ/ĐU"),
        _column("ceremony_date", "Ngày lễ kết nạp", _DATE,
                "Ngày lễ kết nạp, bắt đầu thời gian dự bị", "02/04/2024"),
        _column("official_date", "Ngày công nhận chính thức", _DATE,
                "Ngày được công nhận đảng viên chính thức", ""),
        _column("source", "Nguồn", _CHOICE, "Với quần chúng ưu tú: nhóm nguồn", "",
                vocabulary="source_categories"),
        # Beyond the contract: what a full export needs to come back unchanged.
        _column("status_since", "Ngày bắt đầu trạng thái", _DATE,
                "Ngày bắt đầu trạng thái hiện tại (ví dụ ngày từ trần, ngày chuyển đi)", "",
                default="ngày kết nạp, ngày công nhận chính thức hoặc ngày nhập"),
        _column("trade_union", "Công đoàn viên", _YES_NO, "Có nếu là đoàn viên công đoàn", "",
                default="Không"),
        _column("hometown", "Quê quán", _TEXT, "Quê quán", "Xã Tân Lập, tỉnh Phú Thọ"),
        _column("residence", "Nơi ở hiện nay", _TEXT, "Nơi ở hiện nay", "Thôn 1, xã Tân Lập"),
    ),
)  # fmt: skip

HISTORY = SheetSpec(
    "QuaTrinh",
    "Quá trình: trạng thái và chi bộ của từng người qua các thời kỳ (không bắt buộc)",
    (
        _column("citizen_id", "Số CCCD", _CITIZEN_ID, "Người có tên ở trang NhanSu",
                "001085012345", required=True),
        _column("status", "Trạng thái", _CHOICE, "Trạng thái trong thời kỳ", "Dự bị",
                required=True, vocabulary="statuses"),
        _column("cell_code", "Mã chi bộ", _CODE, "Chi bộ trong thời kỳ", "CB-T1",
                required=True),
        _column("valid_from", "Từ ngày", _DATE, "Ngày bắt đầu thời kỳ", "15/03/2024",
                required=True),
        _column("valid_to", "Đến ngày", _DATE, "Ngày cuối của thời kỳ; trống nếu đang tiếp diễn",
                "", default="chưa kết thúc"),
        _column("note", "Ghi chú", _TEXT, "Ghi chú", ""),
    ),
)  # fmt: skip

QUOTAS = SheetSpec(
    "ChiTieu",
    "Chỉ tiêu kết nạp đảng viên",
    (
        _column("org_code", "Mã tổ chức", _CODE, "Tổ chức được giao chỉ tiêu", "XA-TL",
                required=True),
        _column("period", "Kỳ", ColumnKind.PERIOD,
                "Một năm (2020) hoặc một nhiệm kỳ (2020-2025)", "2025", required=True),
        _column("category", "Nhóm", _CHOICE, "Tổng số, hoặc tên một nhóm",
                "Trưởng ban công tác Mặt trận", vocabulary="quota_categories",
                default="Tổng số"),
        _column("quota", "Chỉ tiêu", ColumnKind.INTEGER, "Số đảng viên dự kiến kết nạp", "12",
                required=True),
    ),
)  # fmt: skip

CLASSES = SheetSpec(
    "LopHoc",
    "Lớp bồi dưỡng",
    (
        _column("class_code", "Mã lớp", _CODE, "Mã lớp, không trùng", "NT-2025-01",
                required=True),
        _column("class_type", "Loại lớp", _CHOICE, "Loại lớp", "Nhận thức về Đảng",
                required=True, vocabulary="class_types"),
        _column("org_code", "Mã tổ chức", _CODE, "Cấp ủy mở lớp", "XA-TL", required=True),
        _column("start_date", "Ngày khai giảng", _DATE, "Ngày khai giảng", "10/03/2025",
                required=True),
        _column("end_date", "Ngày bế giảng", _DATE, "Ngày bế giảng", "14/03/2025"),
        _column("name", "Tên lớp", _TEXT, "Tên lớp (không bắt buộc)",
                "Lớp bồi dưỡng nhận thức về Đảng đợt 1"),
    ),
)  # fmt: skip

TRAINEES = SheetSpec(
    "HocVien",
    "Học viên của các lớp bồi dưỡng",
    (
        _column("class_code", "Mã lớp", _CODE, "Lớp đã học", "NT-2025-01", required=True),
        _column("citizen_id", "Số CCCD", _CITIZEN_ID,
                "Học viên, phải có trong trang NhanSu hoặc trong hệ thống", "001085012345",
                required=True),
        _column("result", "Kết quả", _CHOICE, "Hoàn thành hoặc Không hoàn thành",
                "Hoàn thành", vocabulary="trainee_results", default="Hoàn thành"),
        _column("certificate_number", "Số giấy chứng nhận", _TEXT, "Số giấy chứng nhận",
                "125/CN-NTVĐ"),
        _column("certificate_date", "Ngày cấp", _DATE, "Ngày cấp giấy chứng nhận",
                "15/03/2025"),
    ),
)  # fmt: skip

# Processing order: organisations before what belongs to them, people before their
# history, classes before trainees. QuaTrinh is beyond the contract: a full export
# writes it so that an import restores each person's past statuses and cells.
SHEETS: tuple[SheetSpec, ...] = (
    ORGANISATIONS, LOCALITIES, PEOPLE, HISTORY, QUOTAS, CLASSES, TRAINEES,
)  # fmt: skip

# The template's instructions sheet; the importer skips it without a warning.
INSTRUCTIONS_SHEET = "HuongDan"
# The template's hidden sheet of drop-down lists (too long for a data-validation
# formula); skipped the same way.
LISTS_SHEET = "DanhMuc"
