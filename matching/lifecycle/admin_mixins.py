"""The lifecycle's parts of the Match admin (and of the curation queue, matching.lifecycle.admin):
the match's history and introduction as inlines, bulk actions (approve, met, pilot,
procurement, contract, close with a reason), a page to move one match, the introduction editor
(edit the draft, then send it through the outbox) and the filters of the curation queue. Every
change goes through matching.lifecycle.services, which checks that the coordinator coordinates
the match's hub."""

from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from healthmatch.accounts.admin_mixins import ReadOnlyInline, run_for_each
from healthmatch.form_errors import apply_errors, error_text
from healthmatch.once.views import repeated_post, submit_once
from matching.lifecycle import introductions, services
from matching.lifecycle.forms import CloseForm, IntroductionForm, MoveForm
from matching.lifecycle.models import Introduction, MatchEvent
from matching.models import Match

Status = Match.Status
FAILED = _("%(object)s: %(reason)s")


class MatchEventInline(ReadOnlyInline):
    model = MatchEvent
    fields = ("created_at", "from_status", "to_status", "actor", "note", "internal_note")
    ordering = ("created_at", "pk")
    verbose_name_plural = _("history")


class IntroductionInline(ReadOnlyInline):
    model = Introduction
    fields = ("subject", "drafted_at", "sent_at", "sent_by", "sent_to")

    @admin.display(description=_("sent to"))
    def sent_to(self, obj):
        return introductions.recipients_text(obj.recipients) or "–"


def _move_each(request, queryset, to, note="", internal_note=""):
    run_for_each(
        request,
        queryset.select_related("need", "hub"),
        lambda match: services.move(
            match, to=to, by=request.user, note=note, internal_note=internal_note
        ),
        done=lambda n: (
            ngettext(
                "%(n)d match moved to “%(status)s”.", "%(n)d matches moved to “%(status)s”.", n
            )
            % {"n": n, "status": Status(to).label}
        ),
        failed=FAILED,
    )


def _mover(to, description):
    def action(modeladmin, request, queryset):
        _move_each(request, queryset, to)

    action.__name__ = f"move_to_{to}"
    action.short_description = description
    action.allowed_permissions = ("lifecycle",)
    return action


approve_selected = _mover(Status.APPROVED, _("Approve the selected matches"))
mark_met = _mover(Status.MET, _("Mark as met"))
mark_pilot = _mover(Status.PILOT, _("Mark as pilot"))
mark_procurement = _mover(Status.PROCUREMENT, _("Mark as procurement"))
mark_contract = _mover(Status.CONTRACT, _("Mark as contract"))


