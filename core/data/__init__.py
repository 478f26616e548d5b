"""MNIST, from its four files to the tensors a network reads.

The files and their checks, the download and the import, the tensors in
memory, a page of images as the network sees it, the lesson's DataLoader.
"""
