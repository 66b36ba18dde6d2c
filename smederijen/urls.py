from django.urls import path

from . import views

app_name = "smederijen"

urlpatterns = [
    path("", views.SmederijListView.as_view(), name="smederij-list"),
    path("mijn-overzicht/", views.MyOverviewView.as_view(), name="my-overview"),
    path("<slug:slug>/", views.SmederijDetailView.as_view(), name="smederij-detail"),
]
