"""What is read from the source before it runs: full-width punctuation, and the one form refused.

Typed code is Python: every statement form runs, ``async`` excepted (the
kernel answers one request at a time and has no event loop). What keeps the
app and the machine safe is the kernel's process and the OS's limits
(:mod:`core.process.confine`), not these checks.
"""

from __future__ import annotations

import ast
import unicodedata

from core.base.i18n import N_, _

ASYNC_REFUSAL = N_(
    "async and await are not available here: each Run is one plain Python program with no event loop. "
    "Write a plain def (and call it) instead."
)
ASYNC_NODES = (ast.AsyncFunctionDef, ast.AsyncFor, ast.AsyncWith, ast.Await)
# What a Chinese input method types outside strings that NFKC does not turn into ASCII.
FULL_WIDTH_EXTRA = {
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "。": ".",
    "、": ",",
    "【": "[",
    "】": "]",
    "《": "<",
    "》": ">",
    "—": "-",
    "…": "...",
}
CURLY_QUOTES = "“”‘’"


class SandboxError(Exception):
    """Code was refused or stopped; the message is for the learner."""


def normalize_source(source: str) -> tuple[str, str | None]:
    """Turn full-width punctuation and digits from a Chinese IME into ASCII in code; say so if it did.

    Only code is converted: comments and the text inside strings keep every
    character (``print('你好，世界')`` prints the full-width comma; a comment
    with an apostrophe opens no string). A string opened with a curly quote
    (“...” typed for "...") is closed by the curly quote that ends it.
    """
    out: list[str] = []
    changes: set[str] = set()
    i, n = 0, len(source)
    while i < n:
        ch = source[i]
        if ch == "#":
            end = source.find("\n", i)
            end = n if end < 0 else end
            out.append(source[i:end])
            i = end
            continue
        new = _ascii_of(ch)
        if new in "\"'":
            end = _string_end(source, i, new, curly=ch in CURLY_QUOTES)
            text = source[i:end]
            if ch in CURLY_QUOTES:  # both ends were typed as curly quotes: make them ASCII
                changes.add(f"{ch} → {new}")
                closing = text[-1] if len(text) > 1 and text[-1] in CURLY_QUOTES else None
                if closing is not None:
                    changes.add(f"{closing} → {new}")
                    text = new + text[1:-1] + new
                else:
                    text = new + text[1:]
            out.append(text)
            i = end
            continue
        if new != ch:
            changes.add(f"{ch} → {new}")
        out.append(new)
        i += 1
    if not changes:
        return source, None
    note = _("Full-width characters (from a Chinese input method) were read as ASCII: {changes}").format(
        changes=", ".join(sorted(changes))
    )
    return "".join(out), note


def _ascii_of(ch: str) -> str:
    new = FULL_WIDTH_EXTRA.get(ch) or unicodedata.normalize("NFKC", ch)
    return new if len(new) == 1 and new.isascii() else ch


def _string_end(source: str, start: int, quote: str, curly: bool) -> int:
    """Return the index just past the string literal that opens at ``start`` with ``quote``."""
    n = len(source)
    if curly:  # a curly-quoted string ends at the next curly quote (or the line's end)
        i = start + 1
        while i < n and source[i] not in CURLY_QUOTES and source[i] != "\n":
            i += 1
        return i + 1 if i < n and source[i] in CURLY_QUOTES else i
    triple = source.startswith(quote * 3, start)
    delimiter = quote * 3 if triple else quote
    i = start + len(delimiter)
    while i < n:
        if source[i] == "\\":  # an escaped quote ends no string, raw strings included
            i += 2
            continue
        if source.startswith(delimiter, i):
            return i + len(delimiter)
        if source[i] == "\n" and not triple:
            return i
        i += 1
    return n


def check_source(tree: ast.AST) -> None:
    """Raise :class:`SandboxError` for the only forms the kernel cannot run (``async``, ``await``)."""
    for node in ast.walk(tree):
        if isinstance(node, ASYNC_NODES):
            raise SandboxError(_(ASYNC_REFUSAL))
