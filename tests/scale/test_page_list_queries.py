"""Every list page makes the same, bounded number of queries for a small and a large scope.

Small: the grassroots committee's account (a part of the commune); large: the
administrator (the whole tree). Both pass a second factor, so the sign-in
checks cost the same. Every page without parameters must be listed here, as
a list page with its pin or as a page that lists nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvien.orgs.domain.tree import OPEN_END
from dangvien.orgs.models import Organization, OrgVersion
from dangvien.people.models import Person
from dangvien.pipeline.stage_snapshot import stage_snapshot_warm
from dangvien.reports.cube import cube_ensure_fresh
from dangvien.reports.snapshot import snapshot_warm
from dangvien.reports.stock_cache import stock_ensure_fresh
from dangvien.synth.writer import LoadResult
from tests.scale.conftest import signed_in
from tests.security.matrix_support import page_routes

pytestmark = pytest.mark.django_db

# Pages that show a form or a single thing, not a list (or only redirect).
NOT_LISTS = {
    "/dang-nhap/",
    "/dang-xuat/",
    "/xac-thuc/",
    "/xac-thuc/dang-ky/",
    "/xac-thuc/ma-du-phong/",
    "/tai-khoan/ma-du-phong/",
    "/tai-khoan/bao-mat/",
    "/phat-trien/mo-ho-so/",
    "/phat-trien/lich-lam-viec/",
    "/chi-tieu/giao/",
    "/ngon-ngu/",
    "/nhap-du-lieu/mau/",
}
# Downloads of whole lists: read a keyset page of rows per query, so their count may
# grow with the rows, by one query per page, never by one per row.
EXPORTS = {
    "/nhap-du-lieu/xuat/nhan-su/",
    "/nhap-du-lieu/xuat/to-chuc/",
    "/nhap-du-lieu/xuat/dia-ban/",
    "/nhap-du-lieu/xuat/du-lieu/",
    "/nhat-ky/xuat/",
}
ROWS_PER_QUERY = 100  # the least rows an export reads per query


@dataclass(frozen=True)
class PageCase:
    """A list page: its address (or how to find one) and the most queries it may make."""

    most: int
    reason_known_slow: str = ""  # a known per-row query, until it is fixed


PAGES: dict[str, PageCase] = {
    "/": PageCase(12),
    "/nhan-su/": PageCase(11),
    "/phat-trien/": PageCase(16),  # the columns' ids, then their cards
    "/phat-trien/danh-sach/": PageCase(14),
    "/phat-trien/viec-can-lam/": PageCase(13),
    "/chi-tieu/": PageCase(27),
    "/bao-cao/": PageCase(38),
    "/nhap-du-lieu/": PageCase(10),
    "/nhat-ky/": PageCase(11),
}
# Who sees a part of the tree (small) and who sees all of it (large), per page.
AUDIT_PAGES = {"/nhat-ky/", "/nhat-ky/xuat/"}


@pytest.fixture
def derived_tables_current(commune: LoadResult) -> None:
    """Bring the reports' pre-aggregates up to date, as `dangvien generate` leaves them.

    The fixture loads people and admissions in bulk without rebuilding the admissions
    cube, so the first report read after it catches up once, whoever asks (three
    queries per run of stale days, about 300 here). The pins count a page's own queries,
    not that one-off catch-up. The member and stage snapshots of today and 1 January are
    built too, as `generate` and the nightly `report-rebuild --snapshots` leave them.
    """
    cube_ensure_fresh()
    stock_ensure_fresh()
    snapshot_warm()
    stage_snapshot_warm()


def _queries(username: str, url: str) -> int:
    client = signed_in(username)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def _small_and_large(url: str) -> tuple[str, str]:
    """Return the two requests to compare: the access log filtered to nothing, or two users."""
    if url in AUDIT_PAGES:
        return f"{url}?user=khong-co-ai", url
    return url, url


def _users(url: str) -> tuple[str, str]:
    return ("admin", "admin") if url in AUDIT_PAGES else ("coso", "admin")


def _marked(pages: dict[str, PageCase]) -> list[object]:
    return [
        pytest.param(
            url,
            marks=pytest.mark.xfail(strict=True, reason=case.reason_known_slow)
            if case.reason_known_slow
            else (),
        )
        for url, case in sorted(pages.items())
    ]


def test_every_page_without_parameters_is_classified(commune):
    plain = {route.template for route in page_routes() if not route.params}

    assert plain - NOT_LISTS - EXPORTS == set(PAGES)


@pytest.mark.parametrize("url", _marked(PAGES))
def test_a_list_page_makes_the_same_bounded_queries_for_a_part_and_the_whole(
    commune, derived_tables_current, url
):
    small_user, large_user = _users(url)
    small_url, large_url = _small_and_large(url)

    small = _queries(small_user, small_url)
    large = _queries(large_user, large_url)

    assert large == small
    assert large <= PAGES[url].most, large


@pytest.mark.parametrize("url", sorted(EXPORTS))
def test_an_export_reads_pages_of_rows_not_one_row_at_a_time(commune, url):
    small_user, large_user = _users(url)
    small_url, large_url = _small_and_large(url)

    small = _queries(small_user, small_url)
    large = _queries(large_user, large_url)

    assert large - small <= Person.objects.count() // ROWS_PER_QUERY, (small, large)


def test_the_children_page_makes_the_same_queries_for_few_and_many_children(commune):
    counts = Counter(
        OrgVersion.objects.filter(valid_to=OPEN_END, parent__isnull=False).values_list(
            "parent_id", flat=True
        )
    )
    one_child = min(sorted(counts), key=lambda org_id: counts[org_id])
    most_children = max(sorted(counts), key=lambda org_id: counts[org_id])
    assert counts[most_children] > counts[one_child]

    few = _queries("admin", f"/to-chuc/{Organization.objects.get(pk=one_child).code}/truc-thuoc/")
    many = _queries(
        "admin", f"/to-chuc/{Organization.objects.get(pk=most_children).code}/truc-thuoc/"
    )

    assert many == few
    assert many <= 14, many


def test_a_person_page_makes_the_same_queries_for_a_short_and_a_long_history(commune):
    from django.db.models import Count

    by_history = Person.objects.annotate(n=Count("periods")).order_by("n", "id")
    short = by_history.values_list("id", flat=True).first()
    long = by_history.order_by("-n", "id").values_list("id", flat=True).first()

    few = _queries("admin", f"/nhan-su/{short}/")
    many = _queries("admin", f"/nhan-su/{long}/")

    assert many == few
    assert many <= 24, many
