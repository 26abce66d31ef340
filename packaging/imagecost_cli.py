"""Frozen entry point of the command line: the same ``main`` as the ``imagecost-cli`` script."""

import sys

from gui.cli import main

sys.exit(main())
