"""The API reads JSON bodies only (anything else is a 415), and no larger than Django's
DATA_UPLOAD_MAX_MEMORY_SIZE (a 413): DRF's parsers read the stream directly, past Django's
own check of that limit."""

from django.conf import settings
from rest_framework.parsers import JSONParser

from healthmatch.api.errors import payload_too_large


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = (parser_context or {}).get("request")
        if limit is not None and request is not None:
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            if length > limit:
                raise payload_too_large()
        return super().parse(stream, media_type, parser_context)
