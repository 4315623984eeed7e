"""The match-email preferences page (logged in, always one's own) and the one-click unsubscribe
(RFC 8058: a POST without login from the mail client or the confirm page; GET only asks)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from healthmatch.accounts.models import User
from matching.notify import preferences as prefs
from matching.notify.forms import NotificationPreferenceForm


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = prefs.preference_for(request.user)
    form = NotificationPreferenceForm(request.POST or None, instance=preference)
    if request.method == "POST" and form.is_valid():
        prefs.save_preference(form.instance)
        messages.success(request, _("Your email preferences are saved."))
        return redirect("notifications:preferences")
    return render(request, "notifications/preferences.html", {"form": form})


@csrf_exempt  # mail clients POST without a session or CSRF token; the signed token is the proof
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    user_id = prefs.user_id_from_token(token)
    user = User.objects.filter(pk=user_id).first() if user_id else None
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        prefs.unsubscribe(user.pk)
        return render(request, "notifications/unsubscribed.html")
    return render(request, "notifications/unsubscribe_confirm.html", {"token": token})
