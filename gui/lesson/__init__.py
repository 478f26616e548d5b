"""The Lesson tab: the lesson's 26 cells, each opened in the tab that shows it."""
