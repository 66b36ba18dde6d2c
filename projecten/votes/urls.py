"""The URLs of votes; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.votes import views

urlpatterns = [
    # The assessment votes of the initiatiefgroep and the stuurgroep.
    path("stemmen/", views.VoteListView.as_view(), name="vote-list"),
    path("<int:pk>/stemming-openen/", views.VoteOpenView.as_view(), name="vote-open"),
    path("stemmingen/<int:pk>/", views.VoteDetailView.as_view(), name="vote-detail"),
]
