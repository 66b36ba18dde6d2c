"""The URLs of the initiatiefgroep and the groups of an area; `smederijen/urls.py` puts them under /smederijen/."""

from django.urls import path

from smederijen.groups import views

urlpatterns = [
    path("groepen/nieuw/", views.GroupCreateView.as_view(), name="group-create"),
    path("groepen/mijn/", views.MyGroupsView.as_view(), name="my-groups"),
    path(
        "groepen/uitnodiging/<str:token>/",
        views.GroupInvitationView.as_view(),
        name="group-invitation",
    ),
    path(
        "groepen/<slug:slug>/uitnodigen/",
        views.GroupInviteView.as_view(),
        name="group-invite",
    ),
    path(
        "<slug:slug>/initiatiefgroep/",
        views.InitiatiefgroepView.as_view(),
        name="initiatiefgroep",
    ),
    path(
        "<slug:slug>/initiatiefgroep/aanmelden/",
        views.JoinRequestCreateView.as_view(),
        name="initiatiefgroep-join",
    ),
    path(
        "<slug:slug>/initiatiefgroep/verzoeken/<int:pk>/",
        views.JoinRequestDecideView.as_view(),
        name="initiatiefgroep-decide",
    ),
]
