"""The Train tab's settings: which network, how to train it, on which device, and print(net) of it."""

from __future__ import annotations

import json
import logging
from typing import TypeVar

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from core.base.stored_settings import (
    ChoiceSetting,
    FloatSetting,
    IntSetting,
    Rules,
    checked_values,
    parse_json_object,
)
from core.models.config import ConfigError, TrainConfig
from core.models.devices import available_devices, device_label, resolve_device
from gui.base.language import Retranslatable
from gui.base.progress_rates import REPORT_INTERVAL
from gui.base.stored_values import stored_value

SETTINGS_KEY = "train/settings"
ITEM_KEY = Qt.ItemDataRole.UserRole + 1  # which text an item shows; its data (UserRole) is the value
W = TypeVar("W", bound=QWidget)
Row = tuple[QWidget, str, str, str]  # a field, its label, accessible name and tooltip

logger = logging.getLogger(__name__)


def load_config(settings: QSettings, rules: Rules) -> TrainConfig:
    """Return the settings saved last time, each checked against ``rules`` (what the widgets accept).

    A value that is missing, damaged or refused gives way to the lesson's default (logged).
    """
    values = parse_json_object(stored_value(settings, SETTINGS_KEY), SETTINGS_KEY) or {}
    checked = checked_values(values, rules, SETTINGS_KEY)
    try:
        return TrainConfig.from_values(checked)
    except (ConfigError, TypeError, ValueError) as exc:  # a value no widget shows, e.g. log_interval
        logger.warning("Stored setting %s: %s; only the values the form shows are kept", SETTINGS_KEY, exc)
    ruled = {name for key in rules for name in (key if isinstance(key, tuple) else (key,))}
    try:
        return TrainConfig.from_values({name: value for name, value in checked.items() if name in ruled})
    except (ConfigError, TypeError, ValueError):  # values each widget accepts, that no run accepts together
        return TrainConfig()


def save_config(settings: QSettings, config: TrainConfig) -> None:
    """Remember ``config`` for the next start."""
    settings.setValue(SETTINGS_KEY, json.dumps(config.to_dict()))


