"""The URLs of proposals; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.proposals import views

urlpatterns = [
    path("nieuw/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("mijn/", views.MyProposalsView.as_view(), name="my-proposals"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/bewerken/", views.ProposalUpdateView.as_view(), name="proposal-update"),
    path("<int:pk>/intrekken/", views.ProposalWithdrawView.as_view(), name="proposal-withdraw"),
    path("bijlagen/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
    # The Smederij's proposals, comments, supports and attachments.
    path("smederij/<slug:slug>/", views.SmederijProposalsView.as_view(), name="smederij-proposals"),
]
