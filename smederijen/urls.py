from django.urls import path

from . import account_views, group_views, views

app_name = "smederijen"

urlpatterns = [
    path("", views.SmederijListView.as_view(), name="smederij-list"),
    path("mijn-overzicht/", views.MyOverviewView.as_view(), name="my-overview"),
]

# Accounts, the initiatiefgroep and the groups of an area. Every path has two or more
# segments, so the Smederij page (one slug, added by config/urls.py) never shadows them.
urlpatterns += [
    path("account/gegevens/", account_views.AccountView.as_view(), name="account"),
    path("account/registreren/", account_views.RegisterView.as_view(), name="register"),
    path("account/woongebied/", account_views.HomeAreaView.as_view(), name="home-area"),
    path(
        "account/bevestigen/opnieuw/",
        account_views.ResendVerificationView.as_view(),
        name="verify-email-resend",
    ),
    path(
        "account/bevestigen/<str:token>/",
        account_views.VerifyEmailView.as_view(),
        name="verify-email",
    ),
    path(
        "account/gebied-wijzigen/",
        account_views.AreaChangeRequestCreateView.as_view(),
        name="area-change-create",
    ),
    path(
        "account/gebiedswijzigingen/",
        account_views.AreaChangeRequestListView.as_view(),
        name="area-change-list",
    ),
    path(
        "account/gebiedswijzigingen/<int:pk>/",
        account_views.AreaChangeRequestDecideView.as_view(),
        name="area-change-decide",
    ),
    path("groepen/nieuw/", group_views.GroupCreateView.as_view(), name="group-create"),
    path("groepen/mijn/", group_views.MyGroupsView.as_view(), name="my-groups"),
    path(
        "groepen/uitnodiging/<str:token>/",
        group_views.GroupInvitationView.as_view(),
        name="group-invitation",
    ),
    path(
        "groepen/<slug:slug>/uitnodigen/",
        group_views.GroupInviteView.as_view(),
        name="group-invite",
    ),
    path(
        "<slug:slug>/initiatiefgroep/",
        group_views.InitiatiefgroepView.as_view(),
        name="initiatiefgroep",
    ),
    path(
        "<slug:slug>/initiatiefgroep/aanmelden/",
        group_views.JoinRequestCreateView.as_view(),
        name="initiatiefgroep-join",
    ),
    path(
        "<slug:slug>/initiatiefgroep/verzoeken/<int:pk>/",
        group_views.JoinRequestDecideView.as_view(),
        name="initiatiefgroep-decide",
    ),
]
