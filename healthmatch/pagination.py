"""A paginator whose count lives a few seconds in the cache: a list's ``COUNT(*)`` over
thousands of rows ran on every page view for a figure that changes a few times a day. The
caller names what the count depends on in ``count_key`` (the filters; the person, when what
they may see changes it)."""

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountCachedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, count_key: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = f"count:{count_key}"

    @cached_property
    def count(self):
        count = cache.get(self.count_key)
        if count is None:
            count = super().count
            cache.set(self.count_key, count, settings.LIST_COUNT_SECONDS)
        return count
