"""The networks and what is kept of them.

The settings of a run, the devices, checkpoints and their checks, the trained
model, a drawn digit's way into it, the first layer's weights as pictures.
"""
