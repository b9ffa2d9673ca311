"""Relative links between site pages: the same answers as posixpath.relpath, without its getcwd()."""
import itertools
import posixpath

import pytest

from generator.urls import relative, src_uri

URLS = ["", "a/", "a/b/", "policies/x/", "policies/y/", "lists/topics/t-1/page/2/", "files/images/x.png",
        "a/b/c.html", "search/index/"]


def expected(from_url: str, to_url: str) -> str:
    base = posixpath.dirname(from_url) if not from_url.endswith("/") else from_url.rstrip("/")
    rel = posixpath.relpath(to_url.rstrip("/") or ".", base or ".")
    if to_url.endswith("/") or to_url == "":
        return "./" if rel == "." else rel + "/"
    return rel


@pytest.mark.parametrize("from_url,to_url", list(itertools.product(URLS, URLS)))
def test_relative_matches_posix_relpath(from_url, to_url):
    assert relative(from_url, to_url) == expected(from_url, to_url)


def test_examples_read_as_a_person_would_write_them():
    assert relative("policies/x/", "policies/y/") == "../y/"
    assert relative("", "lists/all/") == "lists/all/"
    assert relative("lists/all/page/2/", "") == "../../../../"
    assert relative("policies/x/", "files/a.pdf") == "../../files/a.pdf"


def test_source_uri_of_a_directory_url():
    assert (src_uri(""), src_uri("policies/x/")) == ("index.md", "policies/x.md")
