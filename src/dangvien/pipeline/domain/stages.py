"""The development pipeline as a transition table: stages, actions and the legal moves.

Every exit stage is final: a person removed, refused or withdrawn who comes back
starts a new candidacy, so the old one keeps its history intact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from dangvien.core.domain.errors import DomainError


class Stage(StrEnum):
    """Where a candidacy stands in the pipeline."""

    SOURCE = "tao_nguon"  # Tạo nguồn: identified, not yet on the list
    CANDIDATE = "quan_chung_uu_tu"  # Danh sách quần chúng ưu tú (cảm tình Đảng)
    AWARENESS_DONE = "da_hoc_nhan_thuc"  # Đã học lớp bồi dưỡng nhận thức về Đảng (CN-NTVĐ)
    DOSSIER = "lam_ho_so"  # Đang hoàn thiện hồ sơ (1-KNĐ..5-KNĐ, thẩm tra lý lịch)
    ESCALATED = "bao_cao_cap_tren"  # Ba lần chi bộ xét không đạt: báo cáo cấp ủy cấp trên
    CELL_RESOLVED = "chi_bo_de_nghi"  # Chi bộ đã có nghị quyết đề nghị kết nạp (6-KNĐ)
    PARTIAL_APPRAISED = "dang_uy_bo_phan_tham_dinh"  # Đảng ủy bộ phận đã thẩm định (7-KNĐ)
    GRASSROOTS_RESOLVED = "dang_uy_co_so_de_nghi"  # Đảng ủy cơ sở đã có nghị quyết (8-KNĐ)
    ADMITTED = "co_quyet_dinh_ket_nap"  # Đã có quyết định kết nạp (9-KNĐ), chờ lễ kết nạp
    PROBATION = "du_bi"  # Đảng viên dự bị, từ ngày lễ kết nạp
    RECOGNITION_CELL_RESOLVED = "chi_bo_de_nghi_chinh_thuc"  # Nghị quyết chi bộ (13-KNĐ)
    RECOGNITION_GRASSROOTS_RESOLVED = "dang_uy_de_nghi_chinh_thuc"  # Nghị quyết đảng ủy (15-KNĐ)
    OFFICIAL = "chinh_thuc"  # Đã có quyết định công nhận đảng viên chính thức
    REMOVED_FROM_LIST = "dua_ra_khoi_danh_sach"  # Đưa ra khỏi danh sách quần chúng ưu tú
    REFUSED = "khong_ket_nap"  # Cấp có thẩm quyền không đồng ý kết nạp
    STRUCK_OFF = "xoa_ten_du_bi"  # Xóa tên trong danh sách đảng viên dự bị
    WITHDRAWN = "rut_ho_so"  # Người vào Đảng rút đơn, dừng hồ sơ
    TRANSFERRED_OUT = "chuyen_di"  # Chuyển đi nơi khác, ra ngoài hệ thống

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]

    @property
    def is_final(self) -> bool:
        """Return whether no action can leave this stage."""
        return self in FINAL_STAGES


STAGE_LABELS: dict[Stage, str] = {
    Stage.SOURCE: "Tạo nguồn",
    Stage.CANDIDATE: "Quần chúng ưu tú",
    Stage.AWARENESS_DONE: "Đã học lớp nhận thức về Đảng",
    Stage.DOSSIER: "Đang hoàn thiện hồ sơ",
    Stage.ESCALATED: "Báo cáo cấp ủy cấp trên sau ba lần xét không đạt",
    Stage.CELL_RESOLVED: "Chi bộ đề nghị kết nạp (6-KNĐ)",
    Stage.PARTIAL_APPRAISED: "Đảng ủy bộ phận đã thẩm định (7-KNĐ)",
    Stage.GRASSROOTS_RESOLVED: "Đảng ủy cơ sở đề nghị kết nạp (8-KNĐ)",
    Stage.ADMITTED: "Có quyết định kết nạp (9-KNĐ)",
    Stage.PROBATION: "Đảng viên dự bị",
    Stage.RECOGNITION_CELL_RESOLVED: "Chi bộ đề nghị công nhận chính thức (13-KNĐ)",
    Stage.RECOGNITION_GRASSROOTS_RESOLVED: "Đảng ủy cơ sở đề nghị công nhận chính thức (15-KNĐ)",
    Stage.OFFICIAL: "Đảng viên chính thức",
    Stage.REMOVED_FROM_LIST: "Đã đưa ra khỏi danh sách",
    Stage.REFUSED: "Không được kết nạp",
    Stage.STRUCK_OFF: "Đã xóa tên (dự bị)",
    Stage.WITHDRAWN: "Đã rút hồ sơ",
    Stage.TRANSFERRED_OUT: "Đã chuyển đi",
}

FINAL_STAGES = frozenset(
    {
        Stage.OFFICIAL,
        Stage.REMOVED_FROM_LIST,
        Stage.REFUSED,
        Stage.STRUCK_OFF,
        Stage.WITHDRAWN,
        Stage.TRANSFERRED_OUT,
    }
)


class Action(StrEnum):
    """A recorded step that moves a candidacy (or, for a failed vote, counts an attempt)."""

    ADD_TO_LIST = "add_to_list"  # Chi bộ đưa vào danh sách quần chúng ưu tú
    RECORD_AWARENESS_CERTIFICATE = "record_awareness_certificate"  # Ghi giấy chứng nhận CN-NTVĐ
    OPEN_DOSSIER = "open_dossier"  # Bắt đầu làm hồ sơ kết nạp
    RECORD_CELL_VOTE = "record_cell_vote"  # Chi bộ xét đạt, ra nghị quyết 6-KNĐ
    RECORD_FAILED_CELL_VOTE = "record_failed_cell_vote"  # Chi bộ xét không đủ 2/3 tán thành
    ESCALATE = "escalate"  # Báo cáo cấp ủy cấp trên sau số lần xét không đạt tối đa
    RETURN_TO_CELL = "return_to_cell"  # Cấp ủy cấp trên trả hồ sơ về chi bộ xét lại
    RECORD_PARTIAL_APPRAISAL = "record_partial_appraisal"  # Đảng ủy bộ phận thẩm định (7-KNĐ)
    RECORD_GRASSROOTS_RESOLUTION = "record_grassroots_resolution"  # Đảng ủy cơ sở (8-KNĐ)
    RECORD_ADMISSION_DECISION = "record_admission_decision"  # Quyết định kết nạp (9-KNĐ)
    REFUSE = "refuse"  # Cấp có thẩm quyền không đồng ý kết nạp
    HOLD_CEREMONY = "hold_ceremony"  # Tổ chức lễ kết nạp: bắt đầu thời kỳ dự bị
    RECORD_RECOGNITION_CELL_VOTE = "record_recognition_cell_vote"  # Chi bộ đề nghị (13-KNĐ)
    RECORD_RECOGNITION_GRASSROOTS_RESOLUTION = "record_recognition_grassroots_resolution"  # 15-KNĐ
    RECOGNISE = "recognise"  # Quyết định công nhận đảng viên chính thức
    STRIKE_OFF = "strike_off"  # Xóa tên đảng viên dự bị (không được công nhận, vi phạm)
    REMOVE_FROM_LIST = "remove_from_list"  # Đưa ra khỏi danh sách quần chúng ưu tú
    WITHDRAW = "withdraw"  # Người vào Đảng rút đơn
    TRANSFER_OUT = "transfer_out"  # Chuyển đi nơi khác

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.ADD_TO_LIST: "đưa vào danh sách quần chúng ưu tú",
    Action.RECORD_AWARENESS_CERTIFICATE: "ghi giấy chứng nhận học lớp nhận thức về Đảng",
    Action.OPEN_DOSSIER: "bắt đầu làm hồ sơ kết nạp",
    Action.RECORD_CELL_VOTE: "ghi nghị quyết chi bộ đề nghị kết nạp (6-KNĐ)",
    Action.RECORD_FAILED_CELL_VOTE: "ghi lần chi bộ xét không đạt",
    Action.ESCALATE: "báo cáo cấp ủy cấp trên",
    Action.RETURN_TO_CELL: "trả hồ sơ về chi bộ xét lại",
    Action.RECORD_PARTIAL_APPRAISAL: "ghi báo cáo thẩm định của đảng ủy bộ phận (7-KNĐ)",
    Action.RECORD_GRASSROOTS_RESOLUTION: "ghi nghị quyết đảng ủy cơ sở (8-KNĐ)",
    Action.RECORD_ADMISSION_DECISION: "ghi quyết định kết nạp (9-KNĐ)",
    Action.REFUSE: "ghi việc không đồng ý kết nạp",
    Action.HOLD_CEREMONY: "ghi lễ kết nạp",
    Action.RECORD_RECOGNITION_CELL_VOTE: "ghi nghị quyết chi bộ đề nghị công nhận (13-KNĐ)",
    Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION: "ghi nghị quyết đảng ủy đề nghị công nhận "
    "(15-KNĐ)",
    Action.RECOGNISE: "ghi quyết định công nhận đảng viên chính thức",
    Action.STRIKE_OFF: "xóa tên đảng viên dự bị",
    Action.REMOVE_FROM_LIST: "đưa ra khỏi danh sách quần chúng ưu tú",
    Action.WITHDRAW: "ghi việc rút hồ sơ",
    Action.TRANSFER_OUT: "ghi việc chuyển đi",
}


@dataclass(frozen=True)
class Transition:
    """Where an action leads, and whether it depends on the cell having a partial committee.

    `partial_committee` is True when the move exists only under a partial committee
    ("đảng ủy bộ phận"), False only without one, None in either case.
    """

    target: Stage
    partial_committee: bool | None = None


_BEFORE_DECISION = (
    Stage.SOURCE,
    Stage.CANDIDATE,
    Stage.AWARENESS_DONE,
    Stage.DOSSIER,
    Stage.ESCALATED,
    Stage.CELL_RESOLVED,
    Stage.PARTIAL_APPRAISED,
    Stage.GRASSROOTS_RESOLVED,
    Stage.ADMITTED,
)
_PROBATIONARY = (
    Stage.PROBATION,
    Stage.RECOGNITION_CELL_RESOLVED,
    Stage.RECOGNITION_GRASSROOTS_RESOLVED,
)
_UNDER_REVIEW = (
    Stage.ESCALATED,
    Stage.CELL_RESOLVED,
    Stage.PARTIAL_APPRAISED,
    Stage.GRASSROOTS_RESOLVED,
)
_LISTED = (Stage.SOURCE, Stage.CANDIDATE, Stage.AWARENESS_DONE, Stage.DOSSIER)

_FORWARD: dict[tuple[Stage, Action], Transition] = {
    (Stage.SOURCE, Action.ADD_TO_LIST): Transition(Stage.CANDIDATE),
    (Stage.CANDIDATE, Action.RECORD_AWARENESS_CERTIFICATE): Transition(Stage.AWARENESS_DONE),
    (Stage.AWARENESS_DONE, Action.OPEN_DOSSIER): Transition(Stage.DOSSIER),
    (Stage.DOSSIER, Action.RECORD_CELL_VOTE): Transition(Stage.CELL_RESOLVED),
    # A failed vote keeps the stage; the service counts the attempt (see votes.py).
    (Stage.DOSSIER, Action.RECORD_FAILED_CELL_VOTE): Transition(Stage.DOSSIER),
    (Stage.DOSSIER, Action.ESCALATE): Transition(Stage.ESCALATED),
    (Stage.ESCALATED, Action.RETURN_TO_CELL): Transition(Stage.DOSSIER),
    (Stage.CELL_RESOLVED, Action.RECORD_PARTIAL_APPRAISAL): Transition(
        Stage.PARTIAL_APPRAISED, partial_committee=True
    ),
    (Stage.CELL_RESOLVED, Action.RECORD_GRASSROOTS_RESOLUTION): Transition(
        Stage.GRASSROOTS_RESOLVED, partial_committee=False
    ),
    (Stage.PARTIAL_APPRAISED, Action.RECORD_GRASSROOTS_RESOLUTION): Transition(
        Stage.GRASSROOTS_RESOLVED
    ),
    (Stage.GRASSROOTS_RESOLVED, Action.RECORD_ADMISSION_DECISION): Transition(Stage.ADMITTED),
    (Stage.ADMITTED, Action.HOLD_CEREMONY): Transition(Stage.PROBATION),
    (Stage.PROBATION, Action.RECORD_RECOGNITION_CELL_VOTE): Transition(
        Stage.RECOGNITION_CELL_RESOLVED
    ),
    (Stage.RECOGNITION_CELL_RESOLVED, Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION): Transition(
        Stage.RECOGNITION_GRASSROOTS_RESOLVED
    ),
    (Stage.RECOGNITION_GRASSROOTS_RESOLVED, Action.RECOGNISE): Transition(Stage.OFFICIAL),
}

_EXITS: dict[tuple[Stage, Action], Transition] = {
    **{(stage, Action.REMOVE_FROM_LIST): Transition(Stage.REMOVED_FROM_LIST) for stage in _LISTED},
    **{(stage, Action.REFUSE): Transition(Stage.REFUSED) for stage in _UNDER_REVIEW},
    **{(stage, Action.STRIKE_OFF): Transition(Stage.STRUCK_OFF) for stage in _PROBATIONARY},
    **{(stage, Action.WITHDRAW): Transition(Stage.WITHDRAWN) for stage in _BEFORE_DECISION},
    **{
        (stage, Action.TRANSFER_OUT): Transition(Stage.TRANSFERRED_OUT)
        for stage in (*_BEFORE_DECISION, *_PROBATIONARY)
    },
}

TRANSITIONS: Mapping[tuple[Stage, Action], Transition] = MappingProxyType(_FORWARD | _EXITS)


def _applies(transition: Transition, has_partial_committee: bool) -> bool:
    """Return whether a transition exists for a cell with or without a partial committee."""
    required = transition.partial_committee
    return required is None or required == has_partial_committee


def allowed_actions(stage: Stage, *, has_partial_committee: bool) -> tuple[Action, ...]:
    """Return the actions that can be recorded at `stage`, in the order of `Action`."""
    return tuple(
        action
        for action in Action
        if (transition := TRANSITIONS.get((stage, action))) is not None
        and _applies(transition, has_partial_committee)
    )


def next_stage(current: Stage, action: Action, *, has_partial_committee: bool) -> Stage:
    """Return the stage `action` leads to from `current`, or raise DomainError if it cannot."""
    transition = TRANSITIONS.get((current, action))
    if transition is not None and _applies(transition, has_partial_committee):
        return transition.target
    raise DomainError(
        _refusal(current, action, has_partial_committee=has_partial_committee),
        code="illegal_transition",
        field="stage",
    )


def _refusal(current: Stage, action: Action, *, has_partial_committee: bool) -> str:
    """Return the Vietnamese explanation of why `action` cannot be recorded at `current`."""
    head = f"Không thể {action.label} khi hồ sơ đang ở bước «{current.label}»"
    if current.is_final:
        return f"{head}: hồ sơ đã kết thúc ở bước này."
    if (current, action) in TRANSITIONS:
        if has_partial_committee:
            return (
                f"{head}: chi bộ thuộc đảng ủy bộ phận nên phải qua bước "
                f"«{Stage.PARTIAL_APPRAISED.label}» trước."
            )
        return f"{head}: chi bộ không trực thuộc đảng ủy bộ phận nào."
    sources = [
        stage.label
        for (stage, candidate_action), transition in TRANSITIONS.items()
        if candidate_action is action and _applies(transition, has_partial_committee)
    ]
    where = ", ".join(f"«{label}»" for label in sources)
    return f"{head}; thao tác này chỉ thực hiện được ở bước {where}."
