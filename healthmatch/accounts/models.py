"""The core every app needs: users, hubs, organisations, memberships and the taxonomies."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]
TRL_CHOICES = [(n, _("TRL %(n)d") % {"n": n}) for n in range(1, 10)]

CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("nb", _("Norwegian")),
    ("fi", _("Finnish")),
    ("de", _("German")),
]


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class TimeZone(models.TextChoices):
    """The zones people and hubs choose from: the Nordics and their neighbours."""

    COPENHAGEN = "Europe/Copenhagen", _("Copenhagen (Denmark)")
    STOCKHOLM = "Europe/Stockholm", _("Stockholm (Sweden)")
    OSLO = "Europe/Oslo", _("Oslo (Norway)")
    HELSINKI = "Europe/Helsinki", _("Helsinki (Finland)")
    REYKJAVIK = "Atlantic/Reykjavik", _("Reykjavik (Iceland)")
    FAROE = "Atlantic/Faroe", _("Tórshavn (Faroe Islands)")
    NUUK = "America/Nuuk", _("Nuuk (Greenland)")
    BERLIN = "Europe/Berlin", _("Berlin (Germany)")
    AMSTERDAM = "Europe/Amsterdam", _("Amsterdam (Netherlands)")
    LONDON = "Europe/London", _("London (United Kingdom)")
    UTC = "UTC", _("Coordinated Universal Time (UTC)")


class User(AbstractUser):
    """A person. Email is the login; the organisations come through memberships."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("full name"), max_length=150)
    job_title = models.CharField(_("job title"), max_length=150, blank=True)
    # Pages follow it when the person is signed in, and every email to them is written in it
    # (healthmatch/mail/services.py, language_for). Empty: the browser's language for pages,
    # the site's for emails. Set at sign-up from the browser, changed with the language menu.
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        choices=settings.LANGUAGES,
        help_text=_("Pages and emails are shown in this language."),
    )
    # Times on pages are shown in it; empty: the hub's zone of the person's organisation, else
    # the site's (TIME_ZONE). Activated per request by middleware.user_time_zone.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        choices=TimeZone.choices,
        help_text=_("Times are shown in this time zone."),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self):
        return self.name or self.email

    def get_full_name(self):
        return self.name or self.email

    def get_short_name(self):
        return (self.name or self.email).split(" ")[0]

    @property
    def is_coordinator(self) -> bool:
        return (
            self.is_active
            and self.is_staff
            and (self.is_superuser or self.coordinated_hubs.exists())
        )


