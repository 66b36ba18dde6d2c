from django.urls import path

from .views import proposals

app_name = "projecten"

urlpatterns = [
    path("nieuw/", proposals.ProposalCreateView.as_view(), name="proposal-create"),
    path("mijn/", proposals.MyProposalsView.as_view(), name="my-proposals"),
    path("<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/bewerken/", proposals.ProposalUpdateView.as_view(), name="proposal-update"),
    path("<int:pk>/intrekken/", proposals.ProposalWithdrawView.as_view(), name="proposal-withdraw"),
    path("bijlagen/<int:pk>/", proposals.AttachmentDownloadView.as_view(), name="attachment-download"),
]
