"""The interfaces over ``core``: the PySide6 window and the command line.

Importing this package does not import Qt, so the command line starts fast.
"""
