#!/usr/bin/env bash
# Regenerate the English catalog (locale/en/LC_MESSAGES/django.po) from the
# Vietnamese source strings, keeping every translation already made.
#
#   bash src/dangvien/locale/update.sh            # extract, then report what is left to translate
#   bash src/dangvien/locale/update.sh compile    # check and compile django.po into django.mo
#
# Extraction is Django's makemessages with one extra keyword: the command line's
# dangvien.cli.base.tr("…"), so CLI messages land in the same catalog as the web
# pages. See docs/i18n.md.
set -euo pipefail
cd "$(dirname "$0")/.."  # src/dangvien: makemessages scans the tree below it
po=locale/en/LC_MESSAGES/django.po
mo=locale/en/LC_MESSAGES/django.mo
export DJANGO_SETTINGS_MODULE=dangvien.config.settings
# Settings create key files in the data directory: keep them away from ./var.
export DANGVIEN_DATA_DIR="${DANGVIEN_DATA_DIR:-${TMPDIR:-/tmp}/dangvien-i18n}"

if [ "${1:-}" = "compile" ]; then
  msgfmt --check --statistics -o "$mo" "$po"
  exit 0
fi

uv run python - <<'PY'
import django
from django.core.management import call_command
from django.core.management.commands import makemessages

django.setup()


class Command(makemessages.Command):
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=tr"]


call_command(
    Command(),
    locale=["en"],
    ignore_patterns=["tests", "*/tests/*"],
    no_obsolete=True,
    verbosity=1,
)
PY

untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid ' || true)
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid ' || true)
# msgattrib prints the header too (msgid ""), which is neither.
echo "$po: $(($(grep -c '^msgid ' "$po") - 1)) messages; to translate: $((untranslated > 0 ? untranslated - 1 : 0)) empty, $((fuzzy > 0 ? fuzzy - 1 : 0)) fuzzy"
