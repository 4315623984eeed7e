"""Pages for bids: bid on a need, "My bids", a bid's page, and the need owner's list of the
bids on their need. Rules live in matching.bids.services and matching.bids.access; these views
only translate between HTTP and those. Anybody who may not see a bid gets a 404."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from healthmatch.accounts.access import member_org_ids
from healthmatch.attachments.forms import AttachmentForm
from healthmatch.attachments.views import AttachmentSpec
from healthmatch.bidi import format_isolated
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import submit_once
from matching.bids import services
from matching.bids.access import is_bidder, is_need_owner, visible_bids_q
from matching.bids.forms import BidForm, DecisionForm, WithdrawForm
from matching.bids.models import Bid, BidAttachment
from needs.models import Need
from needs.services import can_manage


def _visible_bid_or_404(request, pk) -> Bid:
    return get_object_or_404(
        Bid.objects.filter(visible_bids_q(request.user)).select_related(
            "need", "need__organisation", "need__hub", "company", "author"
        ),
        pk=pk,
    )


def _own_bid_or_404(request, pk) -> Bid:
    """Bids of the user's companies; everybody else gets a 404."""
    return get_object_or_404(
        Bid.objects.of_company_member(request.user).select_related("need", "company"), pk=pk
    )


def _owned_bid_or_404(request, pk) -> Bid:
    """Bids sent to a need of the user's organisations; everybody else gets a 404."""
    return get_object_or_404(
        Bid.objects.filter(
            need__organisation_id__in=member_org_ids(request.user), submitted_at__isnull=False
        ).select_related("need", "company"),
        pk=pk,
    )


def _biddable_need_or_404(request, need_pk) -> Need:
    """A need whose details the user may read (an uninvited company never learns of a
    confidential need's bidding either)."""
    return get_object_or_404(
        Need.objects.details_visible_to(request.user).select_related("organisation", "hub"),
        pk=need_pk,
    )


# --- Bidding --------------------------------------------------------------------------------


def _create_bid(request, need, form):
    data, capabilities = form.service_data()
    try:
        bid = services.create_bid(
            need=need,
            company=form.cleaned_data["company"],
            author=request.user,
            data=data,
            capabilities=capabilities,
            submit="submit" in request.POST,
        )
    except (ValidationError, PermissionDenied) as error:
        apply_errors(form, error)
        return None
    if bid.state == Bid.State.SUBMITTED:
        messages.success(
            request,
            format_isolated(_("Your bid is submitted to %(org)s."), org=need.organisation.name),
        )
    else:
        messages.success(
            request, _("Your draft is saved. Add files, then submit it when it is ready.")
        )
    return redirect(bid)


@login_required
def bid_create(request, need_pk):
    need = _biddable_need_or_404(request, need_pk)
    companies = services.companies_that_may_bid(request.user, need)
    if need.is_confidential and not companies and not is_need_owner(request.user, need):
        raise Http404
    reasons = [services.refusal(need, c) for c in companies]
    if not companies or not any(r is None for r in reasons):
        reason = next((r for r in reasons if r), None) or _(
            "Only members of a verified company organisation can bid on needs."
        )
        return render(
            request, "bids/bid_refused.html", {"need": need, "reason": reason}, status=403
        )
    companies = [c for c, r in zip(companies, reasons, strict=True) if r is None]
    form = BidForm(request.POST or None, companies=companies)
    if request.method == "POST":
        response = submit_once(request, form, lambda: _create_bid(request, need, form))
        if response:
            return response
    return render(request, "bids/bid_form.html", {"form": form, "need": need, "bid": None})


