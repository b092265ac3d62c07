from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.db.models import Count, Sum

from dangvien.accounts.models import RoleAssignment, User
from dangvien.core.domain.errors import DomainError
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.models import Locality, Organization, OrgSpan, OrgVersion
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.people.models import CellTally, Membership, Person, StatusPeriod
from dangvien.people.selectors import members_under_on
from dangvien.people.services import digest_of
from dangvien.synth.writer import synth_load

AS_OF = date(2026, 3, 15)
TODAY = date(2026, 3, 20)


@pytest.fixture
def loaded(db):
    return synth_load("province", 5, scale=0.02, as_of=AS_OF)


@pytest.mark.django_db
def test_loading_a_small_province_writes_every_table(loaded):
    counts = loaded.counts

    assert Organization.objects.count() == counts["orgs"]
    assert OrgVersion.objects.count() == counts["versions"]
    assert Locality.objects.count() == counts["localities"]
    assert Person.objects.count() == counts["people"] > 1000
    assert Membership.objects.count() == counts["memberships"]
    assert StatusPeriod.objects.count() == counts["periods"]
    assert OrgSpan.objects.count() == counts["spans"]


@pytest.mark.django_db
def test_every_unit_has_a_path_today_under_the_province(loaded):
    province = Organization.objects.get(org_type=OrgType.PROVINCE)
    root = spans_on(TODAY).get(org=province).path

    under = spans_under([root], TODAY).values_list("org_id", flat=True)

    live = Organization.objects.exclude(org_type=OrgType.DISTRICT).count()
    assert len(set(under)) == live


@pytest.mark.django_db
def test_tallies_equal_a_recount_of_current_statuses(loaded):
    recount = dict(
        Person.objects.values_list("current_org_id", "current_status")
        .annotate(n=Count("id"))
        .values_list("current_status", "n")
        .order_by()
    )
    tallies = CellTally.objects.values("status").annotate(n=Sum("count"))

    assert {row["status"]: row["n"] for row in tallies}.keys() == recount.keys()
    assert sum(CellTally.objects.values_list("count", flat=True)) == Person.objects.count()


@pytest.mark.django_db
def test_members_under_the_province_on_a_day_match_the_current_snapshot(loaded):
    province = spans_on(TODAY).get(org__org_type=OrgType.PROVINCE).path
    codes = [s.value for s in MEMBER_STATUSES]

    on_day = members_under_on(prefixes=[province], day=TODAY).count()

    assert on_day == Person.objects.filter(current_status__in=codes).count()


@pytest.mark.django_db
def test_citizen_ids_are_found_through_their_digest(loaded):
    person = Person.objects.order_by("id").first()

    assert person is not None
    assert len(person.citizen_id) == 12
    assert person.citizen_id_digest == digest_of(person.citizen_id)


@pytest.mark.django_db
def test_citizen_ids_are_stored_the_way_the_model_stores_them(loaded):
    # The column holds what the ORM would write (an encrypted token), never clear text.
    person = Person.objects.order_by("id").first()
    assert person is not None

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT citizen_id FROM {Person._meta.db_table} WHERE id = %s", [person.pk])
        raw = cursor.fetchone()[0]

    assert raw == Person._meta.get_field("citizen_id").get_db_prep_save(raw, connection)
    assert person.citizen_id not in raw


@pytest.mark.django_db
def test_demo_accounts_are_created_at_every_level(loaded):
    names = {account.username for account in loaded.accounts}

    assert names == {"admin", "tinh", "capxa", "coso", "chibo", "xem"}
    assert User.objects.count() == 6
    assert RoleAssignment.objects.count() == 6
    user = User.objects.get(username="capxa")
    assert user.check_password("Demo@2026-capxa")


@pytest.mark.django_db
def test_a_second_load_is_refused_unless_reset(loaded):
    with pytest.raises(DomainError, match="đã có dữ liệu"):
        synth_load("commune", 1, as_of=AS_OF)

    again = synth_load("commune", 1, as_of=AS_OF, reset=True)

    assert Person.objects.count() == again.counts["people"]
    assert Organization.objects.filter(org_type=OrgType.COMMUNE).count() == 1
    assert User.objects.count() == 6


@pytest.mark.django_db
def test_progress_is_reported_in_vietnamese_per_commune():
    seen: list[tuple[str, int, int]] = []

    synth_load(
        "province",
        5,
        scale=0.02,
        as_of=AS_OF,
        accounts=False,
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )

    stages = [stage for stage, _, _ in seen]
    assert "Tạo tổ chức, địa bàn và đảng viên (theo xã)" in stages
    assert ("Tính đường dẫn cây tổ chức", 1, 1) in seen
    assert seen[-1] == ("Đếm đảng viên theo chi bộ", 1, 1)
