"""The analysis layer: sweeps, loops, comparisons, diffs and principle checks over walked journeys."""
