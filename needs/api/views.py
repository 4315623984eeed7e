"""The needs API: the same people see and do the same things as on the needs pages.

- list: the needs list page (``Need.objects.visible_to`` narrowed by its filters: open needs
  unless ``status`` says otherwise), searched and ordered as there;
- detail: the need page's teaser or full need, as ``needs.services.need_access`` decides (a
  look at a confidential need's details is audited, as on the page);
- create, edit, submit: the members of the owning organisation (``Need.objects.owned_by``), as
  the draft pages; close: the owners and the hub's coordinators, as the need page's button;
- attachments: who may read the details (``Need.objects.details_visible_to``), as the download.

Whoever may not open a need gets a 404; the services' refusals are 400 or 403
(``service_errors``).
"""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import exceptions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from healthmatch.api.errors import service_errors
from healthmatch.page_cache.views import cached_data
from needs import services
from needs.api.filters import NeedApiFilter, NeedOrdering, with_sort_keys
from needs.api.serializers import (
    CloseSerializer,
    NeedAttachmentSerializer,
    NeedSerializer,
    NeedSummarySerializer,
    NeedTeaserSerializer,
    NeedWriteSerializer,
)
from needs.models import Need

TEASER_PREFETCH = ("clinical_areas", "care_settings", "technology_types")
DETAIL_PREFETCH = (*TEASER_PREFETCH, "regulatory_requirements")

NEED_DETAIL = PolymorphicProxySerializer(
    component_name="NeedDetail",
    serializers=[NeedSerializer, NeedTeaserSerializer],
    resource_type_field_name=None,
)


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("List needs"),
        description=gettext_lazy(
            "The needs list: open needs by default, newest first; teasers only (the details "
            "are on each need)."
        ),
        responses=NeedSummarySerializer(many=True),
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("Read a need"),
        description=gettext_lazy(
            "The full need when you may read its details (details_visible is true), else its "
            "teaser and why the details are hidden."
        ),
        responses=NEED_DETAIL,
    ),
    create=extend_schema(
        summary=gettext_lazy("Create a draft need"),
        request=NeedWriteSerializer,
        responses={201: NeedSerializer},
    ),
    partial_update=extend_schema(
        summary=gettext_lazy("Edit a draft need"),
        request=NeedWriteSerializer,
        responses=NeedSerializer,
    ),
)
class NeedViewSet(viewsets.GenericViewSet):
    queryset = Need.objects.none()
    serializer_class = NeedSummarySerializer
    filter_backends = [DjangoFilterBackend, NeedOrdering]
    filterset_class = NeedApiFilter
    lookup_value_regex = "[0-9]+"

    def get_queryset(self):
        return with_sort_keys(
            Need.objects.visible_to(self.request.user)
            .select_related("organisation", "hub")
            .prefetch_related(*TEASER_PREFETCH)
        )

    def _need(self, queryset, pk=None):
        """The need of the URL (or ``pk``) among ``queryset``, or a 404."""
        return get_object_or_404(
            queryset.select_related("organisation", "hub").prefetch_related(*DETAIL_PREFETCH),
            pk=pk or self.kwargs["pk"],
        )

    def _full(self, need, status_code=status.HTTP_200_OK):
        """The need as it is now, in full (its owners and coordinators are asking)."""
        need = self._need(Need.objects.all(), need.pk)
        access = services.need_access(self.request.user, need)
        context = {**self.get_serializer_context(), "access": access}
        return Response(NeedSerializer(need, context=context).data, status=status_code)

    # --- Reading ------------------------------------------------------------------------------

    def list(self, request):
        # Kept per person and address until anything changes (healthmatch/page_cache).
        return Response(cached_data(request, self._list_data))

    def _list_data(self):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        serializer = NeedSummarySerializer(page, many=True, context=self.get_serializer_context())
        return self.get_paginated_response(serializer.data).data

    def retrieve(self, request, pk=None):
        need = self._need(Need.objects.visible_to(request.user))
        access = services.need_access(request.user, need)
        context = {**self.get_serializer_context(), "access": access}
        if not access.can_see_details:
            return Response(NeedTeaserSerializer(need, context=context).data)
        services.record_detail_view(need, request.user)
        return Response(NeedSerializer(need, context=context).data)

    # --- Drafting -----------------------------------------------------------------------------

    def create(self, request):
        organisations = services.buyer_organisations(request.user)
        if not organisations:
            raise exceptions.PermissionDenied(
                _("Only members of a hospital, region or municipality can describe needs.")
            )
        serializer = NeedWriteSerializer(
            data=request.data,
            organisations=organisations,
            context=self.get_serializer_context(),
        )
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_data()
        with service_errors():
            need = services.create_need(
                organisation=serializer.validated_data["organisation"],
                actor=request.user,
                data=data,
                m2m=m2m,
            )
        return self._full(need, status.HTTP_201_CREATED)

    def partial_update(self, request, pk=None):
        need = self._need(Need.objects.owned_by(request.user))
        serializer = NeedWriteSerializer(
            need, data=request.data, partial=True, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data, m2m = serializer.service_data()
        with service_errors():
            services.update_need(need, actor=request.user, data=data, m2m=m2m)
        return self._full(need)

    # --- Lifecycle ----------------------------------------------------------------------------

    @extend_schema(
        summary=gettext_lazy("Submit a draft for review"),
        description=gettext_lazy(
            "Draft to submitted, as the page's “Submit for review” button: the hub's "
            "coordinators are told by email. The organisation must be verified."
        ),
        request=None,
        responses=NeedSerializer,
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        need = self._need(Need.objects.owned_by(request.user))
        with service_errors():
            services.submit_need(need, actor=request.user)
        return self._full(need)

    @extend_schema(
        summary=gettext_lazy("Close a published need"),
        description=gettext_lazy(
            "Published to closed, by the owners or the hub's coordinators: no new responses; "
            "the need stays listed as closed."
        ),
        request=CloseSerializer,
        responses=NeedSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        need = self._need(Need.objects.visible_to(request.user))
        if not services.can_manage(request.user, need):
            raise exceptions.NotFound()
        serializer = CloseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with service_errors():
            services.close_need(
                need, actor=request.user, comment=serializer.validated_data["comment"]
            )
        return self._full(need)

    # --- Attachments --------------------------------------------------------------------------

    @extend_schema(
        summary=gettext_lazy("List a need's attachments"),
        description=gettext_lazy(
            "For people who may read the need's details. Each file downloads from the site's "
            "download view (download_url), with the same session or token."
        ),
        responses=NeedAttachmentSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def attachments(self, request, pk=None):
        need = get_object_or_404(Need.objects.details_visible_to(request.user), pk=pk)
        services.record_detail_view(need, request.user)
        serializer = NeedAttachmentSerializer(
            need.attachments.all(), many=True, context=self.get_serializer_context()
        )
        return Response(serializer.data)
