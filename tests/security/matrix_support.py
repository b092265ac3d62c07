"""Helpers of the scope matrix: list every route, fill its parameters, read every response."""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver

API_PREFIX = "/api/v1"
_PARAM = re.compile(r"<(?:(?P<conv>[a-z]+):)?(?P<name>\w+)>")


@dataclass(frozen=True)
class PageRoute:
    """One page URL pattern, as a template like /nhan-su/<int:person_id>/."""

    template: str
    name: str

    @property
    def params(self) -> list[str]:
        return [m.group("name") for m in _PARAM.finditer(self.template)]

    def fill(self, values: dict[str, object]) -> str:
        return _PARAM.sub(lambda m: str(values[m.group("name")]), self.template)


@dataclass(frozen=True)
class ApiOperation:
    """One operation of the OpenAPI document."""

    method: str
    path: str  # /api/v1/people/{person_id}
    operation: dict[str, Any]

    @property
    def path_params(self) -> list[str]:
        return re.findall(r"{(\w+)}", self.path)

    @property
    def query_params(self) -> list[str]:
        return [p["name"] for p in self.operation.get("parameters", []) if p["in"] == "query"]

    def fill(self, values: dict[str, object]) -> str:
        return re.sub(r"{(\w+)}", lambda m: str(values[m.group(1)]), self.path)


def page_routes() -> list[PageRoute]:
    """Return every page URL pattern of the project (the API is listed from its schema)."""

    def walk(resolver: URLResolver, prefix: str) -> Iterator[PageRoute]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield PageRoute("/" + prefix + str(entry.pattern), entry.name or "")

    return [r for r in walk(get_resolver(), "") if not r.template.startswith(API_PREFIX + "/")]


def api_operations() -> list[ApiOperation]:
    """Return every operation of the API, from its OpenAPI document."""
    from dangvien.config.api import api

    schema = api.get_openapi_schema()
    return [
        ApiOperation(method.upper(), path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def openapi_components() -> dict[str, Any]:
    from dangvien.config.api import api

    components: dict[str, Any] = api.get_openapi_schema().get("components", {}).get("schemas", {})
    return components


def body_for(operation: ApiOperation, overrides: dict[str, object]) -> dict[str, Any] | None:
    """Return a minimal JSON body the schema accepts, references pointing at `overrides`."""
    content = operation.operation.get("requestBody", {}).get("content", {})
    media = content.get("application/json")
    if media is None:
        return None
    value = _example(media["schema"], openapi_components(), overrides, "", 0)
    return value if isinstance(value, dict) else {}


def _example(
    schema: dict[str, Any],
    components: dict[str, Any],
    overrides: dict[str, object],
    name: str,
    depth: int,
) -> Any:
    if "$ref" in schema:
        schema = components.get(schema["$ref"].rsplit("/", 1)[-1], {})
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"]
            return _example(options[0] if options else {}, components, overrides, name, depth)
    if name in overrides:
        return overrides[name]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema:
        return schema["default"]
    kind = schema.get("type")
    if kind == "object" or "properties" in schema:
        if depth > 4:
            return {}
        properties = schema.get("properties", {})
        wanted = set(schema.get("required", [])) | (set(properties) & set(overrides))
        return {
            key: _example(properties[key], components, overrides, key, depth + 1)
            for key in properties
            if key in wanted
        }
    if kind == "array":
        return []
    if kind == "integer":
        return 1
    if kind == "number":
        return 1
    if kind == "boolean":
        return False
    if schema.get("format") == "date":
        return "2026-01-05"
    if schema.get("format") == "date-time":
        return "2026-01-05T08:00:00+07:00"
    return "x"


def response_body(response: HttpResponse) -> bytes:
    """Return the whole body, streamed or not."""
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return bytes(response.content)


def spreadsheet_formulas(raw: bytes) -> list[str]:
    """Return the formulas of every worksheet of an xlsx body (none for other bodies)."""
    if not raw.startswith(b"PK\x03\x04"):
        return []
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        text = "".join(archive.read(n).decode("utf-8", "replace") for n in sheets)
    return [html.unescape(f) for f in re.findall(r"<f(?:\s[^>]*)?>(.*?)</f>", text)]


def response_text(response: HttpResponse) -> str:
    """Return everything a response shows: headers and body, decoded from any format we send."""
    raw = response_body(response)
    parts = [f"{k}: {v}" for k, v in response.items()]
    parts.append(_body_text(raw, response.get("Content-Type", "")))
    return unicodedata.normalize("NFC", "\n".join(parts))


def _body_text(raw: bytes, content_type: str) -> str:
    if raw.startswith(b"PK\x03\x04"):  # xlsx, docx, ods: zipped XML
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            return html.unescape(
                "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
            )
    text = raw.decode("utf-8", "replace")
    if "json" in content_type:
        try:
            return json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            return text
    return html.unescape(text)
