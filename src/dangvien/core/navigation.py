"""The main menu: each app's urls.py may declare `NAV = [(label, url name, key, order)]`."""

from __future__ import annotations

from functools import cache
from importlib import import_module
from importlib.util import find_spec

from django.urls import reverse

from dangvien.config.urls import PAGE_APPS


@cache
def menu() -> tuple[tuple[str, str, str], ...]:
    """Return (label, url, key) of every menu entry, in order."""
    entries: list[tuple[int, str, str, str]] = []
    for _, app in PAGE_APPS:
        if find_spec(f"dangvien.{app}.urls") is None:
            continue
        for label, url_name, key, order in getattr(
            import_module(f"dangvien.{app}.urls"), "NAV", []
        ):
            entries.append((order, label, reverse(url_name), key))
    return tuple((label, url, key) for _, label, url, key in sorted(entries))
