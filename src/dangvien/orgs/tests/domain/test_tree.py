from datetime import date

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.orgs.domain.tree import (
    BEGINNING,
    OPEN_END,
    Span,
    Version,
    compute_spans,
    decode_path,
    encode_segment,
)

REFORM = date(2025, 7, 1)
LAST_DISTRICT_DAY = date(2025, 6, 30)


def v(org_id: int, parent: int | None, start: date = BEGINNING, end: date = OPEN_END) -> Version:
    return Version(org_id, f"U{org_id}", parent, start, end)


def by_org(spans: list[Span]) -> dict[int, list[Span]]:
    out: dict[int, list[Span]] = {}
    for span in spans:
        out.setdefault(span.org_id, []).append(span)
    return out


def test_segments_are_fixed_width_and_round_trip():
    assert encode_segment(0) == "000000"
    assert encode_segment(35) == "00000z"
    assert decode_path(encode_segment(7) + encode_segment(123456)) == [7, 123456]


def test_a_child_path_extends_its_parent_path():
    spans = by_org(compute_spans([v(1, None), v(2, 1), v(3, 2)]))
    assert spans[3][0].path == encode_segment(1) + encode_segment(2) + encode_segment(3)
    assert spans[3][0].depth == 3


def test_the_2025_reform_splits_a_cell_span_when_its_commune_changes_parent():
    # given a commune under a district until 30/06/2025, then under the province
    versions = [
        v(1, None),
        v(2, 1, end=LAST_DISTRICT_DAY),  # the district
        v(3, 2, end=LAST_DISTRICT_DAY),  # commune under the district
        v(3, 1, start=REFORM),  # the same commune under the province
        v(4, 3),  # a cell that never changed itself
    ]
    # when
    spans = by_org(compute_spans(versions))
    # then the cell has two spans, cut on the reform day
    cell = sorted(spans[4], key=lambda s: s.valid_from)
    assert [(s.valid_from, s.valid_to) for s in cell] == [
        (BEGINNING, LAST_DISTRICT_DAY),
        (REFORM, OPEN_END),
    ]
    assert decode_path(cell[0].path) == [1, 2, 3, 4]
    assert decode_path(cell[1].path) == [1, 3, 4]


def test_a_parent_that_does_not_exist_for_the_whole_period_is_refused():
    with pytest.raises(DomainError, match="không tồn tại vào ngày 01/07/2025") as info:
        compute_spans([v(1, None, end=LAST_DISTRICT_DAY), v(2, 1)])
    assert info.value.code == "org_parent_missing"


def test_a_cycle_is_refused():
    with pytest.raises(DomainError) as info:
        compute_spans([v(1, 2), v(2, 1)])
    assert info.value.code == "org_cycle"


def test_a_unit_cannot_be_its_own_parent():
    with pytest.raises(DomainError, match="chính nó"):
        compute_spans([v(1, 1)])


def test_overlapping_versions_of_one_unit_are_refused():
    with pytest.raises(DomainError) as info:
        compute_spans(
            [v(1, None), v(2, 1, end=date(2020, 12, 31)), v(2, 1, start=date(2020, 6, 1))]
        )
    assert info.value.code == "org_period_overlap"


def test_known_parent_spans_are_used_for_units_outside_the_change():
    root = compute_spans([v(1, None)])
    spans = compute_spans([v(2, 1)], known_spans={1: root})
    assert [s.org_id for s in spans] == [2]
    assert decode_path(spans[0].path) == [1, 2]
