from django.urls import path

from . import views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<int:pk>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
]
