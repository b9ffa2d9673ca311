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


# --- IPTC (APP13) and comment (COM) segments ---------------------------------------------

BYLINE = "张三 13900001111"


def _iptc_app13(*datasets: tuple[int, str]) -> bytes:
    """An APP13 segment as Photoshop writes it: an 8BIM 0x0404 resource holding IIM record 2."""
    iim = b"".join(b"\x1c\x02" + bytes([number]) + len(value.encode()).to_bytes(2, "big") + value.encode()
                   for number, value in datasets)
    iim += b"\x00" * (len(iim) & 1)
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(iim).to_bytes(4, "big") + iim
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload


def photo_with_iptc_and_comment(byline: str = BYLINE, caption: str = "身份证 350000199001010018") -> bytes:
    """A JPEG (Pillow) with a COM comment, and an APP13 IPTC by-line and caption inserted after APP0."""
    buffer = BytesIO()
    Image.linear_gradient("L").resize((640, 480)).convert("RGB").save(
        buffer, "JPEG", quality=90, comment=f"拍摄：{byline}".encode())
    data = buffer.getvalue()
    app0_end = 4 + int.from_bytes(data[4:6], "big")   # SOI, then APP0 (JFIF)
    app13 = _iptc_app13((80, byline), (120, caption))
    return data[:app0_end] + app13 + data[app0_end:]


def _markers(data: bytes) -> list[int]:
    """The JPEG segment markers before the start of scan."""
    found, pos = [], 2
    while data[pos] == 0xFF and data[pos + 1] != 0xDA:
        found.append(data[pos + 1])
        pos += 2 + int.from_bytes(data[pos + 2:pos + 4], "big")
    return found


def test_the_planted_photo_really_has_iptc_and_a_comment():
    data = photo_with_iptc_and_comment()
    assert {0xED, 0xFE} <= set(_markers(data))
    with Image.open(BytesIO(data)) as image:
        assert image.info["comment"] == f"拍摄：{BYLINE}".encode()
        assert BYLINE.encode() in image.info["photoshop"][0x0404]


def test_stripping_drops_iptc_and_comments_and_keeps_the_pixels():
    from generator.images_exif import strip_jpeg
    data = photo_with_iptc_and_comment()
    clean = strip_jpeg(data)
    assert _markers(clean) == [m for m in _markers(data) if m not in (0xED, 0xFE)]
    assert BYLINE.encode() not in clean and "350000199001010018".encode() not in clean
    with Image.open(BytesIO(data)) as before, Image.open(BytesIO(clean)) as after:
        assert "comment" not in after.info and "photoshop" not in after.info
        assert after.tobytes() == before.tobytes()


def test_the_built_site_check_reports_iptc_and_comments_left_in_a_jpeg(tmp_path):
    from generator.images_exif import find_exif
    (tmp_path / "files").mkdir()
    (tmp_path / "files" / "a.jpg").write_bytes(photo_with_iptc_and_comment())
    assert [str(p) for p in find_exif(tmp_path, "site")] == [
        "site/files/a.jpg:1:1: 图片仍含 IPTC, COM 元数据（可能有拍摄位置、设备、作者、说明）；请去除后再发布 "
        "(the image still has IPTC, COM metadata (location, camera, author, caption); strip it)"]


def test_no_published_jpeg_keeps_iptc_or_comments(scratch_site, tmp_path):
    from generator.images_exif import exif_of
    photo = photo_with_iptc_and_comment("清河县融媒体中心", "县政府常务会议现场")  # nothing the review refuses
    scratch_site.write("assets/images/meeting.jpg", photo)
    scratch_site.write("assets/files/meeting-original.jpg", photo)
    scratch_site.write("pages/photos.md", """\
        ---
        title: 图片
        ---

        ![会议现场](../assets/images/meeting.jpg)

        [原图](../assets/files/meeting-original.jpg)
        """)
    out = tmp_path / "site"
    assert scratch_site.build(out) == 0
    jpegs = sorted(p for p in out.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg"))
    assert {p.name for p in jpegs} >= {"meeting-original.jpg", "meeting-640w.jpg"}
    for path in jpegs:
        assert exif_of(path) is None, path
        assert "清河县融媒体中心".encode() not in path.read_bytes(), path


def test_the_review_finds_personal_data_in_a_jpeg_comment_and_iptc_record(scratch_site):
    """The published copy is stripped, but the file in the (public) repository keeps them."""
    from generator.pipeline import check_content
    from generator.review import review_content
    scratch_site.write("assets/images/meeting.jpg", photo_with_iptc_and_comment())
    content, report = check_content(scratch_site.root, "content")
    assert report.errors == []
    result = review_content(content)
    mobile = ("疑似个人手机号码，属于个人隐私；请删除或改为 139****1111 "
              "(looks like a personal mobile number, which is personal data; remove it or mask it as 139****1111)")
    identity = ("疑似18位居民身份证号码，属于个人隐私，不得公开；请删除或改为 35*************018 "
                "(looks like an 18-digit resident ID number, which is personal data and must not be published; "
                "remove it or mask it as 35*************018)")
    assert [str(p) for p in result.report] == [
        f"content/assets/images/meeting.jpg:1:4: IPTC 署名 By-line: {mobile}",
        f"content/assets/images/meeting.jpg:1:5: IPTC 说明 Caption: {identity}",
        f"content/assets/images/meeting.jpg:1:7: JPEG 注释 comment: {mobile}"]
