"""Load the demo content: the sample page of January 2021, one account per newsroom role, the coming
days' 报题 and assignments in each of their states, and January 2021's 稿分 (grades and an adjustment),
whose ledger exports to .xlsx.

Idempotent: a second run updates what the first created and adds nothing. It refuses to run with DEBUG
off, so it can never write demo accounts into a production database.
"""

import datetime
import json
import os
import secrets
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Author, Byline, Department, Photo, Township
from articles.roles import CHIEF_EDITOR, EDITOR, REPORTER
from articles.workflow.desk import PUBLICATION_TIME
from issues import page_import
from issues.models import Issue, Page, Zone
from planning import rules as planning
from planning.models import AssignmentMember, Proposal
from scoring.models import Adjustment, Grade

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
DEMO_FILE = DEMO_DIR / "sample_page.json"
# The page as printed, typeset from the demo's own stories (scripts/compose_pages.py).
DEMO_PDF = DEMO_DIR / "printed_page.pdf"
# Enough people to walk a story through 三审: two reporters, two editors (初审, 复审), the chief (终审).
# Each has a byline; the first four write on the demo page.
DEMO_ACCOUNTS = (
    ("reporter", REPORTER, "王艳"),
    ("reporter2", REPORTER, "张晋晋"),
    ("editor", EDITOR, "王燕华"),
    ("editor2", EDITOR, "吴夏峰"),
    ("chief", CHIEF_EDITOR, "李建平"),
)
PAGE_EDITOR = "editor2"
WRITER, PHOTOGRAPHER = AssignmentMember.Role.WRITER, AssignmentMember.Role.PHOTOGRAPHER


class DemoProposal(NamedTuple):
    """A 报题 of the demo's plan, dated in days from the day the demo is loaded."""

    topic: str
    kind: str
    township: str
    proposer: str
    planned_in: int
    decision: str | None = None
    reason: str = ""
    merged_into: str | None = None
    staff: tuple = ()
    due_in: int | None = None
    filed: bool = False


# Each state the plan view shows: proposed, assigned, overdue, filed, rejected, merged.
DEMO_PROPOSALS = (
    DemoProposal("坪头乡春耕备耕调研", "news", "坪头乡", "reporter", 3),
    DemoProposal(
        "信义镇红枣加工厂投产",
        "report",
        "信义镇",
        "reporter2",
        2,
        "accepted",
        staff=(("reporter", WRITER), ("reporter2", PHOTOGRAPHER)),
        due_in=4,
    ),
    DemoProposal(
        "城北街道冬季供暖入户走访",
        "news",
        "城北街道",
        "reporter",
        -4,
        "accepted",
        staff=(("reporter", WRITER),),
        due_in=-2,
    ),
    DemoProposal(
        "吴城镇羊肚菌大棚丰收",
        "photo",
        "吴城镇",
        "reporter2",
        1,
        "accepted",
        staff=(("reporter2", PHOTOGRAPHER),),
        due_in=1,
        filed=True,
    ),
    DemoProposal(
        "交口街道书画进社区",
        "news",
        "交口街道",
        "reporter2",
        5,
        "rejected",
        reason="与本月已刊发的书画展稿件重复",
    ),
    DemoProposal(
        "信义镇红枣加工厂开工", "news", "信义镇", "reporter", 2, "merged", merged_into="信义镇红枣加工厂投产"
    ),
)
# January 2021: the editors' grades and one deduction, so that the month's ledger has them.
DEMO_GRADES = (("栉风沐雨砥砺前行", Grade.Level.EXCELLENT), ("产业扶贫结硕果", Grade.Level.GOOD))
DEMO_DEDUCTION = ("城北街道开展“迎新年”健步走活动", -1, "差错：活动人数误作150人，已更正")


