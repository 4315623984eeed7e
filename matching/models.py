"""Matches between needs and capabilities: the engine arrives with the matching issue."""
