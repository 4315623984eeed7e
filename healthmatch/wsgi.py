"""The WSGI application (gunicorn in production).

In production (DEBUG off) it refuses to start without collected static files: with the manifest
storage every page that names a static file would be an error 500 until ``collectstatic`` has
run, so the server fails at start-up, with the command to run, instead of per request.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "healthmatch.settings")
application = get_wsgi_application()


def require_collected_static() -> None:
    from django.conf import settings
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.exceptions import ImproperlyConfigured

    manifest = getattr(staticfiles_storage, "manifest_name", None)
    if settings.DEBUG or manifest is None or staticfiles_storage.exists(manifest):
        return
    raise ImproperlyConfigured(
        f"No collected static files: {settings.STATIC_ROOT / manifest} is missing, so every "
        "page would fail. Run `python manage.py collectstatic --noinput` (the Docker image "
        "does it when it is built), then start the server again."
    )


require_collected_static()
