"""The wijkteam's review of a proposal: starting it, advice with scores, and how a Smederij decides.

Asking for changes is `proposal_request_changes` in proposals.py (it is a move
of the lifecycle like submitting). Each function checks the permission again,
locks the proposal row before it looks at the status, and records an event on
the timeline.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from smederijen.models import Smederij

from ..errors import ProposalError
from ..models import (
    SCORE_RANGE,
    Advice,
    AssessmentVote,
    DecisionMethod,
    DecisionMethodKind,
    EventKind,
    Proposal,
    ProposalStatus,
    Recommendation,
)
from .proposals import _lock, _record, _require, _transition

# Advice can be given and changed while the wijkteam reviews; once the decision starts it is final.
ADVICE_STATUSES = frozenset({ProposalStatus.SUBMITTED, ProposalStatus.IN_REVIEW})
SCORE_FIELDS = ("score_liveability", "score_draagvlak", "score_feasibility", "score_eigen_inzet")


@transaction.atomic
def proposal_start_review(*, proposal: Proposal, actor) -> Proposal:
    """A professional or the gebiedsregisseur of the covering wijkteam takes a proposal up."""
    proposal = _lock(proposal)
    _require(actor, "smederijen.review_for_smederij", proposal.smederij)
    if proposal.status != ProposalStatus.SUBMITTED:
        raise ProposalError(_("Only a submitted proposal can be taken into review."))
    return _transition(proposal, "start_review", actor=actor)


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
        raise ValidationError(errors)


@transaction.atomic
def advice_give(
    *,
    proposal: Proposal,
    actor,
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
    proposal = _lock(proposal)
    _require(actor, "projecten.advise_proposal", proposal)
    if proposal.status not in ADVICE_STATUSES:
        raise ProposalError(
            _(
                "Advice can only be given or changed while the proposal is in review. "
                "This proposal is %(status)s."
            )
            % {"status": ProposalStatus(proposal.status).label}
        )
    scores = {
        "score_liveability": score_liveability,
        "score_draagvlak": score_draagvlak,
        "score_feasibility": score_feasibility,
        "score_eigen_inzet": score_eigen_inzet,
    }
    _check_advice(recommendation=recommendation, motivation=motivation, scores=scores)
    if proposal.status == ProposalStatus.SUBMITTED:
        _transition(proposal, "start_review", actor=actor)
    now = timezone.now()
    # The proposal row is locked: no other request of this professional can insert in between.
    advice = Advice.objects.filter(proposal=proposal, professional=actor).first()
    label = Recommendation(recommendation).label
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
        message = _("Advice given: %(recommendation)s.") % {"recommendation": label}
    else:
        previous = advice.get_recommendation_display()
        advice.recommendation = recommendation
        advice.motivation = motivation.strip()
        advice.updated_at = now
        for name, value in scores.items():
            setattr(advice, name, value)
        advice.save()
        message = _("Advice changed: %(previous)s, now %(recommendation)s.") % {
            "previous": previous,
            "recommendation": label,
        }
    # The event says who advised, when and what; the motivation stays on the advice itself.
    _record(proposal, kind=EventKind.ADVICE, actor=actor, message=message)
    return advice


# --- How a Smederij decides --------------------------------------------------------------------


def _decisions_started(smederij: Smederij, year: int) -> bool:
    """Has the Smederij started deciding on its proposals of `year`?

    Then its method may no longer change: the votes already cast would lose
    their meaning. The election module extends this with its own check
    (an election round of the Smederij and year that has opened).
    """
    if AssessmentVote.objects.filter(proposal__smederij=smederij, proposal__year=year).exists():
        return True
    return any(check(smederij, year) for check in DECISIONS_STARTED_CHECKS)


# Further checks `(smederij, year) -> bool`, appended by other modules (the election).
DECISIONS_STARTED_CHECKS: list = []


def _election_has_ballot(smederij: Smederij, year: int) -> bool:
    """An election round of the Smederij and year has received its first ballot."""
    from ..election.services import has_ballot  # the election imports this package

    return has_ballot(smederij, year)


DECISIONS_STARTED_CHECKS.append(_election_has_ballot)


def decision_method_of(*, smederij: Smederij, year: int) -> str:
    """The method of the Smederij in `year`; assessment when none was set."""
    method = (
        DecisionMethod.objects.filter(smederij=smederij, year=year)
        .values_list("method", flat=True)
        .first()
    )
    return method or DecisionMethodKind.ASSESSMENT


@transaction.atomic
def decision_method_set(*, smederij: Smederij, year: int, method: str, actor) -> DecisionMethod:
    """The gebiedsregisseur sets how the Smederij decides in `year`, until deciding has started."""
    if not actor.has_perm("projecten.set_decision_method", smederij):
        raise PermissionDenied("projecten.set_decision_method")
    if method not in DecisionMethodKind.values:
        raise ValidationError({"method": _("Choose assessment or election.")})
    # Lock the Smederij row, so that two settings of the same year happen one after the other.
    smederij = Smederij.objects.select_for_update().get(pk=smederij.pk)
    if _decisions_started(smederij, year):
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
