"""Where the money went, under /besteed/ (namespace `spending`, config/urls.py)."""

from django.urls import path

from projecten.spending import views

app_name = "spending"

urlpatterns = [
    path("", views.LatestView.as_view(), name="latest"),
    path("<int:year>/", views.YearView.as_view(), name="year"),
    path("<int:year>/<slug:slug>/", views.SmederijView.as_view(), name="smederij"),
]
