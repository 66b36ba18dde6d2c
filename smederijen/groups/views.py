"""Pages of the initiatiefgroep and of the groups of an area. Thin: parse, call a service, render."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from smederijen import tokens
from smederijen.accounts.forms import DecisionForm
from smederijen.form_errors import add_service_errors
from smederijen.groups import selectors
from smederijen.groups import selectors as group_selectors
from smederijen.groups import services as group_services
from smederijen.groups.forms import GroupForm, InvitationForm, JoinRequestForm
from smederijen.models import Smederij
from smederijen.selectors import smederijen_public
from smederijen.submissions import SubmitOnceMixin, submit_once


class SmederijMixin:
    def get_smederij(self) -> Smederij:
        if not hasattr(self, "_smederij"):
            self._smederij = get_object_or_404(smederijen_public(), slug=self.kwargs["slug"])
        return self._smederij


class InitiatiefgroepView(SmederijMixin, PermissionRequiredMixin, View):
    """The members of a Smederij's initiatiefgroep and the residents who ask to join."""

    permission_required = "smederijen.view_initiatiefgroep"

    def get_permission_object(self):
        return self.get_smederij()

    def get(self, request, slug):
        smederij = self.get_smederij()
        return render(
            request,
            "smederijen/groups/initiatiefgroep.html",
            {"smederij": smederij, **selectors.initiatiefgroep_page(smederij)},
        )


class JoinRequestCreateView(SmederijMixin, LoginRequiredMixin, View):
    """Ask to join. A page that may not be used says why, instead of a bare refusal."""

    template_name = "smederijen/groups/join_request_form.html"

    def _render(self, form, status=200):
        smederij = self.get_smederij()
        refusal = group_selectors.initiatiefgroep_join_refusal(
            user=self.request.user, smederij=smederij
        )
        return render(
            self.request,
            self.template_name,
            {"smederij": smederij, "form": form, "refusal": refusal},
            status=status
            if self.request.user.has_perm("smederijen.join_initiatiefgroep", smederij)
            else 403,
        )

    def get(self, request, slug):
        return self._render(JoinRequestForm())

    def post(self, request, slug):
        form = JoinRequestForm(request.POST)
        if form.is_valid():
            try:
                group_services.initiatiefgroep_join_request_create(
                    actor=request.user,
                    smederij=self.get_smederij(),
                    motivation=form.cleaned_data["motivation"],
                )
            except PermissionDenied:
                return self._render(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "We sent your request to the initiatiefgroep. You get an email when "
                        "someone answers."
                    ),
                )
                return redirect("smederijen:account")
        return self._render(form, status=400)


