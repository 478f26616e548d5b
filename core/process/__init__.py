"""What the kernel and the trainer process share.

Message frames (never pickle), the OS's confinement (limits, Landlock,
seccomp, the audit hook), why a child ended, and a clean exit on SIGTERM.
"""
