"""The Draw tab: a canvas, the network's reading of the digit, and each step of the input pipeline."""
