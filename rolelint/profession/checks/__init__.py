"""Profession rules, one module per rule; each module's name starts with its code."""
