"""The person (/me/), the organisations they may look up, and the taxonomies' terms.

Organisations come from ``healthmatch.accounts.access.visible_organisations``, the rule the
site follows; anything else is a 404. The taxonomies are public, as on the needs list's filters.
"""

import django_filters
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics

from healthmatch.accounts.access import visible_organisations
from healthmatch.accounts.api import serializers
from healthmatch.accounts.models import Hub, Membership, Organisation, User
from healthmatch.api.pagination import CursorPage, NumberedPage
from healthmatch.api.permissions import SignedIn


@extend_schema(tags=["me"], summary="The person the request acts as")
class MeView(generics.RetrieveAPIView):
    """The person (the token's owner, or the signed-in session), the organisations they belong
    to or asked to join with their role and status, and the hubs they coordinate."""

    serializer_class = serializers.MeSerializer
    permission_classes = [SignedIn]

    def get_object(self):
        return User.objects.prefetch_related(
            Prefetch("coordinated_hubs", queryset=Hub.objects.order_by("name"))
        ).get(pk=self.request.user.pk)


class OrganisationFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=Organisation.Kind.choices)
    hub = django_filters.CharFilter(field_name="hub__slug", label=_("Hub (slug)"))
    q = django_filters.CharFilter(
        field_name="name", lookup_expr="icontains", label=_("Name contains")
    )
    verified = django_filters.BooleanFilter(
        field_name="verified_at", lookup_expr="isnull", exclude=True, label=_("Verified")
    )

    class Meta:
        model = Organisation
        fields = ["kind", "hub", "q", "verified"]


class OrganisationPage(CursorPage):
    ordering = ("name", "pk")


class _Organisations:
    serializer_class = serializers.OrganisationSerializer
    permission_classes = [SignedIn]

    def get_queryset(self):
        return visible_organisations(self.request.user).select_related("hub")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        context["roles"] = (
            dict(
                Membership.objects.active().filter(user=user).values_list("organisation_id", "role")
            )
            if user.is_authenticated
            else {}
        )
        return context


@extend_schema(tags=["organisations"])
class OrganisationList(_Organisations, generics.ListAPIView):
    """Organisations you may look up: your own, those of the hubs you coordinate, and every
    verified organisation once you belong to a verified one."""

    pagination_class = OrganisationPage
    filter_backends = [DjangoFilterBackend]
    filterset_class = OrganisationFilter


@extend_schema(tags=["organisations"])
class OrganisationDetail(_Organisations, generics.RetrieveAPIView):
    """One organisation's public information; 404 when you may not look it up."""


def taxonomy_view(model):
    serializer = serializers.TERM_SERIALIZERS[model]
    plural = str(model._meta.verbose_name_plural)

    @extend_schema(
        tags=["taxonomy"],
        summary=f"List {plural}",
        parameters=[
            OpenApiParameter(
                "include_inactive",
                bool,
                description="Also terms retired from forms (kept on older needs).",
            )
        ],
    )
    class TermList(generics.ListAPIView):
        __doc__ = (
            f"The {plural}, in the order forms show them. Retired terms (``is_active`` false) "
            "only with ``include_inactive=true``."
        )
        serializer_class = serializer
        pagination_class = NumberedPage

        def get_queryset(self):
            terms = model.objects.order_by("position", "name", "pk")
            if self.request.query_params.get("include_inactive", "").lower() not in {"true", "1"}:
                terms = terms.filter(is_active=True)
            return terms

    TermList.__name__ = TermList.__qualname__ = f"{model.__name__}List"
    return TermList
