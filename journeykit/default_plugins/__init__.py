"""Plugins that ship with journeykit itself."""
