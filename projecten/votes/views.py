"""Pages of the assessment vote: the voter's list, opening a vote, the vote page.

Thin: parse, call one service or selector, turn a domain error into a form
error, redirect. A vote of a proposal the user may not see answers 404; who
voted what is shown only to the deciders (`projecten.view_vote_choices`).
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from projecten.models import AssessmentVote, Klap, VoteBody, VoteOutcome
from projecten.proposals import selectors
from projecten.votes import selectors as selectors_votes
from projecten.votes.forms import VoteCastForm, VoteOpenForm
from projecten.votes.services import vote_cast, vote_open
from smederijen.form_errors import add_service_errors


class VoteListView(LoginRequiredMixin, View):
    """Stemmen: the open votes the user may vote in, and those a gebiedsregisseur coordinates."""

    template_name = "projecten/votes/vote_list.html"

    def get(self, request):
        return render(
            request,
            self.template_name,
            {
                "votes": list(selectors_votes.votes_open_for(request.user)),
                "coordinated": list(selectors_votes.votes_coordinated_by(request.user)),
                "now": timezone.now(),
            },
        )


class VoteOpenView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The gebiedsregisseur opens the initiatiefgroep's vote, or puts a lange klap proposal on
    the stuurgroep's agenda."""

    permission_required = "projecten.open_vote"
    template_name = "projecten/votes/vote_open.html"

    def get_permission_object(self):
        if not hasattr(self, "_proposal"):
            queryset = selectors.proposals_visible_to(self.request.user).select_related(
                "smederij", "submitter"
            )
            self._proposal = get_object_or_404(queryset, pk=self.kwargs["pk"])
        return self._proposal

    def _render(self, form, status=200):
        proposal = self.get_permission_object()
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "stuurgroep": proposal.klap == Klap.LANGE,
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render(VoteOpenForm())

    def post(self, request, pk):
        form = VoteOpenForm(request.POST)
        if not form.is_valid():
            return self._render(form, 400)
        proposal = self.get_permission_object()
        try:
            vote = vote_open(
                proposal=proposal,
                actor=request.user,
                closes_at=form.cleaned_data["closes_at"],
                quorum=form.quorum_fraction(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        if vote.body == VoteBody.STUURGROEP:
            messages.success(request, _("The proposal is on the stuurgroep's agenda."))
        else:
            messages.success(request, _("The vote is open. The voters have been emailed."))
        return redirect("projecten:vote-detail", pk=vote.pk)


class VoteDetailView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The vote page: the proposal, its advice and co-funding, the form, and (for the deciders)
    who voted what."""

    permission_required = "projecten.view_vote"
    template_name = "projecten/votes/vote_detail.html"

    def get_permission_object(self):
        if not hasattr(self, "_vote"):
            try:
                self._vote = selectors_votes.vote_detail(
                    user=self.request.user, pk=self.kwargs["pk"]
                )
            except AssessmentVote.DoesNotExist:
                raise Http404 from None
        return self._vote

    def _render(self, form=None, status=200):
        vote = self.get_permission_object()
        user = self.request.user
        can_cast = user.has_perm("projecten.cast_vote", vote)
        my_cast = selectors_votes.vote_cast_of(vote=vote, user=user)
        if form is None and can_cast:
            initial = (
                {"choice": my_cast.choice, "motivation": my_cast.motivation} if my_cast else {}
            )
            form = VoteCastForm(initial=initial)
        show_choices = user.has_perm("projecten.view_vote_choices", vote)
        return render(
            self.request,
            self.template_name,
            {
                "vote": vote,
                "proposal": vote.proposal,
                "form": form,
                "can_cast": can_cast,
                "my_cast": my_cast,
                "casts": selectors_votes.vote_casts(vote) if show_choices else None,
                "show_co_funding": vote.body == VoteBody.STUURGROEP,
                "can_view_advice": user.has_perm("projecten.view_advice", vote.proposal),
            },
            status=status,
        )

    def get(self, request, pk):
        return self._render()

    def post(self, request, pk):
        vote = self.get_permission_object()
        form = VoteCastForm(request.POST)
        if not form.is_valid():
            return self._render(form, 400)
        try:
            vote_cast(
                vote=vote,
                actor=request.user,
                choice=form.cleaned_data["choice"],
                motivation=form.cleaned_data["motivation"],
            )
        except PermissionDenied:
            raise
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form, 400)
        # The last vote closes the vote at once (vote_close_if_complete, after commit): then
        # saying it can still be changed would not be true.
        vote.refresh_from_db(fields=["closed_at", "outcome"])
        if vote.closed_at is not None:
            messages.success(
                request,
                _(
                    "Your vote is saved. Everyone has voted, so the vote is closed. Result: %(outcome)s."
                )
                % {"outcome": VoteOutcome(vote.outcome).label},
            )
        else:
            messages.success(
                request, _("Your vote is saved. You can change it until the vote closes.")
            )
        return redirect("projecten:vote-detail", pk=vote.pk)
