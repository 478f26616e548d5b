"""The Exercises tab: tasks the learner does, each checked by the app."""
