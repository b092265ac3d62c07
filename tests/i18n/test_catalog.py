"""The English catalog is complete, and the committed django.mo is django.po compiled."""

from __future__ import annotations

import gettext
import re

import pytest

from tests.i18n.catalog import Entry, catalog_dir, read_po

# %(name)s with its conversion, %% and {name}: what a translation must keep intact.
PLACEHOLDER = re.compile(r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%%|\{\w*\}")


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return read_po(catalog_dir() / "django.po")


@pytest.fixture(scope="module")
def messages(entries: list[Entry]) -> list[Entry]:
    return [entry for entry in entries if not entry.is_header]


def _key(entry: Entry) -> str:
    return entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"


def test_the_catalog_is_english_with_two_plural_forms(entries: list[Entry]):
    header = entries[0]
    assert header.is_header
    assert "fuzzy" not in header.flags
    assert "Language: en\n" in header.msgstr[0]
    assert "charset=UTF-8" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]


def test_the_catalog_has_messages_from_the_pages_and_the_command_line(messages: list[Entry]):
    files = {reference.rsplit(":", 1)[0] for entry in messages for reference in entry.references}
    assert any(name.startswith("templates/") for name in files)
    assert any(name.startswith("cli/commands/") for name in files), (
        "the CLI's tr() messages are missing: regenerate with src/dangvien/locale/update.sh"
    )


def test_every_message_has_an_english_translation(messages: list[Entry]):
    assert len(messages) > 300
    untranslated = [e.msgid for e in messages if not all(e.msgstr.values()) or not e.msgstr]
    assert untranslated == []


def test_no_translation_is_fuzzy(messages: list[Entry]):
    assert [e.msgid for e in messages if "fuzzy" in e.flags] == []


def test_plural_messages_have_both_english_forms(messages: list[Entry]):
    plurals = [e for e in messages if e.msgid_plural is not None]
    assert plurals, "the templates use {% blocktranslate count %}"
    assert [e.msgid for e in plurals if sorted(e.msgstr) != [0, 1]] == []


def test_translations_keep_every_placeholder(messages: list[Entry]):
    broken = [
        (e.msgid, text)
        for e in messages
        for text in e.msgstr.values()
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(e.msgid))
    ]
    assert broken == []


def test_the_committed_mo_is_the_po_compiled(entries: list[Entry]):
    with (catalog_dir() / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    expected: dict[object, str] = {}
    for entry in entries:
        if "fuzzy" in entry.flags and not entry.is_header:
            continue  # msgfmt leaves fuzzy entries out
        if entry.msgid_plural is None:
            if entry.msgstr.get(0):
                expected[_key(entry)] = entry.msgstr[0]
            if entry.is_header:  # msgfmt drops the extraction date from the header
                expected[""] = re.sub(r"POT-Creation-Date: .*\n", "", entry.msgstr[0])
        elif all(entry.msgstr.values()):
            for index, text in entry.msgstr.items():
                expected[(_key(entry), index)] = text
    assert compiled._catalog == expected, (
        "django.mo is stale: run `bash src/dangvien/locale/update.sh compile` and commit it"
    )