@admin.action(description=_("Close the selected matches…"), permissions=["lifecycle"])
def close_selected(modeladmin, request, queryset):
    """Asks for the reason on a confirm page, then closes each match with it."""
    form = CloseForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        _move_each(
            request,
            queryset,
            Status.CLOSED,
            form.cleaned_data["reason"],
            form.cleaned_data["internal_note"],
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Close matches"),
        "opts": modeladmin.model._meta,
        "form": form,
        "queryset": queryset,
        "selected": request.POST.getlist(ACTION_CHECKBOX_NAME),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/lifecycle/close_confirm.html", context)


class LifecycleAdminMixin:
    """For the Match admin (and the curation queue, a proxy of Match)."""

    inlines = [IntroductionInline, MatchEventInline]
    actions = [
        approve_selected,
        mark_met,
        mark_pilot,
        mark_procurement,
        mark_contract,
        close_selected,
    ]

    def has_lifecycle_permission(self, request):
        """Coordinators (the services check the hub of each match) and superusers."""
        user = request.user
        return user.is_active and user.is_staff and self.has_view_permission(request)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_lifecycle"
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/lifecycle/move/",
                wrap(self.move_view),
                name=f"{prefix}_move",
            ),
            path(
                "<int:pk>/lifecycle/approve/",
                wrap(self.approve_view),
                name=f"{prefix}_approve",
            ),
            path(
                "<int:pk>/lifecycle/introduction/",
                wrap(self.introduction_view),
                name=f"{prefix}_introduction",
            ),
            *super().get_urls(),
        ]

    def _lifecycle_match(self, request, pk) -> Match:
        if not self.has_lifecycle_permission(request):
            raise PermissionDenied
        match = (
            Match.objects.filter(pk__in=self.get_queryset(request).values("pk"))
            .select_related("need__organisation", "hub", "capability__company__organisation")
            .filter(pk=pk)
            .first()
        )
        if match is None:  # another hub's match: not found, as on the admin's own pages
            raise Http404
        return match

    def _change_url(self, match):
        return reverse("admin:matching_match_change", args=[match.pk])

    def _page(self, request, match, template, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": Match._meta,
            "original": match,
            "match": match,
            "change_url": self._change_url(match),
            **extra,
        }
        return TemplateResponse(request, template, context)

    def move_view(self, request, pk):
        match = self._lifecycle_match(request, pk)
        form = MoveForm(request.POST or None, initial={"to": request.GET.get("to")})
        if request.method == "POST" and form.is_valid():
            try:
                services.move(
                    match,
                    to=form.cleaned_data["to"],
                    by=request.user,
                    note=form.cleaned_data["note"],
                    internal_note=form.cleaned_data["internal_note"],
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error("to", error_text(error))
            else:
                self.message_user(
                    request,
                    _("The match is now “%(status)s”.") % {"status": match.get_status_display()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(self._next_or_change_url(request, match))
        return self._page(
            request,
            match,
            "admin/lifecycle/move.html",
            form=form,
            title=_("Move the match"),
            back_url=self._next_or_change_url(request, match),
        )

    def _next_or_change_url(self, request, match):
        """Where to go after a move: back where it was asked from (``?next=``, e.g. the curation
        queue) when that is this site, else the match's admin page."""
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = self._change_url(match)
        return target

    def approve_view(self, request, pk):
        """One-click approval from the curation queue (POST only)."""
        if request.method != "POST":
            return HttpResponseRedirect(self._change_url(self._lifecycle_match(request, pk)))
        match = self._lifecycle_match(request, pk)
        try:
            services.approve(match, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)
        else:
            self.message_user(
                request,
                format_html(
                    _('Approved. <a href="{}">Edit and send the introduction</a>.'),
                    reverse("admin:matching_match_lifecycle_introduction", args=[match.pk]),
                ),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._next_or_change_url(request, match))

    def _introduce(self, request, match, form):
        data = form.cleaned_data
        send = "send" in request.POST
        try:
            if send:
                intro = introductions.send_introduction(match, by=request.user, **data)
            else:
                introductions.save_draft(match, by=request.user, **data)
        except (ValidationError, PermissionDenied) as error:
            apply_errors(form, error)
            return None
        if send:
            text = introductions.sent_summary(match, intro)
        else:
            text = _("The draft is saved.")
        self.message_user(request, text, messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(match))

    def introduction_view(self, request, pk):
        match = self._lifecycle_match(request, pk)
        intro = Introduction.objects.filter(match=match).first()
        initial = (
            {f: getattr(intro, f) for f in ("subject", "body_buyer", "body_company")}
            if intro
            else introductions.draft_texts(match)
        )
        sent = intro is not None and intro.sent_at is not None
        form = IntroductionForm(request.POST or None, initial=initial)
        if repeated := repeated_post(request):  # a double click on "Send": already sent
            return repeated
        if request.method == "POST" and not sent:
            response = submit_once(request, form, lambda: self._introduce(request, match, form))
            if response:
                return response
        recipients = None if sent else self._recipients(match)
        return self._page(
            request,
            match,
            "admin/lifecycle/introduction.html",
            form=form,
            intro=intro,
            sent=sent,
            can_send=match.status == Status.APPROVED
            and not sent
            and all(people for _org, people in recipients or ()),
            contacts=introductions.contacts(match),
            recipients=recipients,
            title=_("Introduction"),
        )

    def _recipients(self, match):
        reach = introductions.recipients(match)
        return [
            (match.need.organisation.name, reach["buyer"]),
            (match.capability.company.organisation.name, reach["company"]),
        ]

    @admin.display(description=_("lifecycle"))
    def lifecycle_links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            reverse("admin:matching_match_lifecycle_move", args=[obj.pk]),
            _("Move or close"),
            reverse("admin:matching_match_lifecycle_introduction", args=[obj.pk]),
            _("Introduction"),
        )
