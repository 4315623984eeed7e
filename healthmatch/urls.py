from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from healthmatch.accounts import views as accounts_views

admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("HealthMatch coordination")
admin.site.site_title = _("HealthMatch admin")
admin.site.enable_nav_sidebar = False  # the lists need the width
admin.site.index_title = _("Curate organisations, needs and capabilities")

# The REST API, version 1: each app's routes (docs/api.md), in the ``api`` namespace.
api_v1 = [
    path("", include("healthmatch.accounts.api.urls")),
    path("", include("needs.api.urls")),
    path("", include("companies.api.urls")),
    path("", include("matching.api.urls")),
    path("", include("events.api.urls")),
]

urlpatterns = [
    # Browsers ask for /favicon.ico on pages without an icon link (the admin, the API docs).
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("favicon.svg"))),
    path("api/v1/", include((api_v1, "api"))),
    path("", include("healthmatch.api.urls")),  # API tokens page, /api/schema/, /api/docs/
    path("admin/reports/", include("matching.funnel.urls")),  # before the admin's catch-all
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    # The language menu: Django's set_language, which also stores a signed-in person's choice.
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("needs/", include("needs.urls")),
    path("companies/", include("companies.urls")),
    path("events/", include("events.urls")),
    path("organisations/<slug:slug>/webhooks/", include("healthmatch.webhooks.urls")),
    path("", include("healthmatch.accounts.urls")),
    path("", include("healthmatch.privacy.urls")),  # /privacy/, /account/privacy/
    path("", include("matching.urls")),
]

# JSON under /api/, the site's pages elsewhere (healthmatch/api/errors.py).
handler400 = "healthmatch.api.errors.bad_request"
handler403 = "healthmatch.api.errors.permission_denied"
handler404 = "healthmatch.api.errors.page_not_found"
handler500 = "healthmatch.api.errors.server_error"
