"""The URLs of accounting; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.accounting import views

urlpatterns = [
    # Verantwoording and shared goods.
    path(
        "<int:pk>/verantwoording/",
        views.AccountingDetailView.as_view(),
        name="accounting-detail",
    ),
    path(
        "<int:pk>/verantwoording/indienen/",
        views.AccountingFormView.as_view(),
        name="accounting-create",
    ),
    path(
        "<int:pk>/verantwoording/beoordelen/",
        views.AccountingCheckView.as_view(),
        name="accounting-check",
    ),
    path(
        "smederij/<slug:slug>/verantwoordingen/",
        views.AccountingOverviewView.as_view(),
        name="accounting-overview",
    ),
]
