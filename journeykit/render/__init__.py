"""Renderers: they only read finished Journeys and the model, never walk or load."""
