"""Price sheets (YAML data), read through importlib.resources."""

#: Which distribution this import package belongs to (gui/preflight.py checks it at start-up).
DISTRIBUTION = "image-cost-calculator"
