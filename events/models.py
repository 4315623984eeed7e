"""Matchmaking days and workshops: arrive with the events issue."""
