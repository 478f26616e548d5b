"""Reusable Qt views: tensor tables, graphs, plots, the drawing canvas."""
