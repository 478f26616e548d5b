"""The Train tab's run as a Jupyter notebook: a note, then the code, for each step."""

from __future__ import annotations

from pathlib import Path

from core.base.i18n import _
from core.export.train_steps import run_name, settings_summary, steps
from core.models.config import TrainConfig


def notebook_json(config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return the run as a Jupyter notebook: a Markdown cell, then a code cell, per step."""
    import nbformat

    book = nbformat.v4.new_notebook()
    title = _("{name} on MNIST").format(name=run_name(config))
    book.cells.append(nbformat.v4.new_markdown_cell(f"# {title}\n\n`{settings_summary(config, data_name)}`"))
    for _key, step in steps(config, data_name, sample_path, data_dir, notebook=True):
        book.cells.append(nbformat.v4.new_markdown_cell(f"## {step.title}\n\n{step.text}"))
        book.cells.append(nbformat.v4.new_code_cell(step.code.rstrip("\n")))
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.validate(book)
    return nbformat.writes(book)
