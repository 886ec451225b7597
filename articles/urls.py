from django.urls import path

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("articles/", views.ArticleListView.as_view(), name="list"),
    path("articles/<int:pk>/", views.ArticleDetailView.as_view(), name="detail"),
    path("articles/<int:pk>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
    path("townships/", views.TownshipListView.as_view(), name="townships"),
    path("townships/<slug:slug>/", views.TownshipArticleListView.as_view(), name="township"),
    path("townships/<slug:slug>/feed/", feeds.TownshipFeed(), name="township_feed"),
    path("departments/", views.DepartmentListView.as_view(), name="departments"),
    path("departments/<slug:slug>/", views.DepartmentArticleListView.as_view(), name="department"),
    path("departments/<slug:slug>/feed/", feeds.DepartmentFeed(), name="department_feed"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("authors/<slug:slug>/", views.AuthorArticleListView.as_view(), name="author"),
    path("archive/<int:year>/", views.ArchiveView.as_view(), name="archive_year"),
    path("archive/<int:year>/<int:month>/", views.ArchiveView.as_view(), name="archive_month"),
    path("archive/<int:year>/<int:month>/<int:day>/", views.ArchiveView.as_view(), name="archive_day"),
]
