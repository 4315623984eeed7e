"""The site's URLs plus two API views the tests need: one that reads a JSON body (writes,
body limits, content types) and one that fails (the JSON 500)."""

from django.urls import path
from rest_framework.response import Response
from rest_framework.views import APIView

from healthmatch.urls import handler400, handler403, handler404, handler500  # noqa: F401
from healthmatch.urls import urlpatterns as site


class Echo(APIView):
    def get(self, request):
        return Response({"user": request.user.email if request.user.is_authenticated else None})

    def post(self, request):
        return Response({"received": request.data, "user": request.user.email}, status=201)


class Boom(APIView):
    def get(self, request):
        raise RuntimeError("boom: a secret in the traceback")


urlpatterns = [
    path("api/v1/test/echo/", Echo.as_view()),
    path("api/v1/test/boom/", Boom.as_view()),
    *site,
]
