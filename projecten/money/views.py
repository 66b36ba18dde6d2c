"""The money page of a proposal for the gebiedsregisseur: grant, payments, releases, refunds,
what is open and what is to be paid back, with a form for each action.

Each action is its own URL (one view a service); an invalid form or a refused
action shows the page again with the error at its form.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView

from projecten.accounting.services import proposal_complete
from projecten.common.views import ProposalPermissionMixin
from projecten.election.selectors import open_round_of
from projecten.models import CoFundingStatus
from projecten.money.forms import (
    AdvanceForm,
    CancelForm,
    CoFundingStatusForm,
    CompleteForm,
    PaymentForm,
    RefundForm,
)
from projecten.money.selectors import money_overview, smederij_public_summary
from projecten.money.services import (
    advance_pay,
    co_funding_status_set,
    payment_record,
    proposal_cancel,
    refund_record,
)
from smederijen import navigation
from smederijen.areas.selectors import area_map, smederijen_for_map
from smederijen.form_errors import add_service_errors
from smederijen.selectors import smederijen_public
from smederijen.submissions import SubmitOnceMixin, submit_once

TEMPLATE = "projecten/money/money.html"
# The query parameter of the Smederij page's year chooser.
YEAR_PARAMETER = "jaar"
FORMS = {
    "advance": AdvanceForm,
    "payment": PaymentForm,
    "cancel": CancelForm,
    "refund": RefundForm,
    "complete": CompleteForm,
}


def _render(request, proposal, bound=None, status=200):
    forms = {f"{name}_form": form_class(prefix=name) for name, form_class in FORMS.items()}
    if bound is not None:
        name, form = bound
        forms[f"{name}_form"] = form
    return render(
        request,
        TEMPLATE,
        {
            "proposal": proposal,
            "money": money_overview(proposal=proposal),
            "co_funding_statuses": CoFundingStatus.choices,
            **forms,
        },
        status=status,
    )


class MoneyView(ProposalPermissionMixin, View):
    permission_required = "projecten.manage_money"

    def get(self, request, pk):
        return _render(request, self.get_permission_object())


class _MoneyActionView(SubmitOnceMixin, ProposalPermissionMixin, View):
    """Each form is done once (`submit_once`): a second post of it, a double click or a
    hundred, goes back to the money page and pays nothing more."""

    permission_required = "projecten.manage_money"
    name: str
    # Said when the action is done, also to a second post of the same form.
    done_message: str

    def perform(self, proposal, data) -> None:
        raise NotImplementedError

    def post(self, request, pk):
        proposal = self.get_permission_object()
        form = FORMS[self.name](request.POST, prefix=self.name)
        if form.is_valid():
            try:
                url = submit_once(request, lambda: self._perform(proposal, form.cleaned_data))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.done_message)
                return redirect(url)
        return self.invalid(request, proposal, form)

    def invalid(self, request, proposal, form):
        """The page again with the error at its form (the money page, unless the action has
        a page of its own)."""
        return _render(request, proposal, (self.name, form), status=400)

    def _perform(self, proposal, data) -> str:
        self.perform(proposal, data)
        return reverse("projecten:money", kwargs={"pk": proposal.pk})


class AdvanceView(_MoneyActionView):
    name = "advance"
    done_message = gettext_lazy("The advance is recorded.")

    def perform(self, proposal, data):
        advance_pay(
            proposal=proposal,
            actor=self.request.user,
            amount=data["amount"],
            override_reason=data["override_reason"],
        )


class PaymentView(_MoneyActionView):
    name = "payment"
    done_message = gettext_lazy("The payment is recorded.")

    def perform(self, proposal, data):
        payment_record(
            proposal=proposal, actor=self.request.user, amount=data["amount"], reason=data["reason"]
        )


class CancelView(_MoneyActionView):
    """Stopping a project cannot be undone, so it has a page of its own: the GET says what
    will happen (the money that goes back, what is to be paid back, the status, who is
    told) and changes nothing; the POST of its form does it, once."""

    name = "cancel"
    template_name = "projecten/money/cancel_confirm.html"
    done_message = gettext_lazy("The project is stopped; the unpaid money went back to the pot.")

    def get(self, request, pk):
        return self._confirm(request, self.get_permission_object(), CancelForm(prefix=self.name))

    def invalid(self, request, proposal, form):
        return self._confirm(request, proposal, form, status=400)

    def _confirm(self, request, proposal, form, status=200):
        return render(
            request,
            self.template_name,
            {"proposal": proposal, "money": money_overview(proposal=proposal), "form": form},
            status=status,
        )

    def perform(self, proposal, data):
        proposal_cancel(proposal=proposal, actor=self.request.user, reason=data["reason"])


class RefundView(_MoneyActionView):
    name = "refund"
    done_message = gettext_lazy("The refund is recorded and the money went back to the pot.")

    def perform(self, proposal, data):
        refund_record(
            proposal=proposal, actor=self.request.user, amount=data["amount"], reason=data["reason"]
        )


class CompleteView(_MoneyActionView):
    """Mark the project completed: the verantwoording is approved (accounting_approve)."""

    name = "complete"
    # Completing is approving the verantwoording: the same permission as on its own page.
    permission_required = "projecten.check_accounting"
    done_message = gettext_lazy("The verantwoording is approved: the project is completed.")

    def perform(self, proposal, data):
        proposal_complete(proposal=proposal, actor=self.request.user, message=data["message"])


class SmederijDetailView(DetailView):
    """The public page of a Smederij: its funded projects and where its money went.

    Routed under /smederijen/<slug>/ (config/urls.py): the page belongs to the area,
    its figures to projecten.
    """

    template_name = "smederijen/smederij_detail.html"
    context_object_name = "smederij"

    def get_queryset(self):
        return smederijen_public()

    def _year_asked(self) -> int | None:
        """The year of `?jaar=`; anything that is not a plausible year shows this year."""
        value = self.request.GET.get(YEAR_PARAMETER, "")
        if value.isdigit() and 2000 <= int(value) <= 2100:
            return int(value)
        return None

    def get_context_data(self, **kwargs):
        summary = smederij_public_summary(smederij=self.object, year=self._year_asked())
        user = self.request.user
        actions = navigation.smederij_actions(user, self.object)
        open_round = open_round_of(self.object)
        if open_round is not None and user.has_perm("projecten.vote_in_round", open_round):
            # The first thing to do while the election is open: vote.
            actions.insert(0, navigation.vote_action(open_round))
        return super().get_context_data(
            projects_summary=summary,
            # The year chooser: a link a year with funded projects (and the one shown).
            project_years=[
                {
                    "year": year,
                    "url": f"?{YEAR_PARAMETER}={year}#projects-heading",
                    "current": year == summary.year,
                }
                for year in sorted({*summary.years, summary.year}, reverse=True)
            ],
            # The gebiedsregisseur pays from here: each funded project links to its money.
            can_manage_money=user.has_perm("projecten.manage_money", self.object),
            pages=navigation.smederij_pages(user, self.object, spending_year=summary.year),
            actions=actions,
            area_map=area_map(smederijen_for_map(), highlight=self.object),
            **kwargs,
        )


class CoFundingStatusView(ProposalPermissionMixin, View):
    """Record that co-funding was promised or received (a row of the money page)."""

    permission_required = "projecten.manage_money"
    http_method_names = ["post"]

    def post(self, request, pk, co_funding_pk):
        proposal = self.get_permission_object()
        co_funding = get_object_or_404(proposal.co_funding, pk=co_funding_pk)
        form = CoFundingStatusForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose asked, promised or received."))
            return redirect("projecten:money", pk=proposal.pk)
        try:
            co_funding_status_set(
                co_funding=co_funding, status=form.cleaned_data["status"], actor=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Co-funding from %(source)s is now %(status)s.")
                % {"source": co_funding.source, "status": co_funding.get_status_display()},
            )
        return redirect("projecten:money", pk=proposal.pk)
