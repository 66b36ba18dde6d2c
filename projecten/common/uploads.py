"""Checking an uploaded file by what it contains, never by its name or the browser's word."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_PIL_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    size: int


def check_upload(uploaded) -> CheckedUpload:
    """The real type of a PDF, JPEG or PNG of at most 10 MB, or a ValidationError in plain words."""
    if uploaded.size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            _(
                "The file is larger than 10 MB. Make it smaller (for example a photo at a lower quality)."
            ),
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    if head.startswith(b"%PDF-"):
        uploaded.seek(max(0, uploaded.size - 2048))
        tail = uploaded.read()
        uploaded.seek(0)
        if b"%%EOF" not in tail:
            raise ValidationError(_("This PDF is damaged or incomplete."), code="damaged")
        return CheckedUpload("application/pdf", uploaded.size)
    try:
        with Image.open(uploaded) as image:
            kind = image.format
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        kind = None
    finally:
        uploaded.seek(0)
    if kind not in _PIL_TYPES:
        raise ValidationError(
            _("Only PDF, JPEG and PNG files can be added; this file is something else."),
            code="wrong_type",
        )
    return CheckedUpload(_PIL_TYPES[kind], uploaded.size)