@login_required
def bid_edit(request, pk):
    bid = _own_bid_or_404(request, pk)
    if bid.state != Bid.State.DRAFT:
        messages.info(request, _("Only a draft can be edited."))
        return redirect(bid)
    form = BidForm(request.POST or None, instance=bid)
    if request.method == "POST" and form.is_valid():
        data, capabilities = form.service_data()
        try:
            services.update_bid(bid, actor=request.user, data=data, capabilities=capabilities)
            if "submit" in request.POST:
                services.submit_bid(bid, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Your changes are saved."))
            return redirect(bid)
    return render(request, "bids/bid_form.html", {"form": form, "need": bid.need, "bid": bid})


@login_required
@require_POST
def bid_submit(request, pk):
    bid = _own_bid_or_404(request, pk)
    try:
        services.submit_bid(bid, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your bid is submitted."))
    return redirect(bid)


@login_required
@require_POST
def bid_withdraw(request, pk):
    bid = _own_bid_or_404(request, pk)
    form = WithdrawForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        services.withdraw_bid(bid, actor=request.user, note=note)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("Your bid is withdrawn."))
    return redirect(bid)


# --- The need owner's decision --------------------------------------------------------------


def _decided_text(bid) -> str:
    """What the need's owner is told after a decision, from the emails actually written."""
    names = {"org": bid.company.name, "count": bid.told}
    if not bid.told:
        return (
            _(
                "Your decision is saved. %(org)s has no active member on HealthMatch any more, "
                "so nobody there was emailed."
            )
            % names
        )
    return (
        ngettext(
            "Your decision is saved and %(count)d person at %(org)s is told by email.",
            "Your decision is saved and %(count)d people at %(org)s are told by email.",
            bid.told,
        )
        % names
    )


@login_required
@require_POST
def bid_decide(request, pk):
    bid = _owned_bid_or_404(request, pk)
    form = DecisionForm(request.POST, bid=bid)
    if form.is_valid():
        try:
            decided = services.decide_bid(
                bid,
                actor=request.user,
                state=form.cleaned_data["decision"],
                feedback=form.cleaned_data["feedback"],
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _decided_text(decided))
        return redirect(bid)
    return render(request, "bids/bid_detail.html", _detail_context(request, bid, form), status=200)


# --- Pages ----------------------------------------------------------------------------------


def _detail_context(request, bid, decision_form=None, attachment_form=None) -> dict:
    user = request.user
    bidder = is_bidder(user, bid)
    owner = is_need_owner(user, bid) and bid.submitted_at is not None
    may_decide = owner and bid.state in (Bid.State.SUBMITTED, Bid.State.SHORTLISTED)
    may_attach = services.can_attach(user, bid)
    return {
        "bid": bid,
        "need": bid.need,
        "is_bidder": bidder,
        "is_need_owner": owner,
        "capabilities": list(bid.capabilities.select_related("company")),
        "attachments": list(bid.attachments.all()),
        "events": list(bid.events.select_related("actor")),
        "can_edit": bidder and bid.state == Bid.State.DRAFT,
        "can_withdraw": bidder and bid.state in services.WITHDRAWABLE,
        "withdraw_form": WithdrawForm(),
        "decision_form": (decision_form or DecisionForm(bid=bid)) if may_decide else None,
        "can_attach": may_attach,
        "attachment_form": (attachment_form or AttachmentForm()) if may_attach else None,
        "attachment_limit": settings.ATTACHMENTS_PER_ITEM,
    }


@login_required
def bid_detail(request, pk):
    bid = _visible_bid_or_404(request, pk)
    return render(request, "bids/bid_detail.html", _detail_context(request, bid))


@login_required
def my_bids(request):
    bids = (
        Bid.objects.of_company_member(request.user)
        .select_related("need", "need__organisation", "company")
        .order_by("-updated_at", "-pk")
    )
    return render(request, "bids/my_bids.html", {"bids": bids})


@login_required
def need_bids(request, need_pk):
    """The bids on a need, for its owners and the hub's coordinators."""
    need = get_object_or_404(
        Need.objects.visible_to(request.user).select_related("organisation", "hub"), pk=need_pk
    )
    if not can_manage(request.user, need):
        raise Http404
    bids = (
        need.bids.filter(submitted_at__isnull=False)
        .select_related("company")
        .order_by("-submitted_at", "-pk")
    )
    return render(request, "bids/need_bids.html", {"need": need, "bids": bids})


# --- Attachments ----------------------------------------------------------------------------


class BidAttachments(AttachmentSpec):
    """Files on a bid: whoever may see the bid downloads them; its company's members add and
    delete them while it is a draft (services decide)."""

    model = BidAttachment
    template_name = "bids/bid_detail.html"

    def owner_to_read(self, request, pk):
        return _visible_bid_or_404(request, pk)

    def owner_to_change(self, request, pk):
        return _own_bid_or_404(request, pk)

    def add(self, bid, *, upload, actor):
        return services.add_attachment(bid, upload=upload, actor=actor)

    def delete(self, attachment, *, actor):
        services.delete_attachment(attachment, actor=actor)

    def page_context(self, request, bid, form):
        return _detail_context(request, bid, attachment_form=form)
