"""The ground every other package stands on.

Messages and their language, the app's folders, logs, files written safely,
settings read back from disk.
"""
