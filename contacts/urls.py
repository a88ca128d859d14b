from django.urls import path
from django.views.generic import TemplateView

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("contacts/", TemplateView.as_view(template_name="home.html"), name="contact-list"),
    path(
        "contacts/<int:pk>/", TemplateView.as_view(template_name="home.html"), name="contact-detail"
    ),
    path("statements/", TemplateView.as_view(template_name="home.html"), name="statement-list"),
    path(
        "people/<str:slug>/", TemplateView.as_view(template_name="home.html"), name="person-detail"
    ),
    path(
        "sources/<int:pk>/", TemplateView.as_view(template_name="home.html"), name="source-detail"
    ),
]
