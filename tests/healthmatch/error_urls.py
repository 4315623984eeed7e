"""The site's URLs plus views that fail, for the error page tests."""

from django.core.exceptions import BadRequest
from django.http import Http404
from django.urls import path

from healthmatch.urls import handler400, handler403, handler404, handler500  # noqa: F401
from healthmatch.urls import urlpatterns as site


def boom(request):
    raise RuntimeError("boom: a secret in the traceback")


def missing(request):
    raise Http404("No need with that id.")


def unreadable(request):
    raise BadRequest("The filter makes no sense.")


urlpatterns = [
    path("test/boom/", boom),
    path("test/missing/", missing),
    path("test/unreadable/", unreadable),
    *site,
]
