"""The autograd graph of typed code.

Its nodes and their gradients, Backward step by step, the chain rule with
numbers, and where each node is drawn.
"""
