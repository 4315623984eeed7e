"""page_bench's WSGI application: production's own (``healthmatch.wsgi``, with its refusal to
start before collectstatic), answering with page_bench's URLconf (``pages/urls.py``): the whole
site plus the barest Django view at ``/bench/bare/``, so the floor the pages are compared with
is served by the same gunicorn workers through the same middleware.

    gunicorn -c deploy/gunicorn.conf.py healthmatch.bench.pages.wsgi

Set once, before the first request: Django reads ``ROOT_URLCONF`` at each request.
"""

from django.conf import settings

from healthmatch.wsgi import application

settings.ROOT_URLCONF = "healthmatch.bench.pages.urls"

__all__ = ["application"]
