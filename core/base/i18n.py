"""The language of every message the core writes: English in the code, Simplified Chinese from a catalogue.

Plain stdlib ``gettext``, no Qt: the app's window and the kernel process set
the language here, the command line takes the user's. ``_("...")`` marks a
message and translates it at once; ``N_("...")`` only marks one held in a
table, to be translated with ``_`` where it is shown. Messages with values
use named placeholders (``_("{name} is missing").format(name=...)``) so that
a translation may put them in another order.

The catalogues are compiled from ``translations/<language>/*.po`` (one per
module) into ``assets/translations/<language>/LC_MESSAGES/`` by
``scripts/update_translations.py``; CONTRIBUTING.md's section on translations
says how to add a string.
"""

from __future__ import annotations

import gettext
import locale
import os
import threading

from core.base.paths import ASSETS_DIR

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
CATALOGUE_DIR = ASSETS_DIR / "translations"
# argparse writes its own words ("usage:", "invalid choice") through gettext's global domain.
ARGPARSE_DOMAIN = "argparse"
# The variables GNU gettext reads for the message language, in its order.
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_current = {"language": ENGLISH}  # one entry, set from any thread (the GUI's, the kernel's)
_catalogues: dict[str, gettext.NullTranslations] = {}
_loading = threading.Lock()


def language_for_locale(name: str | None) -> str:
    """Return the language the app speaks for a locale name: Chinese for ``zh*``, else English.

    Accepts POSIX names (``zh_CN.UTF-8``), BCP 47 tags (``zh-Hans-CN``) and
    Windows names (``Chinese (Simplified)_China``).
    """
    text = (name or "").strip().lower()
    return CHINESE if text.startswith(("zh", "chinese")) else ENGLISH


def system_language() -> str:
    """Return the user's language as the environment (or, without one, the OS) tells it."""
    for variable in LANGUAGE_VARIABLES:
        value = os.environ.get(variable, "")
        if variable == "LANGUAGE":
            value = value.split(":")[0]
        if value:
            return language_for_locale(value)
    try:
        name = locale.getlocale()[0]  # Windows and macOS set no variable; Python reads the OS's setting
    except ValueError:
        name = None
    return language_for_locale(name)


def _catalogue(lang: str) -> gettext.NullTranslations:
    catalogue = _catalogues.get(lang)
    if catalogue is not None:
        return catalogue
    with _loading:
        if lang not in _catalogues:
            _catalogues[lang] = _load(lang)
        return _catalogues[lang]


def _load(lang: str) -> gettext.NullTranslations:
    """Chain every compiled catalogue of ``lang`` (one per module) into one."""
    folder = CATALOGUE_DIR / lang / "LC_MESSAGES"
    catalogue: gettext.NullTranslations = gettext.NullTranslations()
    if lang == ENGLISH or not folder.is_dir():
        return catalogue
    for path in sorted(folder.glob("*.mo")):
        if path.stem == ARGPARSE_DOMAIN:
            continue
        with path.open("rb") as f:
            part = gettext.GNUTranslations(f)
        if isinstance(catalogue, gettext.GNUTranslations):
            catalogue.add_fallback(part)
        else:
            catalogue = part
    return catalogue


def set_language(lang: str) -> str:
    """Speak ``lang`` from now on (an unknown language means English); return the language set."""
    chosen = lang if lang in LANGUAGES else ENGLISH
    _catalogue(chosen)
    _current["language"] = chosen
    return chosen


def language() -> str:
    """Return the language messages are written in now."""
    return _current["language"]


def preload() -> None:
    """Read every catalogue now (the kernel does, before it may no longer open files)."""
    for lang in LANGUAGES:
        _catalogue(lang)


def _(message: str) -> str:
    """Return ``message`` in the current language."""
    return _catalogue(_current["language"]).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the form of a message for ``count`` in the current language."""
    return _catalogue(_current["language"]).ngettext(singular, plural, count)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark ``message`` for the catalogue without translating it (tables translate where shown)."""
    return message


def use_for_argparse(lang: str) -> None:
    """Let argparse's own words (usage, errors) speak ``lang`` too.

    argparse calls ``gettext.gettext``: the global domain's catalogue, in the
    language that LANGUAGE, LC_ALL, LC_MESSAGES or LANG names. Its catalogue
    sits under ``zh`` so that every ``zh_*`` finds it, as :func:`language_for_locale`
    reads them all as Chinese. Where no variable names a language (Windows,
    macOS), the one read from the OS is set in LANGUAGE, for this process only.
    """
    gettext.bindtextdomain(ARGPARSE_DOMAIN, str(CATALOGUE_DIR))
    gettext.textdomain(ARGPARSE_DOMAIN)
    if lang != ENGLISH and not any(os.environ.get(name) for name in LANGUAGE_VARIABLES):
        os.environ["LANGUAGE"] = lang
