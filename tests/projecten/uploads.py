"""Files for upload tests: real PDFs and images, and files that lie about what they are."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image_bytes(kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "orange").save(buffer, format=kind)
    return buffer.getvalue()


def pdf(name: str = "offerte.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("PNG"), content_type="image/png")


def jpeg(name: str = "foto.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes("JPEG"), content_type="image/jpeg")


def exe_named_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "offerte.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200, content_type="application/pdf"
    )


def text_named_jpg() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "photo.jpg", b"just some text, not a photo\n", content_type="image/jpeg"
    )


def damaged_pdf() -> SimpleUploadedFile:
    # A PDF cut off halfway: the header is there, the end-of-file marker is not.
    return SimpleUploadedFile("kapot.pdf", PDF_BYTES[:30], content_type="application/pdf")


def too_large_pdf() -> SimpleUploadedFile:
    body = PDF_BYTES[:-7] + b"\x00" * (11 * 1024 * 1024) + b"%%EOF\n"
    return SimpleUploadedFile("groot.pdf", body, content_type="application/pdf")
