"""The decision page of the gebiedsregisseur, and the printable decision letter.

Thin: parse a form, call one service, turn a domain error (a budget refusal
too) into a form error, redirect. A proposal the user may not see answers 404.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from projecten.common.views import ProposalPermissionMixin
from projecten.decisions import selectors as selectors_decisions
from projecten.decisions.forms import ApproveForm, DeferForm, RejectForm
from projecten.decisions.services import (
    latest_closed_vote,
    proposal_approve,
    proposal_defer,
    proposal_reject,
    proposal_reopen_deferred,
)
from projecten.errors import ProposalError
from projecten.models import ProposalStatus
from smederijen.form_errors import add_service_errors

FORMS = {"approve": ApproveForm, "reject": RejectForm, "defer": DeferForm}


class DecisionView(ProposalPermissionMixin, View):
    """Approve (with the amount and conditions), reject or defer a proposal being decided."""

    permission_required = "projecten.decide_proposal"
    template_name = "projecten/decisions/decision_form.html"

    def _render(self, forms, status=200):
        proposal = self.get_permission_object()
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "deciding": proposal.status == ProposalStatus.DECIDING,
                "vote": latest_closed_vote(proposal),
                "decision": selectors_decisions.decision_latest(proposal=proposal),
                "co_funding": list(proposal.co_funding.order_by("pk")),
                **forms,
            },
            status=status,
        )

    def _blank_forms(self):
        proposal = self.get_permission_object()
        return {
            "approve_form": ApproveForm(
                prefix="approve", initial={"amount": proposal.amount_requested}
            ),
            "reject_form": RejectForm(prefix="reject"),
            "defer_form": DeferForm(prefix="defer"),
        }

    def get(self, request, pk):
        return self._render(self._blank_forms())

    def post(self, request, pk):
        proposal = self.get_permission_object()
        action = request.POST.get("action")
        if action not in FORMS:
            raise Http404
        forms = self._blank_forms()
        form = FORMS[action](request.POST, prefix=action)
        forms[f"{action}_form"] = form
        if not form.is_valid():
            return self._render(forms, 400)
        data = form.cleaned_data
        try:
            if action == "approve":
                proposal_approve(
                    proposal=proposal,
                    actor=request.user,
                    amount=data["amount"],
                    conditions=data["conditions"],
                    conditional_on_co_funding=data["conditional_on_co_funding"],
                    motivation=data["motivation"],
                )
                text = _("The proposal is approved and the money is granted.")
            elif action == "reject":
                proposal_reject(
                    proposal=proposal, actor=request.user, motivation=data["motivation"]
                )
                text = _("The proposal is rejected.")
            else:
                proposal_defer(proposal=proposal, actor=request.user, motivation=data["motivation"])
                text = _("The proposal is deferred to next year.")
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(forms, 400)
        messages.success(request, text + " " + _("The submitter receives the decision letter."))
        return redirect("projecten:decision-letter", pk=proposal.pk)


class DecisionLetterView(ProposalPermissionMixin, View):
    """The decision letter, printable. Others than its readers get 404, not 403: they do not
    learn that a letter exists."""

    permission_required = "projecten.view_decision_letter"
    template_name = "projecten/decisions/decision_letter.html"

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise Http404
        return super().handle_no_permission()

    def get(self, request, pk):
        proposal = self.get_permission_object()
        decision = selectors_decisions.decision_latest(proposal=proposal)
        if decision is None:
            raise Http404
        return render(
            request,
            self.template_name,
            {"proposal": proposal, "decision": decision, "next_year": proposal.year + 1},
        )


class ReopenDeferredView(ProposalPermissionMixin, View):
    """Take a deferred proposal up again in the next budget year (a POST from the proposal page)."""

    permission_required = "projecten.reopen_proposal"

    def post(self, request, pk):
        proposal = self.get_permission_object()
        try:
            proposal_reopen_deferred(proposal=proposal, actor=request.user)
        except ProposalError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The proposal is taken up again for %(year)d.") % {"year": proposal.year + 1},
            )
        return redirect(proposal)
