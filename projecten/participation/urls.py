"""The URLs of participation; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.participation import views

urlpatterns = [
    path("<int:pk>/reacties/", views.CommentCreateView.as_view(), name="comment-create"),
    path("reacties/<int:pk>/verbergen/", views.CommentHideView.as_view(), name="comment-hide"),
    path("<int:pk>/steunen/", views.SupportAddView.as_view(), name="support-add"),
    path(
        "<int:pk>/steun-intrekken/",
        views.SupportRemoveView.as_view(),
        name="support-remove",
    ),
    path(
        "<int:pk>/bijlagen/nieuw/",
        views.AttachmentCreateView.as_view(),
        name="attachment-create",
    ),
    path(
        "bijlagen/<int:pk>/verwijderen/",
        views.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
]
