from django.contrib.auth.decorators import login_required
from django.urls import path

from healthmatch.attachments import views


def attachment_urls(spec, prefix="<int:pk>/attachments/", *, public_download=False):
    """The upload, download and delete patterns of one kind of owner, named
    ``attachment_upload``, ``attachment_download`` and ``attachment_delete`` in the including
    app's namespace. ``prefix`` captures the owner's ``pk``. Uploading and deleting need a
    login; downloading too unless ``public_download`` (the owner's access rule then decides,
    with a 404 for visitors who may not see it)."""
    kwargs = {"spec": spec}
    download = views.download if public_download else login_required(views.download)
    return [
        path(prefix, login_required(views.upload), kwargs, name="attachment_upload"),
        path(f"{prefix}<int:attachment_pk>/", download, kwargs, name="attachment_download"),
        path(
            f"{prefix}<int:attachment_pk>/delete/",
            login_required(views.delete),
            kwargs,
            name="attachment_delete",
        ),
    ]
