"""Privacy rights: each person's data export (GDPR art. 15, 20), erasure (art. 17), the
retention periods and their nightly job, and the record of processing (art. 30) at /privacy/.

It finds a person's data by introspection (every concrete foreign key to the user model, every
attachment model, the outbox), so a new app's rows are exported and scrubbed without a change
here. See docs/privacy.md and docs/decisions.md."""
