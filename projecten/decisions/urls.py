"""The URLs of decisions; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.decisions import views

urlpatterns = [
    # The decision, its letter, and the money after it.
    path("<int:pk>/beslissen/", views.DecisionView.as_view(), name="decision"),
    path("<int:pk>/besluit/", views.DecisionLetterView.as_view(), name="decision-letter"),
    path(
        "<int:pk>/weer-oppakken/",
        views.ReopenDeferredView.as_view(),
        name="proposal-reopen",
    ),
]
