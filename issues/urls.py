from django.urls import path

from infrastructure.caching import public_page

from . import views

app_name = "issues"
urlpatterns = [
    path("", public_page(views.IssueArchiveView.as_view()), name="archive"),
    path("<int:number>/", public_page(views.IssueDetailView.as_view()), name="detail"),
    path("<int:number>/<int:page>/", public_page(views.PageDetailView.as_view()), name="page"),
    path("<int:number>/preview/", views.IssuePreviewView.as_view(), name="preview"),
    path("<int:number>/preview/home/", views.HomePreviewView.as_view(), name="home_preview"),
    path("<int:number>/<int:page>/preview/", views.PagePreviewView.as_view(), name="page_preview"),
]
