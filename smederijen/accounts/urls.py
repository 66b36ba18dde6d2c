"""The URLs of accounts: registration, email verification, home area and area changes; `smederijen/urls.py` puts them under /smederijen/."""

from django.urls import path

from smederijen.accounts import views

urlpatterns = [
    path("account/gegevens/", views.AccountView.as_view(), name="account"),
    path("account/registreren/", views.RegisterView.as_view(), name="register"),
    path("account/registreren/verstuurd/", views.RegisterSentView.as_view(), name="register-sent"),
    path("account/woongebied/", views.HomeAreaView.as_view(), name="home-area"),
    path(
        "account/bevestigen/opnieuw/",
        views.ResendVerificationView.as_view(),
        name="verify-email-resend",
    ),
    path(
        "account/bevestigen/<str:token>/",
        views.VerifyEmailView.as_view(),
        name="verify-email",
    ),
    path(
        "account/gebied-wijzigen/",
        views.AreaChangeRequestCreateView.as_view(),
        name="area-change-create",
    ),
    path(
        "account/gebiedswijzigingen/",
        views.AreaChangeRequestListView.as_view(),
        name="area-change-list",
    ),
    path(
        "account/gebiedswijzigingen/<int:pk>/",
        views.AreaChangeRequestDecideView.as_view(),
        name="area-change-decide",
    ),
]
