"""One-time form tokens for the Django admin's add form: a double click on "Save" adds one
row. The add page carries a token (``add_form_template``); a forged or expired one is an error
on top of the form. The form's clean() claims the token inside the admin's transaction (rolled
back when the page comes back with errors), so a simultaneous duplicate waits for the first and
then adds nothing."""

from django.db import transaction

from healthmatch.once import services
from healthmatch.once.views import repeated, repeated_post

CLAIM = "_once_claim"


class OnceAddAdminMixin:
    """Put it before ``admin.ModelAdmin``; a subclass that overrides ``get_form`` calls
    super(). A custom ``add_form_template`` must keep ``{% once_token %}``
    in the form."""

    add_form_template = "admin/once/add_form.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        if change or request.method != "POST":
            return form_class

        class OnceForm(form_class):
            def clean(self):
                cleaned = super().clean()
                nonce = services.read(request.POST.get(services.FIELD, ""), request.user)
                # Claimed before the model's own checks (unique fields): a simultaneous
                # duplicate waits here for the first and then adds nothing.
                setattr(request, CLAIM, services.claim(nonce, request.user))
                return cleaned

        OnceForm.__name__ = form_class.__name__
        return OnceForm

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id is not None or request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if answer := repeated_post(request):
            return answer
        try:
            with transaction.atomic():
                response = super().changeform_view(request, object_id, form_url, extra_context)
                claim = getattr(request, CLAIM, None)
                if claim is not None and getattr(response, "url", None):
                    services.record_result(claim, response.url)
                elif claim is not None:  # the form was refused: nothing added, token unused
                    transaction.set_rollback(True)
        except services.AlreadyUsed as used:
            return repeated(request, used.result_url)
        return response
