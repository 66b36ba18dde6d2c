"""The two-factor pages; config/urls.py puts them under /accounts/tweestapsverificatie/."""

from django.urls import path

from smederijen.twofactor import views

app_name = "twofactor"

urlpatterns = [
    path("code/", views.VerifyView.as_view(), name="verify"),
    path("instellen/", views.SetupView.as_view(), name="setup"),
    path("herstelcodes/", views.RecoveryCodesView.as_view(), name="recovery-codes"),
]
