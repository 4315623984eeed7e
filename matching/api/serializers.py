"""What the API shows of a match and a bid, and what it accepts for their verbs. Reading mirrors
the pages: a match's reasons are its card (matching.cards: the teaser for a company that may not
read a confidential need), its contacts appear once introduced; a bid's history leaves out the
company's own drafting for anybody but the company. Writing only validates the shape: the views
hand the data to the services, which hold every rule."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from companies.models import Capability
from healthmatch.accounts.access import member_org_ids
from healthmatch.accounts.models import Organisation
from matching.access import BUYER, COMPANY, sides_of
from matching.bids.access import bidding_companies, is_bidder
from matching.bids.forms import CURRENCIES
from matching.bids.models import Bid
from matching.cards import cards_for
from matching.lifecycle.forms import REASON_MAX
from matching.lifecycle.introductions import contacts, contacts_visible
from matching.models import Match
from needs.models import Need

SIDES = [(BUYER, _("The need side")), (COMPANY, _("The company side"))]


def actor_name_field():
    return serializers.CharField(source="actor.get_full_name", read_only=True, allow_null=True)


ANSWERS = [
    (Match.Interest.INTERESTED, _("Interested")),
    (Match.Interest.NOT_RELEVANT, _("Not relevant")),
]


# --- Small summaries of related objects --------------------------------------------------------


class MatchOrganisationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class MatchNeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    is_confidential = serializers.BooleanField(read_only=True)
    organisation = MatchOrganisationSerializer(read_only=True)


class MatchCapabilitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    summary = serializers.CharField(read_only=True)
    company = MatchOrganisationSerializer(read_only=True, source="company.organisation")


# --- Matches -----------------------------------------------------------------------------------


class FactorSerializer(serializers.Serializer):
    key = serializers.CharField(read_only=True)
    label = serializers.CharField(read_only=True)
    value = serializers.FloatField(read_only=True)
    percent = serializers.IntegerField(read_only=True)


class TopFactorSerializer(FactorSerializer):
    reason = serializers.CharField(
        read_only=True,
        help_text=_("The factor as a reason, in plain words (“Same clinical area”)."),
    )


class ExplanationSerializer(serializers.Serializer):
    """Why the match was suggested, in the words of its card."""

    summary = serializers.CharField(
        read_only=True, help_text=_("One sentence: how good the match is and its main reasons.")
    )
    top_factors = TopFactorSerializer(
        many=True,
        read_only=True,
        help_text=_("The two or three reasons that matter most, strongest first."),
    )
    shared_terms = serializers.ListField(child=serializers.CharField(), read_only=True)
    gaps = serializers.ListField(child=serializers.CharField(), read_only=True)
    teaser_only = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "A confidential need whose details you may not read: only the reasons based on its "
            "public summary and tags are given."
        ),
    )


class MatchEventSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField(read_only=True)
    from_status = serializers.ChoiceField(
        choices=Match.Status.choices, read_only=True, allow_blank=True
    )
    to_status = serializers.ChoiceField(choices=Match.Status.choices, read_only=True)
    actor_name = actor_name_field()
    note = serializers.CharField(
        read_only=True, help_text=_("The message to both sides (internal notes are not shown).")
    )


class ContactPersonSerializer(serializers.Serializer):
    name = serializers.CharField(read_only=True)
    role = serializers.CharField(read_only=True, default="")
    email = serializers.CharField(read_only=True)
    phone = serializers.CharField(read_only=True, default="")


class ContactSideSerializer(serializers.Serializer):
    organisation = serializers.CharField(read_only=True)
    website = serializers.CharField(read_only=True)
    people = ContactPersonSerializer(many=True, read_only=True)


class ContactsSerializer(serializers.Serializer):
    buyer = ContactSideSerializer(read_only=True)
    company = ContactSideSerializer(read_only=True)


class MatchListSerializer(serializers.ListSerializer):
    def to_representation(self, data):
        matches = list(data.all() if hasattr(data, "all") else data)
        self.context["cards"] = cards_for(matches, self.context["request"].user)
        return super().to_representation(matches)


class MatchSerializer(serializers.Serializer):
    """A match as its card and page show it to the person asking."""

    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=Match.Status.choices, read_only=True)
    score = serializers.FloatField(read_only=True)
    score_percent = serializers.SerializerMethodField()
    hub = serializers.IntegerField(read_only=True, source="hub_id")
    need = MatchNeedSerializer(read_only=True)
    capability = MatchCapabilitySerializer(read_only=True)
    your_sides = serializers.SerializerMethodField(
        help_text=_("The sides of the match you stand on: “buyer”, “company” (or none).")
    )
    buyer_interest = serializers.ChoiceField(choices=Match.Interest.choices, read_only=True)
    company_interest = serializers.ChoiceField(choices=Match.Interest.choices, read_only=True)
    factors = serializers.SerializerMethodField()
    explanation = serializers.SerializerMethodField()
    closed_reason = serializers.CharField(read_only=True)
    introduced_at = serializers.DateTimeField(read_only=True, allow_null=True)
    first_seen_at = serializers.DateTimeField(read_only=True)
    last_scored_at = serializers.DateTimeField(read_only=True)

    class Meta:
        list_serializer_class = MatchListSerializer

    def _card(self, match):
        cards = self.context.setdefault("cards", {})
        if match.pk not in cards:
            cards.update(cards_for([match], self.context["request"].user))
        return cards[match.pk]

    def get_score_percent(self, match) -> int:
        return self._card(match).score_percent

    @extend_schema_field(serializers.ListField(child=serializers.ChoiceField(choices=SIDES)))
    def get_your_sides(self, match) -> list[str]:
        return sorted(sides_of(self.context["request"].user, match))

    @extend_schema_field(FactorSerializer(many=True))
    def get_factors(self, match):
        return [
            {"key": r.key, "label": r.label, "value": r.value, "percent": r.percent}
            for r in self._card(match).factors
        ]

    @extend_schema_field(ExplanationSerializer)
    def get_explanation(self, match):
        card = self._card(match)
        why = card.explanation
        return {
            "summary": why.summary,
            "top_factors": [
                {
                    "key": r.key,
                    "label": r.label,
                    "reason": r.reason,
                    "value": r.value,
                    "percent": r.percent,
                }
                for r in why.top_factors
            ],
            "shared_terms": card.shared_terms,
            "gaps": card.gaps,
            "teaser_only": card.teaser_only,
        }


class MatchDetailSerializer(MatchSerializer):
    """The match page: its history, and both sides' contact details once introduced."""

    history = serializers.SerializerMethodField()
    contacts = serializers.SerializerMethodField(
        help_text=_("Both sides' contact people, shared once the introduction has gone out.")
    )

    @extend_schema_field(MatchEventSerializer(many=True))
    def get_history(self, match):
        events = (
            match.events.select_related("actor")
            .defer("internal_note")  # coordinators only: never in the API
            .order_by("created_at", "pk")
        )
        return MatchEventSerializer(events, many=True).data

    @extend_schema_field(ContactsSerializer(allow_null=True))
    def get_contacts(self, match):
        return ContactsSerializer(contacts(match)).data if contacts_visible(match) else None


