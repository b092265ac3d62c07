"""Fetch-with-permission helpers for candidacies and their scans; every view is logged."""

from __future__ import annotations

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import NotFoundError
from dangvien.pipeline.models import Candidacy, DossierDocument
from dangvien.pipeline.selectors import candidacies_in_scope, candidacy_get


def candidacy_for_view(*, actor: Actor, candidacy_id: int) -> Candidacy:
    """Return a candidacy in the actor's scope and log that the dossier was viewed."""
    candidacy = candidacy_get(scope=actor.scope, candidacy_id=candidacy_id)
    audit_record(
        actor=actor,
        action="view",
        object_type="candidacy",
        object_id=candidacy.pk,
        org_id=candidacy.cell_id,
        detail={"person": candidacy.person_id},
    )
    return candidacy


def attachment_for_download(*, actor: Actor, document_id: int) -> DossierDocument:
    """Return a scanned paper in the actor's scope and log the download."""
    document = (
        DossierDocument.objects.filter(
            pk=document_id, candidacy__in=candidacies_in_scope(actor.scope)
        )
        .select_related("candidacy")
        .first()
    )
    if document is None or not document.attachment:
        raise NotFoundError()
    audit_record(
        actor=actor,
        action="export",
        object_type="dossier_document",
        object_id=document.pk,
        org_id=document.candidacy.cell_id,
        detail={"person": document.candidacy.person_id, "form": document.form_code},
    )
    return document


def generated_for_download(*, actor: Actor, candidacy_id: int, kind: str) -> Candidacy:
    """Return the candidacy whose filled document is downloaded, logging the export."""
    candidacy = candidacy_get(scope=actor.scope, candidacy_id=candidacy_id)
    audit_record(
        actor=actor,
        action="export",
        object_type="candidacy",
        object_id=candidacy.pk,
        org_id=candidacy.cell_id,
        detail={"person": candidacy.person_id, "document": kind},
    )
    return candidacy
