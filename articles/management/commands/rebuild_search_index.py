import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from articles import search
from articles.models import Article


class Command(BaseCommand):
    help = _("Re-tokenize every story into the search index and recompute its keywords.")

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        if batch_size < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        total = Article.objects.count()
        done = 0
        show_progress = self.stdout.isatty() and options["verbosity"] > 0

        def progress(count):
            nonlocal done
            done += count
            if show_progress:
                filled = 30 * done // max(total, 1)
                self.stdout.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {done}/{total}", ending="")
                self.stdout.flush()

        started = time.perf_counter()
        characters = search.reindex(Article.objects.all(), batch_size=batch_size, progress=progress)
        seconds = time.perf_counter() - started
        if show_progress:
            self.stdout.write("")
        self.stdout.write(
            _("Indexed %(stories)d stories, %(characters)d characters in %(seconds).1f s.")
            % {"stories": done, "characters": characters, "seconds": seconds}
        )
