"""The coordination admin for events: events with their sessions and tables, registrations,
and the organisers' actions. Everything is scoped to the coordinator's hubs; status changes,
check-ins and no-shows go through events.services.

Times are entered and shown in the event's own zone: the change form runs under that zone (for
a new event, the zone chosen in the form), so a coordinator in Copenhagen types an Oslo event's
times as they stand on the programme.
"""

import csv

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Value, When
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import services
from events.forms import MessageForm
from events.meetings import changes as meeting_changes
from events.meetings import services as meeting_services
from events.meetings.models import Meeting
from events.models import Event, EventMessage, Registration, Session, Table
from events.organiser.plan import meeting_plan_csv, plan_meetings
from healthmatch.accounts.admin_mixins import (
    HubListFilter,
    HubScopedAdminMixin,
    HubScopedChoicesMixin,
    ReadOnlyAdminMixin,
    run_for_each,
)
from healthmatch.form_errors import error_text
from healthmatch.once.admin_mixins import OnceAddAdminMixin
from healthmatch.once.views import submit_once

# Changing these re-times the session's meetings.
SESSION_TIMING = ("starts_at", "ends_at", "meeting_minutes", "break_minutes")


class SessionInline(admin.TabularInline):
    model = Session
    fields = ("title", "starts_at", "ends_at", "meeting_minutes", "break_minutes", "meeting_cap")
    extra = 0


class TableInline(HubScopedChoicesMixin, admin.TabularInline):
    model = Table
    fields = ("number", "name", "sessions", "host")
    extra = 0

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "host":
            kwargs["queryset"] = Registration.objects.none()
            event_id = request.resolver_match.kwargs.get("object_id")
            if event_id:
                kwargs["queryset"] = (
                    Registration.objects.active()
                    .filter(event_id=event_id)
                    .select_related("user", "event")
                )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "sessions":
            event_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = Session.objects.filter(event_id=event_id or 0)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _action(admin_instance, request, queryset, verb, done, failed):
    run_for_each(
        request, queryset, lambda obj: verb(obj, actor=request.user), done=done, failed=failed
    )


