from django.urls import path

from . import views

app_name = "issues"
urlpatterns = [
    path("", views.IssueArchiveView.as_view(), name="archive"),
    path("<int:number>/", views.IssueDetailView.as_view(), name="detail"),
    path("<int:number>/<int:page>/", views.PageDetailView.as_view(), name="page"),
]
