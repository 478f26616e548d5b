"""The catalogues: every string translated, placeholders and accelerators kept, nothing stale."""

from __future__ import annotations

import argparse
import html
import re
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

pytest.importorskip("babel", reason="the catalogue tests need Babel (the test extra)")

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))

import update_translations  # noqa: E402 - a script, found through the line above

SOURCES = update_translations.SOURCES
# {0}, {name}, {count:,}, {0:.2%} (Python), %(prog)s, %s, %r (argparse), %p% (QProgressBar), %1 (Qt).
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\([a-z_]+\)[sdr]|%[sdr]|%p%|%\d")
# An accelerator: & before a letter; &nbsp; &amp; and the like are HTML, not accelerators.
ACCELERATOR = re.compile(r"&(?![a-z]+;)(\w)")
# Written the same in both languages (code and names); any other translation must differ from its source.
SAME_IN_BOTH = {"ReLU", "Adam", "dtype", "requires_grad", "dtype {0}", "grad_fn {0}", "%", "0", "x", "dy/dx"}
SAME_IN_BOTH |= {"PyQtGraph"}


def ts_messages() -> list[tuple[str, str, str, ET.Element]]:
    """Return (file, context, source, translation element) for every message of every .ts file."""
    found = []
    for path in sorted(SOURCES.glob("*.ts")):
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name")
            for message in context.iter("message"):
                found.append((path.name, name, message.findtext("source"), message.find("translation")))
    return found


def po_messages() -> list[tuple[str, object]]:
    """Return (file, message) for every message of every .po file."""
    return [
        (path.name, message)
        for path in sorted(SOURCES.glob("*.po"))
        for message in update_translations.read_catalog(path)
        if message.id
    ]


def placeholders(text: str) -> Counter:
    return Counter(PLACEHOLDER.findall(text))


def accelerators(text: str) -> list[str]:
    return [letter.lower() for letter in ACCELERATOR.findall(html.unescape(text))]


def test_there_are_catalogues_for_gui_core_and_argparse():
    names = {p.name for p in SOURCES.iterdir()}
    expected = {
        "gui.app.window.ts",
        "gui.tensors.tab.ts",
        "core.tensors.errors.po",
        "core.lesson.steps.po",
        "main.po",
        "argparse.po",
    }
    assert expected <= names
    assert len(ts_messages()) > 300 and len(po_messages()) > 200


@pytest.mark.parametrize("language", ["zh_CN"])
def test_every_qt_string_has_a_finished_translation_with_its_placeholders_and_accelerator(language):
    problems = []
    for file, context, source, translation in ts_messages():
        text = translation.text or "".join(form.text or "" for form in translation.iter("numerusform"))
        where = f"{file} [{context}] {source!r}"
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not text.strip():
            problems.append(f"{where}: not translated")
        elif placeholders(text) != placeholders(source):
            problems.append(f"{where}: placeholders {placeholders(source)} became {placeholders(text)}")
        elif accelerators(text) != accelerators(source):
            problems.append(f"{where}: accelerator {accelerators(source)} became {accelerators(text)}")
        elif text == source and source not in SAME_IN_BOTH:
            problems.append(f"{where}: the translation is the English source")
    assert problems == []


def test_every_gettext_string_has_a_finished_translation_with_its_placeholders():
    problems = []
    for file, message in po_messages():
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        where = f"{file} {sources[0]!r}"
        if message.fuzzy or not all(t.strip() for t in texts):
            problems.append(f"{where}: not translated")
            continue
        for text in texts:
            expected = placeholders(sources[-1])
            if placeholders(text) != expected:
                problems.append(f"{where}: placeholders {expected} became {placeholders(text)}")
            if text == sources[-1]:
                problems.append(f"{where}: the translation is the English source")
    assert problems == []


def test_the_committed_sources_and_compiled_catalogues_match_a_fresh_extraction():
    """Re-extract every module into a temp folder and compile it: nothing may differ.

    A failure names the files: run ``python scripts/update_translations.py``,
    translate what it added, and commit translations/ and assets/translations/.
    """
    assert update_translations.stale_files() == []


def test_argparse_words_of_this_python_are_in_the_catalogue():
    words = {message.id for message in update_translations.extract(Path(argparse.__file__)) if message.id}
    known = {message.id for file, message in po_messages() if file == "argparse.po"}
    missing = words - known
    assert not missing, (
        f"argparse of Python {sys.version_info.major}.{sys.version_info.minor} has {len(missing)} "
        "strings the catalogue lacks: run scripts/update_translations.py and translate them"
    )
