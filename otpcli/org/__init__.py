"""The org repository format: the models, loading with positions, round-trip editing,
JSON Schema, the org calendar, and creating an org (``otp init``).

May import only the plumbing (``otpcli.errors``, ``fileio``, ``git``, ``clock``, ...).
"""
