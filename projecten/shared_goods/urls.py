"""The URLs of shared goods; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.shared_goods import views

urlpatterns = [
    path(
        "smederij/<slug:slug>/gedeelde-spullen/",
        views.SharedGoodListView.as_view(),
        name="shared-good-list",
    ),
    path(
        "<int:pk>/gedeelde-spullen/nieuw/",
        views.SharedGoodCreateView.as_view(),
        name="shared-good-create",
    ),
    path(
        "gedeelde-spullen/<int:pk>/lenen/",
        views.BorrowRequestCreateView.as_view(),
        name="borrow-request-create",
    ),
    path(
        "leenverzoeken/<int:pk>/beslissen/",
        views.BorrowRequestDecideView.as_view(),
        name="borrow-request-decide",
    ),
]
