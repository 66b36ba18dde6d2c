"""The URLs of review; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.review import views

urlpatterns = [
    # The wijkteam's review, advice, asking for changes, and how each Smederij decides.
    path("beoordelen/", views.ReviewQueueView.as_view(), name="review-queue"),
    path(
        "<int:pk>/in-behandeling-nemen/",
        views.ProposalStartReviewView.as_view(),
        name="proposal-start-review",
    ),
    path("<int:pk>/advies/", views.AdviceGiveView.as_view(), name="advice-give"),
    path(
        "<int:pk>/wijzigingen-vragen/",
        views.RequestChangesView.as_view(),
        name="proposal-request-changes",
    ),
    path("beslismethode/", views.DecisionMethodView.as_view(), name="decision-methods"),
]
