"""Object storage for uploads that readers reach only through the views that check them.

The bucket stays private. A file's address on the site is MEDIA_URL + its name, like on the filesystem;
once a view has allowed the request, it redirects to a signed address that expires in SIGNED_SECONDS.
"""

from django.conf import settings
from storages.backends.s3 import S3Storage

SIGNED_SECONDS = 300


class PrivateS3Storage(S3Storage):
    def url(self, name, parameters=None, expire=None, http_method=None):
        return settings.MEDIA_URL + name

    def signed_url(self, name):
        return super().url(name, expire=SIGNED_SECONDS)
