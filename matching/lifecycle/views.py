"""The parties' pages: interest on a match card, the match page (contact details once
introduced, "we met" / "pilot started"), and the follow-up answer links (GET asks, POST acts).
Thin: the rules are in services; anyone who may not see a match gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from healthmatch.accounts.models import User
from healthmatch.form_errors import error_text
from matching.access import BUYER, sides_of
from matching.lifecycle import follow_up as follow_ups
from matching.lifecycle import services
from matching.lifecycle.forms import InterestForm, ReportForm
from matching.lifecycle.introductions import contacts, contacts_visible
from matching.models import Match
from needs.models import Need
from needs.services import is_coordinator


def _match(pk):
    return get_object_or_404(
        Match.objects.select_related(
            "need__organisation", "need__hub", "capability__company__organisation", "hub"
        ),
        pk=pk,
    )


def _visible_match(user, pk):
    match = _match(pk)
    if not (sides_of(user, match) or is_coordinator(user, match.need)):
        raise Http404
    return match


def _next(request, default):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def detail(request, pk):
    match = _visible_match(request.user, pk)
    sides = sides_of(request.user, match)
    teaser_only = (
        BUYER not in sides
        and not is_coordinator(request.user, match.need)
        and not Need.objects.details_visible_to(request.user).filter(pk=match.need_id).exists()
    )
    context = {
        "match": match,
        "sides": sides,
        "teaser_only": teaser_only,
        # The parties' page: coordinators' internal notes are never loaded for it.
        "events": match.events.select_related("actor")
        .defer("internal_note")
        .order_by("created_at", "pk"),
        "contacts": contacts(match) if contacts_visible(match) else None,
        "report_form": ReportForm() if services.can_report(request.user, match) else None,
        "report_targets": services.can_report(request.user, match),
        "can_answer": match.status == Match.Status.SUGGESTED and bool(sides),
        "interest_form": InterestForm(),
    }
    return render(request, "lifecycle/match_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def interest(request, pk):
    """POST from a match card (or this page's own form); GET shows the form on its own."""
    match = _match(pk)
    sides = sides_of(request.user, match)
    if not sides:
        raise Http404
    form = InterestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        side = form.cleaned_data["side"] or None
        try:
            services.state_interest(
                match,
                by=request.user,
                side=side,
                interest=form.cleaned_data["interest"],
                reason=form.cleaned_data["reason"],
            )
        except PermissionDenied:
            form.add_error("side", _("Choose the side you answer for."))
        except ValidationError as error:
            messages.error(request, error_text(error))
            return redirect("lifecycle:detail", pk=match.pk)
        else:
            if form.cleaned_data["interest"] == Match.Interest.INTERESTED:
                messages.success(request, _("Thank you: your interest is recorded."))
            else:
                messages.success(request, _("Noted: it will not be suggested again."))
            default = match.need.get_absolute_url() if side == BUYER else "dashboard"
            return redirect(_next(request, default))
    return render(
        request,
        "lifecycle/interest.html",
        {"match": match, "form": form, "sides": sides},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def report(request, pk):
    match = _visible_match(request.user, pk)
    if not sides_of(request.user, match):
        raise Http404
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose what happened."))
        return redirect("lifecycle:detail", pk=match.pk)
    try:
        services.report(
            match, by=request.user, to=form.cleaned_data["to"], note=form.cleaned_data["note"]
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Thank you: the match is updated."))
    return redirect("lifecycle:detail", pk=match.pk)


@require_http_methods(["GET", "POST"])
def follow_up(request, token):
    """The follow-up email's links: signed, so no login is needed; GET only asks to confirm."""
    data = follow_ups.read_token(token)
    user = match = None
    if data is not None:
        user = User.objects.filter(pk=data["u"], is_active=True).first()
        match = _match(data["m"]) if Match.objects.filter(pk=data["m"]).exists() else None
    if user is None or match is None or not sides_of(user, match):
        return render(request, "lifecycle/follow_up_invalid.html", status=400)
    context = {"match": match, "answer": data["a"], "token": token}
    if request.method == "POST":
        try:
            follow_ups.answer(match, user=user, answer=data["a"])
        except ValidationError as error:
            context["error"] = error_text(error)
            return render(request, "lifecycle/follow_up_done.html", context, status=409)
        return render(request, "lifecycle/follow_up_done.html", context)
    return render(request, "lifecycle/follow_up_confirm.html", context)
