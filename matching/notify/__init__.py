"""Match emails to both sides: who hears about which new match (selection), the emails and
digests through the outbox (emails), the per-person preference and the one-click unsubscribe
(preferences), and the preferences and unsubscribe pages (views). See docs/decisions.md,
"Match emails"."""
