"""The stuurgroep's pages of the money, under /geld/ (namespace `budget`)."""

from django.urls import path

from . import views

app_name = "budget"

urlpatterns = [
    path("", views.YearListView.as_view(), name="year-list"),
    path("nieuw/", views.YearOpenView.as_view(), name="year-open"),
    path("<int:year>/", views.YearDetailView.as_view(), name="year-detail"),
    path("<int:year>/verdeling/", views.YearSplitView.as_view(), name="year-split"),
    path("<int:year>/aandelen/", views.SharesView.as_view(), name="shares"),
    path("<int:year>/herverdelen/", views.ReallocateView.as_view(), name="reallocate"),
]
