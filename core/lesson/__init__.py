"""The lesson: its 26 cells, the steps of the Tensors and Autograd tabs, and which tab shows each cell."""
