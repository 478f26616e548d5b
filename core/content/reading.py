"""What every teacher's content file shares: texts in both languages, reading a TOML file, and
reading one entry's fields with a message that names the file, the entry and the field.

The questions (:mod:`core.content.questions`) and the exercises
(:mod:`core.content.exercises`) are read through it, so a teacher meets one
format and one kind of message.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from core.base.i18n import CHINESE, ENGLISH, _, language

if sys.version_info >= (3, 11):
    import tomllib
else:  # the same parser, before it joined the standard library
    import tomli as tomllib

LANGUAGES = (ENGLISH, CHINESE)
MAX_FILE_BYTES = 1_000_000  # a content file is text a teacher wrote; anything larger is not one


class ContentError(ValueError):
    """A content file that cannot be used, said in one line: the file, where, what to fix."""


@dataclass(frozen=True)
class Text:
    """One text in every language the app speaks."""

    en: str
    zh: str  # Simplified Chinese (zh_CN in the files)

    def shown(self, lang: str | None = None) -> str:
        """Return the text in ``lang`` (the current language if None)."""
        return self.zh if (lang or language()) == CHINESE else self.en


def read_tables(path: Path, key: str) -> list[Any]:
    """Return the ``[[key]]`` tables of one TOML file (ContentError, naming the file, if unusable)."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ContentError(_("{file} is too large to be a content file.").format(file=path.name))
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ContentError(
            _("{file} could not be read: {reason}").format(file=path.name, reason=exc.strerror or exc)
        ) from None
    except UnicodeDecodeError:
        raise ContentError(_("{file} is not UTF-8 text; save it as UTF-8.").format(file=path.name)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ContentError(
            _("{file} is not valid TOML ({error}); fix that line.").format(file=path.name, error=exc)
        ) from None
    tables = data.get(key)
    if not isinstance(tables, list) or not tables:
        raise ContentError(
            _("{file} has no [[{key}]] tables; each entry starts with one.").format(file=path.name, key=key)
        )
    return tables


class EntryReader:
    """Read one [[question]] or [[exercise]] table's fields; a failure names the file, entry and field."""

    def __init__(self, table: Any, file: str, number: int, entry: str = "question") -> None:
        self.file, self.number, self.entry = file, number, entry
        if not isinstance(table, dict):
            self.fail(_("each [[{entry}]] must be a table").format(entry=entry))
        self.table: dict[str, Any] = table
        self.name = str(table.get("id") or f"#{number}")

    def fail(self, what: str) -> NoReturn:
        where = {
            "question": _("{file}, question {name}: {what}."),
            "exercise": _("{file}, exercise {name}: {what}."),
        }.get(self.entry, _("{file}, preset {name}: {what}."))
        raise ContentError(where.format(file=self.file, name=self.name, what=what))

    def required(self, kind: type, key: str) -> Any:
        if key not in self.table:
            self.fail(_("{key} is missing").format(key=key))
        return self.optional(kind, key)

    def optional(self, kind: type, key: str) -> Any:
        value = self.table.get(key)
        if value is None:
            return None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
            self.fail(_("{key} must be {kind}").format(key=key, kind=kind.__name__))
        return value

    def choice_of(self, key: str, allowed: tuple[str, ...]) -> str:
        value = self.required(str, key)
        if value not in allowed:
            self.fail(_("{key} must be one of {allowed}").format(key=key, allowed=", ".join(allowed)))
        return value

    def text(self, key: str, table: Any = None) -> Text:
        source = self.table if table is None else table
        value = source.get(key)
        if not isinstance(value, dict):
            self.fail(
                _('{key} must be a table of texts: {key} = {{ en = "...", zh_CN = "..." }}').format(key=key)
            )
        missing = [
            lang for lang in LANGUAGES if not isinstance(value.get(lang), str) or not value[lang].strip()
        ]
        if missing:
            self.fail(_("{key} has no text in {languages}").format(key=key, languages=", ".join(missing)))
        return Text(value[ENGLISH], value[CHINESE])
