"""Fill the Word templates of resolutions and decisions with a candidacy's recorded data.

A template in the administrator's directory (setting DANGVIEN_DOCX_TEMPLATES,
default `<data dir>/mau-van-ban`) replaces the packaged one of the same name.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from docxtpl import DocxTemplate

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date, format_percent, percent
from dangvien.orgs.domain.enums import OrgType
from dangvien.pipeline.bodies import Body, Chain, chain_of
from dangvien.pipeline.document_context import candidate_context, records_context
from dangvien.pipeline.domain.documents import DOCUMENT_LABELS, GeneratedDocument
from dangvien.pipeline.models import Candidacy, DossierDocument, Vote

RECOGNITION_KINDS = frozenset(
    {
        GeneratedDocument.RECOGNITION_CELL_RESOLUTION,
        GeneratedDocument.RECOGNITION_COMMITTEE_RESOLUTION,
        GeneratedDocument.RECOGNITION_DECISION,
    }
)
PACKAGED = Path(__file__).resolve().parent / "templates_docx"


def template_dirs() -> list[Path]:
    """Return where templates are looked for, the administrator's directory first."""
    configured = getattr(settings, "DANGVIEN_DOCX_TEMPLATES", None)
    custom = Path(configured) if configured else Path(settings.DATA_DIR) / "mau-van-ban"
    return [custom, PACKAGED]


def template_path(kind: GeneratedDocument) -> Path:
    """Return the template file used for `kind`."""
    for folder in template_dirs():
        candidate = folder / f"{kind.value}.docx"
        if candidate.is_file():
            return candidate
    raise DomainError(f"Không tìm thấy mẫu văn bản {kind.value}.docx.", code="no_template")


@dataclass(frozen=True)
class _Issuer:
    """Who issues the document, and the unit above it (the header's first line)."""

    name: str
    superior: str


def _issuer(kind: GeneratedDocument, chain: Chain) -> _Issuer:
    if kind in (GeneratedDocument.CELL_RESOLUTION, GeneratedDocument.RECOGNITION_CELL_RESOLUTION):
        body = chain.cell
    elif kind in (
        GeneratedDocument.COMMITTEE_RESOLUTION,
        GeneratedDocument.RECOGNITION_COMMITTEE_RESOLUTION,
    ):
        body = chain.grassroots
    else:
        body = chain.admitting
    index = chain.bodies.index(body)
    above = chain.bodies[index - 1].name if index > 0 else ""
    return _Issuer(name=body.committee if body is not chain.cell else body.name, superior=above)


def place_name(chain: Chain) -> str:
    """Return the place for the date line: the commune's own name ("An Phú")."""
    commune: Body | None = next(
        (b for b in reversed(chain.bodies) if b.org_type is OrgType.COMMUNE), None
    )
    name = (commune or chain.grassroots).name
    for prefix in ("Đảng bộ xã ", "Đảng bộ phường ", "Đảng bộ đặc khu ", "Đảng bộ thị trấn "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _source(candidacy: Candidacy, kind: GeneratedDocument) -> DossierDocument:
    document = (
        candidacy.documents.filter(form_code=kind.source_code, superseded=False)
        .order_by("-issued_on", "-id")
        .first()
    )
    if document is None:
        label = DOCUMENT_LABELS[kind.source_code]
        raise DomainError(
            f"Chưa ghi {label.lower()} ({kind.source_code}) nên chưa lập được văn bản.",
            code="no_record",
        )
    return document


def _vote_context(vote: Vote | None) -> dict[str, object]:
    if vote is None:
        return {}
    return {
        "held_date": format_date(vote.held_on),
        "eligible": vote.eligible,
        "present": vote.present,
        "absent": vote.eligible - vote.present,
        "in_favour": vote.in_favour,
        "against": vote.against,
        "required": vote.required,
        "in_favour_percent": format_percent(percent(vote.in_favour, vote.eligible)),
        "against_percent": format_percent(percent(vote.against, vote.eligible)),
        "method": vote.get_method_display().lower(),
    }


def document_context(candidacy: Candidacy, kind: GeneratedDocument) -> dict[str, object]:
    """Return every placeholder of `kind`'s template, from the recorded data."""
    source = _source(candidacy, kind)
    chain = chain_of(candidacy.cell_id, source.issued_on)
    issuer = _issuer(kind, chain)
    vote = candidacy.votes.filter(document=source).first()
    return {
        **candidate_context(candidacy),
        **records_context(candidacy, recognition=kind in RECOGNITION_KINDS),
        **_vote_context(vote),
        "number": source.number or "……",
        "signer": source.signer,
        "issuer": issuer.name,
        "issuer_upper": issuer.name.upper(),
        "superior_upper": issuer.superior.upper(),
        "place": place_name(chain),
        "day": f"{source.issued_on.day:02d}",
        "month": f"{source.issued_on.month:02d}",
        "year": f"{source.issued_on.year}",
        "cell_name": chain.cell.name,
        "grassroots_committee": chain.grassroots.committee,
        "admitting_committee": chain.admitting.standing_committee,
    }


def render_document(candidacy: Candidacy, kind: GeneratedDocument) -> bytes:
    """Return the filled .docx of `kind` for the candidacy."""
    template = DocxTemplate(str(template_path(kind)))
    template.render(document_context(candidacy, kind), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def download_name(candidacy: Candidacy, kind: GeneratedDocument) -> str:
    """Return an ASCII file name for the download (the person's name stays out of it)."""
    return f"{kind.value}-ho-so-{candidacy.pk}.docx"
