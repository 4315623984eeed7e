"""The API's views for matches and bids: thin, like the pages. Each action reads through the same
access rules as its page (matching.access, matching.bids.access; whatever a person may not see
is a 404) and changes things only through the services (matching.lifecycle, matching.bids),
whose refusals become 400 or 403 through healthmatch.api.errors.service_errors()."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from healthmatch.accounts.access import member_org_ids
from healthmatch.api.errors import service_errors
from matching.access import coordinated_q, party_q, side_q, sides_of, visible_q
from matching.api import serializers as s
from matching.bids import services as bids
from matching.bids.access import visible_bids_q
from matching.bids.models import Bid, BidEvent
from matching.lifecycle import introductions
from matching.lifecycle import services as lifecycle
from matching.lifecycle.models import Introduction
from matching.models import Match

# Authentication, permissions and throttling are the API's defaults; every endpoint here is
# about the person asking, so it also needs somebody signed in.
SIGNED_IN = [*api_settings.DEFAULT_PERMISSION_CLASSES, IsAuthenticated]

ERRORS = {
    400: OpenApiResponse(
        description=gettext_lazy("Invalid input, or the action is not possible in this state.")
    ),
    401: OpenApiResponse(description=gettext_lazy("Not signed in.")),
    403: OpenApiResponse(description=gettext_lazy("Not allowed.")),
    404: OpenApiResponse(description=gettext_lazy("Not found, or not visible to you.")),
}


def errors(*codes) -> dict:
    return {code: ERRORS[code] for code in (401, 403, *codes)}


class IdFilter(filters.NumberFilter):
    field_class = forms.IntegerField


# --- Matches -----------------------------------------------------------------------------------


class MatchFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(choices=Match.Status.choices)
    side = filters.ChoiceFilter(
        choices=s.SIDES,
        method="filter_side",
        label=gettext_lazy("Only the matches on this side of which you stand"),
    )
    need = IdFilter(field_name="need")
    capability = IdFilter(field_name="capability")

    class Meta:
        model = Match
        fields = ["status", "side", "need", "capability"]

    def filter_side(self, queryset, name, value):
        return queryset.filter(side_q(self.request.user, value))


# Which matches each action reaches: the parties answer for their side; the hub's coordinators
# curate (another hub's match is not found, as in the admin); everything else reads.
MATCH_SCOPES = {
    "interest": party_q,
    "dismiss": party_q,
    "approve": coordinated_q,
    "close": coordinated_q,
    "introduction": coordinated_q,
    "introduce": coordinated_q,
}


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Your matches"),
        description=gettext_lazy(
            "The matches you are a party of (your organisation's needs or capabilities) and, "
            "for coordinators, every match of their hubs; newest first."
        ),
        responses={200: s.MatchSerializer(many=True), **errors(400, 404)},
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("A match"),
        responses={200: s.MatchDetailSerializer, **errors(404)},
    ),
)
class MatchViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = SIGNED_IN
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = MatchFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        scope = MATCH_SCOPES.get(self.action, visible_q)
        return (
            Match.objects.filter(scope(self.request.user))
            .select_related("need__organisation", "need__hub", "capability__company__organisation")
            .order_by("-pk")
        )

    def get_serializer_class(self):
        return s.MatchSerializer if self.action == "list" else s.MatchDetailSerializer

    def _input(self, serializer_class):
        serializer = serializer_class(data=self.request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _answer(self, match) -> Response:
        return Response(s.MatchDetailSerializer(match, context=self.get_serializer_context()).data)

    def _side(self, match, side):
        """The side the person answers for: the one they stand on, or the one they chose."""
        sides = sides_of(self.request.user, match)
        if side is None and len(sides) == 1:
            return next(iter(sides))
        if side is None or side not in sides:
            raise serializers.ValidationError({"side": [_("Choose the side you answer for.")]})
        return side

    @extend_schema(
        summary=gettext_lazy("Answer “interested” or “not relevant”"),
        description=gettext_lazy(
            "For a party of a suggested match, as the card's buttons do. “Not relevant” "
            "dismisses it for your side; when both sides are interested it becomes mutual and "
            "the hub's coordinators are told."
        ),
        request=s.InterestSerializer,
        responses={200: s.MatchDetailSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def interest(self, request, pk=None):
        match = self.get_object()
        data = self._input(s.InterestSerializer)
        side = self._side(match, data.get("side"))
        with service_errors():
            lifecycle.state_interest(
                match, by=request.user, side=side, interest=data["interest"], reason=data["reason"]
            )
        return self._answer(match)

    @extend_schema(
        summary=gettext_lazy("Dismiss a suggestion"),
        description=gettext_lazy("For a party: it will not be suggested again."),
        request=s.DismissSerializer,
        responses={200: s.MatchDetailSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        match = self.get_object()
        data = self._input(s.DismissSerializer)
        side = self._side(match, data.get("side"))
        with service_errors():
            lifecycle.dismiss(match, by=request.user, side=side)
        return self._answer(match)

    @extend_schema(
        summary=gettext_lazy("Approve a match (coordinators)"),
        description=gettext_lazy(
            "A suggested or mutual match of your hubs; its introduction is drafted."
        ),
        request=s.ApproveSerializer,
        responses={200: s.MatchDetailSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        match = self.get_object()
        data = self._input(s.ApproveSerializer)
        with service_errors():
            lifecycle.approve(
                match, by=request.user, note=data["note"], internal_note=data["internal_note"]
            )
        return self._answer(match)

    @extend_schema(
        summary=gettext_lazy("Close a match with a reason (coordinators)"),
        request=s.MatchCloseSerializer,
        responses={200: s.MatchDetailSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        match = self.get_object()
        data = self._input(s.MatchCloseSerializer)
        with service_errors():
            lifecycle.move(
                match,
                to=Match.Status.CLOSED,
                by=request.user,
                note=data["reason"],
                internal_note=data["internal_note"],
            )
        return self._answer(match)

    def _draft(self, match) -> dict:
        intro = Introduction.objects.filter(match=match).first()
        if intro is None:
            draft = {**introductions.draft_texts(match), "drafted_at": None, "sent_at": None}
        else:
            fields = ("subject", "body_buyer", "body_company", "drafted_at", "sent_at")
            draft = {name: getattr(intro, name) for name in fields}
        if intro is not None and intro.sent_at is not None:
            draft["recipients"] = intro.recipients
        else:
            reach = introductions.recipients(match)
            draft["recipients"] = [
                {**person, "side": side} for side in ("buyer", "company") for person in reach[side]
            ]
        return draft

    @extend_schema(
        summary=gettext_lazy("The introduction's text (coordinators)"),
        description=gettext_lazy(
            "The saved draft (or sent text) of the match's introduction, else a fresh draft."
        ),
        responses={200: s.IntroductionSerializer, **errors(404)},
    )
    @action(detail=True, methods=["get"])
    def introduction(self, request, pk=None):
        return Response(s.IntroductionSerializer(self._draft(self.get_object())).data)

    @extend_schema(
        summary=gettext_lazy("Introduce the two sides (coordinators)"),
        description=gettext_lazy(
            "Sends the introduction of an approved match through the outbox to each side's "
            "members (a company without member accounts: its contact people) and shares their "
            "contact details; a text left out is the saved draft's. Refused (400) when a side "
            "has nobody reachable. GET introduction/ lists the recipients."
        ),
        request=s.IntroduceSerializer,
        responses={200: s.MatchDetailSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def introduce(self, request, pk=None):
        match = self.get_object()
        data = self._input(s.IntroduceSerializer)
        draft = self._draft(match)
        texts = {
            name: data.get(name, draft[name]) for name in ("subject", "body_buyer", "body_company")
        }
        with service_errors():
            introductions.send_introduction(match, by=request.user, **texts)
        return self._answer(match)


# --- Bids --------------------------------------------------------------------------------------


class BidFilter(filters.FilterSet):
    state = filters.MultipleChoiceFilter(choices=Bid.State.choices)
    need = IdFilter(field_name="need")
    company = IdFilter(field_name="company")

    class Meta:
        model = Bid
        fields = ["state", "need", "company"]


def own_bids(user):
    """Bids of the user's companies (the company's verbs)."""
    return Bid.objects.of_company_member(user)


def received_bids(user):
    """Bids sent to a need of the user's organisations (the need owner's decisions)."""
    return Bid.objects.filter(
        need__organisation_id__in=member_org_ids(user), submitted_at__isnull=False
    )


def visible_bids(user):
    return Bid.objects.filter(visible_bids_q(user))


BID_SCOPES = {
    "update": own_bids,
    "partial_update": own_bids,
    "submit": own_bids,
    "withdraw": own_bids,
    "shortlist": received_bids,
    "accept": received_bids,
    "decline": received_bids,
}


@extend_schema_view(
    list=extend_schema(
        summary=gettext_lazy("Bids you may see"),
        description=gettext_lazy(
            "Your companies' bids (drafts included), the bids sent to your organisation's "
            "needs and, for coordinators, the bids on their hubs' needs; newest first."
        ),
        responses={200: s.BidSerializer(many=True), **errors(400, 404)},
    ),
    retrieve=extend_schema(
        summary=gettext_lazy("A bid"), responses={200: s.BidSerializer, **errors(404)}
    ),
    create=extend_schema(
        summary=gettext_lazy("Bid on a need"),
        description=gettext_lazy(
            "A draft (or, with “submit”, a bid sent at once) for your verified company on a "
            "published need whose details you may read."
        ),
        request=s.BidCreateSerializer,
        responses={201: s.BidSerializer, **errors(400)},
    ),
    update=extend_schema(
        summary=gettext_lazy("Edit a draft bid (all of it)"),
        request=s.BidContentSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    ),
    partial_update=extend_schema(
        summary=gettext_lazy("Edit a draft bid"),
        request=s.BidContentSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    ),
)
class BidViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    permission_classes = SIGNED_IN
    serializer_class = s.BidSerializer
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = BidFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        scope = BID_SCOPES.get(self.action, visible_bids)
        return self._with_parts(scope(self.request.user)).order_by("-pk")

    @staticmethod
    def _with_parts(queryset):
        return queryset.select_related("need__organisation", "company").prefetch_related(
            "capabilities",
            "attachments",
            Prefetch("events", BidEvent.objects.select_related("actor").order_by("created_at")),
        )

    def _input(self, serializer_class, **kwargs):
        serializer = serializer_class(
            data=self.request.data, context=self.get_serializer_context(), **kwargs
        )
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def _answer(self, bid, code=status.HTTP_200_OK) -> Response:
        fresh = self._with_parts(Bid.objects.filter(pk=bid.pk)).get()
        return Response(s.BidSerializer(fresh, context=self.get_serializer_context()).data, code)

    def create(self, request, *args, **kwargs):
        data = dict(self._input(s.BidCreateSerializer))
        need, company, submit = data.pop("need"), data.pop("company"), data.pop("submit")
        capabilities = data.pop("capabilities", [])
        with service_errors():
            bid = bids.create_bid(
                need=need,
                company=company,
                author=request.user,
                data=data,
                capabilities=capabilities,
                submit=submit,
            )
        return self._answer(bid, status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        bid = self.get_object()
        given = self._input(s.BidContentSerializer, partial=partial)
        # Every field, as the bid form sends them: what PATCH leaves out stays as it is, so the
        # service checks the price range the bid will have.
        data = {name: given.get(name, getattr(bid, name)) for name in bids.EDITABLE_FIELDS}
        capabilities = given.get("capabilities", None if partial else [])
        with service_errors():
            bids.update_bid(bid, actor=request.user, data=data, capabilities=capabilities)
        return self._answer(bid)

    @extend_schema(
        summary=gettext_lazy("Submit a draft bid"),
        description=gettext_lazy("Sends it to the need's organisation, who are told by email."),
        request=None,
        responses={200: s.BidSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        bid = self.get_object()
        with service_errors():
            bids.submit_bid(bid, actor=request.user)
        return self._answer(bid)

    @extend_schema(
        summary=gettext_lazy("Withdraw a bid"),
        request=s.WithdrawSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        bid = self.get_object()
        data = self._input(s.WithdrawSerializer)
        with service_errors():
            bids.withdraw_bid(bid, actor=request.user, note=data["note"])
        return self._answer(bid)

    def _decide(self, decision, serializer_class):
        bid = self.get_object()
        data = self._input(serializer_class)
        with service_errors():
            bids.decide_bid(bid, actor=self.request.user, state=decision, feedback=data["feedback"])
        return self._answer(bid)

    @extend_schema(
        summary=gettext_lazy("Shortlist a bid (the need's organisation)"),
        request=s.DecisionSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def shortlist(self, request, pk=None):
        return self._decide(Bid.State.SHORTLISTED, s.DecisionSerializer)

    @extend_schema(
        summary=gettext_lazy("Accept a bid (the need's organisation)"),
        request=s.DecisionSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._decide(Bid.State.ACCEPTED, s.DecisionSerializer)

    @extend_schema(
        summary=gettext_lazy("Decline a bid with feedback (the need's organisation)"),
        request=s.DeclineSerializer,
        responses={200: s.BidSerializer, **errors(400, 404)},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._decide(Bid.State.DECLINED, s.DeclineSerializer)
