"""Scoring runs: the per-hub matching settings, the record of each run and the embedding cache;
loading, rescoring and persisting matches around the pure engine (matching.engine)."""
