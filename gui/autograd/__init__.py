"""The Autograd tab: the graph of typed code, Backward step by step, the chain rule with numbers."""
