"""The Results tab: the confusion matrix, its mistakes, the first layer's weights, the data."""
