"""The dossier forms of the admission and recognition procedure, by their official codes."""

from __future__ import annotations

from enum import StrEnum


class FormCode(StrEnum):
    """A form of the admission dossier ("hồ sơ kết nạp"); the value is its printed code."""

    KND_1 = "1-KNĐ"  # Đơn xin vào Đảng
    KND_2 = "2-KNĐ"  # Lý lịch của người xin vào Đảng
    KND_3 = "3-KNĐ"  # Giấy giới thiệu người vào Đảng (đảng viên chính thức)
    KND_4 = "4-KNĐ"  # Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng (Đoàn cơ sở)
    KND_4A = "4A-KNĐ"  # Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng (Công đoàn cơ sở)
    KND_5 = "5-KNĐ"  # Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú
    KND_6 = "6-KNĐ"  # Nghị quyết của chi bộ đề nghị kết nạp
    KND_7 = "7-KNĐ"  # Báo cáo thẩm định của đảng ủy bộ phận
    KND_8 = "8-KNĐ"  # Nghị quyết của đảng ủy cơ sở đề nghị kết nạp
    KND_9 = "9-KNĐ"  # Quyết định kết nạp đảng viên
    KND_10 = "10-KNĐ"  # Bản tự kiểm điểm của đảng viên dự bị
    KND_11 = "11-KNĐ"  # Bản nhận xét đảng viên dự bị của đảng viên giúp đỡ
    KND_12 = "12-KNĐ"  # Tổng hợp ý kiến nhận xét đảng viên dự bị của đoàn thể, chi ủy nơi cư trú
    KND_13 = "13-KNĐ"  # Nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức
    KND_14 = "14-KNĐ"  # Báo cáo thẩm định của đảng ủy bộ phận về công nhận chính thức
    KND_15 = "15-KNĐ"  # Nghị quyết của đảng ủy cơ sở đề nghị công nhận đảng viên chính thức
    CN_NTVD = "CN-NTVĐ"  # Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng

    @property
    def label(self) -> str:
        return FORM_LABELS[self]


FORM_LABELS: dict[FormCode, str] = {
    FormCode.KND_1: "Đơn xin vào Đảng",
    FormCode.KND_2: "Lý lịch của người xin vào Đảng",
    FormCode.KND_3: "Giấy giới thiệu người vào Đảng",
    FormCode.KND_4: "Nghị quyết giới thiệu đoàn viên ưu tú vào Đảng",
    FormCode.KND_4A: "Nghị quyết giới thiệu đoàn viên công đoàn vào Đảng",
    FormCode.KND_5: "Tổng hợp ý kiến nhận xét của đoàn thể và chi ủy nơi cư trú",
    FormCode.KND_6: "Nghị quyết của chi bộ đề nghị kết nạp",
    FormCode.KND_7: "Báo cáo thẩm định của đảng ủy bộ phận",
    FormCode.KND_8: "Nghị quyết của đảng ủy cơ sở đề nghị kết nạp",
    FormCode.KND_9: "Quyết định kết nạp đảng viên",
    FormCode.KND_10: "Bản tự kiểm điểm của đảng viên dự bị",
    FormCode.KND_11: "Bản nhận xét đảng viên dự bị của đảng viên giúp đỡ",
    FormCode.KND_12: "Tổng hợp ý kiến nhận xét đảng viên dự bị",
    FormCode.KND_13: "Nghị quyết của chi bộ đề nghị công nhận đảng viên chính thức",
    FormCode.KND_14: "Báo cáo thẩm định của đảng ủy bộ phận về công nhận đảng viên chính thức",
    FormCode.KND_15: "Nghị quyết của đảng ủy cơ sở đề nghị công nhận đảng viên chính thức",
    FormCode.CN_NTVD: "Giấy chứng nhận học lớp bồi dưỡng nhận thức về Đảng",
}
