"""The interfaces over ``core``: the PySide6 window and the command line.

Importing this package does not import Qt, so the command line starts fast.
"""

#: Which distribution this import package belongs to (gui/preflight.py checks it at start-up).
DISTRIBUTION = "image-cost-calculator"
