"""Small, valid files for the demo's verantwoordingen: a photo (PNG, drawn with Pillow) and
a receipt (a one-page PDF written by hand). They pass `check_upload` like a real upload."""

import io
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

# Hoogeveen-ish colours: grass, sky, a red roof, a wooden bench.
_SKY, _GRASS, _ROOF, _WALL, _WOOD = "#9ecae1", "#74a942", "#b22222", "#f2e6c9", "#8b5a2b"


def demo_photo(name: str, *, seed: int = 0) -> SimpleUploadedFile:
    """A 480 × 320 picture of a buurthuis on a field, a little different for every seed."""
    image = Image.new("RGB", (480, 320), _SKY)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 210, 480, 320), fill=_GRASS)
    left = 60 + (seed * 37) % 200
    draw.rectangle((left, 130, left + 160, 230), fill=_WALL, outline="#333333")
    draw.polygon([(left - 10, 130), (left + 80, 70), (left + 170, 130)], fill=_ROOF)
    draw.rectangle((left + 65, 175, left + 95, 230), fill=_WOOD)
    for i in range(1 + seed % 4):  # people in front of the building
        x = 30 + i * 45 + (seed * 13) % 40
        draw.ellipse((x, 228, x + 16, 244), fill="#f1c27d")
        draw.rectangle((x + 2, 244, x + 14, 275), fill=("#1f77b4", "#ff7f0e", "#9467bd")[i % 3])
    draw.rectangle((330, 250, 430, 262), fill=_WOOD)  # the bench
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_receipt(name: str, *, shop: str, lines: list[tuple[str, str]]) -> SimpleUploadedFile:
    """A one-page PDF receipt: the shop and what was bought, in Helvetica (WinAnsi, so the
    euro sign is written as the word)."""
    rows = [f"BT /F1 16 Tf 56 780 Td ({_pdf_text(shop)}) Tj ET"]
    y = 740
    for what, amount in lines:
        rows.append(f"BT /F1 11 Tf 56 {y} Td ({_pdf_text(what)}) Tj ET")
        rows.append(f"BT /F1 11 Tf 420 {y} Td (EUR {_pdf_text(amount)}) Tj ET")
        y -= 18
    rows.append(f"BT /F1 9 Tf 56 {y - 20} Td (Kassabon - demo Smederijen) Tj ET")
    stream = zlib.compress("\n".join(rows).encode("latin-1", "replace"))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return SimpleUploadedFile(name, out.getvalue(), content_type="application/pdf")
