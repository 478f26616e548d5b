"""The racers: up to four rows, each an optimizer with its learning rate and its option."""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QGridLayout, QLabel, QWidget

from core.base.i18n import _
from core.optimizers.race import MAX_RACERS, NAMES, OPTIMIZERS, OptimizerSpec
from gui.base.language import Retranslatable
from gui.optimizers.surface_view import RACER_COLOURS

DEFAULTS = (
    OptimizerSpec("sgd", 0.045),
    OptimizerSpec("momentum", 0.02, 0.9),
    OptimizerSpec("rmsprop", 0.05, beta2=0.99),
    OptimizerSpec("adam", 0.1),
)


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class RacersForm(Retranslatable, QWidget):
    """Rows of racers; ``specs()`` returns the ticked ones, in order. ``changed`` on any edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.headers = [QLabel() for _column in range(4)]
        for column, header in enumerate(self.headers):
            grid.addWidget(header, 0, column)
        self.uses: list[QCheckBox] = []
        self.kinds: list[QComboBox] = []
        self.rates: list[QDoubleSpinBox] = []
        self.options: list[QDoubleSpinBox] = []
        for row in range(MAX_RACERS):
            use = QCheckBox()
            use.setObjectName(f"racerUse{row}")
            use.setIcon(_swatch(RACER_COLOURS[row]))
            kind = QComboBox()
            kind.setObjectName(f"racerOptimizer{row}")
            for key in OPTIMIZERS:
                kind.addItem("", key)
            rate = QDoubleSpinBox(decimals=4, minimum=0.0001, maximum=10.0, singleStep=0.005)
            rate.setObjectName(f"racerLr{row}")
            option = QDoubleSpinBox(decimals=3, minimum=0.0, maximum=0.999, singleStep=0.05)
            option.setObjectName(f"racerOption{row}")
            for column, widget in enumerate((use, kind, rate, option)):
                grid.addWidget(widget, row + 1, column)
            use.toggled.connect(self._on_edited)
            kind.currentIndexChanged.connect(self._on_edited)
            rate.valueChanged.connect(self._on_edited)
            option.valueChanged.connect(self._on_edited)
            self.uses.append(use)
            self.kinds.append(kind)
            self.rates.append(rate)
            self.options.append(option)
        self.filled = [False] * MAX_RACERS  # a row shows a default until it is given values
        self.kept = [(spec.beta2, spec.weight_decay) for spec in DEFAULTS]  # from a preset; not edited here
        self.set_specs(DEFAULTS[:2])
        self.retranslate()

    def retranslate(self) -> None:
        """Set every text in the current language (the values stay)."""
        for header, text in zip(
            self.headers,
            (self.tr("Race"), self.tr("Optimizer"), self.tr("lr"), self.tr("μ / β1")),
            strict=True,
        ):
            header.setText(text)
        self.headers[3].setToolTip(
            self.tr("Momentum μ for SGD with momentum or Nesterov; β1 for Adam and AdamW; unused otherwise")
        )
        for row in range(MAX_RACERS):
            for index, key in enumerate(OPTIMIZERS):
                self.kinds[row].setItemText(index, _(NAMES[key]))
            self.uses[row].setAccessibleName(self.tr("Racer {0} takes part").format(row + 1))
            self.uses[row].setToolTip(self.tr("Tick to let this optimizer race (its colour on the map)"))
            self.kinds[row].setAccessibleName(self.tr("Racer {0}'s optimizer").format(row + 1))
            self.kinds[row].setToolTip(self.tr("Which torch.optim optimizer steps along this path"))
            self.rates[row].setAccessibleName(self.tr("Racer {0}'s learning rate").format(row + 1))
            self.rates[row].setToolTip(self.tr("The learning rate lr: how far each step goes"))
            self.options[row].setAccessibleName(self.tr("Racer {0}'s momentum or β1").format(row + 1))
            self.options[row].setToolTip(self.headers[3].toolTip())

    def specs(self) -> list[OptimizerSpec]:
        """Return the ticked racers' settings, in order."""
        return [
            OptimizerSpec(
                self.kinds[row].currentData(),
                self.rates[row].value(),
                self.options[row].value(),
                *self.kept[row],
            )
            for row in range(MAX_RACERS)
            if self.uses[row].isChecked()
        ]

    def rows(self) -> list[int]:
        """Return the row (and so the colour) of each ticked racer, in order."""
        return [row for row in range(MAX_RACERS) if self.uses[row].isChecked()]

    def set_specs(self, specs: tuple[OptimizerSpec, ...] | list[OptimizerSpec]) -> None:
        """Show ``specs`` in the first rows, ticked; the other rows keep their values, unticked."""
        self.blockSignals(True)
        for row in range(MAX_RACERS):
            spec = specs[row] if row < len(specs) else None
            self.uses[row].setChecked(spec is not None)
            shown = spec or DEFAULTS[row]
            if spec is not None or not self.filled[row]:
                self.filled[row] = True
                self.kinds[row].setCurrentIndex(OPTIMIZERS.index(shown.kind))
                self.rates[row].setValue(shown.lr)
                self.options[row].setValue(shown.momentum)
                self.kept[row] = (shown.beta2, shown.weight_decay)
        self.blockSignals(False)
        self.changed.emit()

    @Slot()
    def _on_edited(self) -> None:
        if not self.signalsBlocked():
            self.changed.emit()
