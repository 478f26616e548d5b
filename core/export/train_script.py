"""The Train tab's run written out as the lesson's program, one standalone Python script.

Its docstring and comments are in the current language (``core.base.i18n``).

With the same settings on the same machine the script prints the app's log
lines and the same test accuracy (see :mod:`core.export.train_steps`).
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from string import Template

from core.base.i18n import _
from core.export.train_steps import run_name, settings_summary, steps
from core.export.train_templates import docstring_text
from core.models.config import TrainConfig

HEADER = Template('''\
"""$title
$settings

$needs
$same
"""
''')


def python_script(config: TrainConfig, data_name: str, sample_path: Path, data_dir: Path) -> str:
    """Return the whole run as one Python script."""
    settings = textwrap.fill(settings_summary(config, data_name), width=90, break_on_hyphens=False)
    header = HEADER.substitute(
        title=docstring_text(
            _("{name} on MNIST, as PyTorch Basics trained it with these settings:").format(
                name=run_name(config)
            )
        ),
        settings=settings,
        needs=docstring_text(_("It needs torch, torchvision and numpy only.")),
        same=docstring_text(_("With the same settings on the same machine it prints the app's log lines.")),
    )
    body = "\n\n\n".join(
        step.code.rstrip("\n") for _key, step in steps(config, data_name, sample_path, data_dir)
    )
    return header + "\n" + body + "\n"
