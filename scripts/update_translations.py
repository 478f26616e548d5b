"""Re-extract every translatable string, keep the translations already made, and compile them.

    python scripts/update_translations.py            update translations/ and compile into assets/
    python scripts/update_translations.py --check    only say whether translations/ and assets/ are current

One source catalogue per module, so that people adding strings to different
modules never edit the same file:

- ``gui/x/y.py`` -> ``translations/zh_CN/gui.x.y.ts``, by ``pyside6-lupdate`` (strings in
  ``self.tr(...)``, ``QCoreApplication.translate("Context", ...)``, ``QT_TRANSLATE_NOOP``);
  compiled by ``pyside6-lrelease`` to ``assets/translations/zh_CN/gui.x.y.qm``.
- ``core/x/y.py`` and ``main.py`` -> ``translations/zh_CN/core.x.y.po``, by Babel (strings in
  ``_(...)``, ``N_(...)``, ``ngettext(...)``); compiled to ``.mo`` files in
  ``assets/translations/zh_CN/LC_MESSAGES/`` for stdlib gettext.
- pyqtgraph's own words in the plots' right-click menus and export dialog ->
  ``translations/zh_CN/pyqtgraph.ts`` (pyqtgraph is pinned to 0.14.x in pyproject.toml).
- argparse's own words -> ``translations/zh_CN/argparse.po``: the strings of the running
  Python's argparse are added; none is removed, as other Python versions use them.

New strings arrive untranslated; a compiled catalogue leaves them out (the app
shows the English) until they are translated, and the test suite fails until then.
"""

from __future__ import annotations

import argparse
import ast
import filecmp
import io
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
SOURCES = ROOT / "translations" / LANGUAGE
COMPILED = ROOT / "assets" / "translations"
GETTEXT_KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
ARGPARSE = "argparse"
# gettext finds this under zh for every zh_* locale (see core/base/i18n.py).
ARGPARSE_MO = Path("zh") / "LC_MESSAGES" / "argparse.mo"
PROJECT = "PyTorch Basics"
REPRODUCIBLE_DATE = datetime(2000, 1, 1, tzinfo=timezone.utc)


def qt_tool(name: str) -> str:
    """Return the path of a PySide6 tool (``pyside6-lupdate``) beside this Python."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else name


def module_name(path: Path) -> str:
    """Return ``gui.train.settings_form`` for ``gui/train/settings_form.py`` (``core.cli`` for a package)."""
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def python_files(folder: str) -> list[Path]:
    """Return the project's modules under ``folder`` (relative to the root), sorted."""
    return sorted(p for p in (ROOT / folder).rglob("*.py") if "__pycache__" not in p.parts)


def mentions(path: Path, names: set[str]) -> bool:
    """Tell whether ``path`` calls any of ``names`` (a cheap filter before extracting)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name in names:
                return True
    return False


# ----- gui: Qt Linguist -------------------------------------------------------------------------
PYQTGRAPH = "pyqtgraph"
# The modules behind the plots' right-click menus and the export dialog; their .ui templates
# call QCoreApplication.translate as ``_translate``.
PYQTGRAPH_MODULES = (
    "graphicsItems/ViewBox/ViewBoxMenu.py",
    "graphicsItems/ViewBox/axisCtrlTemplate_generic.py",
    "graphicsItems/PlotItem/PlotItem.py",
    "graphicsItems/PlotItem/plotConfigTemplate_generic.py",
    "GraphicsScene/GraphicsScene.py",
    "GraphicsScene/exportDialogTemplate_generic.py",
)


def lupdate(modules: list[Path], ts: Path, *options: str) -> None:
    """Extract ``modules`` into ``ts``, keeping its translations, without locations or vanished strings."""
    subprocess.run(
        [
            qt_tool("pyside6-lupdate"),
            *map(str, modules),
            "-ts",
            str(ts),
            "-locations",
            "none",  # line numbers would change with every edit and make merges conflict
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            LANGUAGE,
            "-silent",
            *options,
        ],
        check=True,
    )


def update_pyqtgraph_ts(sources: Path) -> Path:
    """Extract pyqtgraph's menus and dialogs into ``sources``; return the .ts file."""
    import pyqtgraph

    root = Path(pyqtgraph.__file__).parent
    ts = sources / f"{PYQTGRAPH}.ts"
    lupdate([root / name for name in PYQTGRAPH_MODULES], ts, "-tr-function-alias", "translate+=_translate")
    return ts


def update_ts(sources: Path) -> list[Path]:
    """Run lupdate on every gui module into ``sources``; return the .ts files there."""
    wanted = []
    for module in python_files("gui"):
        if not mentions(module, {"tr", "translate", "QT_TRANSLATE_NOOP"}):
            continue
        ts = sources / f"{module_name(module)}.ts"
        lupdate([module], ts)
        if "<message" in ts.read_text(encoding="utf-8"):
            wanted.append(ts)
        else:
            ts.unlink()
    for stale in set(sources.glob("gui.*.ts")) - set(wanted):
        stale.unlink()
    return [*wanted, update_pyqtgraph_ts(sources)]


# ----- core: gettext ----------------------------------------------------------------------------
HEADER = "# Simplified Chinese messages of PyTorch Basics; see CONTRIBUTING.md, Translations."
# Header fields that would only say who or when, and change with every update.
UNSTABLE_HEADER_FIELDS = (
    '"POT-Creation-Date',
    '"PO-Revision-Date',
    '"Generated-By',
    '"Report-Msgid-Bugs-To',
    '"Last-Translator',
    '"Language-Team',
)


def new_catalog() -> Catalog:
    """Return an empty catalogue with the project's header."""
    return Catalog(locale=LANGUAGE, project=PROJECT, version="", header_comment=HEADER, fuzzy=False)


