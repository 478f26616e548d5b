"""The Qt-free engine of PyTorch Basics: data, the lesson's networks, training, inspection."""
