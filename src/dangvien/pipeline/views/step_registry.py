"""Every step a page can record: its form, when it is offered, and the service it calls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms

from dangvien.accounts.actor import Actor
from dangvien.pipeline import forms as simple
from dangvien.pipeline import services
from dangvien.pipeline import step_forms as steps
from dangvien.pipeline.domain.stages import Action, Stage
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.services.dossier import DOSSIER_STAGES
from dangvien.pipeline.services.follow_up import EVALUATION_STAGES
from dangvien.pipeline.views import choices
from dangvien.pipeline.views import step_runners as runners
from dangvien.pipeline.views.step_runners import Runner


@dataclass(frozen=True)
class Step:
    """A step page: shown when `action` is allowed, or when the stage is in `stages`."""

    slug: str
    title: str
    form: type[forms.Form]
    run: Runner
    action: Action | None = None
    stages: frozenset[Stage] = frozenset()
    confirm: str = ""  # asked before submitting a step that cannot be undone
    group: str = "ho_so"  # next | ho_so | exit
    choices: Callable[[Actor, Candidacy], dict[str, Any]] | None = field(default=None)

    def offered(self, candidacy: Candidacy, actions: Sequence[Action]) -> bool:
        """Return whether the candidate page offers this step now."""
        if self.action is not None:
            return self.action in actions
        if self.stages:
            return Stage(candidacy.stage) in self.stages
        return candidacy.is_open


_CONFIRM = "Thao tác này kết thúc hồ sơ và không hoàn tác được. Tiếp tục?"
OPEN = frozenset(s for s in Stage if not s.is_final)

STEPS: tuple[Step, ...] = (
    Step(
        "dua-vao-danh-sach",
        "Đưa vào danh sách quần chúng ưu tú",
        simple.DatedForm,
        runners.list_add,
        action=Action.ADD_TO_LIST,
        group="next",
    ),
    Step(
        "lam-ho-so",
        "Bắt đầu làm hồ sơ kết nạp",
        simple.DatedForm,
        runners.dossier,
        action=Action.OPEN_DOSSIER,
        group="next",
    ),
    Step(
        "chi-bo-xet",
        "Chi bộ xét kết nạp (6-KNĐ)",
        steps.CellVoteForm,
        runners.voter(services.cell_vote_record),
        action=Action.RECORD_CELL_VOTE,
        group="next",
    ),
    Step(
        "dang-uy-bo-phan",
        "Đảng ủy bộ phận thẩm định (7-KNĐ)",
        steps.AppraisalForm,
        runners.appraise,
        action=Action.RECORD_PARTIAL_APPRAISAL,
        group="next",
    ),
    Step(
        "dang-uy-xet",
        "Đảng ủy cơ sở xét kết nạp (8-KNĐ)",
        steps.CommitteeVoteForm,
        runners.voter(services.committee_vote_record),
        action=Action.RECORD_GRASSROOTS_RESOLUTION,
        group="next",
    ),
    Step(
        "quyet-dinh",
        "Quyết định kết nạp (9-KNĐ)",
        steps.DecisionForm,
        runners.decide(services.decision_record),
        action=Action.RECORD_ADMISSION_DECISION,
        group="next",
    ),
    Step(
        "le-ket-nap",
        "Lễ kết nạp",
        steps.CeremonyForm,
        runners.ceremony,
        action=Action.HOLD_CEREMONY,
        group="next",
    ),
    Step(
        "chi-bo-xet-chinh-thuc",
        "Chi bộ xét công nhận chính thức (13-KNĐ)",
        steps.RecognitionCellVoteForm,
        runners.voter(services.recognition_cell_vote_record),
        action=Action.RECORD_RECOGNITION_CELL_VOTE,
        group="next",
    ),
    Step(
        "dang-uy-xet-chinh-thuc",
        "Đảng ủy xét công nhận chính thức (15-KNĐ)",
        steps.CommitteeVoteForm,
        runners.voter(services.recognition_committee_vote_record),
        action=Action.RECORD_RECOGNITION_GRASSROOTS_RESOLUTION,
        group="next",
    ),
    Step(
        "cong-nhan",
        "Quyết định công nhận đảng viên chính thức",
        steps.DecisionForm,
        runners.decide(services.recognition_decide),
        action=Action.RECOGNISE,
        group="next",
    ),
    Step(
        "tra-ve-chi-bo",
        "Cấp trên trả hồ sơ về chi bộ xét lại",
        simple.DatedForm,
        runners.return_to_cell,
        action=Action.RETURN_TO_CELL,
        group="next",
    ),
    Step(
        "gia-han",
        "Gia hạn thời gian ra quyết định kết nạp",
        steps.ExtensionForm,
        runners.extend,
        stages=frozenset({Stage.CELL_RESOLVED, Stage.PARTIAL_APPRAISED, Stage.GRASSROOTS_RESOLVED}),
    ),
    Step("van-ban", "Ghi văn bản của hồ sơ", steps.DocumentForm, runners.document),
    Step(
        "dinh-kem",
        "Đính kèm bản quét",
        steps.AttachmentForm,
        runners.attach,
        choices=choices.documents,
    ),
    Step(
        "binh-xet",
        "Bình xét hằng tháng",
        steps.EvaluationForm,
        runners.evaluation,
        stages=EVALUATION_STAGES,
    ),
    Step(
        "giup-do",
        "Phân công đảng viên giúp đỡ",
        steps.HelperForm,
        runners.helper,
        choices=choices.cell_members,
    ),
    Step(
        "gioi-thieu",
        "Ghi người giới thiệu",
        steps.IntroducerForm,
        runners.introducer,
        stages=DOSSIER_STAGES,
        choices=choices.nearby_members,
    ),
    Step(
        "lam-lai-gioi-thieu",
        "Làm lại giấy giới thiệu (hồ sơ quá 12 tháng)",
        simple.DatedForm,
        runners.renew,
        stages=DOSSIER_STAGES,
    ),
    Step(
        "nguoi-than",
        "Ghi người thân cần thẩm tra",
        steps.RelativeForm,
        runners.relative,
        stages=DOSSIER_STAGES,
    ),
    Step(
        "tham-tra",
        "Lập yêu cầu thẩm tra lý lịch",
        simple.DatedForm,
        runners.plan,
        stages=DOSSIER_STAGES,
    ),
    Step(
        "ket-qua-tham-tra",
        "Ghi kết quả thẩm tra lý lịch",
        steps.VerificationForm,
        runners.verification,
        stages=DOSSIER_STAGES,
        choices=choices.verification_requests,
    ),
    Step(
        "ngay-du-kien-xet",
        "Ngày chi bộ dự kiến xét",
        simple.PlannedVoteForm,
        runners.planned,
        stages=frozenset({Stage.AWARENESS_DONE, Stage.DOSSIER}),
    ),
    Step(
        "thong-tin-xet",
        "Thông tin xét điều kiện (vùng, đồng ý, tiêu chí)",
        simple.FactsForm,
        runners.facts,
        stages=OPEN,
    ),
    Step(
        "dua-ra-khoi-danh-sach",
        "Đưa ra khỏi danh sách",
        simple.ExitForm,
        runners.ending(services.candidacy_remove),
        action=Action.REMOVE_FROM_LIST,
        confirm=_CONFIRM,
        group="exit",
    ),
    Step(
        "rut-ho-so",
        "Rút hồ sơ",
        simple.ExitForm,
        runners.ending(services.candidacy_withdraw),
        action=Action.WITHDRAW,
        confirm=_CONFIRM,
        group="exit",
    ),
    Step(
        "khong-ket-nap",
        "Không đồng ý kết nạp",
        simple.ExitForm,
        runners.ending(services.candidacy_refuse),
        action=Action.REFUSE,
        confirm=_CONFIRM,
        group="exit",
    ),
    Step(
        "xoa-ten",
        "Xóa tên đảng viên dự bị",
        simple.ExitForm,
        runners.ending(services.candidacy_strike_off),
        action=Action.STRIKE_OFF,
        confirm=_CONFIRM,
        group="exit",
    ),
    Step(
        "chuyen-di",
        "Chuyển đi nơi khác",
        simple.ExitForm,
        runners.ending(services.candidacy_transfer_out),
        action=Action.TRANSFER_OUT,
        confirm=_CONFIRM,
        group="exit",
    ),
)
BY_SLUG = {step.slug: step for step in STEPS}
