"""Pages of the Smederij election.

Thin: parse, call one service or selector, turn a domain error into a form
error or a message, redirect. The rules of a round are public; who voted and
what anyone chose are shown to nobody; counts appear only after the count.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from projecten.common.views import SmederijReachMixin
from projecten.election import exports, selectors, services
from projecten.election.forms import BallotForm, HoldBackForm, PaperTallyForm, RoundForm
from projecten.errors import ProposalError
from projecten.models import ElectionIdea, ElectionRound
from smederijen.form_errors import add_service_errors
from smederijen.models import Smederij
from smederijen.submissions import SubmitOnceMixin, submit_once


class RoundMixin:
    """The round comes from the URL (a round's rules are public); the permission is on it."""

    def get_round(self) -> ElectionRound:
        if not hasattr(self, "_round"):
            try:
                self._round = selectors.round_detail(self.kwargs["pk"])
            except ElectionRound.DoesNotExist:
                raise Http404 from None
        return self._round

    def get_permission_object(self):
        return self.get_round()


class RoundPermissionMixin(
    LoginRequiredMixin, RoundMixin, SmederijReachMixin, PermissionRequiredMixin
):
    def get_reach_smederij(self):
        return self.get_round().smederij


# --- Setting up ------------------------------------------------------------------------------


class RoundListView(View):
    """The elections of a Smederij: public."""

    def get(self, request, slug):
        smederij = get_object_or_404(Smederij.objects.active(), slug=slug)
        return render(
            request,
            "projecten/election/round_list.html",
            {
                "smederij": smederij,
                "rounds": list(selectors.rounds_of(smederij)),
                "can_create": request.user.has_perm("projecten.coordinate_election", smederij),
            },
        )


class RoundCreateView(LoginRequiredMixin, SmederijReachMixin, PermissionRequiredMixin, View):
    permission_required = "projecten.coordinate_election"
    template_name = "projecten/election/round_form.html"

    def get_permission_object(self):
        if not hasattr(self, "_smederij"):
            self._smederij = get_object_or_404(Smederij.objects.active(), slug=self.kwargs["slug"])
        return self._smederij

    get_reach_smederij = get_permission_object

    def _render(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {"form": form, "smederij": self.get_permission_object(), "election_round": None},
            status=status,
        )

    def get(self, request, slug):
        from django.utils import timezone

        return self._render(RoundForm(initial={"year": timezone.localdate().year}))

    def post(self, request, slug):
        form = RoundForm(request.POST)
        if not form.is_valid():
            return self._render(form, 400)
        try:
            election_round = services.round_create(
                smederij=self.get_permission_object(),
                actor=request.user,
                year=form.cleaned_data["year"],
                rules=form.rules(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        messages.success(request, _("The election has been set up."))
        return redirect("projecten:election:round-detail", pk=election_round.pk)


class RoundUpdateView(RoundPermissionMixin, View):
    permission_required = "projecten.coordinate_election"
    template_name = "projecten/election/round_form.html"

    def _render(self, form, status=200):
        election_round = self.get_round()
        return render(
            self.request,
            self.template_name,
            {"form": form, "smederij": election_round.smederij, "election_round": election_round},
            status=status,
        )

    def get(self, request, pk):
        election_round = self.get_round()
        initial = {name: getattr(election_round, name) for name in services.RULE_FIELDS}
        return self._render(RoundForm(initial=initial, with_year=False))

    def post(self, request, pk):
        form = RoundForm(request.POST, with_year=False)
        if not form.is_valid():
            return self._render(form, 400)
        try:
            services.round_update(
                election_round=self.get_round(), actor=request.user, rules=form.rules()
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        messages.success(request, _("The rules of the election have been changed."))
        return redirect("projecten:election:round-detail", pk=pk)


class RoundDetailView(RoundMixin, View):
    """The rules and the state of a round: public. The ideas for those who may see them."""

    def get(self, request, pk):
        election_round = self.get_round()
        user = request.user
        show_ideas = user.has_perm("projecten.view_election_ideas", election_round)
        ideas = list(selectors.all_ideas(election_round)) if show_ideas else []
        return render(
            request,
            "projecten/election/round_detail.html",
            {
                "election_round": election_round,
                "smederij": election_round.smederij,
                "ideas": [idea for idea in ideas if idea.is_on_ballot],
                "held_back": [idea for idea in ideas if not idea.is_on_ballot],
                "show_ideas": show_ideas,
                "participation": selectors.participation_of(election_round, user),
                "can_coordinate": user.has_perm("projecten.coordinate_election", election_round),
                "can_hold_back": user.has_perm("projecten.hold_back_idea", election_round),
                "can_vote": user.has_perm("projecten.vote_in_round", election_round),
                "can_enter_paper": user.has_perm("projecten.enter_paper_tally", election_round),
            },
        )


class RoundFixBallotView(RoundPermissionMixin, View):
    permission_required = "projecten.coordinate_election"

    def post(self, request, pk):
        try:
            services.round_fix_ballot(election_round=self.get_round(), actor=request.user)
        except ProposalError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The ballot has been fixed."))
        return redirect("projecten:election:round-detail", pk=pk)


class IdeaHoldBackView(LoginRequiredMixin, SmederijReachMixin, PermissionRequiredMixin, View):
    permission_required = "projecten.hold_back_idea"
    template_name = "projecten/election/idea_hold_back.html"

    def get_idea(self) -> ElectionIdea:
        if not hasattr(self, "_idea"):
            self._idea = get_object_or_404(
                ElectionIdea.objects.select_related(
                    "election_round", "election_round__smederij", "proposal"
                ),
                pk=self.kwargs["pk"],
            )
        return self._idea

    def get_permission_object(self):
        return self.get_idea().election_round

    def get_reach_smederij(self):
        return self.get_idea().election_round.smederij

    def _render(self, form, status=200):
        idea = self.get_idea()
        return render(
            self.request,
            self.template_name,
            {"form": form, "idea": idea, "election_round": idea.election_round},
            status=status,
        )

    def get(self, request, pk):
        return self._render(HoldBackForm())

    def post(self, request, pk):
        form = HoldBackForm(request.POST)
        if not form.is_valid():
            return self._render(form, 400)
        idea = self.get_idea()
        try:
            services.idea_hold_back(
                idea=idea, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        messages.success(request, _("The idea has been taken off the ballot."))
        return redirect("projecten:election:round-detail", pk=idea.election_round_id)


# --- Voting ----------------------------------------------------------------------------------


class BallotView(RoundPermissionMixin, View):
    """Choose (step 1, GET and POST) and review (step 2, a valid POST shows the review)."""

    permission_required = "projecten.vote_in_round"

    def _form(self, data=None):
        election_round = self.get_round()
        ideas = selectors.ballot_ideas(election_round, self.request.user)
        participation = selectors.participation_of(election_round, self.request.user)
        initial = {"ideas": selectors.own_choice(participation)}
        form = BallotForm(
            data,
            initial=initial,
            ideas=ideas,
            votes_per_voter=election_round.votes_per_voter,
            minimum_age=election_round.minimum_age,
        )
        return election_round, ideas, participation, form

    def _render(self, election_round, ideas, participation, form, status=200):
        if not election_round.is_open:
            return render(
                self.request,
                "projecten/election/ballot_closed.html",
                {"election_round": election_round, "participation": participation},
                status=status,
            )
        chosen = form.chosen()
        return render(
            self.request,
            "projecten/election/ballot_form.html",
            {
                "election_round": election_round,
                "ideas": ideas,
                "chosen": chosen,
                "form": form,
                "participation": participation,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(*self._form())

    def post(self, request, pk):
        election_round, ideas, participation, form = self._form(request.POST)
        if not election_round.is_open:
            return self._render(election_round, ideas, participation, form, 400)
        if request.POST.get("back"):
            # "Change my choice" on the review page: the form again, with the choice kept.
            form = BallotForm(
                request.POST,
                ideas=ideas,
                votes_per_voter=election_round.votes_per_voter,
                minimum_age=election_round.minimum_age,
            )
            form._errors = {}
            return self._render(election_round, ideas, participation, form)
        if not form.is_valid():
            return self._render(election_round, ideas, participation, form, 400)
        chosen = set(form.cleaned_data["ideas"])
        return render(
            request,
            "projecten/election/ballot_review.html",
            {
                "election_round": election_round,
                "chosen_ideas": [idea for idea in ideas if idea.pk in chosen],
                "participation": participation,
            },
        )


class BallotConfirmView(RoundPermissionMixin, View):
    """Step 3: the confirmed choice is cast (or replaces the earlier one)."""

    permission_required = "projecten.vote_in_round"

    def post(self, request, pk):
        election_round = self.get_round()
        try:
            services.ballot_cast(
                election_round=election_round,
                actor=request.user,
                idea_ids=[v for v in request.POST.getlist("ideas") if v.isdigit()],
                age_confirmed=request.POST.get("age_confirmed") == "on",
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("projecten:election:ballot", pk=pk)
        return redirect("projecten:election:receipt", pk=pk)


class ReceiptView(LoginRequiredMixin, RoundMixin, View):
    def get(self, request, pk):
        election_round = self.get_round()
        participation = selectors.participation_of(election_round, request.user)
        if participation is None:
            raise Http404
        return render(
            request,
            "projecten/election/ballot_receipt.html",
            {"election_round": election_round, "participation": participation},
        )


# --- Paper ballots ---------------------------------------------------------------------------


class PaperTallyView(SubmitOnceMixin, RoundPermissionMixin, View):
    permission_required = "projecten.enter_paper_tally"
    template_name = "projecten/election/paper_tally.html"

    def _render(self, form, status=200):
        election_round = self.get_round()
        tally = services.paper_tally(election_round)
        ideas = {idea.pk: idea for idea in form.ideas}
        return render(
            self.request,
            self.template_name,
            {
                "election_round": election_round,
                "form": form,
                "tally": tally,
                "differences": [
                    (ideas.get(idea_id), figures) for idea_id, figures in tally.differences.items()
                ],
                "own_entry": next(
                    (e for e in tally.entries if e.entered_by_id == self.request.user.pk), None
                ),
            },
            status=status,
        )

    def _ideas(self):
        return list(
            self.get_round()
            .ideas.filter(held_back_at__isnull=True)
            .select_related("proposal")
            .order_by("pk")
        )

    def get(self, request, pk):
        return self._render(PaperTallyForm(ideas=self._ideas()))

    def post(self, request, pk):
        form = PaperTallyForm(request.POST, ideas=self._ideas())
        if not form.is_valid():
            return self._render(form, 400)
        try:
            url = submit_once(request, lambda: self._enter(form))
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        messages.success(request, _("Your paper tally has been saved."))
        return redirect(url)

    def _enter(self, form) -> str:
        election_round = self.get_round()
        services.paper_tally_enter(
            election_round=election_round,
            actor=self.request.user,
            ballots_handed_in=form.cleaned_data["ballots_handed_in"],
            votes=form.votes(),
        )
        return reverse("projecten:election:paper-tally", kwargs={"pk": election_round.pk})


# --- Result, recount, open data --------------------------------------------------------------


class CountedRoundMixin(RoundMixin):
    """Nothing of the count exists for anyone before the round is counted: 404."""

    def get_round(self) -> ElectionRound:
        election_round = super().get_round()
        if election_round.counted_at is None:
            raise Http404
        return election_round


class ResultView(RoundMixin, View):
    """The result once counted; while the background task counts (or the paper tally is
    awaited) a page that says so, without any figure; before the close nothing (404)."""

    def get(self, request, pk):
        election_round = self.get_round()
        if election_round.counted_at is None:
            if election_round.closed_at is None:
                raise Http404
            return render(
                request,
                "projecten/election/round_counting.html",
                {"election_round": election_round},
            )
        return render(
            request,
            "projecten/election/round_result.html",
            {
                "election_round": election_round,
                "result": selectors.round_result(election_round),
                "can_coordinate": request.user.has_perm(
                    "projecten.coordinate_election", election_round
                ),
            },
        )


class RecountView(
    LoginRequiredMixin, CountedRoundMixin, SmederijReachMixin, PermissionRequiredMixin, View
):
    """The last recount as stored (GET) and asking for a new one (POST): the background task
    counts, this page only reads."""

    permission_required = "projecten.coordinate_election"

    def get_reach_smederij(self):
        return self.get_round().smederij

    def get(self, request, pk):
        election_round = self.get_round()
        recount = services.stored_recount(election_round)
        titles = dict(election_round.ideas.values_list("proposal_id", "proposal__title"))
        rows = []
        if recount is not None:
            rows = [
                (titles.get(o["id"], ""), o, services.outcome_reason_text(o["reason"]))
                for o in recount.outcomes
            ]
        return render(
            request,
            "projecten/election/round_recount.html",
            {"election_round": election_round, "recount": recount, "rows": rows},
        )

    def post(self, request, pk):
        try:
            services.round_recount_request(election_round=self.get_round(), actor=request.user)
        except ProposalError as error:
            messages.error(request, error.message)
        return redirect("projecten:election:recount", pk=pk)


class FundAgainView(RoundPermissionMixin, View):
    permission_required = "projecten.coordinate_election"

    def post(self, request, pk):
        try:
            election_round = services.round_fund_again(
                election_round=self.get_round(), actor=request.user
            )
        except ProposalError as error:
            messages.error(request, error.message)
        else:
            if election_round.funding_status == "funded":
                messages.success(request, _("The result has been funded."))
            else:
                messages.error(request, election_round.funding_reason)
        return redirect("projecten:election:result", pk=pk)


class ExportView(CountedRoundMixin, View):
    """The open data of a counted round. The ballots CSV and the `.pb` file are streamed a
    line at a time: a big round's file is never held whole in memory (issue 12)."""

    kind = ""

    def get(self, request, pk):
        election_round = self.get_round()
        name = f"verkiezing-{election_round.smederij.slug}-{election_round.year}"
        if self.kind == "ballots":
            lines, content_type, filename = (
                exports.ballots_csv_lines(election_round),
                "text/csv",
                f"{name}-stembiljetten.csv",
            )
        elif self.kind == "result":
            # One row an idea: small, in one piece.
            response = HttpResponse(
                exports.result_csv(election_round), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}-uitslag.csv"'
            return response
        else:
            lines, content_type, filename = (
                exports.pabulib_lines(election_round),
                "text/plain",
                f"{name}.pb",
            )
        response = StreamingHttpResponse(lines, content_type=f"{content_type}; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
