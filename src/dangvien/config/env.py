"""Typed readers for environment variables that fail loudly on a bad value."""

from __future__ import annotations

import os

_TRUE = {"true", "1"}
_FALSE = {"false", "0", ""}


def env_str(name: str, default: str = "") -> str:
    """Return the variable as text, or the default when it is unset."""
    return os.environ.get(name, default)


def env_bool(name: str, default: str = "false") -> bool:
    """Return the variable as a boolean; anything but true/false/1/0 is an error."""
    raw = os.environ.get(name, default).strip().lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(f"{name} phải là true hoặc false, không phải {raw!r}")


def env_int(name: str, default: int) -> int:
    """Return the variable as an integer; a non-number is an error."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} phải là số nguyên, không phải {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]
