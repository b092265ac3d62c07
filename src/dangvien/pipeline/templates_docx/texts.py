"""The wording of each generated document, with docxtpl placeholders ({{ name }}).

Kept apart from the layout code so that the text can be read and corrected as text.
Every placeholder is filled by `dangvien.pipeline.docx_render.document_context`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentText:
    """The parts of one official document, top to bottom."""

    title: str
    subtitle: str
    preamble: tuple[str, ...]  # "Căn cứ ..." lines, before the body
    body: tuple[str, ...]
    signature: tuple[str, ...]  # "T/M CHI BỘ", "BÍ THƯ"
    recipients: tuple[str, ...]


_PERSON = (
    "{{ full_name }}, sinh ngày {{ birth_date }}; giới tính: {{ gender }}; dân tộc: "
    "{{ ethnicity }}; quê quán: {{ hometown }}; nơi ở hiện nay: {{ residence }}; "
    "trình độ giáo dục phổ thông: {{ education }}; nghề nghiệp: {{ occupation }}"
)

CELL_RESOLUTION = DocumentText(
    title="NGHỊ QUYẾT",
    subtitle="Đề nghị kết nạp đảng viên",
    preamble=(),
    body=(
        "Ngày {{ held_date }}, {{ issuer }} đã họp để xét đề nghị kết nạp quần chúng "
        "{{ full_name }} vào Đảng Cộng sản Việt Nam.",
        "Tổng số đảng viên chính thức của chi bộ: {{ eligible }} đồng chí; có mặt: "
        "{{ present }} đồng chí; vắng mặt: {{ absent }} đồng chí.",
        "Sau khi nghe báo cáo về lý lịch, quá trình rèn luyện, phấn đấu của quần chúng "
        + _PERSON
        + "; ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú; ý kiến của đảng viên giới thiệu "
        "({{ introducers }}), chi bộ xét thấy quần chúng {{ full_name }} có đủ điều kiện, tiêu "
        "chuẩn vào Đảng.",
        "Kết quả biểu quyết ({{ method }}): {{ in_favour }}/{{ eligible }} đồng chí đảng viên "
        "chính thức tán thành, đạt {{ in_favour_percent }}; {{ against }} đồng chí không tán "
        "thành, chiếm {{ against_percent }}. Theo Điều lệ Đảng cần ít nhất {{ required }} đồng "
        "chí tán thành (hai phần ba số đảng viên chính thức).",
        "Chi bộ đề nghị {{ grassroots_committee }} xem xét, đề nghị cấp ủy có thẩm quyền quyết "
        "định kết nạp quần chúng {{ full_name }} vào Đảng Cộng sản Việt Nam.",
        "Nghị quyết được hội nghị chi bộ thông qua ngày {{ held_date }}.",
    ),
    signature=("T/M CHI BỘ", "BÍ THƯ"),
    recipients=("- {{ grassroots_committee }},", "- Lưu chi bộ."),
)

COMMITTEE_RESOLUTION = DocumentText(
    title="NGHỊ QUYẾT",
    subtitle="Đề nghị kết nạp đảng viên",
    preamble=(),
    body=(
        "Ngày {{ held_date }}, {{ issuer }} đã họp xét đề nghị kết nạp đảng viên của "
        "{{ cell_name }} đối với quần chúng " + _PERSON + ".",
        "Căn cứ Nghị quyết số {{ cell_number }} ngày {{ cell_date }} của {{ cell_name }} "
        "({{ cell_in_favour }}/{{ cell_eligible }} đảng viên chính thức tán thành) và kết quả "
        "thẩm tra lý lịch của người vào Đảng.",
        "Tổng số cấp ủy viên: {{ eligible }} đồng chí; có mặt: {{ present }} đồng chí. Kết quả "
        "biểu quyết ({{ method }}): {{ in_favour }}/{{ eligible }} đồng chí tán thành, đạt "
        "{{ in_favour_percent }}; {{ against }} đồng chí không tán thành, chiếm "
        "{{ against_percent }}.",
        "{{ issuer }} đề nghị {{ admitting_committee }} xem xét, quyết định kết nạp quần chúng "
        "{{ full_name }} vào Đảng Cộng sản Việt Nam.",
    ),
    signature=("T/M ĐẢNG ỦY", "BÍ THƯ"),
    recipients=("- {{ admitting_committee }},", "- {{ cell_name }},", "- Lưu văn phòng đảng ủy."),
)

ADMISSION_DECISION = DocumentText(
    title="QUYẾT ĐỊNH",
    subtitle="Kết nạp đảng viên",
    preamble=(
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "- Căn cứ {{ rule_set_name }};",
        "- Xét đề nghị của {{ cell_name }} (Nghị quyết số {{ cell_number }} ngày "
        "{{ cell_date }}) và của {{ grassroots_committee }} (Nghị quyết số "
        "{{ committee_number }} ngày {{ committee_date }}),",
    ),
    body=(
        "BAN THƯỜNG VỤ {{ issuer_upper }} QUYẾT ĐỊNH",
        "Điều 1. Kết nạp quần chúng " + _PERSON + " vào Đảng Cộng sản Việt Nam. Thời gian dự bị "
        "{{ probation_months }} tháng, kể từ ngày chi bộ tổ chức lễ kết nạp.",
        "Điều 2. {{ cell_name }} tổ chức lễ kết nạp trong thời hạn {{ ceremony_days }} ngày "
        "làm việc kể từ ngày nhận được Quyết định này, và có trách nhiệm giáo dục, quản lý, "
        "phân công đảng viên chính thức giúp đỡ đảng viên dự bị.",
        "Điều 3. {{ grassroots_committee }}, {{ cell_name }} và đồng chí {{ full_name }} "
        "chịu trách nhiệm thi hành Quyết định này.",
    ),
    signature=("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    recipients=("- Như Điều 3,", "- Lưu văn phòng cấp ủy."),
)

RECOGNITION_CELL_RESOLUTION = DocumentText(
    title="NGHỊ QUYẾT",
    subtitle="Đề nghị công nhận đảng viên chính thức",
    preamble=(),
    body=(
        "Ngày {{ held_date }}, {{ issuer }} đã họp xét đề nghị công nhận đảng viên chính thức "
        "đối với đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, được kết nạp vào Đảng "
        "theo Quyết định số {{ decision_number }} ngày {{ decision_date }} của "
        "{{ admitting_committee }}; lễ kết nạp tổ chức ngày {{ ceremony_date }}; thời kỳ dự bị "
        "hết ngày {{ probation_end }}.",
        "Tổng số đảng viên chính thức của chi bộ: {{ eligible }} đồng chí; có mặt: "
        "{{ present }} đồng chí; vắng mặt: {{ absent }} đồng chí.",
        "Sau khi nghe bản tự kiểm điểm của đảng viên dự bị, nhận xét của đảng viên giúp đỡ và "
        "ý kiến của đoàn thể, chi ủy nơi cư trú, chi bộ xét thấy đồng chí {{ full_name }} đủ "
        "tư cách đảng viên chính thức.",
        "Kết quả biểu quyết ({{ method }}): {{ in_favour }}/{{ eligible }} đồng chí đảng viên "
        "chính thức tán thành, đạt {{ in_favour_percent }}; {{ against }} đồng chí không tán "
        "thành, chiếm {{ against_percent }}.",
        "Chi bộ đề nghị cấp ủy cấp trên xem xét, công nhận đồng chí {{ full_name }} là đảng "
        "viên chính thức kể từ ngày {{ official_on }}.",
    ),
    signature=("T/M CHI BỘ", "BÍ THƯ"),
    recipients=("- {{ grassroots_committee }},", "- Lưu chi bộ."),
)

RECOGNITION_COMMITTEE_RESOLUTION = DocumentText(
    title="NGHỊ QUYẾT",
    subtitle="Đề nghị công nhận đảng viên chính thức",
    preamble=(),
    body=(
        "Ngày {{ held_date }}, {{ issuer }} đã họp xét đề nghị của {{ cell_name }} (Nghị quyết "
        "số {{ cell_number }} ngày {{ cell_date }}) về việc công nhận đảng viên chính thức đối "
        "với đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, kết nạp theo Quyết định số "
        "{{ decision_number }} ngày {{ decision_date }}; thời kỳ dự bị hết ngày "
        "{{ probation_end }}.",
        "Tổng số cấp ủy viên: {{ eligible }} đồng chí; có mặt: {{ present }} đồng chí. Kết quả "
        "biểu quyết ({{ method }}): {{ in_favour }}/{{ eligible }} đồng chí tán thành, đạt "
        "{{ in_favour_percent }}; {{ against }} đồng chí không tán thành, chiếm "
        "{{ against_percent }}.",
        "{{ issuer }} đề nghị {{ admitting_committee }} quyết định công nhận đồng chí "
        "{{ full_name }} là đảng viên chính thức kể từ ngày {{ official_on }}.",
    ),
    signature=("T/M ĐẢNG ỦY", "BÍ THƯ"),
    recipients=("- {{ admitting_committee }},", "- {{ cell_name }},", "- Lưu văn phòng đảng ủy."),
)

RECOGNITION_DECISION = DocumentText(
    title="QUYẾT ĐỊNH",
    subtitle="Công nhận đảng viên chính thức",
    preamble=(
        "- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;",
        "- Căn cứ {{ rule_set_name }};",
        "- Xét đề nghị của {{ cell_name }} (Nghị quyết số {{ cell_number }} ngày "
        "{{ cell_date }}) và của {{ grassroots_committee }} (Nghị quyết số "
        "{{ committee_number }} ngày {{ committee_date }}),",
    ),
    body=(
        "BAN THƯỜNG VỤ {{ issuer_upper }} QUYẾT ĐỊNH",
        "Điều 1. Công nhận đồng chí {{ full_name }}, sinh ngày {{ birth_date }}, kết nạp vào "
        "Đảng theo Quyết định số {{ decision_number }} ngày {{ decision_date }}, là đảng viên "
        "chính thức kể từ ngày {{ official_on }}. Tuổi đảng của đồng chí tính từ ngày "
        "{{ decision_date }}.",
        "Điều 2. {{ grassroots_committee }}, {{ cell_name }} và đồng chí {{ full_name }} "
        "chịu trách nhiệm thi hành Quyết định này.",
    ),
    signature=("T/M BAN THƯỜNG VỤ", "BÍ THƯ"),
    recipients=("- Như Điều 2,", "- Lưu văn phòng cấp ủy."),
)

# File name (GeneratedDocument value + ".docx") -> wording.
TEXTS: dict[str, DocumentText] = {
    "6-KND": CELL_RESOLUTION,
    "8-KND": COMMITTEE_RESOLUTION,
    "9-KND": ADMISSION_DECISION,
    "13-KND": RECOGNITION_CELL_RESOLUTION,
    "15-KND": RECOGNITION_COMMITTEE_RESOLUTION,
    "QD-CNCT": RECOGNITION_DECISION,
}
