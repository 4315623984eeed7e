"""manage.py demo_banner --url URL: tell the person starting the demo where to go and how."""

from django.core.management.base import BaseCommand
from django.db import DatabaseError

from healthmatch.demo.report import banner_lines, missing_logins


class Command(BaseCommand):
    help = "Print the demo banner: the URL, the demo logins, where emails go and how to stop."

    def add_arguments(self, parser):
        parser.add_argument(
            "--url", default="http://127.0.0.1:8000/", help="Where the web server listens."
        )

    def handle(self, *args, url, **options):
        for line in banner_lines(url):
            self.stdout.write(line)
        try:
            missing = missing_logins()
        except DatabaseError:
            missing = []  # no database yet: the banner is still useful
        if missing:
            self.stdout.write(
                self.style.WARNING(
                    f"The demo logins are not in the database yet ({', '.join(missing)}): "
                    "run `manage.py seed_demo` (or `make seed`)."
                )
            )
