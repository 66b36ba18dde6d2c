"""The URLs of money; `projecten/urls.py` puts them under /voorstellen/."""

from django.urls import path

from projecten.money import views

urlpatterns = [
    path("<int:pk>/geld/", views.MoneyView.as_view(), name="money"),
    path("<int:pk>/geld/voorschot/", views.AdvanceView.as_view(), name="money-advance"),
    path("<int:pk>/geld/betaling/", views.PaymentView.as_view(), name="money-payment"),
    path("<int:pk>/geld/annuleren/", views.CancelView.as_view(), name="money-cancel"),
    path("<int:pk>/geld/terugbetaling/", views.RefundView.as_view(), name="money-refund"),
    path("<int:pk>/geld/afronden/", views.CompleteView.as_view(), name="money-complete"),
    path(
        "<int:pk>/geld/cofinanciering/<int:co_funding_pk>/",
        views.CoFundingStatusView.as_view(),
        name="money-co-funding",
    ),
]
