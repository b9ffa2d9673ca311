"""Responsive body images: resized WebP + JPEG/PNG variants and the ``<picture>`` markup.

Every raster image under ``content/assets`` (png, jpg, jpeg, webp) is published in
a few widths (:data:`WIDTHS`, plus its own width capped at :data:`MAX_WIDTH`; never
upscaled), each as WebP and as a fallback in the source's format (a WebP source
falls back to PNG when it has transparency, else JPEG). Variants carry no metadata
(EXIF, XMP, ICC, text chunks): the EXIF orientation is applied to the pixels first,
then dropped. Encoder settings are fixed, so two builds write identical bytes.

The plan needs only each image's size, read from its header (cheap), so pages can
render ``<picture>`` with ``width``/``height`` before any variant exists; the
plan-only :func:`write_image_variants` writer encodes them beside the rendering.
"""
from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Optional

from ... import urls
from ...files import is_plain, plain_files

RASTER = (".png", ".jpg", ".jpeg", ".webp")
WIDTHS = (480, 960)
MAX_WIDTH = 1600
SIZES = "(max-width: 60em) 100vw, 46em"
#: Fixed encoder settings: the same pixels always give the same bytes (for one Pillow build).
SAVE_OPTIONS = {"WEBP": {"quality": 80, "method": 4, "exact": False},
                "JPEG": {"quality": 85, "optimize": True, "progressive": False, "subsampling": "4:2:0"},
                "PNG": {"optimize": False, "compress_level": 9}}
_SWAPS_SIDES = {5, 6, 7, 8}   # EXIF orientations that rotate by 90 degrees


@dataclass(frozen=True)
class Variant:
    """One file to write: site-relative ``url`` (under ``files/``), its size and format."""

    url: str
    width: int
    height: int
    format: str     # "WEBP", "JPEG" or "PNG"


@dataclass(frozen=True)
class ImageSet:
    """The variants of one source image, smallest first, WebP and fallback alike."""

    source: str                   # path under content/assets/
    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.webp + self.fallback


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER)


def variant_widths(width: int) -> list[int]:
    """The standard widths narrower than the image, and its own width capped at MAX_WIDTH."""
    top = min(width, MAX_WIDTH)
    return [w for w in WIDTHS if w < top] + [top]


def plan_image(assets: Path, rel: str) -> Optional[ImageSet]:
    """The variants of ``assets/rel`` from its header; None when it is missing or unreadable."""
    path = Path(assets) / rel
    if not is_plain(Path(assets).parent, path):  # assets is content/assets: no symlink is read
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    return _plan_cached(str(path), rel, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4096)
def _plan_cached(path: str, rel: str, _mtime: int, _size: int) -> Optional[ImageSet]:
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(path) as image:
            width, height = image.size
            if image.getexif().get(0x0112) in _SWAPS_SIDES:
                width, height = height, width
            fallback = _fallback_format(image)
    except (OSError, UnidentifiedImageError):
        return None
    stem, suffix = posixpath.splitext(rel)
    ext = suffix.lower().lstrip(".")
    if ext == "webp":
        ext = "png" if fallback == "PNG" else "jpg"
    sizes = [(w, max(1, round(height * w / width))) for w in variant_widths(width)]
    return ImageSet(rel, tuple(Variant(f"files/{stem}-{w}w.webp", w, h, "WEBP") for w, h in sizes),
                    tuple(Variant(f"files/{stem}-{w}w.{ext}", w, h, fallback) for w, h in sizes))


def _fallback_format(image) -> str:
    """The source's own format; a WebP source: PNG if it has transparency, else JPEG."""
    if image.format in ("JPEG", "PNG"):
        return image.format
    return "PNG" if _has_alpha(image) else "JPEG"


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


# --- markup ----------------------------------------------------------------------------

_BODY_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def rewrite_body_images(body: str, source_rel: str, page_url: str, assets: Path) -> str:
    """Replace ``![alt](path)`` of a raster asset by inline ``<picture>`` HTML (others unchanged)."""
    def replace(match: re.Match) -> str:
        target = match.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:|^/|^#", target, re.IGNORECASE) or not is_raster(target):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_rel), target))
        if not resolved.startswith("assets/"):
            return match.group(0)
        found = plan_image(assets, resolved[len("assets/"):])
        return picture_html(found, match.group(1), page_url) if found else match.group(0)
    return _BODY_IMAGE.sub(replace, body)


def picture_html(image: ImageSet, alt: str, page_url: str) -> str:
    """``<picture>`` with a WebP source and a fallback ``<img>``, all on one line (inline HTML)."""
    def srcset(variants: tuple[Variant, ...]) -> str:
        return html.escape(", ".join(f"{urls.relative(page_url, v.url)} {v.width}w" for v in variants))
    big = image.largest
    return (f'<picture><source type="image/webp" srcset="{srcset(image.webp)}" sizes="{SIZES}">'
            f'<img src="{html.escape(urls.relative(page_url, big.url))}" srcset="{srcset(image.fallback)}" sizes="{SIZES}" '
            f'alt="{html.escape(alt.strip(), quote=True)}" width="{big.width}" height="{big.height}" '
            f'loading="lazy" decoding="async"></picture>')


# --- writing ---------------------------------------------------------------------------

def encode_variants(source: Path, image_set: ImageSet) -> dict[str, bytes]:
    """url -> bytes of every variant: oriented, resized (Lanczos), metadata-free."""
    from PIL import Image, ImageOps
    with Image.open(source) as original:
        image = _normalise(ImageOps.exif_transpose(original))
    out = {}
    for variant in image_set.variants:
        resized = image if variant.width == image.width else \
            image.resize((variant.width, variant.height), Image.Resampling.LANCZOS)
        out[variant.url] = _encode(resized, variant.format)
    return out


def _normalise(image):
    """RGB or RGBA (L kept for greyscale without alpha), with no info carried along."""
    alpha = _has_alpha(image)
    mode = "RGBA" if alpha else ("L" if image.mode in ("1", "L", "I", "I;16") else "RGB")
    clean = image.convert(mode)
    clean.info = {}
    return clean


def _encode(image, fmt: str) -> bytes:
    if fmt == "JPEG" and image.mode == "RGBA":
        image = image.convert("RGB")
    buffer = BytesIO()
    image.save(buffer, fmt, **SAVE_OPTIONS[fmt])
    return buffer.getvalue()


def raster_assets(assets: Path) -> list[str]:
    """Every raster image under ``assets``, as sorted paths relative to it."""
    return sorted(p.relative_to(assets).as_posix() for p in plain_files(Path(assets).parent, Path(assets))
                  if is_raster(p.name))


def write_image_variants(plan, site_dir: Path) -> None:
    """Write the variants of every raster asset under ``site_dir/files/``."""
    assets = plan.content.root / "assets"
    for rel in raster_assets(assets):
        image_set = plan_image(assets, rel)
        if image_set is None:
            continue
        for url, data in encode_variants(assets / rel, image_set).items():
            target = Path(site_dir) / url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)


def body_filter(markdown: str, source_rel: str, page_url: str, site) -> str:
    """Every content body's raster images as ``<picture>`` (see :func:`rewrite_body_images`)."""
    return rewrite_body_images(markdown, source_rel, page_url, site.content.root / "assets")
