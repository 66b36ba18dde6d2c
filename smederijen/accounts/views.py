"""Pages of a resident's account: register, verify the email address, the home area.

Thin: parse a form, call one service, turn its refusal into a form error or a
403, redirect.
"""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from rules.contrib.views import PermissionRequiredMixin

from smederijen import tokens
from smederijen.accounts import selectors
from smederijen.accounts import services as account_services
from smederijen.accounts.forms import (
    AreaChangeRequestForm,
    AreaChoiceForm,
    DecisionForm,
    PostcodeForm,
    RegistrationForm,
)
from smederijen.form_errors import add_service_errors
from smederijen.ratelimits import (
    PASSWORD_RESETS_PER_ADDRESS,
    PASSWORD_RESETS_PER_EMAIL,
    RateLimited,
    client_address,
    rate_limit_hit,
)
from smederijen.roles import roles_of
from smederijen.selectors import smederij_of_home
from wijken.models import Area

# The signed list of areas a postcode pointed to, while the resident chooses among them.
AREA_CHOICE_SESSION_KEY = "smederijen_home_area_choice"
# The address just registered, for the page that says to look in the mailbox.
REGISTERED_EMAIL_SESSION_KEY = "smederijen_registered_email"


class RegisterView(View):
    template_name = "smederijen/accounts/register.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("smederijen:account")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": RegistrationForm()})

    def post(self, request):
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                outcome = account_services.user_register(
                    display_name=form.cleaned_data["display_name"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password1"],
                    postcode=form.cleaned_data["postcode"],
                    client_address=client_address(request),
                )
            except ValidationError as error:
                if hasattr(error, "error_dict") and "password" in error.error_dict:
                    error.error_dict["password1"] = error.error_dict.pop("password")
                add_service_errors(form, error)
            else:
                # The same answer whether the address was new or already had an account
                # (its owner got a mail instead): registering tells nobody who has one.
                if outcome is not None and outcome.needs_choice:
                    # Offered once the resident logs in, in this browser (HomeAreaView).
                    request.session[AREA_CHOICE_SESSION_KEY] = outcome.choice_token
                request.session[REGISTERED_EMAIL_SESSION_KEY] = form.cleaned_data["email"]
                return redirect("smederijen:register-sent")
        return render(request, self.template_name, {"form": form}, status=400)


class RegisterSentView(View):
    """After registering: look in your mailbox, then log in."""

    def get(self, request):
        return render(
            request,
            "smederijen/accounts/register_sent.html",
            {"email": request.session.get(REGISTERED_EMAIL_SESSION_KEY, "")},
        )


class HomeAreaView(LoginRequiredMixin, View):
    """Choose among the areas of a postcode, or (the choice was left) enter the postcode again."""

    template_name = "smederijen/accounts/home_area.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.home_area_id is not None:
            request.session.pop(AREA_CHOICE_SESSION_KEY, None)
            return redirect("smederijen:account")
        return super().dispatch(request, *args, **kwargs)

    def _candidates(self) -> list[Area] | None:
        token = self.request.session.get(AREA_CHOICE_SESSION_KEY)
        if not token:
            return None
        try:
            choice = tokens.read_home_area_choice_token(token)
        except (tokens.TokenExpired, tokens.TokenInvalid):
            self.request.session.pop(AREA_CHOICE_SESSION_KEY, None)
            return None
        if choice.user_id != self.request.user.pk:
            self.request.session.pop(AREA_CHOICE_SESSION_KEY, None)
            return None
        return list(Area.objects.filter(pk__in=choice.area_ids).order_by("name"))

    def _render(self, form, status=200):
        return render(self.request, self.template_name, {"form": form}, status=status)

    def get(self, request):
        candidates = self._candidates()
        if candidates:
            return self._render(AreaChoiceForm(areas=candidates))
        return self._render(PostcodeForm())

    def post(self, request):
        candidates = self._candidates()
        if "area" in request.POST and candidates:
            form = AreaChoiceForm(request.POST, areas=candidates)
            if form.is_valid():
                try:
                    account_services.user_choose_home_area(
                        user=request.user,
                        area=form.cleaned_data["area"],
                        choice_token=request.session[AREA_CHOICE_SESSION_KEY],
                    )
                except ValidationError as error:
                    add_service_errors(form, error)
                else:
                    return self._chosen()
            return self._render(form, status=400)
        form = PostcodeForm(request.POST)
        if form.is_valid():
            try:
                outcome = account_services.user_home_area_from_postcode(
                    user=request.user, postcode=form.cleaned_data["postcode"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if outcome.needs_choice:
                    request.session[AREA_CHOICE_SESSION_KEY] = outcome.choice_token
                    return redirect("smederijen:home-area")
                return self._chosen()
        return self._render(form, status=400)

    def _chosen(self):
        self.request.session.pop(AREA_CHOICE_SESSION_KEY, None)
        self.request.user.refresh_from_db(fields=["home_area"])
        messages.success(
            self.request,
            _("Your home area is %(area)s.") % {"area": self.request.user.home_area.name},
        )
        return redirect("smederijen:account")


class VerifyEmailView(View):
    """The link in the verification email. Works without logging in: the signed link says who."""

    def get(self, request, token):
        try:
            user = account_services.user_verify_email(token=token)
        except tokens.TokenExpired:
            return render(
                request, "smederijen/accounts/verify_failed.html", {"expired": True}, status=400
            )
        except tokens.TokenInvalid:
            return render(
                request, "smederijen/accounts/verify_failed.html", {"expired": False}, status=400
            )
        if request.user.is_authenticated and request.user.pk == user.pk:
            messages.success(request, _("Thank you: your email address is confirmed."))
            return redirect("smederijen:account")
        return render(request, "smederijen/accounts/verify_done.html")


class ResendVerificationView(LoginRequiredMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        try:
            account_services.user_send_verification_email(user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("We sent you a new link. It works for %(days)d days.")
                % {"days": tokens.EMAIL_VERIFICATION_MAX_AGE.days},
            )
        return redirect("smederijen:account")


class AccountView(LoginRequiredMixin, View):
    """'My account': the address (confirmed or not), the home area and a request to change it."""

    def get(self, request):
        user = request.user
        smederij = smederij_of_home(user)
        return render(
            request,
            "smederijen/accounts/account.html",
            {
                "home_area": user.home_area,
                "smederij": smederij,
                "pending_change": selectors.pending_area_change_of(user),
                "can_join": smederij is not None
                and user.has_perm("smederijen.join_initiatiefgroep", smederij),
                "is_gebiedsregisseur": roles_of(user).is_gebiedsregisseur,
            },
        )


class AreaChangeRequestCreateView(LoginRequiredMixin, View):
    template_name = "smederijen/accounts/area_change_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.home_area_id is None:
            return redirect("smederijen:home-area")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": AreaChangeRequestForm()})

    def post(self, request):
        # The areas of the typed postcode decide whether the form asks to choose among them.
        try:
            areas = account_services.areas_for_postcode(request.POST.get("postcode", ""))
        except ValidationError:
            areas = []
        form = AreaChangeRequestForm(request.POST, areas=areas)
        if form.is_valid():
            try:
                account_services.area_change_request_create(
                    actor=request.user,
                    postcode=form.cleaned_data["postcode"],
                    reason=form.cleaned_data["reason"],
                    to_area=form.cleaned_data.get("to_area"),
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("We sent your request to the gebiedsregisseur of your new area."),
                )
                return redirect("smederijen:account")
        return render(request, self.template_name, {"form": form}, status=400)


class AreaChangeRequestListView(LoginRequiredMixin, View):
    """The pending requests to move into the areas of the gebiedsregisseur's wijkteams."""

    def get(self, request):
        if not roles_of(request.user).is_gebiedsregisseur:
            raise PermissionDenied
        return render(
            request,
            "smederijen/accounts/area_change_list.html",
            {"change_requests": list(selectors.area_change_requests_decidable_by(request.user))},
        )


class AreaChangeRequestDecideView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """The request comes from those the user may decide (else 404); the permission is on it,
    and the service asks it again."""

    template_name = "smederijen/accounts/area_change_decide.html"
    permission_required = "smederijen.decide_area_change"

    def get_permission_object(self):
        if not hasattr(self, "_change_request"):
            self._change_request = get_object_or_404(
                selectors.area_change_requests_decidable_by(self.request.user),
                pk=self.kwargs["pk"],
            )
        return self._change_request

    def _request(self, pk):
        return self.get_permission_object()

    def get(self, request, pk):
        return render(request, self.template_name, {"change_request": self._request(pk)})

    def post(self, request, pk):
        change_request = self._request(pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return render(
                request, self.template_name, {"change_request": change_request}, status=400
            )
        try:
            account_services.area_change_request_decide(
                actor=request.user, request=change_request, accept=form.accept
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(name)s now lives in %(area)s.")
                % {"name": change_request.user.display_name, "area": change_request.to_area.name}
                if form.accept
                else _("You declined the request of %(name)s.")
                % {"name": change_request.user.display_name},
            )
        return redirect("smederijen:area-change-list")


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, with a limit per address asked and per connection: nobody floods an
    inbox with reset mails. Counted whether or not the address has an account, so the
    limit tells nothing either."""

    def form_valid(self, form):
        try:
            rate_limit_hit(PASSWORD_RESETS_PER_EMAIL, form.cleaned_data["email"].lower())
            rate_limit_hit(PASSWORD_RESETS_PER_ADDRESS, client_address(self.request))
        except RateLimited as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        return super().form_valid(form)
