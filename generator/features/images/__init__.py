"""Body images: ``<picture>`` with resized variants, and metadata stripped from every image."""
from ...images_exif import write_stripped_images
from ...registry import Feature, Writer
from .images import body_filter, write_image_variants

FEATURE = Feature("images", writers=(Writer(write_image_variants), Writer(write_stripped_images, after_render=True)),
                  body_filter=body_filter)
