"""Kan niet geladen worden: importeert iets wat niet bestaat."""

import bestaat_niet  # noqa: F401
