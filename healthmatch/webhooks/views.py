"""The organisation administrators' webhook pages, under the organisation's pages
(/organisations/<slug>/webhooks/). Only its active administrators see them: anybody else,
members included, gets 404."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from healthmatch.accounts.models import Membership, Organisation
from healthmatch.durations import humanise_duration
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once
from healthmatch.webhooks import event_types, services
from healthmatch.webhooks.forms import EndpointForm
from healthmatch.webhooks.models import Delivery, Endpoint

RECENT_DELIVERIES = 50


def _organisation_or_404(request, slug) -> Organisation:
    """The organisation when the user is one of its active administrators, else 404."""
    organisation = get_object_or_404(Organisation, slug=slug)
    is_admin = (
        Membership.objects.active()
        .filter(user=request.user, organisation=organisation, role=Membership.Role.ADMIN)
        .exists()
    )
    if not is_admin:
        raise Http404
    return organisation


def _endpoint_or_404(request, slug, pk) -> Endpoint:
    organisation = _organisation_or_404(request, slug)
    endpoint = get_object_or_404(Endpoint, pk=pk, organisation=organisation)
    endpoint.organisation = organisation
    return endpoint


@login_required
def endpoint_list(request, slug):
    organisation = _organisation_or_404(request, slug)
    endpoints = Endpoint.objects.filter(organisation=organisation).order_by("created_at", "pk")
    return render(
        request,
        "webhooks/endpoint_list.html",
        {"organisation": organisation, "endpoints": endpoints},
    )


def _create_endpoint(request, organisation, form):
    try:
        endpoint = services.create_endpoint(organisation, actor=request.user, **form.cleaned_data)
    except ValidationError as error:
        apply_errors(form, error)
        return None
    messages.success(
        request, _("The endpoint is saved. Copy its signing secret into your receiving system.")
    )
    return redirect("webhooks:endpoint", slug=organisation.slug, pk=endpoint.pk)


@login_required
def endpoint_create(request, slug):
    organisation = _organisation_or_404(request, slug)
    form = EndpointForm(request.POST or None)
    if request.method == "POST":
        response = submit_once(request, form, lambda: _create_endpoint(request, organisation, form))
        if response:
            return response
    return render(
        request,
        "webhooks/endpoint_form.html",
        {"organisation": organisation, "form": form, "endpoint": None},
    )


@login_required
def endpoint_edit(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    form = EndpointForm(request.POST or None, instance=endpoint)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_endpoint(endpoint, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("webhooks:endpoint", slug=slug, pk=endpoint.pk)
    return render(
        request,
        "webhooks/endpoint_form.html",
        {"organisation": endpoint.organisation, "form": form, "endpoint": endpoint},
    )


@login_required
def endpoint_detail(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    deliveries = endpoint.deliveries.order_by("-created_at", "-pk")[:RECENT_DELIVERIES]
    return render(
        request,
        "webhooks/endpoint_detail.html",
        {
            "organisation": endpoint.organisation,
            "endpoint": endpoint,
            "deliveries": deliveries,
            "event_labels": [
                (name, label)
                for name, label in event_types.EVENT_TYPES.items()
                if endpoint.subscribes_to(name)
            ],
            "signing_secrets": services.signing_secrets(endpoint),
            "old_secret_signs_for": _old_secret_signs_for(),
        },
    )


def _old_secret_signs_for() -> str:
    """How long a rotated secret keeps signing, as people read it ("24 hours")."""
    return humanise_duration(settings.WEBHOOKS_PREVIOUS_SECRET_SECONDS)


@login_required
@require_POST
def endpoint_rotate(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    services.rotate_secret(endpoint)
    messages.success(
        request,
        _(
            "A new signing secret is made. Deliveries carry a signature with the old secret "
            "too for the next %(duration)s, so you can switch without losing any."
        )
        % {"duration": _old_secret_signs_for()},
    )
    return redirect("webhooks:endpoint", slug=slug, pk=pk)


@login_required
@require_POST
def endpoint_toggle(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    if request.POST.get("active") == "1":
        services.enable(endpoint)
        messages.success(request, _("The endpoint is enabled."))
    else:
        services.disable(
            endpoint,
            reason=_("Disabled by %(name)s.") % {"name": request.user.get_full_name()},
        )
        messages.success(request, _("The endpoint is disabled. Nothing is sent to it."))
    return redirect("webhooks:endpoint", slug=slug, pk=pk)


@login_required
@require_POST
def endpoint_ping(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    try:
        services.send_ping(endpoint)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request, _("A test event is on its way. Its delivery appears below in a moment.")
        )
    return redirect("webhooks:endpoint", slug=slug, pk=pk)


@login_required
@require_POST
def endpoint_delete(request, slug, pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    services.delete_endpoint(endpoint)
    messages.success(request, _("The endpoint and its deliveries are deleted."))
    return redirect("webhooks:list", slug=slug)


@login_required
def delivery_detail(request, slug, pk, delivery_pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    delivery = get_object_or_404(Delivery, pk=delivery_pk, endpoint=endpoint)
    return render(
        request,
        "webhooks/delivery_detail.html",
        {
            "organisation": endpoint.organisation,
            "endpoint": endpoint,
            "delivery": delivery,
            "payload_text": json.dumps(delivery.payload, indent=2, ensure_ascii=False),
        },
    )


@login_required
@require_POST
def delivery_redeliver(request, slug, pk, delivery_pk):
    endpoint = _endpoint_or_404(request, slug, pk)
    delivery = get_object_or_404(Delivery, pk=delivery_pk, endpoint=endpoint)
    try:
        services.redeliver(delivery)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The delivery is queued again, with the same webhook id."))
    return redirect("webhooks:endpoint", slug=slug, pk=pk)
