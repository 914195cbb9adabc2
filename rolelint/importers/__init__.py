"""Importers that convert third-party career frameworks into rolelint framework and role files."""
