"""factory_boy factories for every model the suite builds."""

import datetime

import factory
from django.utils import timezone

from companies.models import (
    Capability,
    CapabilityReference,
    Certification,
    CompanyProfile,
    ContactPerson,
)
from events.models import Event, Registration, Session, Table
from events.requests.models import MeetingRequest
from healthmatch.accounts.models import (
    CareSetting,
    ClinicalArea,
    Hub,
    Membership,
    Organisation,
    Region,
    RegulatoryItem,
    TechnologyType,
    User,
)
from matching.models import Match
from needs.models import Need, NeedInvitation


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-42")

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """Users can log in: allauth's mandatory verification needs a verified address."""
        obj.save()
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class HubFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hub
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Cluster {n}")
    slug = factory.Sequence(lambda n: f"cluster-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.HOSPITAL
    hub = factory.SubFactory(HubFactory)
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        unverified = factory.Trait(verified_at=None)
        company = factory.Trait(kind=Organisation.Kind.COMPANY)
        research = factory.Trait(kind=Organisation.Kind.RESEARCH)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER
    status = Membership.Status.ACTIVE


def _term_factory(model_cls):
    class _Factory(factory.django.DjangoModelFactory):
        class Meta:
            model = model_cls
            django_get_or_create = ("slug",)

        name = factory.Sequence(lambda n: f"{model_cls.__name__} {n}")
        slug = factory.Sequence(lambda n: f"{model_cls.__name__.lower()}-{n}")

    _Factory.__name__ = f"{model_cls.__name__}Factory"
    return _Factory


ClinicalAreaFactory = _term_factory(ClinicalArea)
CareSettingFactory = _term_factory(CareSetting)
TechnologyTypeFactory = _term_factory(TechnologyType)
RegulatoryItemFactory = _term_factory(RegulatoryItem)
RegionFactory = _term_factory(Region)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    organisation = factory.SubFactory(OrganisationFactory)
    hub = factory.LazyAttribute(lambda o: o.organisation.hub)
    title = factory.Sequence(lambda n: f"Need {n}: fewer falls on the geriatric ward")
    summary = "We look for a way to detect patients about to fall before it happens."
    description = "The full problem: night shifts are thin, and sensor mats give false alarms."
    status = Need.Status.DRAFT
    response_deadline = factory.LazyFunction(
        lambda: timezone.localdate() + datetime.timedelta(days=60)
    )

    class Params:
        published = factory.Trait(
            status=Need.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )
        submitted = factory.Trait(
            status=Need.Status.SUBMITTED, submitted_at=factory.LazyFunction(timezone.now)
        )


class NeedInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedInvitation

    need = factory.SubFactory(NeedFactory)
    organisation = factory.SubFactory(OrganisationFactory, company=True)


class CompanyProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompanyProfile
        django_get_or_create = ("organisation",)

    organisation = factory.SubFactory(OrganisationFactory, company=True)
    tagline = "Sensors that care"
    is_sme = True
    languages = factory.LazyFunction(lambda: ["en", "da"])


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    company = factory.SubFactory(CompanyProfileFactory)
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"contact{n}@example.com")


class CapabilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Capability

    company = factory.SubFactory(CompanyProfileFactory)
    title = factory.Sequence(lambda n: f"Capability {n}: radar fall detection")
    description = "Contact-free radar that detects falls and restlessness in patient rooms."
    kind = Capability.Kind.PRODUCT
    trl = 7
    status = Capability.Status.DRAFT

    class Params:
        published = factory.Trait(
            status=Capability.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now)
        )


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    capability = factory.SubFactory(CapabilityFactory)
    item = factory.SubFactory(RegulatoryItemFactory)
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=365))


class CapabilityReferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CapabilityReference

    capability = factory.SubFactory(CapabilityFactory)
    customer = "Aarhus University Hospital"
    description = "Six-month pilot on two wards."
    year = 2025


class EventFactory(factory.django.DjangoModelFactory):
    """A public event a month ahead, published and open for registration, unlimited seats."""

    class Meta:
        model = Event

    hub = factory.SubFactory(HubFactory)
    title = factory.Sequence(lambda n: f"Matchmaking day {n}")
    description = "Buyers pitch their needs; companies meet them one to one."
    venue = "DOKK1, Aarhus"
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + datetime.timedelta(days=30)).replace(
            hour=8, minute=0, second=0, microsecond=0
        )
    )
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=8))
    status = Event.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    class Params:
        draft = factory.Trait(status=Event.Status.DRAFT, published_at=None)
        members_only = factory.Trait(visibility=Event.Visibility.MEMBERS)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    starts_at = factory.LazyAttribute(lambda o: o.event.starts_at + datetime.timedelta(hours=1))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    meeting_minutes = 20
    break_minutes = 5


class TableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Table

    event = factory.SubFactory(EventFactory)
    number = factory.Sequence(lambda n: n + 1)


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration (built directly: the services are tested through their own
    calls)."""

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = factory.LazyAttribute(
        lambda o: Registration.Kind.BUYER if o.organisation.is_buyer else Registration.Kind.COMPANY
    )
    status = Registration.Status.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class MatchFactory(factory.django.DjangoModelFactory):
    """A match the engine would have stored (built directly: the engine is tested on its own)."""

    class Meta:
        model = Match
        django_get_or_create = ("need", "capability")

    need = factory.SubFactory(NeedFactory)
    capability = factory.SubFactory(CapabilityFactory)
    hub = factory.LazyAttribute(lambda o: o.need.hub)
    score = 0.7
    factors = factory.LazyFunction(lambda: {"clinical_area": 1.0, "technology": 0.8, "text": 0.4})
    shared_terms = factory.LazyFunction(lambda: ["fall", "sensor"])


class MeetingRequestFactory(factory.django.DjangoModelFactory):
    """A pending request between two confirmed registrations of one event (built directly)."""

    class Meta:
        model = MeetingRequest

    from_registration = factory.SubFactory(RegistrationFactory)
    to_registration = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..from_registration.event")
    )
    event = factory.LazyAttribute(lambda o: o.from_registration.event)
    message = "Could we talk about your pilot?"
