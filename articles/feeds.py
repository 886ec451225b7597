from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chinese_text.characters import without_unwanted

from .models import Article, Department, Township


class LatestArticlesFeed(Feed):
    """/feed/: the latest published stories."""

    title = _("Lishi News: latest stories")
    description = _("The latest stories of the Lishi District Convergence Media Center.")
    item_count = 30

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # The feed writer leaves one chunk per XML element (about 900), and the server sends each chunk
        # with its own write to the socket: joined, the feed goes out in one.
        response.content = response.content
        return response

    def link(self):
        return reverse("articles:list")

    def stories(self):
        return Article.objects.published().with_bylines().order_by("-published_at", "-pk")

    def items(self, obj=None):
        return self.stories()[: self.item_count]

    # Input refuses control characters; a story stored before that rule must not break the feed's XML.
    def item_title(self, article):
        return without_unwanted(article.headline)

    def item_description(self, article):
        return without_unwanted(article.paragraphs[0]) if article.paragraphs else ""

    def item_pubdate(self, article):
        return article.published_at

    def item_author_name(self, article):
        return " ".join(article.author_names)


class TaggedArticlesFeed(LatestArticlesFeed):
    """/townships/<slug>/feed/ and /departments/<slug>/feed/."""

    tag_model = tag_field = None

    def get_object(self, request, slug):
        return get_object_or_404(self.tag_model, slug=slug)

    def title(self, tag):
        return _("Lishi News: %(tag)s") % {"tag": tag}

    def link(self, tag):
        return tag.get_absolute_url()

    def items(self, tag):
        return self.stories().filter(**{self.tag_field: tag})[: self.item_count]


class TownshipFeed(TaggedArticlesFeed):
    tag_model, tag_field = Township, "townships"


class DepartmentFeed(TaggedArticlesFeed):
    tag_model, tag_field = Department, "departments"
