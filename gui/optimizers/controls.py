"""The Optimizers tab's left pane: the stories, the surface, the racers, the steps and the buttons."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from core.base.i18n import _
from core.optimizers.surfaces import FORMULA_SURFACES, TITLES
from gui.base.language import Retranslatable
from gui.optimizers.racers import RacersForm
from gui.questions.book import QuestionBook
from gui.questions.card import QuestionCard

SURFACES = (*FORMULA_SURFACES, "slice")
WHAT_TO_SEE = {
    "regression": QT_TRANSLATE_NOOP(
        "RaceControls",
        "The lesson's linear regression: the mean squared error of y = w·x + b over the points is a "
        "bowl in (w, b), its bottom the least-squares line (+). Every optimizer gets there; compare how "
        "fast, and draw new points to get another bowl.",
    ),
    "valley": QT_TRANSLATE_NOOP(
        "RaceControls",
        "Across this valley the loss is 40 times steeper than along it. A learning rate small enough "
        "not to overshoot across is tiny along the floor, so plain SGD bounces from wall to wall and "
        "creeps forward: it zig-zags. Momentum adds the steps up: the bounces cancel out, the creeping "
        "adds up. Above lr = 2/40 = 0.05 each bounce is larger than the last and SGD diverges.",
    ),
    "rosenbrock": QT_TRANSLATE_NOOP(
        "RaceControls",
        "A curved valley with a nearly flat floor: the gradient points at the walls, hardly along the "
        "floor. Adam divides each step by the gradient's typical size (√v_hat), so its steps stay about "
        "lr long everywhere, on the steep walls and on the flat floor alike.",
    ),
    "saddle": QT_TRANSLATE_NOOP(
        "RaceControls",
        "At (0, 0) the gradient is 0 but it is not a minimum: along p1 the loss falls both ways, to "
        "the two minima (+). A start just off the ridge leaves it slowly at first; momentum and Adam "
        "leave it sooner.",
    ),
    "slice": QT_TRANSLATE_NOOP(
        "RaceControls",
        "The real loss of the network in use on 64 test images, around its trained weights (0, 0), "
        "along two random directions scaled to each layer's filters (Li et al., 2018). A slice of a "
        "space with thousands of dimensions: its valleys are real, but the optimizers' path in the full "
        "space is not this one.",
    ),
}


class RaceControls(Retranslatable, QWidget):
    """The widgets that set a race up; the tab connects them and says what they do."""

    def __init__(self, book: QuestionBook, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self._build()
        self.retranslate()

    def _build(self) -> None:
        self.preset_label, self.surface_label, self.steps_label = QLabel(), QLabel(), QLabel()
        self.preset_combo = QComboBox(objectName="optimizerPresetCombo")
        self.story = QLabel(objectName="optimizerStory", wordWrap=True)
        self.story.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card = QuestionCard(self.book)
        self.card.hide()
        self.surface_combo = QComboBox(objectName="optimizerSurfaceCombo")
        for key in SURFACES:
            self.surface_combo.addItem("", key)
        self.new_data_button = QPushButton(objectName="optimizerNewDataButton")
        self.what_to_see = QLabel(objectName="optimizerWhatToSee", wordWrap=True)
        self.racers = RacersForm()
        self.steps_spin = QSpinBox(objectName="optimizerStepsSpin", minimum=1, maximum=1000, value=80)
        self.run_button = QPushButton(objectName="optimizerRunButton")
        self.step_button = QPushButton(objectName="optimizerStepButton")
        self.rewind_button = QPushButton(objectName="optimizerRewindButton")
        self.message = QLabel(objectName="optimizerMessage", wordWrap=True)
        surface_row = QHBoxLayout()
        surface_row.addWidget(self.surface_combo, 1)
        surface_row.addWidget(self.new_data_button)
        steps_row = QHBoxLayout()
        steps_row.addWidget(self.steps_label)
        steps_row.addWidget(self.steps_spin)
        steps_row.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.run_button, self.step_button, self.rewind_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for item in (self.preset_label, self.preset_combo, self.story, self.card, self.surface_label):
            layout.addWidget(item)
        layout.addLayout(surface_row)
        layout.addWidget(self.what_to_see)
        layout.addWidget(self.racers)
        layout.addLayout(steps_row)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def retranslate(self) -> None:
        """Set the pane's fixed texts in the current language (the tab sets those that follow the race)."""
        self.preset_label.setText(self.tr("Stories: one click sets up the race"))
        self.preset_combo.setAccessibleName(self.tr("Preset"))
        self.preset_combo.setToolTip(self.tr("A surface, a start and racers that show one thing"))
        self.surface_label.setText(self.tr("Loss surface:"))
        for index, key in enumerate(SURFACES):
            self.surface_combo.setItemText(index, _(TITLES[key]))
        self.surface_combo.setAccessibleName(self.tr("Loss surface"))
        self.surface_combo.setToolTip(self.tr("The loss of two parameters the optimizers race on"))
        self.new_data_button.setText(self.tr("New points"))
        self.new_data_button.setAccessibleName(self.tr("New data points"))
        self.new_data_button.setToolTip(self.tr("Draw the regression's points again, with another seed"))
        self.steps_label.setText(self.tr("Steps:"))
        self.steps_spin.setAccessibleName(self.tr("Steps"))
        self.steps_spin.setToolTip(self.tr("How many steps each optimizer takes (at most 80 on the slice)"))
        self.step_button.setText(self.tr("One step"))
        self.step_button.setAccessibleName(self.tr("One step"))
        self.step_button.setToolTip(self.tr("Draw one more step and write its update out"))
        self.rewind_button.setText(self.tr("Back to the start"))
        self.rewind_button.setAccessibleName(self.tr("Back to the start"))
        self.rewind_button.setToolTip(self.tr("Show the race from its first step again"))
        self.show_what_to_see()

    def show_what_to_see(self) -> None:
        """Say what to look for on the surface chosen."""
        self.what_to_see.setText(self.tr(WHAT_TO_SEE[self.surface_combo.currentData()]))
