"""The lesson's own input pipeline: a DataLoader that turns each image into a tensor with ToTensor.

The app trains from tensors already in memory (core.training.loop); this pipeline
is kept to compare with, as ``--pipeline dataloader`` and in bench/.
"""

from __future__ import annotations

import torch

from core.data.mnist import MnistSplit


class _LessonDataset(torch.utils.data.Dataset):
    """Items as the lesson's ``datasets.MNIST(transform=ToTensor())`` yields them."""

    def __init__(self, split: MnistSplit) -> None:
        from torchvision import transforms

        self.split = split
        self.to_tensor = transforms.ToTensor()

    def __len__(self) -> int:
        return len(self.split)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        from PIL import Image

        image = Image.fromarray(self.split.images[index].numpy(), mode="L")
        return self.to_tensor(image), int(self.split.labels[index])


def lesson_loader(split: MnistSplit, batch_size: int, seed: int) -> torch.utils.data.DataLoader:
    """Build the lesson's DataLoader (PIL + ToTensor per item, shuffled)."""
    generator = torch.Generator().manual_seed(seed)
    return torch.utils.data.DataLoader(
        _LessonDataset(split), batch_size=batch_size, shuffle=True, generator=generator
    )
