"""This app's REST API routes, included under /api/v1/ by healthmatch.urls (namespace ``api``)."""

from django.urls import path

from healthmatch.accounts.api import views
from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Region,
    RegulatoryItem,
    TechnologyType,
)

TAXONOMIES = {
    "clinical-areas": ClinicalArea,
    "care-settings": CareSetting,
    "technology-types": TechnologyType,
    "regulatory-items": RegulatoryItem,
    "regions": Region,
}

urlpatterns = [
    path("me/", views.MeView.as_view(), name="me"),
    path("organisations/", views.OrganisationList.as_view(), name="organisation-list"),
    path("organisations/<int:pk>/", views.OrganisationDetail.as_view(), name="organisation-detail"),
    *[
        path(f"taxonomy/{slug}/", views.taxonomy_view(model).as_view(), name=f"taxonomy-{slug}")
        for slug, model in TAXONOMIES.items()
    ],
]
