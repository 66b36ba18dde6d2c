from django.urls import path

from . import views

app_name = "projecten"

urlpatterns = [
    path("nieuw/", views.ProposalCreateView.as_view(), name="proposal-create"),
    path("mijn/", views.MyProposalsView.as_view(), name="my-proposals"),
    path("<int:pk>/", views.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/bewerken/", views.ProposalUpdateView.as_view(), name="proposal-update"),
    path("<int:pk>/intrekken/", views.ProposalWithdrawView.as_view(), name="proposal-withdraw"),
    path("bijlagen/<int:pk>/", views.AttachmentDownloadView.as_view(), name="attachment-download"),
]
