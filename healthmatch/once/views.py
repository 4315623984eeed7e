"""Running a form's create at most once per form token.

    if request.method == "POST":
        response = submit_once(request, form, lambda: _create(request, form))
        if response:
            return response
    return render(request, "...", {"form": form})

``create`` runs only when the token is genuine and unused and the form is valid; it returns
the response to send (usually a redirect to what it created), or None when it refused (after
putting the service's errors on the form), and then nothing it did is kept and the token stays
unused. A create that refuses with a response of its own (a redirect carrying an error
message) raises ``Refused(response)``: nothing is kept either. A repeated token gets a redirect
to where the first request led.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from healthmatch.once import services


class Refused(Exception):  # noqa: N818 - a way out, not an error
    """Raised by a create that refused and answers with ``response``: its writes and the token's
    claim are rolled back."""

    def __init__(self, response: HttpResponse):
        super().__init__(response)
        self.response = response


def repeated(request, result_url: str) -> HttpResponse:
    """The answer to a form sent again: where the first sending led, with a word why."""
    messages.info(request, _("You had sent this form already: here is what it did."))
    return redirect(result_url or request.get_full_path())


def repeated_post(request) -> HttpResponse | None:
    """The answer to a POST whose (genuine) token was used already, else None. For views whose
    object is gone once the form did its work (an accepted request is no longer pending):
    call it before looking anything up, so a repeat lands on the result, not on a 404."""
    if request.method != "POST":
        return None
    try:
        nonce = services.read(request.POST.get(services.FIELD, ""), request.user)
    except ValidationError:
        return None
    earlier = services.used_result(nonce)
    return repeated(request, earlier) if earlier is not None else None


def submit_once(request, form, create: Callable[[], HttpResponse | None]) -> HttpResponse | None:
    """The response for a POST of ``form``, or None when the form is to be shown again with
    its errors (a bad token's error on top, the user's input kept)."""
    try:
        nonce = services.read(request.POST.get(services.FIELD, ""), request.user)
    except ValidationError as error:
        form.is_valid()  # the field errors too, so one correction fixes everything
        form.add_error(None, error)
        return None
    earlier = services.used_result(nonce)
    if earlier is not None:
        return repeated(request, earlier)
    if not form.is_valid():
        # The same form sent at the same moment may have just done its work, making this copy
        # invalid (its name is taken now): that is a repeat, not a mistake to show.
        earlier = services.used_result(nonce)
        return repeated(request, earlier) if earlier is not None else None
    try:
        with transaction.atomic():
            token = services.claim(nonce, request.user)
            response = create()
            if response is None:
                transaction.set_rollback(True)
                return None
            services.record_result(token, getattr(response, "url", "") or request.get_full_path())
    except services.AlreadyUsed as used:
        return repeated(request, used.result_url)
    except Refused as refused:
        return refused.response
    return response
