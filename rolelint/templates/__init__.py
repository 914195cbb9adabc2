"""Starter files that `rolelint init` copies into a new roles repo (read with importlib.resources)."""
