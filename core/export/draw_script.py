"""The Draw tab's reading as code a learner can run: from a drawing to ten probabilities.

:func:`prepare` is written as the lesson would write it, and its source is
what the Draw tab shows (with :data:`PREDICT`), beside the images it returns.
It computes the same tensor as :func:`core.models.digits.preprocess` (a test checks
it on real test digits); that function stays the app's fast path. The code shown
has its comments in the current language (:data:`COMMENTS`); the code is code.
"""

from __future__ import annotations

import inspect

import torch
import torch.nn.functional as F

from core.base.i18n import N_
from core.export.train_templates import said
from core.models.digits import INK_THRESHOLD

IMPORTS = f"""\
import torch
import torch.nn.functional as F

INK_THRESHOLD = {INK_THRESHOLD}  # fainter pixels are not ink
"""

PREDICT = """\
crop, box, x = prepare(drawing)  # drawing: a 2-D array, ink bright on dark
model.eval()
with torch.no_grad():
    probabilities = model(x).softmax(1)  # ten numbers that add up to 1 (the app's Net pads x to 32x32)
print("The network reads a", probabilities.argmax(1).item())
"""


def prepare(drawing):
    """Turn a drawing into the network's 1x1x28x28 input, as MNIST's digits were made.

    Returns the three steps' images: the crop, the 20x20 box, and the input.
    """
    image = torch.as_tensor(drawing, dtype=torch.float32)
    if image.max() > 1:
        image = image / 255  # 0-255 becomes 0-1, the range the network was trained on
    image = image.clamp(0, 1)

    # 1. Crop to the ink: the rows and columns holding a pixel brighter than INK_THRESHOLD.
    rows, cols = torch.nonzero(image > INK_THRESHOLD, as_tuple=True)
    crop = image[rows.min() : rows.max() + 1, cols.min() : cols.max() + 1]

    # 2. Scale it so that its longer side is 20 pixels (MNIST's 20x20 box), keeping its shape.
    scale = 20 / max(crop.shape)
    height = max(1, round(crop.shape[0] * scale))
    width = max(1, round(crop.shape[1] * scale))
    box = F.interpolate(crop[None, None], size=(height, width), mode="bilinear", antialias=True)
    box = box[0, 0].clamp(0, 1)

    # 3. Place it in a 28x28 field with its centre of mass on pixel (14, 14).
    mass = box.sum()
    centre_row = float((box.sum(1) * torch.arange(height, dtype=torch.float32)).sum() / mass)
    centre_col = float((box.sum(0) * torch.arange(width, dtype=torch.float32)).sum() / mass)
    top = min(max(round(14 - centre_row), 0), 28 - height)
    left = min(max(round(14 - centre_col), 0), 28 - width)
    x = torch.zeros(1, 1, 28, 28)  # a batch of one image with one channel
    x[0, 0, top : top + height, left : left + width] = box
    return crop, box, x


# Every comment and docstring line of the code shown, exactly as written above: translated when shown.
COMMENTS = (
    N_("fainter pixels are not ink"),
    N_("drawing: a 2-D array, ink bright on dark"),
    N_("ten numbers that add up to 1 (the app's Net pads x to 32x32)"),
    N_("Turn a drawing into the network's 1x1x28x28 input, as MNIST's digits were made."),
    N_("Returns the three steps' images: the crop, the 20x20 box, and the input."),
    N_("0-255 becomes 0-1, the range the network was trained on"),
    N_("1. Crop to the ink: the rows and columns holding a pixel brighter than INK_THRESHOLD."),
    N_("2. Scale it so that its longer side is 20 pixels (MNIST's 20x20 box), keeping its shape."),
    N_("3. Place it in a 28x28 field with its centre of mass on pixel (14, 14)."),
    N_("a batch of one image with one channel"),
)


def code_text() -> str:
    """Return the reading as one script: the imports, :func:`prepare`, then the prediction.

    Its comments are in the current language.
    """
    source = inspect.getsource(prepare)
    return said(f"{IMPORTS}\n\n{source}\n\n{PREDICT}", COMMENTS)
