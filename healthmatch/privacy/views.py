"""The person's privacy page (/account/privacy/): ask for an export, download it, delete the
account; and the public /privacy/ page. An export belongs to its person alone: anyone else
gets 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from healthmatch.form_errors import apply_errors
from healthmatch.privacy import erasure, record
from healthmatch.privacy import export as export_service
from healthmatch.privacy.forms import DeleteAccountForm
from healthmatch.privacy.models import DataExport
from healthmatch.privacy.retention import retention_periods


@never_cache
@login_required
def my_privacy(request):
    exports = DataExport.objects.filter(user=request.user)[:10]
    return render(
        request,
        "privacy/account.html",
        {"exports": exports, "link_hours": settings.PRIVACY_EXPORT_LINK_HOURS},
    )


@login_required
@require_POST
def export_request(request):
    export_service.request_export(request.user)
    messages.success(
        request,
        _("Your archive is being prepared. We will email you a download link when it is ready."),
    )
    return redirect("privacy:account")


@never_cache
@login_required
@require_http_methods(["GET"])
def export_download(request, token):
    export = get_object_or_404(DataExport, token=token, user=request.user)
    if not export.is_downloadable:
        return render(request, "privacy/export_expired.html", {"export": export}, status=410)
    response = FileResponse(
        export.archive.open("rb"),
        as_attachment=True,
        filename=f"healthmatch-data-{request.user.pk}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    """Confirm with the password; then the account is erased at once and the person signed out."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            erasure.erase_person(request.user, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            logout(request)
            messages.success(request, _("Your account is deleted. Goodbye."))
            return redirect("home")
    return render(request, "privacy/delete_account.html", {"form": form})


def privacy_notice(request):
    """What HealthMatch keeps and for how long: generated from the retention settings."""
    context = {
        "retention": retention_periods(),
        "activities": record.ACTIVITIES,
        "storage": record.STORAGE,
    }
    return render(request, "privacy/notice.html", context)
