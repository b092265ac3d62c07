"""Forms of the recorded steps: documents, introductions, verification, votes, decisions."""

from __future__ import annotations

from typing import Any

from django import forms

from dangvien.pipeline.domain.documents import (
    DOCUMENT_LABELS,
    INTRODUCTION_FORMS,
    RECORDED_BY_STEPS,
)
from dangvien.pipeline.domain.evaluations import EVALUATION_LABELS
from dangvien.pipeline.domain.facts import IntroducerKind
from dangvien.pipeline.domain.verification import RELATIVE_LABELS
from dangvien.pipeline.domain.votes import VoteMethod
from dangvien.pipeline.forms import VersionedForm, date_field, note_field, text_field

INTRODUCER_LABELS = {
    IntroducerKind.PARTY_MEMBER: "Đảng viên chính thức (3-KNĐ)",
    IntroducerKind.YOUTH_UNION: "Ban Chấp hành Đoàn cơ sở (4-KNĐ)",
    IntroducerKind.TRADE_UNION: "Ban Chấp hành Công đoàn cơ sở (4A-KNĐ)",
}


class DocumentForm(VersionedForm):
    """A paper of the dossier, with an optional scan."""

    form_code = forms.ChoiceField(
        label="Loại văn bản",
        choices=[
            (code, f"{code} — {label}")
            for code, label in DOCUMENT_LABELS.items()
            if code not in RECORDED_BY_STEPS and code not in INTRODUCTION_FORMS
        ],
    )
    issued_on = date_field("Ngày văn bản")
    number = text_field("Số", max_length=60)
    signer = text_field("Người ký", max_length=200)
    issuer = text_field("Cơ quan cấp")
    note = note_field("Ghi chú")
    attachment = forms.FileField(label="Bản quét (PDF, ảnh)", required=False)


class AttachmentForm(forms.Form):
    """A scan for a paper already recorded."""

    document = forms.TypedChoiceField(label="Văn bản", coerce=int)
    attachment = forms.FileField(label="Bản quét (PDF, ảnh, Word)")

    def __init__(self, *args: Any, documents: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = documents  # type: ignore[attr-defined]


class IntroducerForm(VersionedForm):
    """One introduction: a member's (3-KNĐ) or a union committee's resolution."""

    kind = forms.ChoiceField(
        label="Người giới thiệu", choices=[(k.value, v) for k, v in INTRODUCER_LABELS.items()]
    )
    member = forms.TypedChoiceField(label="Đảng viên giới thiệu", coerce=int, required=False)
    name = text_field("Tên tổ chức đoàn thể (nếu là nghị quyết)")
    months_together = forms.IntegerField(
        label="Số tháng cùng công tác, cư trú", required=False, min_value=0, max_value=1200
    )
    introduced_on = date_field("Ngày giới thiệu")
    number = text_field("Số văn bản", max_length=60)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "—"), *members]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == IntroducerKind.PARTY_MEMBER.value and not data.get("member"):
            self.add_error("member", "Chọn đảng viên giới thiệu.")
        return data


class RelativeForm(forms.Form):
    """A relative (or the applicant) whose background is verified."""

    kind = forms.ChoiceField(
        label="Quan hệ", choices=[(k.value, v) for k, v in RELATIVE_LABELS.items()]
    )
    name = text_field("Họ và tên", required=True, max_length=200)
    birth_date = date_field("Ngày sinh", required=False)
    places = forms.CharField(
        label="Nơi cư trú, nơi công tác cần thẩm tra (mỗi nơi một dòng)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_party_member = forms.BooleanField(label="Là đảng viên", required=False)
    fully_declared = forms.BooleanField(
        label="Lý lịch đảng viên đã khai đầy đủ, rõ ràng", required=False
    )


class VerificationForm(forms.Form):
    """The sending and the answer of one verification request."""

    request = forms.TypedChoiceField(label="Yêu cầu thẩm tra", coerce=int)
    sent_on = date_field("Ngày gửi", required=False)
    returned_on = date_field("Ngày nhận kết quả", required=False)
    responding_committee = text_field("Cấp ủy trả lời")
    conclusion = note_field("Kết luận")

    def __init__(self, *args: Any, requests: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request"].choices = requests  # type: ignore[attr-defined]


class EvaluationForm(forms.Form):
    """The cell's monthly assessment."""

    month = date_field("Tháng bình xét (chọn một ngày bất kỳ trong tháng)")
    result = forms.ChoiceField(
        label="Kết quả", choices=[(k.value, v) for k, v in EVALUATION_LABELS.items()]
    )
    comment = note_field("Nhận xét")


class HelperForm(forms.Form):
    """An official member of the cell assigned to help."""

    member = forms.TypedChoiceField(label="Đảng viên giúp đỡ", coerce=int)
    assigned_on = date_field("Ngày phân công")
    note = text_field("Ghi chú")

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = members  # type: ignore[attr-defined]


def _count(label: str) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=0, max_value=100000)


class CellVoteForm(VersionedForm):
    """A cell vote; the eligible voters are counted by the system on the meeting day."""

    held_on = date_field("Ngày họp chi bộ")
    present = _count("Số đảng viên chính thức có mặt")
    in_favour = _count("Số tán thành")
    against = _count("Số không tán thành")
    method = forms.ChoiceField(label="Hình thức", choices=[(m.value, m.label) for m in VoteMethod])
    number = text_field("Số nghị quyết (khi đạt)", max_length=60)
    signer = text_field("Bí thư chi bộ ký", max_length=200)


class RecognitionCellVoteForm(CellVoteForm):
    """The cell's recognition vote, which may need a reason when late."""

    late_reason = note_field("Lý do chậm (nếu quá hạn)")


class CommitteeVoteForm(VersionedForm):
    """A committee vote: the committee's size is typed, it is not in the membership records."""

    held_on = date_field("Ngày họp")
    eligible = forms.IntegerField(label="Tổng số cấp ủy viên", min_value=1, max_value=1000)
    present = _count("Số cấp ủy viên có mặt")
    in_favour = _count("Số tán thành")
    against = _count("Số không tán thành")
    method = forms.ChoiceField(label="Hình thức", choices=[(m.value, m.label) for m in VoteMethod])
    number = text_field("Số nghị quyết (khi đạt)", max_length=60)
    signer = text_field("Người ký", max_length=200)


class AppraisalForm(VersionedForm):
    """The partial committee's appraisal report (7-KNĐ)."""

    on = date_field("Ngày báo cáo")
    number = text_field("Số báo cáo", required=True, max_length=60)
    signer = text_field("Người ký", max_length=200)
    conclusion = note_field("Kết luận thẩm định")


class DecisionForm(VersionedForm):
    """A decision of the competent committee."""

    decided_on = date_field("Ngày ký quyết định")
    number = text_field("Số quyết định", required=True, max_length=60)
    signer = text_field("Người ký", max_length=200)
    received_on = date_field("Ngày chi bộ nhận quyết định", required=False)
    late_reason = note_field("Lý do chậm (nếu quá hạn)")


class ExtensionForm(VersionedForm):
    """The extension of the time limit for the admission decision."""

    decided_on = date_field("Ngày quyết định gia hạn")
    number = text_field("Số văn bản", max_length=60)
    reason = note_field("Lý do gia hạn", required=True)


class CeremonyForm(VersionedForm):
    """The admission ceremony."""

    held_on = date_field("Ngày tổ chức lễ kết nạp")
    place = text_field("Địa điểm")
    presided_by = text_field("Người chủ trì", max_length=200)
    late_reason = note_field("Lý do chậm (nếu quá hạn)")