class TrainSettingsForm(Retranslatable, QGroupBox):
    """The network and how to train it.

    ``changed`` fires on every edit; ``lr_edited(lr)`` also on each edit of the
    learning rate, the one setting a run takes while it trains.
    """

    changed = Signal()
    lr_edited = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.locked = False
        self.form = QFormLayout(self)
        # Rows wrap below their labels when a language's labels leave the fields too little room.
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.model_combo = self._combo("modelCombo", [("mlp", "mlp"), ("lenet", "lenet")])
        self.activation_combo = self._combo("activationCombo", [("none", "none"), ("relu", "relu")])
        self.epochs_spin = self._row(QSpinBox(), "epochsSpin")
        self.epochs_spin.setRange(1, 100)
        self.batch_spin = self._row(QSpinBox(), "batchSizeSpin")
        self.batch_spin.setRange(1, 4096)
        self.lr_spin = self._row(QDoubleSpinBox(), "lrSpin")
        self.lr_spin.setDecimals(5)
        self.lr_spin.setRange(0.00001, 10.0)
        self.lr_spin.setSingleStep(0.001)
        # Stays enabled while a run trains; a value reaches the run when typed in full, not digit by digit.
        self.lr_spin.setKeyboardTracking(False)
        self.lr_step_spin = self._row(QSpinBox(), "lrStepSpin")
        self.lr_step_spin.setRange(0, 100)
        self.lr_gamma_spin = self._row(QDoubleSpinBox(), "lrGammaSpin")
        self.lr_gamma_spin.setDecimals(3)
        self.lr_gamma_spin.setRange(0.001, 1.0)
        self.lr_gamma_spin.setSingleStep(0.05)
        self.optimizer_combo = self._combo(
            "optimizerCombo", [("sgd", ("sgd", 0.0)), ("momentum", ("sgd", 0.9)), ("adam", ("adam", 0.0))]
        )
        self.seed_spin = self._row(QSpinBox(), "seedSpin")
        self.seed_spin.setRange(0, 2**31 - 1)
        self.device_combo = self._combo("deviceCombo", [(choice, choice) for choice in available_devices()])
        for combo in (self.model_combo, self.activation_combo, self.optimizer_combo, self.device_combo):
            combo.currentIndexChanged.connect(self._on_edited)
        for spin in (
            self.epochs_spin,
            self.batch_spin,
            self.lr_spin,
            self.lr_step_spin,
            self.lr_gamma_spin,
            self.seed_spin,
        ):
            spin.valueChanged.connect(self._on_edited)
        self.lr_spin.valueChanged.connect(self.lr_edited)
        self.retranslate()
        self._update_activation()

    def _row(self, widget: W, name: str) -> W:
        widget.setObjectName(name)
        self.form.addRow(QLabel(), widget)
        return widget

    def _combo(self, name: str, items: list[tuple[str, object]]) -> QComboBox:
        """A combo box whose items keep their data (``items``: key, data); retranslate names them."""
        combo = self._row(QComboBox(), name)
        for key, data in items:
            combo.addItem(key, data)
            combo.setItemData(combo.count() - 1, key, ITEM_KEY)
        return combo

    def _label(self, widget: QWidget, text: str) -> None:
        label = self.form.labelForField(widget)
        label.setText(text)
        label.setBuddy(widget)

    def retranslate(self) -> None:
        """Set every text in the current language; the choices made stay."""
        self.setTitle(self.tr("Settings"))
        self.lr_step_spin.setSpecialValueText(self.tr("off"))
        self._name_items()
        for widget, label, accessible, tip in (
            *self._network_rows(),
            *self._batch_rows(),
            *self._learning_rate_rows(),
            *self._run_rows(),
        ):
            self._label(widget, label)
            widget.setAccessibleName(accessible)
            widget.setToolTip(tip)

    def _name_items(self) -> None:
        """Name the combo boxes' items in the current language."""
        items = {
            "mlp": self.tr("MLP, as in the lesson"),
            "lenet": self.tr("LeNet (CNN)"),
            "none": self.tr("none, as in the lesson"),
            "relu": self.tr("ReLU"),
            "sgd": self.tr("SGD, as in the lesson"),
            "momentum": self.tr("SGD with momentum 0.9"),
            "adam": self.tr("Adam"),
            "cpu": "cpu",
            "cuda": "cuda",
            "mps": "mps",
        }
        items["auto"] = self.tr("auto ({0})").format(device_label(resolve_device("auto")))
        for combo in (self.model_combo, self.activation_combo, self.optimizer_combo, self.device_combo):
            for index in range(combo.count()):
                combo.setItemText(index, items[combo.itemData(index, ITEM_KEY)])

    def _network_rows(self) -> tuple[Row, ...]:
        """The network's rows: each widget with its label, accessible name and tooltip."""
        return (
            (
                self.model_combo,
                self.tr("&Network:"),
                self.tr("Network"),
                self.tr("The lesson's MLP (three Linear layers) or its LeNet CNN"),
            ),
            (
                self.activation_combo,
                self.tr("&Activation:"),
                self.tr("Activation"),
                self.tr("The lesson's MLP has no activation, so it is one linear map"),
            ),
        )

    def _batch_rows(self) -> tuple[Row, ...]:
        """The rows of how long and in what batches the run trains."""
        return (
            (
                self.epochs_spin,
                self.tr("&Epochs:"),
                self.tr("Epochs"),
                self.tr("Passes over the training set"),
            ),
            (
                self.batch_spin,
                self.tr("&Batch size:"),
                self.tr("Batch size"),
                self.tr("Images per gradient step (the lesson uses 32)"),
            ),
        )

    def _learning_rate_rows(self) -> tuple[Row, ...]:
        """The learning rate's rows: the rate and its step decay."""
        return (
            (
                self.lr_spin,
                self.tr("&Learning rate:"),
                self.tr("Learning rate"),
                self.tr(
                    "Step size of the optimizer (the lesson uses 0.01); change it during a run "
                    "and the next batch uses it"
                ),
            ),
            (
                self.lr_step_spin,
                self.tr("Decay &every (epochs):"),
                self.tr("Learning rate decay interval"),
                self.tr(
                    "Step decay: every this many epochs the learning rate is multiplied by "
                    "the factor (0: off)"
                ),
            ),
            (
                self.lr_gamma_spin,
                self.tr("Decay &factor:"),
                self.tr("Learning rate decay factor"),
                self.tr("What step decay multiplies the learning rate by"),
            ),
        )

    def _run_rows(self) -> tuple[Row, ...]:
        """The rows of the optimizer, the seed and the device."""
        return (
            (
                self.optimizer_combo,
                self.tr("&Optimizer:"),
                self.tr("Optimizer"),
                self.tr("Plain SGD as in the lesson, SGD with momentum, or Adam"),
            ),
            (
                self.seed_spin,
                self.tr("&Seed:"),
                self.tr("Seed"),
                self.tr("Same seed and settings give the same numbers"),
            ),
            (
                self.device_combo,
                self.tr("&Device:"),
                self.tr("Device"),
                self.tr("Where training runs; auto picks the GPU when there is one"),
            ),
        )

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
            lr_step=self.lr_step_spin.value(),
            lr_gamma=self.lr_gamma_spin.value(),
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
            # Compared in Python: Qt's findData does not find the optimizer's (name, momentum) tuples.
            index = next((i for i in range(combo.count()) if combo.itemData(i) == value), -1)
            if index >= 0:
                combo.setCurrentIndex(index)
        self.epochs_spin.setValue(config.epochs)
        self.batch_spin.setValue(config.batch_size)
        self.lr_spin.setValue(config.lr)
        self.lr_step_spin.setValue(config.lr_step)
        self.lr_gamma_spin.setValue(config.lr_gamma)
        self.seed_spin.setValue(config.seed)

    def setting_rules(self) -> Rules:
        """Return what each widget accepts, to check stored settings against (core.base.stored_settings)."""

        def choices(combo: QComboBox) -> ChoiceSetting:
            return ChoiceSetting(tuple(combo.itemData(index) for index in range(combo.count())))

        def whole(spin: QSpinBox) -> IntSetting:
            return IntSetting(spin.minimum(), spin.maximum())

        return {
            "model": choices(self.model_combo),
            "activation": choices(self.activation_combo),
            ("optimizer", "momentum"): choices(self.optimizer_combo),
            "device": choices(self.device_combo),
            "epochs": whole(self.epochs_spin),
            "batch_size": whole(self.batch_spin),
            "lr": FloatSetting(self.lr_spin.minimum(), self.lr_spin.maximum()),
            "lr_step": whole(self.lr_step_spin),
            "lr_gamma": FloatSetting(self.lr_gamma_spin.minimum(), self.lr_gamma_spin.maximum()),
            "seed": whole(self.seed_spin),
        }

    def set_seed(self, seed: int) -> None:
        """Show ``seed`` as the seed of the next run."""
        self.seed_spin.setValue(seed)

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
        """Refuse edits while a run uses these settings; the learning rate stays open (the run takes it)."""
        self.locked = locked
        for widget in (
            self.model_combo,
            self.epochs_spin,
            self.batch_spin,
            self.lr_step_spin,
            self.lr_gamma_spin,
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
