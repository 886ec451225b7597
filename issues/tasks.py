"""Background work for pages: their images for the 数字报, rendered once from the page's PDF or scan by
the task worker (`manage.py db_worker`), never in a request or in save()."""

import hashlib
import io

from django.core.files.base import ContentFile
from django.db import transaction
from django_tasks import task
from PIL import Image

from infrastructure import pdfs

from .models import Page, TextLayer

IMAGE_FIELDS = {"thumbnail": "thumbnail", "screen": "screen_image", "zoom": "zoom_image"}


@task()
def render_page(page_id):
    """Render a page's images from its current scan. Returns the scan's name, or '' when there was
    nothing to do (the page is gone, has no scan, or its images are current)."""
    page = Page.objects.filter(pk=page_id).first()
    if page is None or not page.scan or page.is_rendered:
        return ""
    name = page.scan.name
    with page.scan.open("rb") as file:
        data = file.read()
    if page.is_pdf:
        images = pdfs.render(data)
        problem = pdfs.read_text(data).problem
        text_layer = {"": TextLayer.READABLE, "no_text": TextLayer.NONE}.get(problem, TextLayer.GARBLED)
    else:
        images = pdfs.renditions(Image.open(io.BytesIO(data)))
        text_layer = TextLayer.IMAGE
    # Named by what they show: a new scan gets new names, so a kept copy is never stale.
    digest = hashlib.sha256(data).hexdigest()[:24]
    for kind, field in IMAGE_FIELDS.items():
        content, width, _height = images[kind]
        getattr(page, field).save(f"{digest}-{width}.webp", ContentFile(content), save=False)
    _width, screen_width, screen_height = images["screen"]
    with transaction.atomic():
        current = Page.objects.select_for_update().get(pk=page.pk)
        if current.scan.name != name:
            return ""  # an editor replaced the file meanwhile; its own rendering follows
        for field in IMAGE_FIELDS.values():
            setattr(current, field, getattr(page, field).name)
        current.image_width, current.image_height = screen_width, screen_height
        current.rendered_from, current.text_layer = name, text_layer
        # A save, not an update: readers' cached pages learn of the images as of any change.
        rendered = ["image_width", "image_height", "rendered_from", "text_layer"]
        current.save(update_fields=[*IMAGE_FIELDS.values(), *rendered])
    return name
