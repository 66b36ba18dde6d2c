from django.urls import path

from projecten.election import views

app_name = "election"

urlpatterns = [
    path("smederij/<slug:slug>/", views.RoundListView.as_view(), name="round-list"),
    path("smederij/<slug:slug>/nieuw/", views.RoundCreateView.as_view(), name="round-create"),
    path("<int:pk>/", views.RoundDetailView.as_view(), name="round-detail"),
    path("<int:pk>/wijzigen/", views.RoundUpdateView.as_view(), name="round-update"),
    path(
        "<int:pk>/stembiljet-vaststellen/",
        views.RoundFixBallotView.as_view(),
        name="round-fix-ballot",
    ),
    path("ideeen/<int:pk>/achterhouden/", views.IdeaHoldBackView.as_view(), name="idea-hold-back"),
    path("<int:pk>/stemmen/", views.BallotView.as_view(), name="ballot"),
    path("<int:pk>/stemmen/bevestigen/", views.BallotConfirmView.as_view(), name="ballot-confirm"),
    path("<int:pk>/ontvangstbewijs/", views.ReceiptView.as_view(), name="receipt"),
    path("<int:pk>/papieren-stemmen/", views.PaperTallyView.as_view(), name="paper-tally"),
    path("<int:pk>/uitslag/", views.ResultView.as_view(), name="result"),
    path("<int:pk>/hertelling/", views.RecountView.as_view(), name="recount"),
    path("<int:pk>/opnieuw-toekennen/", views.FundAgainView.as_view(), name="fund-again"),
    path(
        "<int:pk>/stembiljetten.csv",
        views.ExportView.as_view(kind="ballots"),
        name="export-ballots",
    ),
    path("<int:pk>/uitslag.csv", views.ExportView.as_view(kind="result"), name="export-result"),
    path("<int:pk>/verkiezing.pb", views.ExportView.as_view(kind="pb"), name="export-pb"),
]
