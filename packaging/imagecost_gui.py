"""Frozen entry point of the window: the same ``main`` as the ``imagecost`` script."""

import sys

from gui.app import main

sys.exit(main())
