"""Closed vocabularies: stable codes with Vietnamese and English labels and tolerant matching.

A code is what the database stores, so a code once written never changes; labels
and variants may grow freely. Matching ignores case, diacritics, đ/d, spaces,
hyphens and apostrophes, so "H'Mông", "Hmông" and "hmong" find the same term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import compact_key, normalize

_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

# Small vocabularies list every label in the error message; long ones (54 ethnic
# groups) would drown the message, the import template has the drop-down list.
_LIST_LABELS_UP_TO = 12


@dataclass(frozen=True, slots=True)
class Term:
    """One entry of a vocabulary."""

    code: str  # stored in the database: ASCII snake_case, never changed once written
    label: str  # Vietnamese label shown to users and written to workbooks
    label_en: str
    variants: tuple[str, ...] = ()  # other spellings and old names accepted on input
    order: int = 0  # display order; ties keep the order of definition
    group: str = ""  # optional grouping used by reports (e.g. positions)

    def display(self, lang: str = "vi") -> str:
        """Return the label in `lang` ("vi" or "en..."), Vietnamese by default."""
        return self.label_en if lang.lower().startswith("en") else self.label


TermT = TypeVar("TermT", bound=Term)


class Vocabulary(Generic[TermT]):
    """An ordered, immutable set of terms looked up by code or tolerant text match."""

    def __init__(
        self,
        name: str,
        terms: Iterable[TermT],
        *,
        default: str | None = None,
        prefixes: Iterable[str] = (),
    ) -> None:
        """Build the lookups; raise ValueError on a bad code or an ambiguous spelling.

        `name` is the Vietnamese noun used in messages ("dân tộc"); `default` is the
        code `parse` returns for blank input; `prefixes` are words users put before
        a label ("Dân tộc Kinh") that matching may drop.
        """
        self.name = name
        self._terms = tuple(sorted(terms, key=lambda term: term.order))
        self._by_code: dict[str, TermT] = {}
        self._by_key: dict[str, TermT] = {}
        for term in self._terms:
            self._add(term)
        if default is not None and default not in self._by_code:
            raise ValueError(f"{name}: default {default!r} is not a code")
        self.default: TermT | None = self._by_code[default] if default is not None else None
        self._prefix_keys = tuple(compact_key(prefix) for prefix in prefixes)

    def _add(self, term: TermT) -> None:
        """Index `term` by code and by every spelling, refusing duplicates across terms."""
        if not _CODE.fullmatch(term.code):
            raise ValueError(f"{self.name}: code {term.code!r} is not ASCII snake_case")
        if term.code in self._by_code:
            raise ValueError(f"{self.name}: duplicate code {term.code!r}")
        if not term.label.strip() or not term.label_en.strip():
            raise ValueError(f"{self.name}: {term.code!r} needs a Vietnamese and an English label")
        self._by_code[term.code] = term
        for spelling in (term.code, term.label, term.label_en, *term.variants):
            key = compact_key(spelling)
            if not key:
                raise ValueError(f"{self.name}: {term.code!r} has an empty spelling {spelling!r}")
            other = self._by_key.setdefault(key, term)
            if other is not term:
                raise ValueError(
                    f"{self.name}: {spelling!r} matches both {other.code!r} and {term.code!r}"
                )

    def __iter__(self) -> Iterator[TermT]:
        """Iterate over the terms in display order."""
        return iter(self._terms)

    def __len__(self) -> int:
        """Return the number of terms."""
        return len(self._terms)

    def __contains__(self, code: object) -> bool:
        """Return whether `code` is a code of this vocabulary."""
        return code in self._by_code

    def __repr__(self) -> str:
        """Return a short description for debugging."""
        return f"<Vocabulary {self.name!r}: {len(self)} terms>"

    def get(self, code: str) -> TermT:
        """Return the term with `code`; raise KeyError if there is none."""
        try:
            return self._by_code[code]
        except KeyError:
            raise KeyError(f"{self.name}: unknown code {code!r}") from None

    def find_code(self, code: str) -> TermT | None:
        """Return the term with `code`, None if there is none."""
        return self._by_code.get(code)

    def label(self, code: str, lang: str = "vi") -> str:
        """Return the label of `code` in `lang`; raise KeyError for an unknown code."""
        return self.get(code).display(lang)

    def match(self, text: str) -> TermT | None:
        """Return the term whose code, label or variant matches `text`, None if none does.

        Also tries the text before and inside parentheses ("Mông (H'Mông)") and the
        text after a known prefix ("Dân tộc Kinh"); always a few dictionary lookups.
        """
        for candidate in _parenthesis_candidates(text):
            key = compact_key(candidate)
            if key in self._by_key:
                return self._by_key[key]
            for prefix in self._prefix_keys:
                rest = key.removeprefix(prefix)
                if rest != key and rest in self._by_key:
                    return self._by_key[rest]
        return None

    def parse(self, text: str, *, field: str | None = None) -> TermT:
        """Return the term matching `text`, the default for blank text; raise DomainError."""
        if not normalize(text):
            if self.default is not None:
                return self.default
            raise DomainError(f"Thiếu {self.name}.", code="required", field=field)
        term = self.match(text)
        if term is not None:
            return term
        message = f'Không nhận ra {self.name}: "{normalize(text)}".'
        if len(self) <= _LIST_LABELS_UP_TO:
            message += f" Giá trị hợp lệ: {', '.join(self.labels())}."
        raise DomainError(message, code="unknown_term", field=field)

    def codes(self) -> list[str]:
        """Return the codes in display order."""
        return [term.code for term in self._terms]

    def labels(self, lang: str = "vi") -> list[str]:
        """Return the labels in display order (for drop-down lists)."""
        return [term.display(lang) for term in self._terms]

    def choices(self, lang: str = "vi") -> list[tuple[str, str]]:
        """Return [(code, label)] in display order, for Django model and form choices."""
        return [(term.code, term.display(lang)) for term in self._terms]

    def in_group(self, group: str) -> list[TermT]:
        """Return the terms of `group` in display order."""
        return [term for term in self._terms if term.group == group]


def _parenthesis_candidates(text: str) -> list[str]:
    """Return `text`, then the parts before and inside its first parentheses, if any."""
    head, opening, tail = text.partition("(")
    if not opening:
        return [text]
    inside = tail.partition(")")[0]
    return [text, head, inside]
