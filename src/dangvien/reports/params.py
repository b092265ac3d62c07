"""Read a report request from query parameters (API and pages), refusing bad input in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import parse_date
from dangvien.reports.selectors import check_kind

_NAMES = {"from": "Từ ngày", "to": "Đến ngày", "as_of": "Theo cơ cấu ngày"}


@dataclass(frozen=True)
class ReportParams:
    """A validated request: the report kind, the unit's code, the period, the restatement day."""

    kind: str
    org: str
    date_from: date
    date_to: date
    as_of: date | None = None

    def query(self) -> dict[str, str]:
        """Return the parameters as they appear in a URL."""
        values = {
            "org": self.org,
            "from": self.date_from.isoformat(),
            "to": self.date_to.isoformat(),
        }
        if self.as_of is not None:
            values["as_of"] = self.as_of.isoformat()
        return values


def _day(text: str, name: str, *, required: bool) -> date | None:
    if not text.strip():
        if required:
            raise DomainError(f"Thiếu “{_NAMES[name]}” ({name}).", code="missing", field=name)
        return None
    try:
        return parse_date(text)
    except DomainError:
        raise DomainError(
            f"“{_NAMES[name]}” ({name}) không hợp lệ: “{text.strip()}” (định dạng YYYY-MM-DD).",
            code="invalid_date",
            field=name,
        ) from None


def report_params(
    kind: str, *, org: str, date_from: str, date_to: str, as_of: str = ""
) -> ReportParams:
    """Return the validated request, or raise a DomainError naming the faulty parameter."""
    check_kind(kind)
    if not org.strip():
        raise DomainError("Thiếu mã đơn vị (org).", code="missing", field="org")
    start = _day(date_from, "from", required=True)
    end = _day(date_to, "to", required=True)
    assert start is not None
    assert end is not None
    if start > end:
        raise DomainError(
            "Ngày bắt đầu sau ngày kết thúc của kỳ báo cáo.", code="invalid_period", field="from"
        )
    return ReportParams(kind, org.strip(), start, end, _day(as_of, "as_of", required=False))
