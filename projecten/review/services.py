"""The wijkteam's review of a proposal: starting it, advice with scores, asking for changes,
and how a Smederij decides.

Each function checks the permission again, locks the proposal row before it
looks at the status, and records an event on the timeline.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from projecten.common import timeline
from projecten.common.services import (
    event_record,
    permission_require,
    proposal_lock,
    proposal_transition,
)
from projecten.errors import ProposalError
from projecten.models import (
    SCORE_RANGE,
    Advice,
    DecisionMethod,
    DecisionMethodKind,
    EventKind,
    Proposal,
    ProposalStatus,
    Recommendation,
)
from projecten.review.selectors import decisions_started
from projecten.workflow import OPEN_FOR_ADVICE, can_move, check_transition
from smederijen.models import Smederij, User

# Advice can be given and changed while the wijkteam reviews; once the decision starts it is final.
SCORE_FIELDS = ("score_liveability", "score_draagvlak", "score_feasibility", "score_eigen_inzet")


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, actor: User) -> Proposal:
    """A professional or the gebiedsregisseur of the covering wijkteam takes a proposal up."""
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.review_proposal", proposal)
    if not can_move(proposal.status, "start_review"):
        raise ProposalError(
            _("Only a submitted proposal can be taken into review."), code="not_submitted"
        )
    return proposal_transition(proposal, "start_review", actor=actor)


def _check_advice(*, recommendation: str, motivation: str, scores: dict) -> None:
    errors: dict[str, list[str]] = {}
    if recommendation not in Recommendation.values:
        errors["recommendation"] = [_("Choose positive, neutral or negative.")]
    if not (motivation or "").strip():
        errors["motivation"] = [_("Explain your advice: the submitter reads it.")]
    low, high = SCORE_RANGE
    for name in SCORE_FIELDS:
        value = scores.get(name)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors[name] = [
                _("Give a score from %(low)d to %(high)d.") % {"low": low, "high": high}
            ]
    if errors:
        raise ProposalError(errors)


@transaction.atomic
def advice_give(
    *,
    proposal: Proposal,
    actor: User,
    recommendation: str,
    motivation: str,
    score_liveability: int,
    score_draagvlak: int,
    score_feasibility: int,
    score_eigen_inzet: int,
) -> Advice:
    """Give advice on a proposal, or change one's earlier advice (one advice per professional).

    Only professionals of the wijkteam that covers the Smederij advise; the
    gebiedsregisseur coordinates and does not (docs/decisions/0007). Advice on a
    submitted proposal starts its review. Once the decision has started the
    advice is final, so that the voters judge what the submitter saw.
    """
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.advise_proposal", proposal)
    if proposal.status not in OPEN_FOR_ADVICE:
        raise ProposalError(
            _(
                "Advice can only be given or changed while the proposal is in review. "
                "This proposal is %(status)s."
            )
            % {"status": ProposalStatus(proposal.status).label},
            code="advice_closed",
        )
    scores = {
        "score_liveability": score_liveability,
        "score_draagvlak": score_draagvlak,
        "score_feasibility": score_feasibility,
        "score_eigen_inzet": score_eigen_inzet,
    }
    _check_advice(recommendation=recommendation, motivation=motivation, scores=scores)
    if proposal.status == ProposalStatus.SUBMITTED:
        proposal_transition(proposal, "start_review", actor=actor)
    now = timezone.now()
    # The proposal row is locked: no other request of this professional can insert in between.
    advice = Advice.objects.filter(proposal=proposal, professional=actor).first()
    if advice is None:
        advice = Advice.objects.create(
            proposal=proposal,
            professional=actor,
            recommendation=recommendation,
            motivation=motivation.strip(),
            created_at=now,
            updated_at=now,
            **scores,
        )
        what, data = timeline.ADVICE_GIVEN, {"recommendation": recommendation}
    else:
        previous = advice.recommendation
        advice.recommendation = recommendation
        advice.motivation = motivation.strip()
        advice.updated_at = now
        for name, value in scores.items():
            setattr(advice, name, value)
        advice.save()
        what = timeline.ADVICE_CHANGED
        data = {"previous": previous, "recommendation": recommendation}
    # The event says who advised, when and what; the motivation stays on the advice itself.
    event_record(proposal, kind=EventKind.ADVICE, actor=actor, what=what, data=data)
    return advice


# --- How a Smederij decides --------------------------------------------------------------------


@transaction.atomic
def decision_method_set(
    *, smederij: Smederij, year: int, method: str, actor: User
) -> DecisionMethod:
    """The gebiedsregisseur sets how the Smederij decides in `year`, until deciding has started."""
    if not actor.has_perm("projecten.set_decision_method", smederij):
        raise PermissionDenied("projecten.set_decision_method")
    if method not in DecisionMethodKind.values:
        raise ProposalError(_("Choose assessment or election."), field="method")
    # Lock the Smederij row, so that two settings of the same year happen one after the other.
    smederij = Smederij.objects.select_for_update().get(pk=smederij.pk)
    if decisions_started(smederij=smederij, year=year):
        raise ProposalError(
            _(
                "Smederij %(smederij)s has already started deciding on %(year)s: "
                "the way it decides can no longer change."
            )
            % {"smederij": smederij.name, "year": year},
            field="method",
        )
    decision_method, _created = DecisionMethod.objects.update_or_create(
        smederij=smederij,
        year=year,
        defaults={"method": method, "set_by": actor, "set_at": timezone.now()},
    )
    return decision_method


@transaction.atomic
def proposal_request_changes(*, proposal: Proposal, actor: User, message: str) -> Proposal:
    """The wijkteam sends a proposal back to its submitter, saying what to change."""
    proposal = proposal_lock(proposal)
    permission_require(actor, "projecten.review_proposal", proposal)
    check_transition(proposal.status, "request_changes")
    if not message.strip():
        raise ProposalError(
            _("Say what the submitter should change."), field="message", code="required"
        )
    return proposal_transition(proposal, "request_changes", actor=actor, message=message)
