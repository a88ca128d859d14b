from django.urls import path

from . import views

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("contacts/", views.ContactListView.as_view(), name="contact-list"),
    path("contacts/<int:pk>/", views.ContactDetailView.as_view(), name="contact-detail"),
    path("statements/", views.StatementListView.as_view(), name="statement-list"),
    path("statements/<slug:key>/", views.StatementDetailView.as_view(), name="statement-detail"),
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("people/<str:ident>/", views.PersonDetailView.as_view(), name="person-detail"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<int:pk>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("network/", views.NetworkView.as_view(), name="network"),
]