def participants_csv(registrations, filename: str) -> HttpResponse:
    """The participant list: one row per registration, headers in the coordinator's language,
    times in each event's zone."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _t("event"),
            _t("name"),
            _t("email"),
            _t("organisation"),
            _t("kind"),
            _t("status"),
            _t("waiting list position"),
            _t("registered at"),
            _t("sessions"),
            _t("meetings at most"),
            _t("pitched needs"),
            _t("capabilities brought"),
            _t("checked in at"),
            _t("no-show"),
        ]
    )
    positions = {}
    for registration in registrations:
        zone = registration.event.zone
        if registration.status == Registration.Status.WAITLISTED:
            positions[registration.event_id] = positions.get(registration.event_id, 0) + 1
        writer.writerow(
            [
                registration.event.title,
                registration.user.get_full_name(),
                registration.user.email,
                registration.organisation.name,
                registration.get_kind_display(),
                registration.get_status_display(),
                positions[registration.event_id]
                if registration.status == Registration.Status.WAITLISTED
                else "",
                _when(registration.created_at, zone),
                "; ".join(session.title for session in registration.sessions.all()),
                "" if registration.max_meetings is None else registration.max_meetings,
                "; ".join(need.title for need in registration.pitched_needs.all()),
                "; ".join(cap.title for cap in registration.capabilities.all()),
                _when(registration.checked_in_at, zone),
                _t("yes") if registration.no_show else "",
            ]
        )
    return response


def _when(moment, zone) -> str:
    return timezone.localtime(moment, zone).strftime("%Y-%m-%d %H:%M") if moment else ""


def export_queryset(registrations):
    """Registrations in the CSV's order: by event, then confirmed before the waiting list (in
    line order), then the cancelled."""
    return (
        registrations.select_related("event", "user", "organisation")
        .prefetch_related("sessions", "pitched_needs", "capabilities")
        .annotate(
            rank=Case(
                When(status=Registration.Status.CONFIRMED, then=Value(0)),
                When(status=Registration.Status.WAITLISTED, then=Value(1)),
                default=Value(2),
            )
        )
        .order_by("event__starts_at", "event_id", "rank", "waitlisted_at", "created_at", "pk")
    )


@admin.register(Event)
class EventAdmin(OnceAddAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    list_display = ("title", "hub", "starts_at", "status", "visibility", "capacity", "confirmed")
    list_filter = ("status", ("hub", HubListFilter), "visibility", "language")
    list_select_related = ("hub",)
    search_fields = ("title", "venue")
    date_hierarchy = "starts_at"
    readonly_fields = (
        "status",
        "created_by",
        "created_at",
        "published_at",
        "registration_closed_at",
        "cancelled_at",
        "organiser_pages",
    )
    fieldsets = (
        (None, {"fields": ("hub", "title", "description", "status", "language", "visibility")}),
        (
            _("When and where"),
            {
                "fields": ("time_zone", "starts_at", "ends_at", "venue", "online_url"),
                "description": _("Times are in the event's time zone."),
            },
        ),
        (
            _("Registration"),
            {"fields": ("registration_opens_at", "registration_closes_at", "capacity")},
        ),
        (
            _("Matchmaking"),
            {"fields": services.MATCHMAKING_FIELDS},
        ),
        (_("Figures and table plan"), {"fields": ("organiser_pages",)}),
        (
            _("History"),
            {
                "classes": ("collapse",),
                "fields": (
                    "created_by",
                    "created_at",
                    "published_at",
                    "registration_closed_at",
                    "cancelled_at",
                ),
            },
        ),
    )
    inlines = [SessionInline, TableInline]
    actions = [
        "publish_selected",
        "close_registration_selected",
        "cancel_selected",
        "export_participants",
        "message_participants",
        "run_scheduler_selected",
        "export_meeting_plan",
    ]

    def has_change_permission(self, request, obj=None):
        """A cancelled event is shown, never changed."""
        if obj is not None and obj.status == Event.Status.CANCELLED:
            return False
        return super().has_change_permission(request, obj)

    @admin.display(description=_("confirmed"))
    def confirmed(self, obj):
        return obj.registrations.confirmed().count()

    @admin.display(description=_("pages"))
    def organiser_pages(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("events:figures", args=[obj.pk]),
            _t("Figures"),
            reverse("events:table_plan", args=[obj.pk]),
            _t("Table plan"),
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """Run the form under the event's zone: the one posted, else the saved event's."""
        zone = request.POST.get("time_zone")
        if zone not in Event.TimeZone.values:
            zone = Event.TimeZone.COPENHAGEN
            if object_id:
                event = self.get_object(request, object_id)
                zone = event.time_zone if event is not None else zone
        with timezone.override(zone):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if hasattr(response, "render"):  # render the times now, still in the zone
                response.render()
        return response

    def save_model(self, request, obj, form, change):
        # The form has checked the model's rules; the service checks who may save it.
        services.save_event(obj, actor=request.user)

    def save_formset(self, request, form, formset, change):
        """A session whose times changed re-times its meetings (events.meetings.changes)."""
        retimed = []
        if formset.model is Session:
            retimed = [
                f.instance
                for f in formset.initial_forms
                if f.instance.pk and set(f.changed_data) & set(SESSION_TIMING)
            ]
        super().save_formset(request, form, formset, change)
        deleted = {obj.pk for obj in getattr(formset, "deleted_objects", ())}
        for session in retimed:
            if session.pk is not None and session.pk not in deleted:
                meeting_changes.retime_session(session, actor=request.user)

    # --- Actions ----------------------------------------------------------------------------

    @admin.action(description=_("Run the meeting scheduler"), permissions=["change"])
    def run_scheduler_selected(self, request, queryset):
        """Schedule each selected event's accepted requests; the summary as a message."""
        for event in queryset:
            try:
                summary = meeting_services.run_scheduler(event, actor=request.user)
            except (ValidationError, PermissionDenied) as error:
                reason = error_text(error) or _t("Not allowed.")
                messages.error(
                    request,
                    _t("“%(object)s” was not scheduled: %(reason)s")
                    % {"object": event, "reason": reason},
                )
                continue
            messages.success(request, f"{event}: {summary.message()}")

    @admin.action(description=_("Publish selected events"), permissions=["change"])
    def publish_selected(self, request, queryset):
        _action(
            self,
            request,
            queryset,
            services.publish_event,
            lambda n: (
                ngettext("%(count)d event published.", "%(count)d events published.", n)
                % {"count": n}
            ),
            _("“%(object)s” was not published: %(reason)s"),
        )

    @admin.action(description=_("Close registration for selected events"), permissions=["change"])
    def close_registration_selected(self, request, queryset):
        _action(
            self,
            request,
            queryset,
            services.close_registration,
            lambda n: (
                ngettext(
                    "Registration closed for %(count)d event.",
                    "Registration closed for %(count)d events.",
                    n,
                )
                % {"count": n}
            ),
            _("Registration for “%(object)s” was not closed: %(reason)s"),
        )

    @admin.action(description=_("Cancel selected events"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        _action(
            self,
            request,
            queryset,
            services.cancel_event,
            lambda n: (
                ngettext("%(count)d event cancelled.", "%(count)d events cancelled.", n)
                % {"count": n}
            ),
            _("“%(object)s” was not cancelled: %(reason)s"),
        )

    @admin.action(description=_("Export participants as CSV"), permissions=["view"])
    def export_participants(self, request, queryset):
        registrations = Registration.objects.filter(event__in=queryset.values("pk"))
        slug = f"event-{queryset.get().pk}" if queryset.count() == 1 else "events"
        return participants_csv(export_queryset(registrations), f"participants-{slug}.csv")

    @admin.action(description=_("Export the meeting plan as CSV"), permissions=["view"])
    def export_meeting_plan(self, request, queryset):
        meetings = plan_meetings(Meeting.objects.filter(session__event__in=queryset.values("pk")))
        slug = f"event-{queryset.get().pk}" if queryset.count() == 1 else "events"
        return meeting_plan_csv(meetings, f"meeting-plan-{slug}.csv")

    def _send_message(self, request, queryset, form):
        data = form.cleaned_data
        written = []  # the emails each message wrote to the outbox

        def send(event):
            message = services.message_participants(
                event,
                actor=request.user,
                subject=data["subject"],
                body=data["body"],
                include_waitlisted=data["include_waitlisted"],
            )
            written.append(message.recipients)

        run_for_each(
            request,
            queryset,
            send,
            done=lambda n: (
                ngettext(
                    "Your message is in the outbox for %(people)d participant",
                    "Your message is in the outbox for %(people)d participants",
                    sum(written),
                )
                % {"people": sum(written)}
                + " "
                + ngettext("of %(count)d event.", "of %(count)d events.", n) % {"count": n}
            ),
            failed=_("No message went to “%(object)s”: %(reason)s"),
        )
        return HttpResponseRedirect(request.get_full_path())

    @admin.action(description=_("Message participants"), permissions=["change"])
    def message_participants(self, request, queryset):
        """An intermediate page asks for the message; sending writes one email per person."""
        form = MessageForm(request.POST if "apply" in request.POST else None)
        if "apply" in request.POST:  # sent once per form token: a double click mails once
            response = submit_once(
                request, form, lambda: self._send_message(request, queryset, form)
            )
            if response:
                return response
        context = {
            **self.admin_site.each_context(request),
            "title": _("Message participants"),
            "opts": self.model._meta,
            "queryset": queryset,
            "form": form,
            "action_name": "message_participants",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "select_across": request.POST.get("select_across", "0"),
            "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/events/event/message_participants.html", context)


@admin.register(Registration)
class RegistrationAdmin(HubScopedAdminMixin, admin.ModelAdmin):
    """Who registered: read-only rows; check-in and no-shows through the actions."""

    hub_path = "event__hub"
    list_display = (
        "user",
        "organisation",
        "event",
        "kind",
        "status",
        "created_at",
        "checked_in_at",
        "no_show",
        "agenda_link",
    )
    list_filter = (
        "status",
        "kind",
        "no_show",
        ("event__hub", HubListFilter),
        ("event", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("user", "organisation", "event")
    search_fields = ("user__email", "user__name", "organisation__name", "event__title")
    date_hierarchy = "created_at"
    fields = (
        "event",
        "user",
        "organisation",
        "kind",
        "status",
        "created_at",
        "confirmed_at",
        "waitlisted_at",
        "cancelled_at",
        "max_meetings",
        "sessions",
        "pitched_needs",
        "capabilities",
        "checked_in_at",
        "no_show",
        "agenda_link",
    )
    readonly_fields = fields
    actions = ["mark_checked_in", "mark_no_show", "cancel_selected", "export_selected"]

    @admin.display(description=_("agenda"))
    def agenda_link(self, obj):
        """The participant's agenda page (confirmed participants have one)."""
        if obj.pk is None or obj.status != Registration.Status.CONFIRMED:
            return "–"
        url = reverse("events:agenda", args=[obj.event_id]) + f"?registration={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _t("Agenda"))

    def has_add_permission(self, request):
        """People register on the event's page (services.register), under the capacity."""
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Mark as checked in"), permissions=["change"])
    def mark_checked_in(self, request, queryset):
        run_for_each(
            request,
            queryset.select_related("event", "user"),
            lambda registration: services.check_in(registration, actor=request.user),
            done=lambda n: (
                ngettext(
                    "%(count)d participant checked in.", "%(count)d participants checked in.", n
                )
                % {"count": n}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d participant was already checked in.",
                    "%(count)d participants were already checked in.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not checked in: %(reason)s"),
        )

    @admin.action(description=_("Mark as no-show"), permissions=["change"])
    def mark_no_show(self, request, queryset):
        run_for_each(
            request,
            queryset.select_related("event", "user"),
            lambda registration: services.mark_no_show(registration, actor=request.user),
            done=lambda n: (
                ngettext(
                    "%(count)d participant marked as no-show.",
                    "%(count)d participants marked as no-shows.",
                    n,
                )
                % {"count": n}
            ),
            skipped=lambda n: (
                ngettext(
                    "%(count)d participant was already marked.",
                    "%(count)d participants were already marked.",
                    n,
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not marked: %(reason)s"),
        )

    @admin.action(description=_("Cancel selected registrations"), permissions=["change"])
    def cancel_selected(self, request, queryset):
        """Their seats go to the waiting list; their requests and meetings are cancelled."""
        run_for_each(
            request,
            queryset.select_related("event", "user"),
            lambda registration: services.cancel_registration(registration, actor=request.user),
            done=lambda n: (
                ngettext(
                    "%(count)d registration cancelled.", "%(count)d registrations cancelled.", n
                )
                % {"count": n}
            ),
            failed=_("“%(object)s” was not cancelled: %(reason)s"),
        )

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_selected(self, request, queryset):
        return participants_csv(export_queryset(queryset), "participants.csv")


@admin.register(EventMessage)
class EventMessageAdmin(ReadOnlyAdminMixin, HubScopedAdminMixin, admin.ModelAdmin):
    """What the organisers wrote to participants: read-only, scoped to the coordinator's hubs."""

    hub_path = "event__hub"
    list_display = ("created_at", "event", "subject", "sender", "recipients")
    list_filter = (("event__hub", HubListFilter),)
    list_select_related = ("event", "sender")
    search_fields = ("subject", "body", "event__title")
    fields = (
        "event",
        "sender",
        "subject",
        "body",
        "include_waitlisted",
        "recipients",
        "created_at",
    )
    readonly_fields = fields
    deletable = False
