"""Stored uploads: unguessable names, and handing a stored file to the reader once a view allowed it.

No app's code is imported here. Nothing under MEDIA_URL is served directly: every file goes out through a
view that first decides whether this request may see it (docs/deploy.md, "Media").
"""

import mimetypes
import os
import uuid

from django.conf import settings
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils.cache import patch_cache_control


def unguessable_name(folder, filename):
    """folder/<32 random hex digits>.<extension>: the uploaded name is kept as data, never as a path."""
    extension = os.path.splitext(filename)[1].lower()
    return f"{folder}/{uuid.uuid4().hex}{extension}"


def stored_file_response(name, *, private, lasting=False):
    """The stored file `name`, once a view has decided this request may have it: through the web server
    (X-Accel-Redirect to MEDIA_ACCEL_REDIRECT, its internal location) when configured, as a redirect to a
    signed address for private object storage, else streamed by Django. `private` files are never kept
    by browsers or shared caches; public ones are revalidated on every view, so a withdrawn photo is not
    shown again from a cache. `lasting` public files are named by their content and kept for a year."""
    accel = settings.MEDIA_ACCEL_REDIRECT
    if accel:
        response = HttpResponse(content_type=mimetypes.guess_type(name)[0] or "application/octet-stream")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + name
    elif hasattr(default_storage, "signed_url"):
        response = HttpResponseRedirect(default_storage.signed_url(name))
    else:
        try:
            response = FileResponse(default_storage.open(name, "rb"))
        except FileNotFoundError:
            raise Http404("No file.") from None
    if private:
        patch_cache_control(response, private=True, no_store=True)
    elif lasting:
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600, immutable=True)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    return response
