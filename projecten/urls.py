from django.urls import include, path

from .views import accounting, area, participation, proposals, review, shared_goods, votes
from .views import decisions as decision_views
from .views import money as money_views

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
    # The wijkteam's review, advice, asking for changes, and how each Smederij decides.
    path("beoordelen/", review.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "<int:pk>/in-behandeling-nemen/",
        review.ProposalStartReviewView.as_view(),
        name="proposal-start-review",
    ),
    path("<int:pk>/advies/", review.AdviceGiveView.as_view(), name="advice-give"),
    path(
        "<int:pk>/wijzigingen-vragen/",
        review.RequestChangesView.as_view(),
        name="proposal-request-changes",
    ),
    path("beslismethode/", review.DecisionMethodView.as_view(), name="decision-methods"),
    # The decision, its letter, and the money after it.
    path("<int:pk>/beslissen/", decision_views.DecisionView.as_view(), name="decision"),
    path("<int:pk>/besluit/", decision_views.DecisionLetterView.as_view(), name="decision-letter"),
    path(
        "<int:pk>/weer-oppakken/",
        decision_views.ReopenDeferredView.as_view(),
        name="proposal-reopen",
    ),
    path("<int:pk>/geld/", money_views.MoneyView.as_view(), name="money"),
    path("<int:pk>/geld/voorschot/", money_views.AdvanceView.as_view(), name="money-advance"),
    path("<int:pk>/geld/betaling/", money_views.PaymentView.as_view(), name="money-payment"),
    path("<int:pk>/geld/annuleren/", money_views.CancelView.as_view(), name="money-cancel"),
    path("<int:pk>/geld/terugbetaling/", money_views.RefundView.as_view(), name="money-refund"),
    path("<int:pk>/geld/afronden/", money_views.CompleteView.as_view(), name="money-complete"),
    # The assessment votes of the initiatiefgroep and the stuurgroep.
    path("stemmen/", votes.VoteListView.as_view(), name="vote-list"),
    path("<int:pk>/stemming-openen/", votes.VoteOpenView.as_view(), name="vote-open"),
    path("stemmingen/<int:pk>/", votes.VoteDetailView.as_view(), name="vote-detail"),
    path("verkiezing/", include("projecten.election.urls")),
]
