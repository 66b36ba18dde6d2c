"""Taking part in a proposal: comments, supports and attachments. Thin: parse, call, redirect.

Every object is looked up among what the user may see (404 otherwise); the
named permission is checked on it (403 when seen but not allowed), and the
service checks it again.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from projecten.common.views import ProposalPermissionMixin
from projecten.models import Attachment, Comment
from projecten.participation.forms import CommentForm, HideCommentForm, ProposalAttachmentForm
from projecten.participation.selectors import comment_url
from projecten.participation.services import (
    attachment_add,
    attachment_remove,
    comment_create,
    comment_hide,
    support_add,
    support_remove,
)
from projecten.proposals import selectors
from projecten.proposals.views import ProposalDetailView
from smederijen.form_errors import add_service_errors
from smederijen.ratelimits import RateLimited
from smederijen.submissions import SubmitOnceMixin, submit_once


class TakingPartMixin(ProposalPermissionMixin):
    """A proposal out of reach answers 404 to a visitor too, as its page does."""

    login_first = False


def _to_proposal(proposal, anchor: str):
    return redirect(f"{proposal.get_absolute_url()}#{anchor}")


# --- comments -------------------------------------------------------------------------


class CommentCreateView(SubmitOnceMixin, TakingPartMixin, ProposalDetailView):
    """A comment posted from the proposal page; an invalid one shows that page again."""

    permission_required = "projecten.comment_proposal"
    http_method_names = ["post"]
    with_page_parts = True

    def post(self, request, pk):
        self.object = self.get_permission_object()
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                url = submit_once(request, lambda: self._place(form.cleaned_data["body"]))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your comment is placed."))
                return redirect(url)
        context = self.get_context_data(object=self.object, comment_form=form)
        return self.render_to_response(context, status=400)

    def _place(self, body: str) -> str:
        comment = comment_create(proposal=self.object, actor=self.request.user, body=body)
        # The newest comment is on the last page: the link goes to its page and to it.
        return comment_url(comment)


class CommentHideView(PermissionRequiredMixin, View):
    permission_required = "projecten.hide_comment"
    template_name = "projecten/participation/comment_hide.html"

    def get_permission_object(self):
        if not hasattr(self, "comment"):
            self.comment = get_object_or_404(
                Comment.objects.select_related("proposal__smederij", "author"),
                pk=self.kwargs["pk"],
                proposal__in=selectors.proposals_visible_to(self.request.user),
            )
        return self.comment.proposal

    def _render(self, form, status=200):
        context = {"comment": self.comment, "proposal": self.comment.proposal, "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(HideCommentForm())

    def post(self, request, pk):
        form = HideCommentForm(request.POST)
        if form.is_valid():
            try:
                comment_hide(
                    comment=self.comment, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The comment is hidden; the reason is shown instead."))
                return redirect(comment_url(self.comment))
        return self._render(form, status=400)


# --- supports -------------------------------------------------------------------------


class SupportAddView(TakingPartMixin, View):
    permission_required = "projecten.support_proposal"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = self.get_permission_object()
        try:
            _support, created = support_add(proposal=proposal, actor=request.user)
        except RateLimited as error:
            messages.error(request, error.messages[0])
            return _to_proposal(proposal, "steun")
        if created:
            messages.success(request, _("Thank you: you support this proposal."))
        else:
            messages.info(request, _("You already support this proposal."))
        return _to_proposal(proposal, "steun")


class SupportRemoveView(TakingPartMixin, View):
    """A resident takes back their own support while it still counts."""

    permission_required = "projecten.remove_support"
    http_method_names = ["post"]

    def post(self, request, pk):
        proposal = self.get_permission_object()
        try:
            removed = support_remove(proposal=proposal, actor=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            if removed:
                messages.success(request, _("Your support is taken back."))
            else:
                messages.info(request, _("You did not support this proposal."))
        return _to_proposal(proposal, "steun")


# --- attachments ----------------------------------------------------------------------


class AttachmentCreateView(TakingPartMixin, View):
    """Upload a file while the proposal can be changed; the detail page posts here too."""

    permission_required = "projecten.change_proposal"
    template_name = "projecten/participation/attachment_form.html"

    def _render(self, form, status=200):
        context = {"proposal": self.get_permission_object(), "form": form}
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, pk):
        return self._render(ProposalAttachmentForm(proposal=self.get_permission_object()))

    def post(self, request, pk):
        proposal = self.get_permission_object()
        form = ProposalAttachmentForm(request.POST, request.FILES, proposal=proposal)
        if form.is_valid():
            try:
                attachment = attachment_add(
                    proposal=proposal,
                    actor=request.user,
                    file=form.cleaned_data["file"],
                    kind=form.cleaned_data["kind"],
                    publish_consent=form.cleaned_data["publish_consent"],
                    budget_line=form.cleaned_data["budget_line"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s is added to your proposal.") % {"name": attachment.original_name},
                )
                return _to_proposal(proposal, "bijlagen")
        return self._render(form, status=400)


class AttachmentRemoveView(PermissionRequiredMixin, View):
    """A removed file is gone for good, so the GET asks first on a page of its own; the POST
    removes it."""

    permission_required = "projecten.change_proposal"
    http_method_names = ["get", "post"]
    template_name = "projecten/participation/attachment_remove.html"

    def get_permission_object(self):
        if not hasattr(self, "attachment"):
            self.attachment = get_object_or_404(
                Attachment.objects.select_related("proposal__smederij"),
                pk=self.kwargs["pk"],
                proposal__in=selectors.proposals_visible_to(self.request.user),
            )
        return self.attachment.proposal

    def get(self, request, pk):
        proposal = self.get_permission_object()
        return render(
            request, self.template_name, {"proposal": proposal, "attachment": self.attachment}
        )

    def post(self, request, pk):
        proposal = self.get_permission_object()
        attachment_remove(attachment=self.attachment, actor=request.user)
        messages.success(
            request, _("%(name)s is removed.") % {"name": self.attachment.original_name}
        )
        return _to_proposal(proposal, "bijlagen")
