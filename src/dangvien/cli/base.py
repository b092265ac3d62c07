"""What every subcommand shares: Django set-up, migrations, language, errors, progress."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tqdm import tqdm

from dangvien.core.domain.errors import DomainError

EXIT_OK = 0
EXIT_REFUSED = 1  # bad input or a rule refused it: the message says why
EXIT_FAILED = 2  # something outside the user's input went wrong


def setup_django(lang: str | None) -> None:
    """Configure Django, create the data directory and activate the message language."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    data_dir = Path(os.environ.get("DANGVIEN_DATA_DIR", "var"))
    data_dir.mkdir(parents=True, exist_ok=True)
    import django

    django.setup()
    from django.utils import translation

    env_lang = os.environ.get("LANG", "")
    chosen = lang or ("en" if env_lang.startswith("en") else "vi")
    translation.activate(chosen)


def migrate() -> None:
    """Create or upgrade the database schema (and reference data) if needed."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def say(message: str) -> None:
    """Print a message for the user on standard output."""
    print(message)


def warn(message: str) -> None:
    """Print a message for the user on standard error."""
    print(message, file=sys.stderr)


@contextmanager
def progress(total: int, description: str) -> Iterator[tqdm]:
    """Show a progress bar on standard error while a long step runs."""
    bar = tqdm(
        total=total,
        desc=description,
        unit="",
        file=sys.stderr,
        leave=True,
        disable=None,
        dynamic_ncols=True,
    )
    try:
        yield bar
    finally:
        bar.close()


def _log_failure() -> Path | None:
    try:
        log_dir = Path(os.environ.get("DANGVIEN_DATA_DIR", "var")) / "logs"
        log_dir.mkdir(parents=True, exist_ok=True)
        path = log_dir / "cli-errors.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
        return path
    except OSError:
        return None


def tr(message: str) -> str:
    """Translate a message, or return it as is when Django is not configured yet."""
    try:
        from django.utils.translation import gettext

        return gettext(message)
    except Exception:
        return message


def run(args: argparse.Namespace) -> int:
    """Run a parsed subcommand, turning every failure into a message and an exit code."""
    _ = tr
    try:
        setup_django(args.lang)
        code: int = args.handler(args)
        return code
    except DomainError as exc:
        warn(_("Lỗi: %(message)s") % {"message": exc.message})
        return EXIT_REFUSED
    except KeyboardInterrupt:
        warn(_("Đã dừng theo yêu cầu."))
        return 130
    except Exception as exc:
        logging.getLogger(__name__).debug("command failed", exc_info=True)
        log = _log_failure()
        warn(
            _("Lỗi ngoài dự kiến: %(error)s") % {"error": exc.__class__.__name__ + ": " + str(exc)}
        )
        if log:
            warn(_("Chi tiết kỹ thuật đã được ghi vào %(path)s") % {"path": log})
        return EXIT_FAILED
