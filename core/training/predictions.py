"""What a network answered for every image of the test split, and what follows from it.

Plain NumPy, so that the same numbers travel from the training loop to the app
and to the command line: the confusion matrix, the accuracy of each digit, and
the images of one cell of the matrix, most confident first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

CLASSES = 10


@dataclass(frozen=True)
class SplitPredictions:
    """The label, the predicted digit and its probability for each image of a split, in split order.

    ``labels`` and ``predicted`` are uint8 ``(N,)``; ``confidence`` float32 ``(N,)``
    is the softmax probability of the predicted digit.
    """

    labels: np.ndarray = field(compare=False)
    predicted: np.ndarray = field(compare=False)
    confidence: np.ndarray = field(compare=False)

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    @property
    def confusion(self) -> np.ndarray:
        """Return the 10x10 confusion matrix: rows the true digit, columns the prediction."""
        return confusion_matrix(self.labels, self.predicted)

    @property
    def correct(self) -> int:
        """Return how many images were read right."""
        return int(np.count_nonzero(self.labels == self.predicted))

    @property
    def accuracy(self) -> float:
        """Return the fraction read right (the matrix's diagonal over its total)."""
        return self.correct / max(len(self), 1)

    def cell(self, true: int, predicted: int) -> np.ndarray:
        """Return the indices of the images labelled ``true`` and read as ``predicted``, most confident first.

        Ties keep split order, so the answer is the same on every run.
        """
        indices = np.flatnonzero((self.labels == true) & (self.predicted == predicted))
        order = np.argsort(-self.confidence[indices], kind="stable")
        return indices[order]

    def mistakes(self) -> np.ndarray:
        """Return the indices of every misread image, most confident first."""
        indices = np.flatnonzero(self.labels != self.predicted)
        order = np.argsort(-self.confidence[indices], kind="stable")
        return indices[order]


def confusion_matrix(labels: np.ndarray, predicted: np.ndarray, classes: int = CLASSES) -> np.ndarray:
    """Count each (true, predicted) pair: an int64 ``(classes, classes)`` matrix."""
    pairs = np.asarray(labels, dtype=np.int64) * classes + np.asarray(predicted, dtype=np.int64)
    return np.bincount(pairs, minlength=classes * classes).reshape(classes, classes)


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    """Return each digit's accuracy (diagonal over its row); NaN for a digit the split lacks."""
    totals = matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(matrix) / np.maximum(totals, 1), np.nan)


def format_confusion(matrix: np.ndarray, heading: str, accuracy_heading: str) -> str:
    """Lay the matrix out as text: one row per true digit, its accuracy at the end.

    ``heading`` labels the corner (e.g. "true \\ predicted"), ``accuracy_heading`` the last column.
    """
    width = max(5, len(str(int(matrix.max(initial=0)))) + 1)
    corner = max(len(heading), 3)
    lines = [
        heading.ljust(corner)
        + "".join(f"{d:>{width}}" for d in range(matrix.shape[1]))
        + f"  {accuracy_heading}"
    ]
    for digit, (row, accuracy) in enumerate(zip(matrix, per_class_accuracy(matrix), strict=True)):
        shown = "   -" if np.isnan(accuracy) else f"{accuracy:7.2%}"
        lines.append(str(digit).ljust(corner) + "".join(f"{int(n):>{width}}" for n in row) + f"  {shown}")
    return "\n".join(lines)
