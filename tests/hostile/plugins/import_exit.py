"""Roept sys.exit() aan tijdens het laden."""

import sys

sys.exit(3)
