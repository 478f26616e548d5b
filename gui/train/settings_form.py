"""The Train tab's settings: which network, how to train it, on which device, and print(net) of it."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from core.config import TrainConfig
from core.devices import available_devices, device_label, resolve_device
from core.models import build_model, summarize
from gui.progress_rates import REPORT_INTERVAL
from gui.widgets.naming import named

SETTINGS_KEY = "train/settings"


def load_config(settings: QSettings) -> TrainConfig:
    """Return the settings saved last time, or the lesson's defaults if they are missing or damaged."""
    stored = settings.value(SETTINGS_KEY, "")
    try:
        values = json.loads(stored) if isinstance(stored, str) and stored else {}
        return TrainConfig.from_values(values)
    except (ValueError, TypeError, AttributeError):
        return TrainConfig()  # damaged or stale settings: the lesson's defaults


def save_config(settings: QSettings, config: TrainConfig) -> None:
    """Remember ``config`` for the next start."""
    settings.setValue(SETTINGS_KEY, json.dumps(config.to_dict()))


class TrainSettingsForm(QGroupBox):
    """The network and how to train it; ``changed`` fires on every edit."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Settings"))
        self.locked = False
        form = QFormLayout(self)
        self._add_network_rows(form)
        self._add_training_rows(form)
        self._add_device_row(form)
        for combo in (self.model_combo, self.activation_combo, self.optimizer_combo, self.device_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        for spin in (self.epochs_spin, self.batch_spin, self.lr_spin, self.seed_spin):
            spin.valueChanged.connect(self._on_edited)
        self._update_activation()

    def _add_network_rows(self, form: QFormLayout) -> None:
        tr = self.tr
        self.model_combo = named(
            QComboBox(),
            "modelCombo",
            tr("Network"),
            tr("The lesson's MLP (three Linear layers) or its LeNet CNN"),
        )
        self.model_combo.addItem(tr("MLP, as in the lesson"), "mlp")
        self.model_combo.addItem(tr("LeNet (CNN)"), "lenet")
        self.activation_combo = named(
            QComboBox(),
            "activationCombo",
            tr("Activation"),
            tr("The lesson's MLP has no activation, so it is one linear map"),
        )
        self.activation_combo.addItem(tr("none, as in the lesson"), "none")
        self.activation_combo.addItem(tr("ReLU"), "relu")
        form.addRow(tr("&Network:"), self.model_combo)
        form.addRow(tr("&Activation:"), self.activation_combo)

    def _add_training_rows(self, form: QFormLayout) -> None:
        tr = self.tr
        self.epochs_spin = named(QSpinBox(), "epochsSpin", tr("Epochs"), tr("Passes over the training set"))
        self.epochs_spin.setRange(1, 100)
        self.batch_spin = named(
            QSpinBox(), "batchSizeSpin", tr("Batch size"), tr("Images per gradient step (the lesson uses 32)")
        )
        self.batch_spin.setRange(1, 4096)
        self.lr_spin = named(
            QDoubleSpinBox(),
            "lrSpin",
            tr("Learning rate"),
            tr("Step size of the optimizer (the lesson uses 0.01)"),
        )
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.00001, 10.0)
        self.lr_spin.setSingleStep(0.001)
        self.optimizer_combo = named(
            QComboBox(),
            "optimizerCombo",
            tr("Optimizer"),
            tr("Plain SGD as in the lesson, SGD with momentum, or Adam"),
        )
        self.optimizer_combo.addItem(tr("SGD, as in the lesson"), ("sgd", 0.0))
        self.optimizer_combo.addItem(tr("SGD with momentum 0.9"), ("sgd", 0.9))
        self.optimizer_combo.addItem(tr("Adam"), ("adam", 0.0))
        self.seed_spin = named(
            QSpinBox(), "seedSpin", tr("Seed"), tr("Same seed and settings give the same numbers")
        )
        self.seed_spin.setRange(0, 2**31 - 1)
        form.addRow(tr("&Epochs:"), self.epochs_spin)
        form.addRow(tr("&Batch size:"), self.batch_spin)
        form.addRow(tr("&Learning rate:"), self.lr_spin)
        form.addRow(tr("&Optimizer:"), self.optimizer_combo)
        form.addRow(tr("&Seed:"), self.seed_spin)

    def _add_device_row(self, form: QFormLayout) -> None:
        tr = self.tr
        self.device_combo = named(
            QComboBox(),
            "deviceCombo",
            tr("Device"),
            tr("Where training runs; auto picks the GPU when there is one"),
        )
        for choice in available_devices():
            label = (
                tr("auto ({0})").format(device_label(resolve_device("auto"))) if choice == "auto" else choice
            )
            self.device_combo.addItem(label, choice)
        form.addRow(tr("&Device:"), self.device_combo)

    def config(self, data: str) -> TrainConfig:
        """Return the run the form describes, on the data set ``data``."""
        optimizer, momentum = self.optimizer_combo.currentData()
        return TrainConfig(
            model=self.model_combo.currentData(),
            activation=self.activation_combo.currentData(),
            epochs=self.epochs_spin.value(),
            batch_size=self.batch_spin.value(),
            lr=self.lr_spin.value(),
            optimizer=optimizer,
            momentum=momentum,
            seed=self.seed_spin.value(),
            device=self.device_combo.currentData(),
            data=data,
            report_interval=REPORT_INTERVAL,
            log_interval=TrainConfig().log_interval,
        )

    def apply_config(self, config: TrainConfig) -> None:
        """Show ``config`` (values the form cannot show, and the data set, are left as they are)."""
        for combo, value in (
            (self.model_combo, config.model),
            (self.activation_combo, config.activation),
            (self.optimizer_combo, (config.optimizer, config.momentum)),
            (self.device_combo, config.device),
        ):
            index = combo.findData(value)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.epochs_spin.setValue(config.epochs)
        self.batch_spin.setValue(config.batch_size)
        self.lr_spin.setValue(config.lr)
        self.seed_spin.setValue(config.seed)

    def device_text(self) -> str:
        """Name the device the form picks, as the status bar shows it."""
        choice = self.device_combo.currentData() or "auto"
        try:
            return device_label(resolve_device(choice))
        except ValueError:
            return choice

    def optimizer_text(self) -> str:
        """Return the optimizer as the learner chose it, e.g. ``SGD with momentum 0.9``."""
        return self.optimizer_combo.currentText()

    def set_locked(self, locked: bool) -> None:
        """Refuse edits while a run uses these settings."""
        self.locked = locked
        for widget in (
            self.model_combo,
            self.epochs_spin,
            self.batch_spin,
            self.lr_spin,
            self.optimizer_combo,
            self.seed_spin,
            self.device_combo,
        ):
            widget.setEnabled(not locked)
        self._update_activation()

    def _update_activation(self) -> None:
        self.activation_combo.setEnabled(not self.locked and self.model_combo.currentData() == "mlp")

    @Slot()
    def _on_edited(self) -> None:
        self._update_activation()
        self.changed.emit()


class ModelSummary(QGroupBox):
    """``print(net)`` and the parameter shapes of the network the form picks, as the lesson shows them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Model: print(net)"))
        self.text = named(
            QPlainTextEdit(),
            "modelSummary",
            self.tr("Model summary"),
            self.tr("print(net) and the parameter shapes, as the lesson shows them"),
        )
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        QVBoxLayout(self).addWidget(self.text)

    def show_model(self, architecture: str, activation: str) -> None:
        """Describe the network ``architecture`` with ``activation``."""
        self.text.setPlainText(summarize(build_model(architecture, activation)).render())
