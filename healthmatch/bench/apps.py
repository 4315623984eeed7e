from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmark commands (match_bench, email_bench); installed in development only."""

    name = "healthmatch.bench"
    label = "bench"
    verbose_name = _("Benchmarks")
