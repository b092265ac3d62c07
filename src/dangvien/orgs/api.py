"""API of organisations and localities: scoped lists, reads, creation and updates."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja import Status as Response

from dangvien.accounts.actor import Actor, actor_from_request
from dangvien.core.api_errors import check_limit
from dangvien.orgs import selectors, services
from dangvien.orgs.domain.enums import LocalityType, OrgType
from dangvien.orgs.domain.tree import BEGINNING
from dangvien.orgs.models import Locality, Organization

router = Router(tags=["Tổ chức"])


def _actor(request: HttpRequest) -> Actor:
    return actor_from_request(request, channel="api")


class OrgOut(Schema):
    code: str
    name: str
    type: OrgType
    type_label: str
    parent_code: str | None
    may_admit: bool
    depth: int


class OrgIn(Schema):
    code: str = Field(max_length=40)
    name: str = Field(max_length=255)
    type: OrgType
    parent_code: str = Field(max_length=40)
    may_admit: bool = False
    valid_from: date | None = None


class OrgPatch(Schema):
    name: str = Field(max_length=255)
    may_admit: bool = False


class OrgPage(Schema):
    items: list[OrgOut]
    next_after: str | None


def _out(node: selectors.OrgNode, parent_codes: dict[int, str]) -> OrgOut:
    return OrgOut(
        code=node.code,
        name=node.name,
        type=node.org_type,
        type_label=node.type_label,
        parent_code=parent_codes.get(node.parent_id) if node.parent_id else None,
        may_admit=node.may_admit,
        depth=node.depth,
    )


def _parent_codes(nodes: list[selectors.OrgNode]) -> dict[int, str]:
    ids = {n.parent_id for n in nodes if n.parent_id}
    return dict(Organization.objects.filter(pk__in=ids).values_list("pk", "code"))


@router.get("/orgs", response=OrgPage, summary="Danh sách đơn vị trong phạm vi")
def org_list(request: HttpRequest, after: str = "", limit: int = 100) -> OrgPage:
    check_limit(limit, 500)
    nodes = selectors.org_list(scope=_actor(request).scope, after=after, limit=limit)
    codes = _parent_codes(nodes)
    next_after = nodes[-1].code if len(nodes) == limit else None
    return OrgPage(items=[_out(n, codes) for n in nodes], next_after=next_after)


@router.get("/orgs/{code}", response=OrgOut, summary="Một đơn vị")
def org_read(request: HttpRequest, code: str) -> OrgOut:
    node = selectors.org_get(scope=_actor(request).scope, code=code)
    return _out(node, _parent_codes([node]))


@router.get("/orgs/{code}/children", response=list[OrgOut], summary="Đơn vị trực thuộc")
def org_children(request: HttpRequest, code: str) -> list[OrgOut]:
    scope = _actor(request).scope
    node = selectors.org_get(scope=scope, code=code)
    children = selectors.org_children(scope=scope, node=node)
    return [_out(child, {node.id: node.code}) for child in children]


@router.post("/orgs", response={201: OrgOut}, summary="Thành lập đơn vị")
def org_create(request: HttpRequest, payload: OrgIn) -> Response[Any]:
    actor = _actor(request)
    data = services.OrgInput(
        name=payload.name,
        org_type=payload.type,
        parent_code=payload.parent_code,
        may_admit=payload.may_admit,
        valid_from=payload.valid_from or BEGINNING,
    )
    org = services.org_create(actor=actor, code=payload.code, data=data)
    node = selectors.org_get(scope=actor.scope, code=org.code)
    return Response(201, _out(node, _parent_codes([node])))


@router.patch("/orgs/{code}", response=OrgOut, summary="Sửa tên, quyền kết nạp của đơn vị")
def org_update(request: HttpRequest, code: str, payload: OrgPatch) -> OrgOut:
    actor = _actor(request)
    node = selectors.org_get(scope=actor.scope, code=code)
    services.org_rename(
        actor=actor,
        org=Organization.objects.get(pk=node.id),
        name=payload.name,
        may_admit=payload.may_admit,
    )
    node = selectors.org_get(scope=actor.scope, code=code)
    return _out(node, _parent_codes([node]))


class LocalityOut(Schema):
    code: str
    name: str
    type: LocalityType
    commune_code: str
    cell_code: str | None
    has_independent_cell: bool
    head_id: int | None
    version: int


class LocalityIn(Schema):
    code: str = Field(max_length=40)
    name: str = Field(max_length=255)
    type: LocalityType
    commune_code: str = Field(max_length=40)
    cell_code: str | None = None
    has_independent_cell: bool = False
    head_id: int | None = None
    version: int | None = None


def _locality_out(locality: Locality) -> LocalityOut:
    return LocalityOut(
        code=locality.code,
        name=locality.name,
        type=LocalityType(locality.locality_type),
        commune_code=locality.commune.code,
        cell_code=locality.cell.code if locality.cell else None,
        has_independent_cell=locality.has_independent_cell,
        head_id=locality.head_id,
        version=locality.version,
    )


@router.get("/localities", response=list[LocalityOut], summary="Địa bàn trong phạm vi")
def locality_list(request: HttpRequest) -> list[LocalityOut]:
    return [_locality_out(x) for x in selectors.locality_list(scope=_actor(request).scope)]


@router.get("/localities/{code}", response=LocalityOut, summary="Một địa bàn")
def locality_read(request: HttpRequest, code: str) -> LocalityOut:
    return _locality_out(selectors.locality_get(scope=_actor(request).scope, code=code))


@router.put("/localities/{code}", response=LocalityOut, summary="Tạo hoặc sửa địa bàn")
def locality_put(request: HttpRequest, code: str, payload: LocalityIn) -> LocalityOut:
    actor = _actor(request)
    data = services.LocalityInput(
        name=payload.name,
        locality_type=payload.type,
        commune_code=payload.commune_code,
        cell_code=payload.cell_code,
        has_independent_cell=payload.has_independent_cell,
        head_id=payload.head_id,
    )
    services.locality_save(actor=actor, code=code, data=data, expected_version=payload.version)
    return _locality_out(selectors.locality_get(scope=actor.scope, code=code))