class JoinRequestDecideView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The request comes from those the user may decide (else 404), then the permission."""

    http_method_names = ["post"]
    permission_required = "smederijen.decide_join_request"

    def get_permission_object(self):
        if not hasattr(self, "_join_request"):
            self._join_request = get_object_or_404(
                selectors.join_requests_decidable_by(self.request.user),
                pk=self.kwargs["pk"],
                smederij__slug=self.kwargs["slug"],
            )
        return self._join_request

    def post(self, request, slug, pk):
        join_request = self.get_permission_object()
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose to accept or to decline."))
        else:
            try:
                group_services.initiatiefgroep_join_request_decide(
                    actor=request.user, join_request=join_request, accept=form.accept
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                name = join_request.user.display_name
                messages.success(
                    request,
                    _("%(name)s is now a member of the initiatiefgroep.") % {"name": name}
                    if form.accept
                    else _("You declined the request of %(name)s.") % {"name": name},
                )
        return redirect("smederijen:initiatiefgroep", slug=slug)


class GroupCreateView(SubmitOnceMixin, LoginRequiredMixin, View):
    template_name = "smederijen/groups/group_form.html"

    def _render(self, form, status=200):
        allowed = self.request.user.has_perm("smederijen.register_group")
        return render(
            self.request,
            self.template_name,
            {"form": form, "allowed": allowed},
            status=status if allowed else 403,
        )

    def get(self, request):
        return self._render(GroupForm())

    def _register(self, data) -> str:
        return group_services.group_register(actor=self.request.user, **data).get_absolute_url()

    def post(self, request):
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                url = submit_once(request, lambda: self._register(form.cleaned_data))
            except PermissionDenied:
                return self._render(form)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Your group is registered. Invite the others now."))
                return redirect(url)
        return self._render(form, status=400)


class MyGroupsView(LoginRequiredMixin, View):
    def get(self, request):
        mine = list(selectors.groups_of_member(request.user))
        mine_ids = {g.pk for g in mine}
        return render(
            request,
            "smederijen/groups/my_groups.html",
            {
                "groups": mine,
                "area_groups": [
                    g for g in selectors.groups_of_area(request.user) if g.pk not in mine_ids
                ],
                "can_register": request.user.has_perm("smederijen.register_group"),
            },
        )


class VisibleGroupMixin:
    def get_group(self):
        if not hasattr(self, "_group"):
            self._group = get_object_or_404(
                selectors.groups_visible_to(self.request.user), slug=self.kwargs["slug"]
            )
        return self._group


class GroupDetailView(LoginRequiredMixin, VisibleGroupMixin, View):
    """The group and its members. The page that residents reach adds the group's proposals
    (`projecten.proposals.views.GroupDetailView`): smederijen knows nothing of proposals."""

    def get_extra_context(self, group) -> dict:
        return {}

    def get(self, request, slug):
        group = self.get_group()
        return render(
            request,
            "smederijen/groups/group_detail.html",
            {
                "group": group,
                "members": selectors.group_members(group),
                **self.get_extra_context(group),
            },
        )


class GroupInviteView(LoginRequiredMixin, VisibleGroupMixin, PermissionRequiredMixin, View):
    permission_required = "smederijen.invite_to_group"
    template_name = "smederijen/groups/group_invite.html"

    def get_permission_object(self):
        return self.get_group()

    def get(self, request, slug):
        return render(
            request, self.template_name, {"group": self.get_group(), "form": InvitationForm()}
        )

    def post(self, request, slug):
        group = self.get_group()
        form = InvitationForm(request.POST)
        if form.is_valid():
            try:
                group_services.group_invite(
                    actor=request.user, group=group, email=form.cleaned_data["email"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("We sent an invitation to %(email)s.")
                    % {"email": form.cleaned_data["email"]},
                )
                return redirect(group)
        return render(request, self.template_name, {"group": group, "form": form}, status=400)


class GroupInvitationView(LoginRequiredMixin, View):
    """The link in an invitation: shows the group and a button to join it."""

    template_name = "smederijen/groups/group_invitation.html"

    def _invitation(self, token):
        try:
            return group_services.group_invitation_from_token(token), None
        except tokens.TokenExpired:
            return None, "expired"
        except tokens.TokenInvalid:
            return None, "invalid"

    def get(self, request, token):
        invitation, problem = self._invitation(token)
        return render(
            request,
            self.template_name,
            {"invitation": invitation, "problem": problem},
            status=400 if problem else 200,
        )

    def post(self, request, token):
        invitation, problem = self._invitation(token)
        if problem:
            return render(
                request, self.template_name, {"invitation": None, "problem": problem}, status=400
            )
        try:
            group_services.group_invitation_accept(actor=request.user, token=token)
        except PermissionDenied as error:
            return render(
                request,
                self.template_name,
                {"invitation": invitation, "refusal": str(error)},
                status=403,
            )
        except ValidationError as error:
            for message in error.messages:
                messages.info(request, message)
        except (tokens.TokenExpired, tokens.TokenInvalid) as error:
            raise Http404 from error
        else:
            messages.success(request, _("Welcome to %(group)s.") % {"group": invitation.group.name})
        return redirect(invitation.group)
