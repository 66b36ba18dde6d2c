"""Pages of the resident's journey with a proposal. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, ListView
from rules.contrib.views import PermissionRequiredMixin

from projecten.common.views import ProposalPermissionMixin
from projecten.models import Attachment, Proposal
from projecten.participation.forms import CommentForm, ProposalAttachmentForm
from projecten.participation.selectors import COMMENTS_PAGE_PARAMETER
from projecten.proposals import selectors
from projecten.proposals.filters import SmederijProposalFilter
from projecten.proposals.forms import (
    BudgetLineFormSet,
    CoFundingFormSet,
    ProposalForm,
    WithdrawForm,
    budget_lines_from,
    co_funding_from,
)
from projecten.proposals.page import proposal_page
from projecten.proposals.services import (
    proposal_create_draft,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
from smederijen.form_errors import add_service_errors
from smederijen.groups import views as group_views
from smederijen.models import Smederij
from smederijen.submissions import Shown, SubmitOnceMixin, submit_once


def _initial_lines(proposal: Proposal | None) -> tuple[list[dict], list[dict]]:
    if proposal is None:
        return [], []
    lines = [
        {"description": b.description, "amount": b.amount} for b in proposal.budget_lines.all()
    ]
    sources = [
        {"kind": c.kind, "source": c.source, "amount": c.amount, "status": c.status}
        for c in proposal.co_funding.all()
    ]
    return lines, sources


def _unbound_copy(formset, *, extra: int):
    """An unbound formset showing the rows a bound one was posted with, and `extra` more."""
    rows = [{name: row[name].value() for name in row.fields} for row in formset.forms]
    copy = type(formset)(prefix=formset.prefix, initial=rows)
    copy.extra = extra
    return copy


def _apply_submission_errors(error: ValidationError, form, budget_formset) -> None:
    """Show the service's reasons beside the fields they are about; the budget lines above
    their rows."""
    add_service_errors(form, error, elsewhere={"budget_lines": budget_formset.non_form_errors_list})


class ProposalFormView(LoginRequiredMixin, View):
    """Create or edit a proposal: save it as a draft, or submit it in one go.

    The draft is saved first, so that a submission that is not complete yet
    loses nothing of what was typed: the resident sees what is missing beside
    the fields, and the draft is there when they come back.
    """

    template_name = "projecten/proposals/proposal_form.html"

    def get_proposal(self) -> Proposal | None:
        return None

    def _forms(self, proposal, data=None):
        lines, sources = _initial_lines(proposal)
        form = ProposalForm(data, instance=proposal, user=self.request.user)
        budget_formset = BudgetLineFormSet(data, prefix="lines", initial=lines)
        co_funding_formset = CoFundingFormSet(data, prefix="cofunding", initial=sources)
        budget_formset.non_form_errors_list = []
        return form, budget_formset, co_funding_formset

    def _render(self, proposal, form, budget_formset, co_funding_formset, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "proposal": proposal,
                "form": form,
                "budget_formset": budget_formset,
                "co_funding_formset": co_funding_formset,
                "smederij": proposal.smederij if proposal else self.smederij,
            },
            status=status,
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.proposal = self.get_proposal()
        if self.proposal is None:
            area = request.user.home_area
            if not request.user.has_perm("projecten.create_proposal") or not hasattr(
                area, "smederij"
            ):
                messages.info(
                    request, _("Choose your area first: your postcode decides your Smederij.")
                )
                return redirect("smederijen:my-overview")
            self.smederij = area.smederij
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self._render(self.proposal, *self._forms(self.proposal))

    def post(self, request, *args, **kwargs):
        form, budget_formset, co_funding_formset = self._forms(self.proposal, request.POST)
        if "add_line" in request.POST:
            return self._render(
                self.proposal,
                *self._with_one_more_line(form, budget_formset, co_funding_formset),
            )
        valid = all([form.is_valid(), budget_formset.is_valid(), co_funding_formset.is_valid()])
        if not valid:
            return self._render(self.proposal, form, budget_formset, co_funding_formset, 400)
        arguments = {
            "fields": form.fields_for_service(),
            "budget_lines": budget_lines_from(budget_formset),
            "co_funding": co_funding_from(co_funding_formset),
            "group": form.cleaned_data.get("group"),
        }
        try:
            outcome = submit_once(request, lambda: self._save(arguments))
        except ValidationError as error:
            _apply_submission_errors(error, form, budget_formset)
            return self._render(self.proposal, form, budget_formset, co_funding_formset, 400)
        return outcome if isinstance(outcome, HttpResponse) else redirect(outcome)

    def _with_one_more_line(self, form, budget_formset, co_funding_formset):
        """The form as typed, with one empty budget line more: "Regel toevoegen" works without
        JavaScript. Nothing is checked or saved, so no error shows for a half-filled form; the
        typed values become the initial ones of unbound forms (decision 0025)."""
        typed = {name: form[name].value() for name in form.fields}
        form = ProposalForm(instance=self.proposal, initial=typed, user=self.request.user)
        budget_formset = _unbound_copy(budget_formset, extra=1)
        co_funding_formset = _unbound_copy(co_funding_formset, extra=0)
        budget_formset.non_form_errors_list = []
        return form, budget_formset, co_funding_formset

    def _save(self, arguments) -> str | Shown:
        """Save the draft, then submit it if asked: once for this form (`submit_once`)."""
        request = self.request
        if self.proposal is None:
            proposal = proposal_create_draft(actor=request.user, **arguments)
        else:
            proposal = proposal_update(proposal=self.proposal, actor=request.user, **arguments)
        if "submit" not in request.POST:
            messages.success(
                request, _("Your proposal is saved. You can submit it when it is complete.")
            )
            return proposal.get_absolute_url()
        try:
            proposal_submit(proposal=proposal, actor=request.user)
        except PermissionDenied:
            messages.warning(
                request,
                _(
                    "Your proposal is saved as a draft. Confirm your email address first; then you can submit it."
                ),
            )
            return proposal.get_absolute_url()
        except ValidationError as error:
            # The draft stays (proposal_submit's own savepoint is what rolled back). The page
            # shows it as its edit page would: the saved lines are the formsets' initial ones,
            # so that the corrected form, posted to the draft's edit page, keeps them.
            _form, budget_formset, co_funding_formset = self._forms(proposal)
            form = ProposalForm(request.POST, instance=proposal, user=request.user)
            form.is_valid()
            _apply_submission_errors(error, form, budget_formset)
            messages.warning(
                request,
                _(
                    "Your proposal is saved as a draft, but it cannot be submitted yet. See what is missing below."
                ),
            )
            page = self._render(proposal, form, budget_formset, co_funding_formset, 400)
            return Shown(page, proposal.get_absolute_url())
        messages.success(request, _("Your proposal is submitted. The wijkteam will look at it."))
        return proposal.get_absolute_url()


class ProposalCreateView(SubmitOnceMixin, ProposalFormView):
    pass


class ProposalUpdateView(SubmitOnceMixin, ProposalPermissionMixin, ProposalFormView):
    permission_required = "projecten.change_proposal"
    with_page_parts = True

    def get_proposal(self):
        return self.get_permission_object()


class ProposalDetailView(DetailView):
    """Only proposals the user may see exist for them: anything else answers 404."""

    template_name = "projecten/proposals/proposal_detail.html"
    context_object_name = "proposal"

    def get_queryset(self):
        user = self.request.user
        return selectors.proposal_detail(queryset=selectors.proposals_visible_to(user), user=user)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("comment_form", CommentForm())
        page = proposal_page(
            user=self.request.user,
            proposal=self.object,
            comments_page=self.request.GET.get(COMMENTS_PAGE_PARAMETER, 1),
        )
        attachment_form = (
            ProposalAttachmentForm(proposal=self.object) if page.participation.can_change else None
        )
        return super().get_context_data(page=page, attachment_form=attachment_form, **kwargs)


class ProposalWithdrawView(ProposalPermissionMixin, View):
    permission_required = "projecten.withdraw_proposal"
    template_name = "projecten/proposals/proposal_withdraw.html"

    def get(self, request, pk):
        return render(
            request,
            self.template_name,
            {"proposal": self.get_permission_object(), "form": WithdrawForm()},
        )

    def post(self, request, pk):
        proposal = self.get_permission_object()
        form = WithdrawForm(request.POST)
        if not form.is_valid():
            return render(
                request, self.template_name, {"proposal": proposal, "form": form}, status=400
            )
        proposal_withdraw(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Your proposal is withdrawn."))
        return redirect(proposal)


class MyProposalsView(LoginRequiredMixin, ListView):
    template_name = "projecten/proposals/my_proposals.html"
    context_object_name = "proposals"

    def get_queryset(self):
        return selectors.proposals_of_submitter(self.request.user)


class AttachmentDownloadView(View):
    """Files are served only after the same check as the page they belong to."""

    def get(self, request, pk):
        attachment = get_object_or_404(
            Attachment.objects.select_related("proposal"),
            pk=pk,
            proposal__in=selectors.proposals_visible_to(request.user),
        )
        public = attachment.is_image and attachment.publish_consent
        if not public and not request.user.has_perm(
            "projecten.view_private_parts", attachment.proposal
        ):
            raise Http404
        response = FileResponse(
            attachment.file.open("rb"),
            content_type=attachment.content_type,
            as_attachment=not attachment.is_image,
            filename=attachment.original_name,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response


class SmederijProposalsView(PermissionRequiredMixin, ListView):
    """Filtered and paginated; someone without access to the Smederij's proposals gets 404."""

    permission_required = "projecten.view_smederij_proposals"
    template_name = "projecten/proposals/smederij_proposals.html"
    context_object_name = "proposals"
    paginate_by = 20

    def get_permission_object(self):
        if not hasattr(self, "smederij"):
            self.smederij = get_object_or_404(
                Smederij.objects.active().select_related("area", "wijkteam"),
                slug=self.kwargs["slug"],
            )
        return self.smederij

    def handle_no_permission(self):
        # A visitor may be a resident who is not logged in yet; anyone else learns nothing.
        if not self.request.user.is_authenticated:
            return super().handle_no_permission()
        raise Http404

    def get_queryset(self):
        user = self.request.user
        self.filterset = SmederijProposalFilter(
            self.request.GET or None,
            queryset=selectors.smederij_proposals(user=user, smederij=self.smederij),
            years=selectors.smederij_proposal_years(user=user, smederij=self.smederij),
        )
        if self.filterset.is_bound and not self.filterset.is_valid():
            # A value that is not a choice (a hand-made URL) shows its error, not everything.
            return self.filterset.queryset.none()
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(smederij=self.smederij, filter=self.filterset, **kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        # The paginator counted once already (a cached property): no second COUNT query.
        context["result_count"] = context["paginator"].count
        context["query_without_page"] = query.urlencode()
        return context


class GroupDetailView(group_views.GroupDetailView):
    """The page of a group of the area, with those of its proposals the user may see."""

    def get_extra_context(self, group) -> dict:
        return {"proposals": selectors.group_proposals(group=group, user=self.request.user)}