class InterestSerializer(serializers.Serializer):
    interest = serializers.ChoiceField(choices=ANSWERS)
    side = serializers.ChoiceField(
        choices=SIDES,
        required=False,
        help_text=_("The side you answer for; needed only when you stand on both."),
    )
    reason = serializers.CharField(
        required=False, allow_blank=True, max_length=REASON_MAX, default=""
    )


class DismissSerializer(serializers.Serializer):
    side = serializers.ChoiceField(
        choices=SIDES,
        required=False,
        help_text=_("The side you dismiss for; needed only when you stand on both."),
    )


def internal_note_field():
    return serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        default="",
        help_text=_(
            "For the hub's coordinators only: kept in the match's history in the admin, never "
            "shown to either side (not in the history this API returns either)."
        ),
    )


class ApproveSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=REASON_MAX,
        default="",
        help_text=_("A message to both sides, shown in the match's history."),
    )
    internal_note = internal_note_field()


class MatchCloseSerializer(serializers.Serializer):
    reason = serializers.CharField(
        max_length=REASON_MAX,
        error_messages={
            "required": _("Give a reason for closing the match."),
            "blank": _("Give a reason for closing the match."),
        },
        help_text=_("Shown to both sides in the match's history."),
    )
    internal_note = internal_note_field()


class IntroductionRecipientSerializer(serializers.Serializer):
    side = serializers.ChoiceField(choices=SIDES, read_only=True)
    email = serializers.EmailField(read_only=True)
    name = serializers.CharField(read_only=True)
    via = serializers.ChoiceField(
        choices=[("member", _("a member account")), ("contact", _("a contact person"))],
        read_only=True,
        help_text=_("A contact person is used when the company has no member accounts."),
    )


class IntroductionSerializer(serializers.Serializer):
    subject = serializers.CharField(read_only=True)
    body_buyer = serializers.CharField(read_only=True)
    body_company = serializers.CharField(read_only=True)
    drafted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    sent_at = serializers.DateTimeField(read_only=True, allow_null=True)
    recipients = IntroductionRecipientSerializer(
        many=True,
        read_only=True,
        help_text=_(
            "Who it reaches: once sent, exactly the addresses it was sent to; before, who it "
            "would reach now."
        ),
    )


