from django.urls import path

from . import views

urlpatterns = [
    path("", views.AddReportView.as_view(), name="intake-add"),
    path("people/", views.PeopleLookupView.as_view(), name="intake-people"),
    path("<int:pk>/", views.ReviewView.as_view(), name="intake-review"),
    path("<int:pk>/save/", views.SaveView.as_view(), name="intake-save"),
]