class Command(BaseCommand):
    help = "Load the demo: the sample page of January 2021, five staff accounts, their plan and 稿分."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Load, report, then roll everything back.")

    def handle(self, *args, dry_run=False, **options):
        if not settings.DEBUG:
            raise CommandError("load_demo only runs with DEBUG on: it creates accounts with known passwords.")
        data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        self.verbosity = options["verbosity"]
        self.copied_images = []
        try:
            with transaction.atomic():
                page = self.load_page(data)
                self.load_accounts()
                if page.editor_id is None:  # the page's 责任编辑, as the story page names them
                    page.editor = get_user_model().objects.get(username=PAGE_EDITOR)
                    page.save(update_fields=["editor"])
                self.load_plan()
                self.load_scores(page)
                if dry_run:
                    transaction.set_rollback(True)
        except BaseException:
            self.delete_copied_images()
            raise
        if dry_run:
            self.delete_copied_images()
        if self.verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{'Would load' if dry_run else 'Loaded'} {page}: "
                    f"{len(data['articles'])} stories, {len(data['photos'])} photos."
                )
            )

    def delete_copied_images(self):
        """Images are files, outside the transaction: remove those whose rows were rolled back."""
        for image in self.copied_images:
            if image:
                image.storage.delete(image.name)

    def load_page(self, data):
        date = datetime.date.fromisoformat(data["issue"]["date"])
        published_at = timezone.make_aware(datetime.datetime.combine(date, PUBLICATION_TIME))
        issue, _ = Issue.objects.update_or_create(
            number=data["issue"]["number"],
            defaults={
                "date": date,
                "status": Issue.Status.PUBLISHED,
                "published_at": published_at,
            },
        )
        page, _ = Page.objects.update_or_create(
            issue=issue, number=data["page"]["number"], defaults={"name": data["page"]["name"]}
        )
        authors = {
            entry["name"]: Author.objects.named(entry["name"], entry["kind"]) for entry in data["authors"]
        }
        for entry in data["articles"]:
            article, _ = Article.objects.update_or_create(
                page=page,
                position=entry["position"],
                defaults={
                    "kicker": entry["kicker"],
                    "headline": entry["headline"],
                    "subtitle": entry["subtitle"],
                    "source": entry["source"],
                    "body": "\n".join(entry["body"]),
                    "event_date": entry["event_date"],
                    "status": Article.Status.PUBLISHED,
                    "published_at": published_at,
                },
            )
            article.bylines.all().delete()
            Byline.objects.bulk_create(
                Byline(article=article, author=authors[credit["name"]], role=credit["role"], order=order)
                for order, credit in enumerate(entry["authors"])
            )
            article.townships.set(Township.objects.filter(name__in=entry["townships"]))
            article.departments.set(Department.objects.filter(name__in=entry["departments"]))
        stories = {article.headline: article for article in page.articles.all()}
        # The printed page's photos, and a photo the feature has online only.
        for entry in [*data["photos"], *data["online_photos"]]:
            photo = Photo.objects.filter(page=page, caption=entry["caption"]).first() or Photo(
                page=page, caption=entry["caption"]
            )
            photo.photographer = authors[entry["photographer"]]
            photo.article = stories.get(entry.get("story"))  # a story's photo, else one standing alone
            copied = not photo.image
            if copied:
                with open(DEMO_DIR / "media" / entry["image"], "rb") as image:
                    photo.image.save(entry["image"], File(image), save=False)
            photo.save()
            if copied:
                self.copied_images += [photo.image, photo.thumbnail, photo.display]
            photo.townships.set(Township.objects.filter(name__in=entry["townships"]))
        self.load_printed_page(page)
        return page

    def load_printed_page(self, page):
        """The page's PDF, and the zones its layout gives each story and photo (the worker renders the
        images). The PDF is stored once; the zones are made anew."""
        data = DEMO_PDF.read_bytes()
        if not page.scan:
            page.scan.save("printed_page.pdf", ContentFile(data))
            self.copied_images.append(page.scan)
        parsed = page_import.read_page(data, page.issue.date)
        stories = {article.headline: article for article in page.articles.all()}
        photos = {photo.caption: photo for photo in page.photos.all()}
        page.zones.all().delete()
        Zone.objects.bulk_create(
            [
                *(
                    Zone(page=page, article=stories[found.headline], x=x, y=y, width=width, height=height)
                    for found in parsed.articles
                    if found.headline in stories
                    for x, y, width, height in found.zones
                ),
                *(
                    Zone(page=page, photo=photos[found.caption], x=x, y=y, width=width, height=height)
                    for found in parsed.photos
                    if found.caption in photos
                    for x, y, width, height in [found.zone]
                ),
            ]
        )

    def load_plan(self):
        """The demo's 报题, decided, assigned and filed through the planning rules, as editors do."""
        staff = {user.username: user for user in get_user_model().objects.all()}
        editor, today = staff["editor"], timezone.localdate()
        proposals = {}
        for demo in DEMO_PROPOSALS:
            proposal, created = Proposal.objects.get_or_create(
                topic=demo.topic,
                defaults={
                    "kind": demo.kind,
                    "planned_date": today + datetime.timedelta(days=demo.planned_in),
                    "proposed_by": staff[demo.proposer],
                },
            )
            proposals[demo.topic] = proposal
            if not created:
                continue
            proposal.townships.set(Township.objects.filter(name=demo.township))
            if demo.decision:
                merged_into = proposals.get(demo.merged_into)
                planning.decide(proposal, editor, demo.decision, reason=demo.reason, merged_into=merged_into)
            if demo.staff:
                members = [(staff[username], role) for username, role in demo.staff]
                due = today + datetime.timedelta(days=demo.due_in)
                assignment = planning.assign(proposal, editor, members, due)
                if demo.filed:
                    planning.file_story(assignment, members[0][0])

    def load_scores(self, page):
        chief = get_user_model().objects.get(username="chief")
        for headline, level in DEMO_GRADES:
            Grade.objects.get_or_create(
                article=page.articles.get(headline=headline), defaults={"level": level, "graded_by": chief}
            )
        headline, points, reason = DEMO_DEDUCTION
        story = page.articles.get(headline=headline)
        Adjustment.objects.get_or_create(
            article=story,
            reason=reason,
            defaults={
                "author": story.bylines.first().author,
                "month": page.issue.date.replace(day=1),
                "points": points,
                "created_by": chief,
            },
        )

    def load_accounts(self):
        password = os.environ.get("DEMO_PASSWORD")
        generated = None
        User = get_user_model()
        for username, role, author_name in DEMO_ACCOUNTS:
            user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
            if password:
                user.set_password(password)
            elif created:
                generated = generated or secrets.token_urlsafe(12)
                user.set_password(generated)
            user.is_staff = True
            user.first_name = user.first_name or author_name
            user.save()
            user.groups.add(Group.objects.get(name=role))
            if not hasattr(user, "author"):
                author = Author.objects.named(author_name, Author.Kind.REPORTER)
                Author.objects.filter(pk=author.pk, user__isnull=True).update(user=user)
            if self.verbosity >= 1 and (created or password):
                self.stdout.write(f"Account {username} ({role}) is ready.")
        if generated:
            self.stdout.write(f"Password of the new demo accounts: {generated}")
