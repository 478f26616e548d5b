"""The app's start-up, its main window and the File menu's actions."""
