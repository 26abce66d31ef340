"""Icons, desktop files and the user guide (guide/index.html), read through importlib.resources."""

#: Which distribution this import package belongs to (gui/preflight.py checks it at start-up).
DISTRIBUTION = "image-cost-calculator"
