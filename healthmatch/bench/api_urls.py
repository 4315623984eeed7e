"""api_bench's URLs: the whole site, plus the barest Django view as the floor to compare with."""

from django.http import HttpResponse
from django.urls import include, path


def bare(request):
    return HttpResponse("ok")


urlpatterns = [
    path("bench/bare/", bare),
    path("", include("healthmatch.urls")),
]
