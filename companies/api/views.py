"""The capabilities API: the same people see and do the same things as on the capability pages.

- list and detail: ``Capability.objects.visible_to`` (published capabilities of verified
  companies for members of verified organisations; a company's own in every state; their
  hubs' for coordinators), as the capability page;
- create: members of a company (``services.member_companies``), as "Add a capability";
- edit, publish, archive, restore: ``Capability.objects.editable_by`` (the company's members
  and its hub's coordinators), as the capability page's buttons.

Whoever may not open a capability gets a 404; whoever may read but not edit it gets a 404 on
the writes, as on the pages. The services' refusals are 400 or 403 (``service_errors``).
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from companies import services
from companies.api.filters import CapabilityApiFilter, CapabilityOrdering
from companies.api.serializers import (
    CapabilitySerializer,
    CapabilitySummarySerializer,
    CapabilityWriteSerializer,
)
from companies.models import Capability, Certification
from healthmatch.api.errors import service_errors

TERMS = ("technology_types", "clinical_areas", "care_settings")


def _detail(queryset):
    return queryset.select_related("company__organisation__hub").prefetch_related(
        *TERMS,
        Prefetch("certifications", queryset=Certification.objects.select_related("item")),
        "references",
        "attachments",
    )


def _status_action(name, service, summary, description):
    """The action ``name``: a POST that runs a status service on a capability the person may
    edit."""

    @extend_schema(
        summary=summary, description=description, request=None, responses=CapabilitySerializer
    )
    def view(self, request, pk=None):
        capability = self._capability(Capability.objects.editable_by(request.user))
        with service_errors():
            service(capability, actor=request.user)
        return self._full(capability)

    view.__name__ = name
    return action(detail=True, methods=["post"])(view)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List capabilities"),
        description=gettext_lazy(
            "Published capabilities of verified companies, and your own companies' in every "
            "state; recently changed first."
        ),
        responses=CapabilitySummarySerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Read a capability"), responses=CapabilitySerializer
    ),
    create=extend_schema(
        summary=gettext_lazy("Create a draft capability"),
        request=CapabilityWriteSerializer,
        responses={201: CapabilitySerializer},
    ),
    partial_update=extend_schema(
        summary=gettext_lazy("Edit a capability"),
        request=CapabilityWriteSerializer,
        responses=CapabilitySerializer,
    ),
)
class CapabilityViewSet(viewsets.GenericViewSet):
    queryset = Capability.objects.none()
    serializer_class = CapabilitySummarySerializer
    filter_backends = [DjangoFilterBackend, CapabilityOrdering]
    filterset_class = CapabilityApiFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return (
            Capability.objects.visible_to(self.request.user)
            .select_related("company__organisation")
            .prefetch_related(*TERMS)
        )

    def _capability(self, queryset, pk=None):
        return get_object_or_404(_detail(queryset), pk=pk or self.kwargs["pk"])

    def _full(self, capability, status_code=status.HTTP_200_OK):
        capability = self._capability(Capability.objects.all(), capability.pk)
        data = CapabilitySerializer(capability, context=self.get_serializer_context()).data
        return Response(data, status=status_code)

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = CapabilitySummarySerializer(
            page, many=True, context=self.get_serializer_context()
        )
        return self.get_paginated_response(serializer.data)

    def retrieve(self, request, pk=None):
        capability = self._capability(Capability.objects.visible_to(request.user))
        return Response(
            CapabilitySerializer(capability, context=self.get_serializer_context()).data
        )

    def create(self, request):
        organisations = list(services.member_companies(request.user).order_by("name"))
        if not organisations:
            raise exceptions.PermissionDenied(_("Only members of a company can add capabilities."))
        serializer = CapabilityWriteSerializer(
            data=request.data, organisations=organisations, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_data()
        with service_errors():
            capability = services.create_capability(
                serializer.validated_data["organisation"], actor=request.user, data=data, m2m=m2m
            )
        return self._full(capability, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        capability = self._capability(Capability.objects.editable_by(request.user))
        serializer = CapabilityWriteSerializer(
            capability, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_data()
        with service_errors():
            services.update_capability(capability, actor=request.user, data=data, m2m=m2m)
        return self._full(capability)

    publish = _status_action(
        "publish",
        services.publish_capability,
        gettext_lazy("Publish a capability"),
        gettext_lazy(
            "Draft to published: members of verified organisations can find it. The "
            "company must be verified; publishing a published capability changes nothing."
        ),
    )
    archive = _status_action(
        "archive",
        services.archive_capability,
        gettext_lazy("Archive a capability"),
        gettext_lazy("Draft or published to archived: buyers no longer see it. Safe to repeat."),
    )
    restore = _status_action(
        "restore",
        services.unarchive_capability,
        gettext_lazy("Restore an archived capability to draft"),
        gettext_lazy("Archived to draft, as the page's “Restore to draft” button."),
    )
