from django.urls import path

from .views import accounting, area, participation, proposals, shared_goods

app_name = "projecten"

urlpatterns = [
    path("nieuw/", proposals.ProposalCreateView.as_view(), name="proposal-create"),
    path("mijn/", proposals.MyProposalsView.as_view(), name="my-proposals"),
    path("<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal-detail"),
    path("<int:pk>/bewerken/", proposals.ProposalUpdateView.as_view(), name="proposal-update"),
    path("<int:pk>/intrekken/", proposals.ProposalWithdrawView.as_view(), name="proposal-withdraw"),
    path(
        "bijlagen/<int:pk>/", proposals.AttachmentDownloadView.as_view(), name="attachment-download"
    ),
    # The Smederij's proposals, comments, supports and attachments.
    path("smederij/<slug:slug>/", area.SmederijProposalsView.as_view(), name="smederij-proposals"),
    path("<int:pk>/reacties/", participation.CommentCreateView.as_view(), name="comment-create"),
    path(
        "reacties/<int:pk>/verbergen/", participation.CommentHideView.as_view(), name="comment-hide"
    ),
    path("<int:pk>/steunen/", participation.SupportAddView.as_view(), name="support-add"),
    path(
        "<int:pk>/steun-intrekken/",
        participation.SupportRemoveView.as_view(),
        name="support-remove",
    ),
    path(
        "<int:pk>/bijlagen/nieuw/",
        participation.AttachmentCreateView.as_view(),
        name="attachment-create",
    ),
    path(
        "bijlagen/<int:pk>/verwijderen/",
        participation.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    # Verantwoording and shared goods.
    path(
        "<int:pk>/verantwoording/",
        accounting.AccountingDetailView.as_view(),
        name="accounting-detail",
    ),
    path(
        "<int:pk>/verantwoording/indienen/",
        accounting.AccountingFormView.as_view(),
        name="accounting-create",
    ),
    path(
        "<int:pk>/verantwoording/beoordelen/",
        accounting.AccountingCheckView.as_view(),
        name="accounting-check",
    ),
    path(
        "smederij/<slug:slug>/verantwoordingen/",
        accounting.AccountingOverviewView.as_view(),
        name="accounting-overview",
    ),
    path(
        "smederij/<slug:slug>/gedeelde-spullen/",
        shared_goods.SharedGoodListView.as_view(),
        name="shared-good-list",
    ),
    path(
        "<int:pk>/gedeelde-spullen/nieuw/",
        shared_goods.SharedGoodCreateView.as_view(),
        name="shared-good-create",
    ),
    path(
        "gedeelde-spullen/<int:pk>/lenen/",
        shared_goods.BorrowRequestCreateView.as_view(),
        name="borrow-request-create",
    ),
    path(
        "leenverzoeken/<int:pk>/beslissen/",
        shared_goods.BorrowRequestDecideView.as_view(),
        name="borrow-request-decide",
    ),
]