class IntroduceSerializer(serializers.Serializer):
    """The coordinator's text; a part left out is taken from the saved draft."""

    subject = serializers.CharField(required=False, max_length=200)
    body_buyer = serializers.CharField(required=False)
    body_company = serializers.CharField(required=False)


# --- Bids --------------------------------------------------------------------------------------


class BidEventSerializer(serializers.Serializer):
    created_at = serializers.DateTimeField(read_only=True)
    from_state = serializers.ChoiceField(
        choices=Bid.State.choices, read_only=True, allow_blank=True
    )
    to_state = serializers.ChoiceField(choices=Bid.State.choices, read_only=True)
    actor_name = actor_name_field()


class CapabilityTitleSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)


class AttachmentSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True, source="original_name")
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)
    uploaded_at = serializers.DateTimeField(read_only=True)


class BidNeedSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    organisation = MatchOrganisationSerializer(read_only=True)


class BidSerializer(serializers.Serializer):
    """A bid as its page shows it: to its company, everything; to the need's organisation and
    the hub's coordinators, the bid without the company's drafting history."""

    id = serializers.IntegerField(read_only=True)
    need = BidNeedSerializer(read_only=True)
    company = MatchOrganisationSerializer(read_only=True)
    state = serializers.ChoiceField(choices=Bid.State.choices, read_only=True)
    summary = serializers.CharField(read_only=True)
    solution = serializers.CharField(read_only=True)
    evidence = serializers.CharField(read_only=True)
    capabilities = CapabilityTitleSerializer(many=True, read_only=True)
    price_min = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    price_max = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True
    )
    currency = serializers.CharField(read_only=True)
    timeline = serializers.CharField(read_only=True)
    feedback = serializers.CharField(read_only=True)
    is_own = serializers.SerializerMethodField(
        help_text=_("True when the bid is your company's (you may edit, submit, withdraw it).")
    )
    submitted_at = serializers.DateTimeField(read_only=True, allow_null=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    updated_at = serializers.DateTimeField(read_only=True)
    history = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    def get_is_own(self, bid) -> bool:
        return is_bidder(self.context["request"].user, bid)

    @extend_schema_field(BidEventSerializer(many=True))
    def get_history(self, bid):
        events = list(bid.events.all())  # prefetched with their actors
        if not self.get_is_own(bid):
            events = [e for e in events if e.from_state]  # the drafting is the company's own
        return BidEventSerializer(events, many=True).data


def _price_field():
    return serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )


class BidContentSerializer(serializers.Serializer):
    """What the company writes (the bid form's fields); PUT replaces all of them, PATCH some."""

    summary = serializers.CharField(max_length=500)
    solution = serializers.CharField(max_length=20000)
    evidence = serializers.CharField(max_length=10000, required=False, allow_blank=True, default="")
    capabilities = serializers.PrimaryKeyRelatedField(
        many=True,
        required=False,
        queryset=Capability.objects.none(),
        help_text=_("Ids of your company's capabilities you offer."),
    )
    price_min = _price_field()
    price_max = _price_field()
    currency = serializers.ChoiceField(choices=CURRENCIES, required=False, default="DKK")
    timeline = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["capabilities"].child_relation.queryset = (
                Capability.objects.filter(company__organisation_id__in=member_org_ids(request.user))
                .exclude(status=Capability.Status.ARCHIVED)
                .select_related("company")
            )


class BidCreateSerializer(BidContentSerializer):
    need = serializers.PrimaryKeyRelatedField(
        queryset=Need.objects.none(), help_text=_("The id of the published need you bid on.")
    )
    company = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("The company you bid for; needed only when you may bid for several."),
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Send the bid at once instead of a draft.")
    )

    field_order = ("need", "company")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            user = request.user
            self.fields["need"].queryset = Need.objects.details_visible_to(user)
            companies = [c.pk for c in bidding_companies(user)]
            self.fields["company"].queryset = Organisation.objects.filter(pk__in=companies)

    def validate(self, data):
        if "company" not in data:
            request = self.context["request"]
            companies = bidding_companies(request.user)
            if len(companies) > 1:
                raise serializers.ValidationError(
                    {"company": [_("Choose the company this bid is made for.")]}
                )
            data["company"] = companies[0] if companies else None
        return data


class WithdrawSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class DecisionSerializer(serializers.Serializer):
    feedback = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=5000,
        default="",
        help_text=_("Sent to the company's members by email."),
    )


class DeclineSerializer(serializers.Serializer):
    feedback = serializers.CharField(
        max_length=5000,
        error_messages={
            "required": _("Tell the company why you decline its bid."),
            "blank": _("Tell the company why you decline its bid."),
        },
        help_text=_("Why you decline: sent to the company's members by email. Required."),
    )
