"""Strip EXIF, XMP, IPTC and comments (GPS position, camera, author, captions) from published images.

A photo taken on a phone carries where it was taken. Content images are copied
into the output as they are, so the images feature's writer removes the metadata from every
JPEG, PNG and WebP of the temporary output folder, losslessly and byte for byte
deterministically: only metadata segments/chunks are dropped, pixels are never
re-encoded. :func:`find_exif` (Pillow) verifies the result on a built site.

In a JPEG, APP13 (Photoshop resources with the IPTC record: by-line, caption,
contact) and COM (free-text comment) segments carry personal data as often as
EXIF does: both are dropped and both are looked for by :func:`find_exif`.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Callable, Optional

from .errors import Problem
from .files import list_files

JPEG_METADATA = (b"Exif\x00", b"http://ns.adobe.com/xap/", b"http://ns.adobe.com/xmp/")
JPEG_APP13, JPEG_COM = 0xED, 0xFE   # IPTC / Photoshop resources; comment
PNG_METADATA = {b"eXIf", b"tEXt", b"zTXt", b"iTXt", b"tIME"}
WEBP_METADATA = {b"EXIF", b"XMP "}


def strip_jpeg(data: bytes) -> bytes:
    """Drop APP1 Exif/XMP, APP13 (IPTC) and COM segments before the image data (start of scan)."""
    if not data.startswith(b"\xff\xd8"):
        return data
    out, pos = bytearray(data[:2]), 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xDA:  # start of scan: the rest is image data
            break
        length = struct.unpack(">H", data[pos + 2:pos + 4])[0]
        segment = data[pos:pos + 2 + length]
        if not (_is_jpeg_metadata(marker, segment)):
            out += segment
        pos += 2 + length
    return bytes(out + data[pos:])


def _is_jpeg_metadata(marker: int, segment: bytes) -> bool:
    return marker in (JPEG_APP13, JPEG_COM) or (marker == 0xE1 and segment[4:].startswith(JPEG_METADATA))


def strip_png(data: bytes) -> bytes:
    """Drop eXIf and text chunks (EXIF, XMP and comments live there)."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return data
    out, pos = bytearray(data[:8]), 8
    while pos + 8 <= len(data):
        length = struct.unpack(">I", data[pos:pos + 4])[0]
        kind = data[pos + 4:pos + 8]
        chunk = data[pos:pos + 12 + length]
        if kind not in PNG_METADATA:
            out += chunk
        pos += 12 + length
    return bytes(out)


def strip_webp(data: bytes) -> bytes:
    """Drop EXIF and XMP chunks and clear their flags in the VP8X header."""
    if not (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return data
    body, pos = bytearray(), 12
    while pos + 8 <= len(data):
        kind, size = data[pos:pos + 4], struct.unpack("<I", data[pos + 4:pos + 8])[0]
        chunk = bytearray(data[pos:pos + 8 + size + (size & 1)])
        if kind == b"VP8X":
            chunk[8] &= ~0x0C & 0xFF   # EXIF (0x08) and XMP (0x04) flags
        if kind not in WEBP_METADATA:
            body += chunk
        pos += 8 + size + (size & 1)
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + bytes(body)


STRIPPERS: dict[str, Callable[[bytes], bytes]] = {".jpg": strip_jpeg, ".jpeg": strip_jpeg, ".png": strip_png,
                                                   ".webp": strip_webp}


def strip_file(path: Path) -> bool:
    """Strip ``path`` in place (through a new file, so a hard link to content is never changed)."""
    strip = STRIPPERS.get(path.suffix.lower())
    data = path.read_bytes()
    cleaned = strip(data) if strip else data
    if cleaned == data:
        return False
    temp = path.with_name(path.name + ".exif-tmp")
    temp.write_bytes(cleaned)
    os.replace(temp, path)
    return True


def strip_images(site_dir: Path) -> int:
    """Strip every image of ``site_dir``; returns how many files changed."""
    return sum(strip_file(Path(site_dir) / rel) for rel in _images(Path(site_dir)))


def _images(root: Path) -> list[str]:
    """The image files of a built site (site-relative), listed without a stat per file."""
    return [rel for rel in list_files(root) if os.path.splitext(rel)[1].lower() in STRIPPERS]


def write_stripped_images(plan, site_dir: Path) -> None:
    """The images feature's writer (after rendering): runs on the temporary output folder before it is swapped in."""
    strip_images(site_dir)


def exif_of(path: Path) -> Optional[str]:
    """What metadata Pillow still sees in an image (None when clean)."""
    from PIL import Image
    with Image.open(path) as image:
        if len(image.getexif()):
            return "EXIF"
        keys = {k.lower() for k in image.info}
        found = sorted(keys & {"exif", "xmp", "xml:com.adobe.xmp"})
        markers = {name for name, _ in getattr(image, "applist", [])}
        found += [label for marker, label in (("APP13", "IPTC"), ("COM", "COM")) if marker in markers]
        return ", ".join(found) or None


def find_exif(site_dir: Path, display: str = "") -> list[Problem]:
    """Every JPEG/PNG/WebP of a built site that still has EXIF, XMP, IPTC or comment metadata (ERROR)."""
    root = Path(site_dir)
    display = (display or str(root)).rstrip("/")
    problems = []
    for rel in _images(root):
        found = exif_of(root / rel)
        if found:
            problems.append(Problem(f"{display}/{rel}", 1, 1, "",
                                    f"图片仍含 {found} 元数据（可能有拍摄位置、设备、作者、说明）；请去除后再发布",
                                    f"the image still has {found} metadata (location, camera, author, "
                                    f"caption); strip it"))
    return problems
