"""Is geen geldige Python."""

def kapot(:
    pass
