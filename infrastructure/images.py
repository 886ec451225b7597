"""Photo uploads made safe with Pillow: only real JPEG, PNG and WebP files of bounded size and pixel count;
orientation applied and EXIF (GPS, camera, times) dropped by re-encoding; renditions made once.
"""

import io
import os
import warnings

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from . import pdfs

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel camera; more is a decompression bomb or a mistake
# What the decoded pixels may take in memory (Pillow keeps 1 byte a pixel for 1, L and P, 4 for the rest):
# a 40-megapixel colour photo. Processing holds two or three such copies at once.
MAX_DECODED_BYTES = 160_000_000
ONE_BYTE_MODES = ("1", "L", "P")
FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
SAVE_OPTIONS = {"JPEG": {"quality": 90, "optimize": True}, "PNG": {"optimize": True}, "WEBP": {"quality": 90}}
RENDITION_WIDTHS = {"thumbnail": 320, "display": 1200}


def read_bytes(file):
    """The whole file, leaving it open and rewound: Pillow works on a copy, never on Django's file."""
    if file.closed:
        file.open("rb")
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data


def open_checked(file):
    """Open an uploaded image after the checks; raise ValidationError with a clear message otherwise."""
    if file.size > MAX_UPLOAD_BYTES:
        raise ValidationError(_("A photo may be at most 20 MB."), code="too_large")
    data = read_bytes(file)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            # Judged from the header, before decoding: a small file can unpack to hundreds of MB.
            if image.width * image.height > MAX_PIXELS or decoded_bytes(image) > MAX_DECODED_BYTES:
                raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels")
            image.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("The photo has too many pixels."), code="too_many_pixels") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds for a broken or disguised file
        raise ValidationError(_("This file is not a readable image."), code="unreadable") from None
    if image.format not in FORMATS:
        raise ValidationError(_("Upload a JPEG, PNG or WebP photo."), code="format")
    extension = os.path.splitext(file.name)[1].lower().lstrip(".")
    if extension not in FORMATS[image.format]:
        raise ValidationError(
            _("The file name ends in .%(extension)s but the file is a %(format)s image.")
            % {"extension": extension, "format": image.format},
            code="extension",
        )
    return image


def decoded_bytes(image):
    return image.width * image.height * (1 if image.mode in ONE_BYTE_MODES else 4)


def validate_photo(file):
    """Model field validator: the checks without re-encoding."""
    open_checked(file)


def encode(image, image_format, name):
    """Re-encode pixels only: no EXIF, no XMP, no comments. The ICC profile keeps the colours right."""
    icc_profile = image.info.get("icc_profile")
    if image_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    # Pillow writes some of what it read back out (a JPEG's comment segment, EXIF, XMP) unless told not to.
    image.info = {}
    buffer = io.BytesIO()
    options = dict(SAVE_OPTIONS[image_format])
    if icc_profile:
        options["icc_profile"] = icc_profile
    image.save(buffer, image_format, **options)
    return ContentFile(buffer.getvalue(), name=name)


def clean_upload(file):
    """The stored version of an upload: checked, turned upright, stripped of metadata."""
    image = open_checked(file)
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    upright.info.pop("exif", None)
    return encode(upright, image_format, os.path.basename(file.name))


def rendition(file, width):
    """A copy at most width pixels wide, in the same format."""
    image = Image.open(io.BytesIO(read_bytes(file)))
    image_format = image.format
    image.load()
    if image.width > width:
        # At least one pixel high, however wide the photo (a panorama strip).
        height = max(1, round(image.height * width / image.width))
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    stem, extension = os.path.splitext(os.path.basename(file.name))
    return encode(image, image_format, f"{stem}-{width}{extension}")


def validate_scan(file):
    """A page file is a readable, unencrypted PDF of one page (checked by its content, not its name) or a
    photo that passes the photo checks."""
    if os.path.splitext(file.name)[1].lower() == ".pdf":
        if pdfs.page_count(read_bytes(file)) != 1:
            raise ValidationError(
                _("A page takes a PDF of one page; import a whole issue's PDF from the issue."),
                code="pages",
            )
    else:
        open_checked(file)


def clean_scan(file):
    """The stored version of a scan: a PDF as sent (checked), an image re-encoded like a photo."""
    validate_scan(file)
    if os.path.splitext(file.name)[1].lower() == ".pdf":
        return file
    return clean_upload(file)
