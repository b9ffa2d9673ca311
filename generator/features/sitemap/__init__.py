"""The site map page (网站地图), sitemap.xml and robots.txt."""
from ...registry import Feature, Pages, Writer
from .page import sitemap_page
from .sitemap import write_sitemap

FEATURE = Feature("sitemap", pages=(Pages(80, sitemap_page, last=True, always=("sitemap/",)),),
                  writers=(Writer(write_sitemap, after_render=True),))
