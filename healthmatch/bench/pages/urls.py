"""page_bench's URLconf: the bench's (the whole site and the barest Django view at
``/bench/bare/``, healthmatch/bench/api_urls.py) plus ``/bench/hold/``, which holds its worker
for a quarter of a second: the runner sends one to each worker at once to tell that every worker
is free before the next page is loaded (see ``runner.drain``)."""

import time

from django.http import HttpResponse
from django.urls import path

from healthmatch.bench import api_urls

HOLD_SECONDS = 0.25


def hold(request):
    time.sleep(HOLD_SECONDS)
    return HttpResponse("held")


urlpatterns = [path("bench/hold/", hold), *api_urls.urlpatterns]
