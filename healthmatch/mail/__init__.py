"""The email outbox, the core's kit every app sends email with: every message HealthMatch sends
is a row written in the event's transaction, then claimed and delivered over SMTP by a Celery task
(see docs/decisions.md, "The email outbox").

- ``services.enqueue()`` renders a message and writes its row (idempotent on the key);
  ``services.notify()`` does it once per user of an event, in each user's language;
- ``sending.deliver_due()`` claims due rows and sends them over one SMTP connection;
- ``services.sweep()`` re-queues rows stuck in "sending" (a worker died mid-batch).
"""
