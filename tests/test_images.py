"""Responsive images: resized WebP + fallback variants, no metadata, deterministic, <picture> markup."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from conftest import tree_digest
from generator.features.images.images import variant_widths
from html_tree import page

GPS = 0x8825
ORIENTATION = 0x0112


def photo_with_gps(width: int = 2000, height: int = 1000, orientation: int = 1) -> bytes:
    """A JPEG as a phone writes it: EXIF with a GPS position (and an orientation)."""
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif[ORIENTATION] = orientation
    exif.get_ifd(GPS).update({1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=90)
    return buffer.getvalue()


def small_png(width: int = 300, height: int = 200) -> bytes:
    buffer = BytesIO()
    Image.new("RGBA", (width, height), (0, 102, 204, 128)).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def built(scratch_site, tmp_path) -> Path:
    scratch_site.write("assets/images/photo.jpg", photo_with_gps())
    scratch_site.write("assets/images/turned.jpg", photo_with_gps(800, 600, orientation=6))
    scratch_site.write("assets/images/chart.png", small_png())
    scratch_site.write("pages/photos.md", """\
        ---
        title: 图片
        ---

        ![县政府大楼外景](../assets/images/photo.jpg)

        ![竖拍的照片](../assets/images/turned.jpg)

        ![半透明 "图表" <示意>](../assets/images/chart.png)
        """)
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    return out


def test_widths_are_never_upscaled():
    assert variant_widths(2000) == [480, 960, 1600]
    assert variant_widths(960) == [480, 960]
    assert variant_widths(300) == [300]


def sizes(folder: Path, pattern: str) -> dict[str, tuple[int, int]]:
    found = {}
    for path in sorted(folder.glob(pattern)):
        with Image.open(path) as image:
            image.load()  # decodable
            found[path.name] = image.size
    return found


def test_variant_sizes_and_formats(built):
    images = built / "files" / "images"
    assert sizes(images, "photo-*") == {
        "photo-480w.jpg": (480, 240), "photo-480w.webp": (480, 240), "photo-960w.jpg": (960, 480),
        "photo-960w.webp": (960, 480), "photo-1600w.jpg": (1600, 800), "photo-1600w.webp": (1600, 800)}
    # orientation 6 (turned 90°) is applied to the pixels: a 800×600 photo is shown 600 wide
    assert sizes(images, "turned-*") == {"turned-480w.jpg": (480, 640), "turned-480w.webp": (480, 640),
                                         "turned-600w.jpg": (600, 800), "turned-600w.webp": (600, 800)}
    assert sizes(images, "chart-*") == {"chart-300w.png": (300, 200), "chart-300w.webp": (300, 200)}
    with Image.open(images / "chart-300w.webp") as webp:
        assert webp.format == "WEBP" and webp.mode == "RGBA"


def test_variants_have_no_metadata(built):
    for path in sorted((built / "files" / "images").glob("*-*w.*")):
        with Image.open(path) as image:
            assert len(image.getexif()) == 0, path.name
            assert not {"exif", "xmp", "icc_profile"} & set(image.info), path.name


def test_picture_markup(built):
    pictures = page(built, "pages/photos/").find_all("picture")
    assert len(pictures) == 3
    source, img = pictures[0].find("source"), pictures[0].find("img")
    assert source.attrs == {
        "type": "image/webp", "sizes": "(max-width: 60em) 100vw, 46em",
        "srcset": "../../files/images/photo-480w.webp 480w, ../../files/images/photo-960w.webp 960w, "
                  "../../files/images/photo-1600w.webp 1600w"}
    assert img.attrs == {
        "src": "../../files/images/photo-1600w.jpg", "sizes": "(max-width: 60em) 100vw, 46em",
        "srcset": "../../files/images/photo-480w.jpg 480w, ../../files/images/photo-960w.jpg 960w, "
                  "../../files/images/photo-1600w.jpg 1600w",
        "alt": "县政府大楼外景", "width": "1600", "height": "800", "loading": "lazy", "decoding": "async"}
    turned = pictures[1].find("img")
    assert (turned.attrs["width"], turned.attrs["height"]) == ("600", "800")
    assert pictures[2].find("img").attrs["alt"] == '半透明 "图表" <示意>'
    for picture in pictures:  # every file the markup names exists
        urls = [u.split()[0] for n in (picture.find("source"), picture.find("img"))
                for u in n.attrs["srcset"].split(", ")]
        assert all((built / "pages" / "photos" / u).resolve().is_file() for u in urls)


def test_two_builds_write_identical_bytes(built, scratch_site, tmp_path):
    again = tmp_path / "again"
    assert scratch_site.build(again) == 0
    first = {k: v for k, v in tree_digest(built).items() if k.startswith("files/")}
    assert first and first == {k: v for k, v in tree_digest(again).items() if k.startswith("files/")}