class Hub(models.Model):
    """A cluster (e.g. a regional health-tech cluster) that curates part of the platform."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    # The zone of the hub's region: times are shown in it to members who chose none.
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=TimeZone.choices,
        default=TimeZone.COPENHAGEN,
        help_text=_("Times are shown in this zone to members who have not chosen their own."),
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="coordinated_hubs",
        blank=True,
        verbose_name=_("coordinators"),
        limit_choices_to={"is_staff": True},
    )

    class Meta:
        verbose_name = _("hub")
        verbose_name_plural = _("hubs")
        ordering = ["name"]

    def __str__(self):
        return self.name


class OrganisationQuerySet(models.QuerySet):
    def buyers(self):
        return self.filter(kind__in=Organisation.BUYER_KINDS)

    def companies(self):
        return self.filter(kind=Organisation.Kind.COMPANY)

    def providers(self):
        """Organisations that offer capabilities: companies, universities and research
        institutes."""
        return self.filter(kind__in=Organisation.PROVIDER_KINDS)

    def verified(self):
        return self.filter(verified_at__isnull=False)


class Organisation(models.Model):
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        MUNICIPALITY = "municipality", _("Municipality")
        REGION = "region", _("Region")
        COMPANY = "company", _("Company")
        RESEARCH = "research", _("University or research institute")

    BUYER_KINDS = (Kind.HOSPITAL, Kind.MUNICIPALITY, Kind.REGION)
    # The supplying side, the clusters' "knowledge bridge" included: they offer capabilities,
    # are matched to needs, bid and meet buyers at events.
    PROVIDER_KINDS = (Kind.COMPANY, Kind.RESEARCH)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    hub = models.ForeignKey(
        Hub, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("hub")
    )
    country = models.CharField(_("country"), max_length=2, default="DK")
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=5000)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("verified by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                models.functions.Lower("name"),
                "kind",
                name="organisation_unique_name_kind",
                violation_error_message=_(
                    "An organisation of this kind with this name already exists."
                ),
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None

    @property
    def is_buyer(self) -> bool:
        return self.kind in self.BUYER_KINDS

    @property
    def is_company(self) -> bool:
        return self.kind == self.Kind.COMPANY

    @property
    def is_research(self) -> bool:
        return self.kind == self.Kind.RESEARCH

    @property
    def is_provider(self) -> bool:
        """Offers capabilities (a company or a research organisation)."""
        return self.kind in self.PROVIDER_KINDS


def decided_by_field():
    """Who took a decision on the row (approved a membership, accepted a bid); kept empty when
    that user is deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def pending(self):
        return self.filter(status=Membership.Status.PENDING)


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "admin", _("Administrator")
        MEMBER = "member", _("Member")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        ACTIVE = "active", _("Active")
        REJECTED = "rejected", _("Declined")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    message = models.CharField(_("message to the administrators"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = decided_by_field()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__email"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="membership_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.organisation} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN and self.status == self.Status.ACTIVE


class OrganisationInvitation(models.Model):
    """An invitation to claim an organisation: a coordinator sends it to the organisation's
    contact address (most listed companies never signed up); whoever accepts it with that
    address, verified, joins the organisation as an administrator. Single use and expiring;
    only a hash of the link's token is stored. The verbs are in
    ``healthmatch.accounts.invitations``."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("organisation"),
    )
    email = models.EmailField(_("email address"))
    name = models.CharField(_("name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation to claim an organisation")
        verbose_name_plural = _("invitations to claim an organisation")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    @property
    def is_used(self) -> bool:
        return self.accepted_at is not None

    @property
    def is_expired(self) -> bool:
        return not self.is_used and self.expires_at <= timezone.now()


# The languages a term's name is translated into; English is ``name`` itself.
TERM_LANGUAGES = ("da", "sv", "nb")
TRANSLATION_HELP = _("Left empty, the English name is shown.")


class TaxonomyTerm(models.Model):
    """A coordinator-editable term. Concrete taxonomies below share this shape.

    ``name`` is the English name: the source, and what matching reads. People see ``label``,
    the name in the active language (``str()`` too, so form choices, filters and emails rendered
    in their recipient's language show it)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    name_da = models.CharField(
        _("name in Danish"), max_length=120, blank=True, help_text=TRANSLATION_HELP
    )
    name_sv = models.CharField(
        _("name in Swedish"), max_length=120, blank=True, help_text=TRANSLATION_HELP
    )
    name_nb = models.CharField(
        _("name in Norwegian Bokmål"), max_length=120, blank=True, help_text=TRANSLATION_HELP
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        """The name in the active language ("nb-no" counts as "nb"); the English name when that
        language has none."""
        language = (get_language() or "").split("-")[0].lower()
        if language in TERM_LANGUAGES:
            return getattr(self, f"name_{language}") or self.name
        return self.name

    def names(self) -> dict[str, str]:
        """The name in every language, English first; a blank translation is the English."""
        return {"en": self.name} | {
            language: getattr(self, f"name_{language}") or self.name for language in TERM_LANGUAGES
        }


class ClinicalArea(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("clinical area")
        verbose_name_plural = _("clinical areas")


class CareSetting(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("care setting")
        verbose_name_plural = _("care settings")


class TechnologyType(TaxonomyTerm):
    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("technology type")
        verbose_name_plural = _("technology types")


class RegulatoryItem(TaxonomyTerm):
    """A certification or regulatory status: CE/MDR class IIa, ISO 13485, GDPR DPIA, ..."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("regulatory item")
        verbose_name_plural = _("regulatory items")


class Region(TaxonomyTerm):
    """A geographic region (Region Midtjylland, Oslo, Uppsala län, ...)."""

    country = models.CharField(_("country"), max_length=2, default="DK")

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")


def active_memberships(user):
    """Active memberships of a user, with their organisations: the one query pages reuse."""
    if not user.is_authenticated:
        return Membership.objects.none()
    return (
        Membership.objects.active()
        .filter(user=user)
        .select_related("organisation", "organisation__hub")
    )


class LifecycleStep(models.Model):
    """One recorded step of something's life (a need's status, a match's, a bid's): who took it
    and when. The concrete models add what moved, from what, to what, and why."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )

    class Meta:
        abstract = True


def attachment_upload_to(instance, filename):
    return f"{instance.upload_folder()}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Attachment(models.Model):
    """A file on a need, a capability or a bid; streamed by permission-checked views, never
    public. The verbs and views are the attachments kit (``healthmatch.attachments``)."""

    # The name of the concrete model's ForeignKey to the object the file belongs to.
    owner_field = ""

    file = models.FileField(_("file"), upload_to=attachment_upload_to, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        abstract = True
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def upload_folder(self) -> str:
        raise NotImplementedError
