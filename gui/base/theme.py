"""Colours that stay readable in light and dark desktop themes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

DARK_BELOW = 128  # a window colour darker than this (HSL lightness, 0-255) makes a dark theme
BLACK_TEXT_ABOVE = 140  # on colours lighter than this, black text reads better than white


def is_dark() -> bool:
    """Tell whether the desktop theme is dark (its window colour is dark)."""
    return QApplication.palette().color(QPalette.ColorRole.Window).lightness() < DARK_BELOW


def error_colour() -> str:
    """Return a red that reads well on the current window colour."""
    return "#ff8a80" if is_dark() else "#b71c1c"


def note_colour() -> str:
    """Return a muted accent for hints and notes."""
    return "#ffd180" if is_dark() else "#8d5a00"


def value_colour(value: float, scale: float) -> QColor:
    """Map ``value`` in [-scale, scale] to blue (negative), white (0) and red (positive)."""
    t = 0.0 if scale <= 0 else max(-1.0, min(1.0, value / scale))
    if t >= 0:
        return QColor(255, int(255 - 150 * t), int(255 - 170 * t))
    return QColor(int(255 + 170 * t), int(255 + 120 * t), 255)


def text_on(colour: QColor) -> QColor:
    """Return black or white, whichever reads better on ``colour``."""
    return QColor(0, 0, 0) if colour.lightness() > BLACK_TEXT_ABOVE else QColor(255, 255, 255)


CHANGED_CELL = QColor("#ffd54f")
BADGE_STYLE = (
    "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 2px 8px; "
    "background: palette(alternate-base); color: palette(text); }"
)


def configure_plot_colours(app: QApplication) -> None:
    """Draw plots in the desktop's colours, so that a dark theme stays readable."""
    import pyqtgraph as pg

    palette = app.palette()
    pg.setConfigOptions(
        antialias=True,
        background=palette.color(QPalette.ColorRole.Base),
        foreground=palette.color(QPalette.ColorRole.Text),
    )
