"""The API tokens page: every signed-in person lists, creates and revokes their own tokens.
Another person's token is a 404. A new token is shown once, in the answer to the POST that
created it (never stored, never cached); the form sent again (same form token) lands on the
list instead of making a second token."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from healthmatch.api import services
from healthmatch.api.forms import TokenForm
from healthmatch.api.models import ApiToken
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors
from healthmatch.once.views import submit_once


def _tokens_page(request, form, new_token=None):
    tokens = ApiToken.objects.filter(user=request.user)
    return render(
        request, "api/tokens.html", {"form": form, "tokens": tokens, "new_token": new_token}
    )


def _create_token(request, form):
    try:
        token, plaintext = services.create_token(request.user, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    return _tokens_page(request, TokenForm(), new_token={"row": token, "value": plaintext})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        response = submit_once(request, form, lambda: _create_token(request, form))
        if response:
            return response
    return _tokens_page(request, form)


@login_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if request.method == "POST":
        services.revoke_token(token, by=request.user)
        messages.success(
            request, format_isolated(_("The token %(name)s is revoked."), name=token.name)
        )
        return redirect("api_tokens")
    return render(request, "api/token_revoke.html", {"token": token})
