"""The coordinator's figures: the funnel dashboard per hub and period (services.py, drawn by
svg.py) and the audit trail of every status change and confidential view (audit.py)."""
