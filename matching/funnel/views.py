"""The coordinator's report pages in the admin: the funnel (with its CSV) and the audit trail.

Wrapped in ``admin.site.admin_view`` (see urls.py): anybody who is not active staff is sent to
the admin login. A coordinator sees only the hubs they coordinate (superusers: all); asking for
another hub by URL is a 404."""

import csv

from django.contrib import admin
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from healthmatch.accounts.admin_mixins import scope_to_hubs
from healthmatch.accounts.models import Hub
from matching.funnel import audit, services, svg
from matching.funnel.forms import AuditForm, FunnelForm

AUDIT_PAGE_SIZE = 50


def _allowed_hubs(user):
    return scope_to_hubs(Hub.objects.order_by("name"), user, "")


def _bound_form(request, form_class):
    """The form bound to the query string (defaults filled in). A hub the user may not see is
    a 404, as for any object they may not know exists."""
    hubs = _allowed_hubs(request.user)
    hub = request.GET.get("hub", "")
    if hub.isdigit() and not hubs.filter(pk=hub).exists():
        raise Http404
    data = {**form_class.defaults(), **request.GET.dict()}
    return form_class(data, hubs=hubs), hubs


def _render(request, template, context):
    return TemplateResponse(request, template, {**admin.site.each_context(request), **context})


def _pct(value) -> str:
    return "" if value is None else f"{value * 100:.0f}%"


def funnel_chart(funnel) -> str:
    rows = []
    for stage in funnel.stages:
        text = str(stage.needs)
        if stage.conversion is not None:
            text += f" ({_pct(stage.conversion)})"
        rows.append((stage.label, stage.needs, text))
    figures = "; ".join(f"{stage.label}: {stage.needs}" for stage in funnel.stages)
    return svg.bar_chart(
        chart_id="funnel-chart",
        title=_("Needs at each stage, %(start)s to %(end)s")
        % {"start": funnel.start.isoformat(), "end": funnel.end.isoformat()},
        desc=_("Needs posted in the period and how far their matches went. %(figures)s.")
        % {"figures": figures},
        rows=rows,
    )


def funnel(request):
    form, hubs = _bound_form(request, FunnelForm)
    context = {"title": _("Funnel"), "form": form, "has_hubs": hubs.exists()}
    if form.is_valid() and context["has_hubs"]:
        result = services.compute_funnel(
            form.selected_hubs(), form.cleaned_data["start"], form.cleaned_data["end"]
        )
        context.update(
            funnel=result,
            chart=funnel_chart(result),
            csv_query=urlencode(
                {
                    "hub": form.cleaned_data["hub"].pk if form.cleaned_data["hub"] else "",
                    "start": result.start.isoformat(),
                    "end": result.end.isoformat(),
                }
            ),
            rows=[(stage, _pct(stage.conversion)) for stage in result.stages],
        )
    return _render(request, "funnel/dashboard.html", context)


def funnel_csv(request):
    form, hubs = _bound_form(request, FunnelForm)
    if not (form.is_valid() and hubs.exists()):
        return funnel(request)
    result = services.compute_funnel(
        form.selected_hubs(), form.cleaned_data["start"], form.cleaned_data["end"]
    )
    slug = result.hubs[0].slug if len(result.hubs) == 1 else "all-hubs"
    filename = f"funnel-{slug}-{result.start.isoformat()}-{result.end.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow([_("hubs"), _cell("; ".join(hub.name for hub in result.hubs))])
    writer.writerow([_("period"), result.start.isoformat(), result.end.isoformat()])
    writer.writerow([])
    writer.writerow([_("stage"), _("needs"), _("matches"), _("conversion from previous stage")])
    for stage in result.stages:
        writer.writerow(
            [
                stage.label,
                stage.needs,
                "" if stage.matches is None else stage.matches,
                "" if stage.conversion is None else f"{stage.conversion:.4f}",
            ]
        )
    writer.writerow([])
    writer.writerow([_("measure"), _("value")])
    writer.writerow([_("bids"), result.bids])
    writer.writerow([_("needs with bids"), result.needs_with_bids])
    writer.writerow([_("bids per need"), _blank(result.bids_per_need)])
    writer.writerow(
        [_("median time to first match (hours)"), _blank(result.median_hours_to_first_match)]
    )
    return response


def _cell(text: str) -> str:
    """A name a spreadsheet must not run as a formula (CSV injection)."""
    return f"'{text}" if text[:1] in ("=", "+", "-", "@") else text


def _blank(value):
    return "" if value is None else value


def audit_trail(request):
    form, hubs = _bound_form(request, AuditForm)
    context = {"title": _("Audit trail"), "form": form, "has_hubs": hubs.exists()}
    if form.is_valid() and context["has_hubs"]:
        kind = form.cleaned_data["kind"]
        rows = audit.trail(
            form.selected_hubs(),
            kinds=[kind] if kind else None,
            start=form.cleaned_data["start"],
            end=form.cleaned_data["end"],
        )
        page = Paginator(rows, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            show_results=True,
            page_obj=page,
            entries=audit.entries(list(page.object_list)),
            querystring=query.urlencode(),
        )
    return _render(request, "funnel/audit.html", context)
