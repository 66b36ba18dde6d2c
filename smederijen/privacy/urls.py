"""The URLs of privacy; `smederijen/urls.py` puts them under /smederijen/ (two segments
each, so that no Smederij's slug is shadowed)."""

from django.urls import path

from smederijen.privacy import views

urlpatterns = [
    path("over/privacy/", views.PrivacyView.as_view(), name="privacy"),
    path(
        "account/gegevens/downloaden/",
        views.AccountExportView.as_view(),
        name="account-export",
    ),
    path("account/verwijderen/", views.AccountEraseView.as_view(), name="account-erase"),
    path("account/verwijderd/", views.AccountErasedView.as_view(), name="account-erased"),
]
