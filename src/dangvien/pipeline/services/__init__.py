"""Every change to a candidacy: one function per step, the rule check inside each.

Pages, the API, imports and the command line all call these; none of them can
record a step without its check.
"""

from dangvien.pipeline.moves import candidacy_follow_person
from dangvien.pipeline.services.calendar import calendar_day_edit, calendar_day_remove
from dangvien.pipeline.services.candidacy import (
    CandidateFactsInput,
    candidacy_facts_update,
    candidacy_list_add,
    candidacy_open,
    candidacy_plan_vote,
    candidacy_return_to_cell,
    dossier_open,
)
from dangvien.pipeline.services.criteria import local_criterion_save
from dangvien.pipeline.services.decisions import (
    CeremonyInput,
    DecisionInput,
    ceremony_record,
    decision_extend,
    decision_record,
    recognition_decide,
)
from dangvien.pipeline.services.documents import (
    certificate_from_enrolment,
    document_attach,
    document_record,
)
from dangvien.pipeline.services.dossier import (
    IntroducerInput,
    RelativeInput,
    VerificationReply,
    introducer_add,
    introductions_renew,
    relative_save,
    verification_plan_apply,
    verification_record,
)
from dangvien.pipeline.services.exits import (
    ExitInput,
    candidacy_refuse,
    candidacy_remove,
    candidacy_strike_off,
    candidacy_transfer_out,
    candidacy_withdraw,
)
from dangvien.pipeline.services.follow_up import (
    HelperResult,
    evaluation_record,
    helper_assign,
    helper_end,
)
from dangvien.pipeline.services.votes import (
    VoteInput,
    cell_vote_record,
    committee_vote_record,
    partial_committee_appraise,
    recognition_cell_vote_record,
    recognition_committee_vote_record,
)

__all__ = [
    "CandidateFactsInput",
    "CeremonyInput",
    "DecisionInput",
    "ExitInput",
    "HelperResult",
    "IntroducerInput",
    "RelativeInput",
    "VerificationReply",
    "VoteInput",
    "calendar_day_edit",
    "calendar_day_remove",
    "candidacy_facts_update",
    "candidacy_follow_person",
    "candidacy_list_add",
    "candidacy_open",
    "candidacy_plan_vote",
    "candidacy_refuse",
    "candidacy_remove",
    "candidacy_return_to_cell",
    "candidacy_strike_off",
    "candidacy_transfer_out",
    "candidacy_withdraw",
    "cell_vote_record",
    "ceremony_record",
    "certificate_from_enrolment",
    "committee_vote_record",
    "decision_extend",
    "decision_record",
    "document_attach",
    "document_record",
    "dossier_open",
    "evaluation_record",
    "helper_assign",
    "helper_end",
    "introducer_add",
    "introductions_renew",
    "local_criterion_save",
    "partial_committee_appraise",
    "recognition_cell_vote_record",
    "recognition_committee_vote_record",
    "recognition_decide",
    "relative_save",
    "verification_plan_apply",
    "verification_record",
]
