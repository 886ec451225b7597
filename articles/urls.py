from django.urls import path

from infrastructure.caching import public_page

from . import feeds, views

app_name = "articles"
urlpatterns = [
    path("", public_page(views.HomeView.as_view()), name="home"),
    path("articles/", public_page(views.ArticleListView.as_view()), name="list"),
    path("search/", public_page(views.SearchView.as_view()), name="search"),
    path("articles/<int:pk>/", public_page(views.ArticleDetailView.as_view()), name="detail"),
    path("articles/<int:pk>/qr.svg", public_page(views.ArticleAddressCodeView.as_view()), name="qr"),
    path("articles/<int:pk>/preview/", views.ArticlePreviewView.as_view(), name="preview"),
    path("townships/", public_page(views.TownshipListView.as_view()), name="townships"),
    path("townships/<slug:slug>/", public_page(views.TownshipArticleListView.as_view()), name="township"),
    path("townships/<slug:slug>/feed/", public_page(feeds.TownshipFeed()), name="township_feed"),
    path("departments/", public_page(views.DepartmentListView.as_view()), name="departments"),
    path(
        "departments/<slug:slug>/", public_page(views.DepartmentArticleListView.as_view()), name="department"
    ),
    path("departments/<slug:slug>/feed/", public_page(feeds.DepartmentFeed()), name="department_feed"),
    path("media/photos/<path:name>", views.PhotoFileView.as_view(), name="photo_file"),
    path("feed/", public_page(feeds.LatestArticlesFeed()), name="feed"),
    path("authors/<slug:slug>/", public_page(views.AuthorArticleListView.as_view()), name="author"),
    path("archive/<int:year>/", public_page(views.YearArchive.as_view()), name="archive_year"),
    path("archive/<int:year>/<int:month>/", public_page(views.MonthArchive.as_view()), name="archive_month"),
    path(
        "archive/<int:year>/<int:month>/<int:day>/",
        public_page(views.DayArchive.as_view()),
        name="archive_day",
    ),
]
