"""The source of a class the learner defined in a session: found in the code they ran, with what it needs.

A network defined in the Tensors tab travels as source (to the Autograd tab to be
drawn, to the training process to be trained); the object itself never leaves
the kernel. The source is the class's latest definition, the top-level
definitions and imports it uses, in the order they were run.
"""

from __future__ import annotations

import ast
import builtins

MAX_SOURCE = 100_000  # characters: a class a learner wrote, with its helpers


def class_source(sources: list[str], class_name: str) -> str | None:
    """Return runnable source defining ``class_name`` (and what it uses), or None if it is not there."""
    definitions: dict[str, str] = {}  # name -> its latest top-level definition's source
    order: list[str] = []
    imports: list[str] = []
    for code in sources:
        try:
            tree = ast.parse(code)
        except SyntaxError:
            continue
        for node in tree.body:
            segment = ast.get_source_segment(code, node) or ""
            if isinstance(node, (ast.Import, ast.ImportFrom)) and segment not in imports:
                imports.append(segment)
            for name in _defines(node):
                definitions[name] = segment
                if name in order:
                    order.remove(name)
                order.append(name)
    if class_name not in definitions:
        return None
    needed = _needed(class_name, definitions)
    parts = imports + [definitions[name] for name in order if name in needed]
    source = "\n".join(dict.fromkeys(parts)) + "\n"
    return source if len(source) <= MAX_SOURCE else None


def _defines(node: ast.stmt) -> list[str]:
    """The names a top-level statement defines that a class may use: classes, functions, constants."""
    if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
        return [node.name]
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    return []


def _needed(name: str, definitions: dict[str, str]) -> set[str]:
    """``name`` and every definition it uses, directly or through another."""
    needed, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in needed:
            continue
        needed.add(current)
        used = {n.id for n in ast.walk(ast.parse(definitions[current])) if isinstance(n, ast.Name)}
        todo += [n for n in used if n in definitions and n not in needed and not hasattr(builtins, n)]
    return needed
