"""The tensor playground.

Typed code run in a session (:mod:`core.tensors.sandbox`), what a tensor is
made of, and PyTorch's errors explained in plain words.
"""
