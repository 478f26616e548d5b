"""Writing the Train tab's run to a script or notebook file, and the lines a change of settings changed."""

from __future__ import annotations

import difflib
from pathlib import Path

from core.export.train_notebook import notebook_json
from core.export.train_script import python_script
from core.models.config import TrainConfig

NOTEBOOK_SUFFIX = ".ipynb"


def export_text(path: Path, config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return what to write to ``path``: a notebook for ``.ipynb``, else a Python script."""
    if Path(path).suffix.lower() == NOTEBOOK_SUFFIX:
        return notebook_json(config, data_name, sample_path, data_dir)
    return python_script(config, data_name, sample_path, data_dir)


def write_export(
    path: Path, config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path
) -> list[str]:
    """Write the run to ``path`` as a script or notebook, whole or not at all; return the file written."""
    from core.base.safe_files import write_bytes_atomically

    write_bytes_atomically(path, export_text(path, config, data_name, sample_path, data_dir).encode("utf-8"))
    return [str(path)]


def changed_lines(before: str, after: str) -> list[int]:
    """Return the indices of the lines of ``after`` that differ from ``before`` (to highlight)."""
    old, new = before.splitlines(), after.splitlines()
    changed: list[int] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, _i1, _i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "insert"):
            changed.extend(range(j1, j2))
    return changed
