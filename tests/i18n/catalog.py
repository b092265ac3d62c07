"""A tiny reader of the English catalog (django.po), enough for the i18n tests.

It understands what makemessages writes: comments and flags, msgctxt, msgid,
msgid_plural, msgstr / msgstr[N], continuation lines; obsolete (#~) entries are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b"}
_LINE = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"$')


def catalog_dir() -> Path:
    """Return locale/en/LC_MESSAGES under the first LOCALE_PATHS entry."""
    return Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), text)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)  # 0 for a singular entry
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def read_po(path: Path) -> list[Entry]:
    """Return the entries of a .po file, the header (msgid "") first."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int] | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if current is not None:
                entries.append(current)
            current, target = None, None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry()
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",") if flag.strip()}
        elif line.startswith("#:"):
            current.references += line[2:].split()
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if target is None:
                raise ValueError(f"continuation line outside an entry: {raw!r}")
            _append(current, target, _unescape(line[1:-1]))
        else:
            match = _LINE.match(line)
            if match is None:
                raise ValueError(f"not a PO line: {raw!r}")
            keyword, index, text = match.groups()
            target = ("msgstr", int(index or 0)) if keyword.startswith("msgstr") else (keyword, 0)
            if keyword.startswith("msgstr"):
                current.msgstr[target[1]] = ""
            else:
                setattr(current, keyword, "")
            _append(current, target, _unescape(text))
    return [entry for entry in entries if entry.msgid or entry.msgstr]


def _append(entry: Entry, target: tuple[str, int], text: str) -> None:
    keyword, index = target
    if keyword == "msgstr":
        entry.msgstr[index] += text
    else:
        setattr(entry, keyword, (getattr(entry, keyword) or "") + text)
