"""Stop reading an upload as soon as it passes ATTACHMENT_MAX_BYTES.

Django's own handlers receive a file whole (to memory, then to a temporary file) before any
form can refuse it: an 11 MB upload was read and written to disk only to be turned away. This
handler runs first (``FILE_UPLOAD_HANDLERS``): when a file's bytes pass the limit, or the
declared body is larger than any accepted upload can be, it marks the request
(``request.upload_too_large``) and halts the parser without reading the rest of the body. The
fields before the file (the CSRF token) are kept, so the view answers with a form error under
the file field (``AttachmentForm``). Browsers check the size before sending
(``static/js/uploads.js``); the proxy in front caps bodies too (deploy/README.md).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# What a multipart body holds besides the file: the CSRF token, boundaries, headers.
FORM_OVERHEAD_BYTES = 64 * 1024


def upload_too_large(request) -> bool:
    return getattr(request, "upload_too_large", False)


class SizeLimitUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = settings.ATTACHMENT_MAX_BYTES
        # Decided now, refused at the first file byte: the fields before it are still read.
        self.declared_too_large = content_length > self.limit + FORM_OVERHEAD_BYTES
        return None  # the parser goes on, with this handler first in line

    def receive_data_chunk(self, raw_data, start):
        if self.declared_too_large or start + len(raw_data) > self.limit:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=True)
        return raw_data  # the next handler stores it

    def file_complete(self, file_size):
        return None  # the next handler builds the file