def extract(path: Path) -> Catalog:
    """Return the messages ``path`` marks with ``_``, ``N_`` or ``ngettext``."""
    template = new_catalog()
    for _line, message, comments, _context in extract_from_file(
        "python", str(path), keywords=GETTEXT_KEYWORDS, comment_tags=("Translators:",)
    ):
        template.add(message, auto_comments=comments)
    return template


def read_catalog(path: Path) -> Catalog:
    """Read a .po file (an empty catalogue if there is none)."""
    if not path.exists():
        return new_catalog()
    with path.open("rb") as f:
        return read_po(f, locale=LANGUAGE)


def write_catalog(catalog: Catalog, path: Path) -> None:
    """Write a .po file without locations or dates, sorted, so that a change shows only its strings."""
    catalog.fuzzy = False
    catalog.header_comment = HEADER
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, no_location=True, omit_header=False, sort_output=True)
    lines = [
        line
        for line in buffer.getvalue().decode("utf-8").splitlines(keepends=True)
        if not line.startswith(UNSTABLE_HEADER_FIELDS)
    ]
    path.write_text("".join(lines), encoding="utf-8")


def merge(template: Catalog, po: Path, drop_vanished: bool = True) -> None:
    """Bring ``po`` up to ``template``'s messages, keeping every translation already made."""
    catalog = read_catalog(po)
    if drop_vanished:
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
    else:
        for message in template:
            if message.id and message.id not in catalog:
                catalog.add(message.id, auto_comments=message.auto_comments)
    write_catalog(catalog, po)


def update_po(sources: Path, with_argparse: bool = True) -> list[Path]:
    """Extract every core module and main.py into ``sources``; return the .po files there.

    ``with_argparse`` adds the running Python's argparse strings to argparse.po.
    """
    wanted = []
    for module in [*python_files("core"), ROOT / "main.py"]:
        if not mentions(module, set(GETTEXT_KEYWORDS)):
            continue
        template = extract(module)
        if not len(template):
            continue
        po = sources / f"{module_name(module)}.po"
        merge(template, po)
        wanted.append(po)
    argparse_po = sources / f"{ARGPARSE}.po"
    if with_argparse:
        merge(extract(Path(argparse.__file__)), argparse_po, drop_vanished=False)
    wanted.append(argparse_po)
    for stale in set(sources.glob("*.po")) - set(wanted):
        stale.unlink()
    return wanted


# ----- compiling --------------------------------------------------------------------------------
def compiled_path(source: Path, compiled: Path) -> Path:
    """Return where ``source`` (.ts or .po) is compiled to under ``compiled``."""
    if source.suffix == ".ts":
        return compiled / LANGUAGE / f"{source.stem}.qm"
    if source.stem == ARGPARSE:
        return compiled / ARGPARSE_MO
    return compiled / LANGUAGE / "LC_MESSAGES" / f"{source.stem}.mo"


def compile_all(sources: Path, compiled: Path) -> None:
    """Compile every catalogue in ``sources`` into ``compiled``; remove compiled files without a source."""
    made = set()
    for source in sorted([*sources.glob("*.ts"), *sources.glob("*.po")]):
        target = compiled_path(source, compiled)
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.suffix == ".ts":
            subprocess.run(
                [qt_tool("pyside6-lrelease"), "-silent", "-nounfinished", str(source), "-qm", str(target)],
                check=True,
            )
        else:
            catalog = read_catalog(source)
            # The .mo header would carry today's date: a compiled file depends only on its source.
            catalog.creation_date = catalog.revision_date = REPRODUCIBLE_DATE
            with target.open("wb") as f:
                write_mo(f, catalog, use_fuzzy=False)
        made.add(target)
    for old in [*compiled.rglob("*.qm"), *compiled.rglob("*.mo")]:
        if old not in made:
            old.unlink()


def update(sources: Path = SOURCES, compiled: Path = COMPILED, with_argparse: bool = True) -> None:
    """Re-extract into ``sources`` (keeping translations) and compile into ``compiled``."""
    sources.mkdir(parents=True, exist_ok=True)
    update_ts(sources)
    update_po(sources, with_argparse)
    compile_all(sources, compiled)


def stale_files() -> list[str]:
    """Return the committed catalogues that differ from a fresh extraction and compilation.

    argparse.po is compared as it is: the strings of another Python version's
    argparse are not the project's to keep up with (the tests say when some are missing).
    """
    with tempfile.TemporaryDirectory() as tmp:
        sources, compiled = Path(tmp) / "sources", Path(tmp) / "compiled"
        shutil.copytree(SOURCES, sources)
        compiled.mkdir()
        update(sources, compiled, with_argparse=False)
        stale = _differences(sources, SOURCES)
        stale += _differences(compiled, COMPILED, pattern=("*.qm", "*.mo"))
    return stale


def _differences(fresh: Path, committed: Path, pattern: tuple[str, ...] = ("*",)) -> list[str]:
    def files(root: Path) -> set[Path]:
        return {p.relative_to(root) for glob in pattern for p in root.rglob(glob) if p.is_file()}

    ours, theirs = files(fresh), files(committed)
    return sorted(
        str((committed / name).relative_to(ROOT))
        for name in ours | theirs
        if name not in ours or name not in theirs or not filecmp.cmp(fresh / name, committed / name, False)
    )


def main() -> int:
    """Update and compile, or with ``--check`` only report what is out of date."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if anything is stale")
    args = parser.parse_args()
    if args.check:
        stale = stale_files()
        for name in stale:
            print(f"out of date: {name}")
        return 1 if stale else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
