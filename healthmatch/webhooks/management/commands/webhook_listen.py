"""``manage.py webhook_listen``: a webhook receiver for trying webhooks out on your machine
(README, "The REST API"). It listens on loopback, checks each message's Standard Webhooks
signature with the endpoint's secret the way a receiver should (docs/api.md, "Headers and
signatures"), prints the event and answers 204, or 401 when the signature does not match.

It is a development tool: a real receiver runs behind HTTPS on a public address, deduplicates by
``webhook-id`` and does its work after answering.
"""

import base64
import hashlib
import hmac
import json
import signal
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.core.management.base import BaseCommand

TOLERANCE_SECONDS = 5 * 60


def verify(secret: str, headers, body: bytes, now: float | None = None) -> bool:
    """True when ``body`` with these headers was signed with ``secret`` (``whsec_...``) less
    than five minutes ago."""
    msg_id = headers.get("webhook-id", "")
    timestamp = headers.get("webhook-timestamp", "")
    if not msg_id or not timestamp.isdigit():
        return False
    if abs((now or time.time()) - int(timestamp)) > TOLERANCE_SECONDS:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        version == "v1" and hmac.compare_digest(value, expected)
        for version, _comma, value in (
            s.partition(",") for s in headers.get("webhook-signature", "").split()
        )
    )


class Command(BaseCommand):
    help = "Receive HealthMatch webhooks on 127.0.0.1 and print them, checking signatures."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8001, help="default 8001; 0 picks one")
        parser.add_argument(
            "--secret", default="", help="the endpoint's signing secret (whsec_...)"
        )

    def handle(self, *args, port, secret, **options):
        command = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers.get("content-length") or 0))
                if secret and not verify(secret, self.headers, body):
                    command.stdout.write(f"REFUSED {self.headers.get('webhook-id')}: bad signature")
                    self.send_response(401)
                else:
                    message = json.loads(body or b"{}")
                    check = "signature ok" if secret else "signature not checked (no --secret)"
                    command.stdout.write(
                        f"{message.get('type')} {self.headers.get('webhook-id')} ({check})\n"
                        f"  {json.dumps(message.get('data'), sort_keys=True)}"
                    )
                    self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()
                command.stdout.flush()

        # Ctrl-C and a plain kill both stop it cleanly, also when started from a shell that
        # ignores SIGINT for background jobs (the child would inherit the ignore).
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        server = HTTPServer(("127.0.0.1", port), Handler)
        self.stdout.write(
            f"Listening on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)"
        )
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
