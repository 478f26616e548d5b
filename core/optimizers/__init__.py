"""The optimizer race: torch.optim's optimizers stepping on two-parameter loss surfaces."""
