"""The app's language: Qt's translators for the window, ``core.base.i18n`` for the core's messages.

Switching installs the translators of the new language (the app's, one per
module, and Qt's own ``qtbase`` for its buttons and dialogs, with
:class:`AcceleratorFallback` for the words Qt 6 gave an accelerator that its
catalogue still lacks) and tells the core.
Qt then sends every widget a ``LanguageChange`` event, and each widget that
shows text re-sets all of it in its ``retranslate()`` (:class:`Retranslatable`),
from the state it keeps: nothing is rebuilt, nothing is lost.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QSettings, QTranslator

from core.base import i18n
from core.base.i18n import CHINESE, ENGLISH, LANGUAGES, language_for_locale
from core.base.paths import ASSETS_DIR
from core.base.stored_settings import shown
from gui.base.stored_values import stored_value

TRANSLATIONS_DIR = ASSETS_DIR / "translations"
SETTINGS_KEY = "ui/language"
LANGUAGE_NAMES = {ENGLISH: "English", CHINESE: "简体中文"}  # each in its own language

_installed: list[QTranslator] = []
logger = logging.getLogger(__name__)


def system_language() -> str:
    """Return the language the desktop is set to: Chinese for any ``zh`` locale, else English."""
    locale = QLocale.system()
    languages = locale.uiLanguages()
    return language_for_locale(languages[0] if languages else locale.name())


def startup_language(settings: QSettings, requested: str | None = None) -> str:
    """Return ``requested`` if given, else the language chosen last in ``settings``, else the system's."""
    if requested in LANGUAGES:
        return requested
    stored = stored_value(settings, SETTINGS_KEY)
    if isinstance(stored, str) and stored in LANGUAGES:
        return stored
    if stored is not None:
        logger.warning(
            "Stored setting %s = %s is not a language of the app; the system's is used",
            SETTINGS_KEY,
            shown(stored),
        )
    return system_language()


def remember_language(settings: QSettings, language: str) -> None:
    """Keep ``language`` in ``settings`` for the next start."""
    settings.setValue(SETTINGS_KEY, language)


def app_language() -> str:
    """Return the language the app speaks now."""
    return i18n.language()


def _accelerator(text: str) -> tuple[str, str] | None:
    """Return ``text`` without its accelerator's ``&``, and the accelerator's letter (None: it has none)."""
    start = 0
    while (at := text.find("&", start)) != -1:
        if text[at + 1 : at + 2] == "&":  # "&&" is a literal ampersand
            start = at + 2
            continue
        return (text[:at] + text[at + 1 :], text[at + 1]) if at + 1 < len(text) else None
    return None


class AcceleratorFallback(QTranslator):
    """Qt's own words that Qt 6 gave an accelerator (``&Look in:``, ``Files of &type:``) while the
    ``qtbase`` catalogue Qt ships still translates them without one (``Look in:``): answered with that
    translation and the accelerator written as Chinese menus write it (``查找范围(&L)：``).

    Installed before every other translator, it is asked only for what none of them knows.
    """

    def __init__(self, catalogue: QTranslator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue

    def translate(
        self, context: str, source_text: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        """Return Qt's translation of ``source_text`` without its accelerator, with it put back; else None."""
        if not (context[:1] == "Q" and context[1:2].isupper()):
            return None  # not one of Qt's classes: the app's own catalogues answer for those
        found = _accelerator(source_text)
        if found is None:
            return None
        plain, letter = found
        text = self.catalogue.translate(context, plain, disambiguation, n)
        if not text or "&" in text:
            return text or None  # None, not "": an empty text would replace the English
        for colon in ("：", ":"):
            if text.endswith(colon):
                return f"{text[: -len(colon)]}(&{letter.upper()}){colon}"
        return f"{text}(&{letter.upper()})"


def _translators(language: str) -> list[QTranslator]:
    app = QCoreApplication.instance()
    translators: list[QTranslator] = []
    qt_own = QTranslator(app)
    if qt_own.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        # Installed first, so asked last (Qt asks the newest translator first).
        translators += [AcceleratorFallback(qt_own, app), qt_own]
    for path in sorted((TRANSLATIONS_DIR / language).glob("*.qm")):
        translator = QTranslator(app)
        if translator.load(str(path)):
            translators.append(translator)
    return translators


def set_app_language(language: str) -> str:
    """Speak ``language`` (unknown: English) in the window and in the core's messages; return it.

    Widgets retranslate before this returns: the LanguageChange events Qt
    posts (one per widget, however many translators changed) are sent at once.
    """
    language = i18n.set_language(language)
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != ENGLISH:
        for translator in _translators(language):
            app.installTranslator(translator)
            _installed.append(translator)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return language


class Retranslatable:
    """Mixin for a widget whose texts follow the language: it defines ``retranslate()``.

    ``retranslate`` sets every text the widget shows (labels, buttons,
    tooltips, placeholders, titles, items, messages) from its state; the
    widget calls it once at the end of ``__init__``, and Qt's LanguageChange
    calls it again.
    """

    def retranslate(self) -> None:
        """Set every text in the current language."""
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Retranslate when the language changes."""
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc] - the widget class after this mixin
