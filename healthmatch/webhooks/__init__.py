"""Signed webhooks: organisations' HTTPS endpoints, deliveries retried from a table (a core kit)."""
