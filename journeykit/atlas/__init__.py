"""The documentation site's generated parts: the journey atlas and the references."""
