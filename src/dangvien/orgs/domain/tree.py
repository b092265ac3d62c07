"""Effective-dated organisation tree: versions in, materialised path spans out.

A unit has one or more *versions* (name, type, parent, validity period). Its
*spans* are the maximal periods during which its whole ancestry is constant;
each span carries a materialised path of fixed-width segments, one per
ancestor, so that "all units under Y on day D" is a prefix match and "the
child of Y that contains X" is a fixed-length substring of X's path.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from dangvien.core.domain.errors import DomainError

BEGINNING = date(1900, 1, 1)  # "since always" for a unit with no recorded start
OPEN_END = date(9999, 12, 31)  # "still in force"
SEGMENT = 6  # characters per path segment: base 36, so 2 billion unit ids
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def encode_segment(org_id: int) -> str:
    """Return the fixed-width base-36 path segment of a unit id."""
    if org_id < 0 or org_id >= 36**SEGMENT:
        raise ValueError(f"unit id out of range for a path segment: {org_id}")
    chars = []
    for _ in range(SEGMENT):
        org_id, rest = divmod(org_id, 36)
        chars.append(_DIGITS[rest])
    return "".join(reversed(chars))


def decode_path(path: str) -> list[int]:
    """Return the unit ids along a path, root first."""
    return [int(path[i : i + SEGMENT], 36) for i in range(0, len(path), SEGMENT)]


@dataclass(frozen=True)
class Version:
    """One row of a unit's history: where it stood, under what name, when."""

    org_id: int
    code: str
    parent_id: int | None
    valid_from: date
    valid_to: date


@dataclass(frozen=True)
class Span:
    """A period during which a unit's full ancestry path is constant."""

    org_id: int
    path: str
    parent_id: int | None
    valid_from: date
    valid_to: date

    @property
    def depth(self) -> int:
        return len(self.path) // SEGMENT


def check_versions(versions: Iterable[Version]) -> None:
    """Raise if a unit's versions overlap or end before they start."""
    by_org: dict[int, list[Version]] = defaultdict(list)
    for version in versions:
        if version.valid_to < version.valid_from:
            raise DomainError(
                f"Đơn vị {version.code}: ngày hết hiệu lực trước ngày bắt đầu hiệu lực.",
                code="org_period_inverted",
            )
        if version.parent_id == version.org_id:
            raise DomainError(
                f"Đơn vị {version.code} không thể là cấp trên của chính nó.", code="org_cycle"
            )
        by_org[version.org_id].append(version)
    for rows in by_org.values():
        rows.sort(key=lambda v: v.valid_from)
        for before, after in zip(rows, rows[1:], strict=False):
            if after.valid_from <= before.valid_to:
                raise DomainError(
                    f"Đơn vị {after.code} có hai giai đoạn hiệu lực chồng lên nhau "
                    f"(từ {_fmt(after.valid_from)} và đến {_fmt(before.valid_to)}).",
                    code="org_period_overlap",
                )


def compute_spans(
    versions: Iterable[Version], known_spans: Mapping[int, list[Span]] | None = None
) -> list[Span]:
    """Return the spans of every unit in `versions`.

    Parents outside `versions` are looked up in `known_spans` (their spans are
    unchanged). A version whose parent does not exist for part of its period is
    refused, as is a cycle.
    """
    version_list = list(versions)
    check_versions(version_list)
    by_org: dict[int, list[Version]] = defaultdict(list)
    for version in version_list:
        by_org[version.org_id].append(version)
    walk = _Walk(by_org, known_spans or {})
    result: list[Span] = []
    for org_id in by_org:
        result.extend(walk.spans_of(org_id))
    return result


class _Walk:
    """Memoised depth-first computation of spans, parents before children."""

    def __init__(self, by_org: Mapping[int, list[Version]], known: Mapping[int, list[Span]]):
        self.by_org = by_org
        self.known = known
        self.memo: dict[int, list[Span]] = {}
        self.computing: set[int] = set()

    def spans_of(self, org_id: int) -> list[Span]:
        if org_id in self.memo:
            return self.memo[org_id]
        if org_id not in self.by_org:
            return self.known[org_id]
        if org_id in self.computing:
            code = self.by_org[org_id][0].code
            raise DomainError(
                f"Cây tổ chức bị vòng lặp tại đơn vị {code}: "
                "một đơn vị không thể nằm dưới chính nó.",
                code="org_cycle",
            )
        self.computing.add(org_id)
        spans: list[Span] = []
        segment = encode_segment(org_id)
        for version in sorted(self.by_org[org_id], key=lambda v: v.valid_from):
            if version.parent_id is None:
                spans.append(Span(org_id, segment, None, version.valid_from, version.valid_to))
                continue
            if version.parent_id not in self.by_org and version.parent_id not in self.known:
                raise DomainError(
                    f"Đơn vị {version.code}: không tìm thấy đơn vị cấp trên.",
                    code="org_parent_missing",
                )
            parent_spans = self.spans_of(version.parent_id)
            spans.extend(_under_parent(version, segment, parent_spans))
        self.computing.discard(org_id)
        self.memo[org_id] = spans
        return spans


def _under_parent(version: Version, segment: str, parent_spans: list[Span]) -> list[Span]:
    """Return the version's spans, cut where the parent's ancestry changes."""
    spans: list[Span] = []
    covered_until = version.valid_from - timedelta(days=1)
    for parent in sorted(parent_spans, key=lambda s: s.valid_from):
        start = max(parent.valid_from, version.valid_from)
        end = min(parent.valid_to, version.valid_to)
        if start > end:
            continue
        if start != covered_until + timedelta(days=1):
            break
        spans.append(Span(version.org_id, parent.path + segment, version.parent_id, start, end))
        covered_until = end
    if covered_until < version.valid_to:
        gap_start = covered_until + timedelta(days=1)
        raise DomainError(
            f"Đơn vị {version.code}: đơn vị cấp trên không tồn tại vào ngày {_fmt(gap_start)} "
            f"(trong giai đoạn hiệu lực {_fmt(version.valid_from)}–{_fmt(version.valid_to)}).",
            code="org_parent_missing",
        )
    return spans


def _fmt(value: date) -> str:
    if value == BEGINNING:
        return "đầu"
    if value == OPEN_END:
        return "nay"
    return value.strftime("%d/%m/%Y")
