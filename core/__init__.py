"""Image Cost Calculator domain: price sheets, scenarios and the pricing engine.

Pure Python on purpose: the window, the command line and the tests all share
these objects, and an import-linter contract keeps Qt out of this package.
"""

__version__ = "0.1.0"

#: Which distribution this import package belongs to (gui/preflight.py checks it at start-up).
DISTRIBUTION = "image-cost-calculator"
