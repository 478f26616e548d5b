"""The Optimizers tab: torch.optim's optimizers racing on loss surfaces the learner can see."""
