"""The Results tab's parts: the confusion matrix, its mistakes, the first layer's weights, the data."""
