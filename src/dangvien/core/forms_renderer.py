"""Django's form renderer, with drop-downs written in Python instead of one template per option.

Django renders each <option> through a template include: a unit drop-down of
300 units or the 54 ethnic groups costs hundreds of includes, most of the time a
member list, a search or the candidate board spends rendering. This renderer
writes `django/forms/widgets/select.html` (and its options) directly, with the
markup Django's templates produce (select.html, select_option.html, attrs.html);
every other widget keeps Django's own template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECT_TEMPLATE = "django/forms/widgets/select.html"
_OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class InlineOptionsRenderer(DjangoTemplates):
    """Render selects whose options use Django's own option template in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and widget is not None and _plain_options(widget):
            return select_html(widget)
        return str(super().render(template_name, context, request))


def _plain_options(widget: Mapping[str, Any]) -> bool:
    return all(
        option["template_name"] == _OPTION_TEMPLATE
        for _, options, _ in widget["optgroups"]
        for option in options
    )


def select_html(widget: Mapping[str, Any]) -> SafeString:
    """Return the markup of Django's select.html for a widget context."""
    groups = []
    for group_name, options, _ in widget["optgroups"]:
        inner = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            ((str(o["value"]), attrs_html(o["attrs"]), o["label"]) for o in options),
        )
        if group_name:
            inner = format_html('\n  <optgroup label="{}">{}\n  </optgroup>', group_name, inner)
        groups.append((inner,))
    return format_html(
        '<select name="{}"{}>{}\n</select>',
        widget["name"],
        attrs_html(widget["attrs"]),
        format_html_join("", "{}", groups),
    )


def attrs_html(attrs: Mapping[str, Any]) -> SafeString:
    """Return the markup of Django's attrs.html: ` name` for True, ` name="value"` otherwise."""
    return format_html_join("", "{}", ((_attr(n, v),) for n, v in attrs.items() if v is not False))


def _attr(name: str, value: Any) -> SafeString:
    return format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
