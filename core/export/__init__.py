"""Python scripts written out from what the learner did.

the training script, the session's code, the Draw tab's pipeline.
"""
