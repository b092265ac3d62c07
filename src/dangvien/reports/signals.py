"""Mark cube days stale when the data they count changes.

The services that change memberships, people, status periods and the tree belong to
other apps; these receivers only record *which* days went stale (one small write in the
writer's own transaction). The recomputation happens on the next read (`reports.cube`). Bulk writes
send no signals: a membership inserted in bulk is caught by the cube's id watermark, and
anything else loaded in bulk must be followed by `dangvien report-rebuild` (the member
snapshot also catches periods inserted in bulk, see reports.snapshot).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_save

from dangvien.orgs.models import Locality
from dangvien.orgs.signals import versions_changed
from dangvien.people.models import Membership, Person, StatusPeriod
from dangvien.reports.cube import cube_mark_days, cube_mark_org
from dangvien.reports.domain.ranges import changed_days
from dangvien.reports.snapshot import snapshot_forget, snapshot_mark, snapshot_mark_localities
from dangvien.reports.stock_cache import stock_forget, stock_forget_all


def _membership_before_save(sender: type[Membership], instance: Membership, **_: Any) -> None:
    if instance.pk is None:
        return
    old = list(
        Membership.objects.filter(pk=instance.pk).values_list("admitted_in_id", "decision_date")
    )
    cube_mark_days(day for _, day in old)
    _mark_last_admission(old)


def _membership_changed(sender: type[Membership], instance: Membership, **_: Any) -> None:
    cube_mark_days([instance.decision_date])
    _mark_last_admission([(instance.admitted_in_id, instance.decision_date)])


def _mark_last_admission(admissions: list[tuple[int, date]]) -> None:
    # The cell's latest admission, one of its health signs, changes on every later day.
    snapshot_mark((cell, day, date.max) for cell, day in admissions)


def _person_saved(sender: type[Person], instance: Person, created: bool, **_: Any) -> None:
    # A corrected birth date, gender or ethnicity changes the categories of past admissions
    # and of the member stock wherever the person was a member.
    if not created:
        cube_mark_days(instance.memberships.values_list("decision_date", flat=True))
        snapshot_mark(instance.periods.values_list("org_id", "valid_from", "valid_to"))


def _person_before_save(sender: type[Person], instance: Person, **_: Any) -> None:
    # A person who moved house leaves one locality and joins another.
    if instance.pk is None:
        return
    old = Person.objects.filter(pk=instance.pk).values_list("locality_id", flat=True).first()
    if old != instance.locality_id:
        snapshot_mark_localities([old, instance.locality_id])


def _locality_saved(sender: type[Locality], instance: Locality, **_: Any) -> None:
    snapshot_mark_localities([instance.pk])  # its head may have changed


def _tree_moved(sender: Any, org_id: int, valid_from: date, valid_to: date, **_: Any) -> None:
    cube_mark_org(org_id, valid_from, valid_to)
    stock_forget_all()
    snapshot_forget(valid_from, valid_to)  # the unit's paths moved


def _period_before_save(sender: type[StatusPeriod], instance: StatusPeriod, **_: Any) -> None:
    old = (
        StatusPeriod.objects.filter(pk=instance.pk)
        .values_list("org_id", "status", "valid_from", "valid_to")
        .first()
        if instance.pk is not None
        else None
    )
    new = (instance.org_id, instance.status, instance.valid_from, instance.valid_to)
    for first, last in changed_days(old, new):
        stock_forget(first, last)
    touched = [(new[0], new[2], new[3])]
    if old is not None:
        touched.append((old[0], old[2], old[3]))
    people = [(instance.person_id, first, last) for _, first, last in touched]
    snapshot_mark(touched, people)


def _period_deleted(sender: type[StatusPeriod], instance: StatusPeriod, **_: Any) -> None:
    stock_forget(instance.valid_from, instance.valid_to)
    span = (instance.valid_from, instance.valid_to)
    snapshot_mark([(instance.org_id, *span)], [(instance.person_id, *span)])


def connect() -> None:
    """Connect the receivers (called once from the app config)."""
    pre_save.connect(_membership_before_save, sender=Membership, dispatch_uid="cube_m_pre")
    post_save.connect(_membership_changed, sender=Membership, dispatch_uid="cube_m_save")
    post_delete.connect(_membership_changed, sender=Membership, dispatch_uid="cube_m_del")
    post_save.connect(_person_saved, sender=Person, dispatch_uid="cube_person")
    pre_save.connect(_person_before_save, sender=Person, dispatch_uid="stock_person_pre")
    post_save.connect(_locality_saved, sender=Locality, dispatch_uid="stock_locality")
    versions_changed.connect(_tree_moved, dispatch_uid="cube_tree_moved")
    pre_save.connect(_period_before_save, sender=StatusPeriod, dispatch_uid="stock_p_save")
    post_delete.connect(_period_deleted, sender=StatusPeriod, dispatch_uid="stock_p_del")
