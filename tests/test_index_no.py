"""Generated 索引号 ``<prefix>/<year>-<seq>``: after the highest written one, stable, and the right prefix."""
from __future__ import annotations

from conftest import ScratchSite
from generator.content import load_content
from generator.site import assign_index_numbers

COUNTY = "11990599MB0000001X"   # test-county, the site's organization
OFFICE = "11990599MB0000002X"   # test-office


def policy(published: str, issuer: str = "test-county", index_no: str = "") -> str:
    number = f'index_no: "{index_no}"\n' if index_no else ""
    return (f"---\ntitle: 文件\ngenre: other\nissuer: {issuer}\nwritten: {published}\n"
            f"published: {published}\n{number}---\n")


def numbers(site: ScratchSite) -> dict[str, str]:
    content, problems = load_content(site.root, "content")
    assert problems == []
    return assign_index_numbers(content)


def test_each_document_is_numbered_under_its_issuers_code_and_year(scratch_site):
    assert numbers(scratch_site) == {"rules": f"{COUNTY}/2022-00001", "notice": f"{OFFICE}/2023-00001"}


def test_numbers_continue_after_the_highest_written_one_of_that_prefix_and_year(scratch_site):
    scratch_site.write("policies/2022/old-a.md", policy("2022-01-05", index_no=f"{COUNTY}/2022-00007"))
    scratch_site.write("policies/2022/old-b.md", policy("2022-02-05", index_no=f"{COUNTY}/2022-00003"))
    scratch_site.write("policies/2021/older.md", policy("2021-03-01", index_no=f"{COUNTY}/2021-00040"))
    result = numbers(scratch_site)
    assert result["rules"] == f"{COUNTY}/2022-00008"
    assert (result["old-a"], result["old-b"], result["older"]) == (
        f"{COUNTY}/2022-00007", f"{COUNTY}/2022-00003", f"{COUNTY}/2021-00040")


def test_missing_numbers_follow_publication_order(scratch_site):
    scratch_site.write("policies/2022/march.md", policy("2022-03-01"))
    scratch_site.write("policies/2022/december.md", policy("2022-12-01"))
    result = numbers(scratch_site)
    assert [result[d] for d in ("march", "rules", "december")] == [
        f"{COUNTY}/2022-00001", f"{COUNTY}/2022-00002", f"{COUNTY}/2022-00003"]


def test_adding_a_newer_document_changes_no_existing_number(scratch_site):
    before = numbers(scratch_site)
    scratch_site.write("policies/2022/later.md", policy("2022-12-30"))
    after = numbers(scratch_site)
    assert {d: after[d] for d in before} == before
    assert after["later"] == f"{COUNTY}/2022-00002"


def test_the_same_build_twice_gives_the_same_numbers(scratch_site):
    scratch_site.write("policies/2022/same-day.md", policy("2022-05-24"))
    assert numbers(scratch_site) == numbers(scratch_site)


def test_site_index_no_prefix_wins_over_issuer_codes(scratch_site):
    scratch_site.write("site.yml", (scratch_site.root / "site.yml").read_text(encoding="utf-8")
                       + "index_no_prefix: QH-XXGK\n")
    assert numbers(scratch_site) == {"rules": "QH-XXGK/2022-00001", "notice": "QH-XXGK/2023-00001"}


def test_an_issuer_without_code_falls_back_to_the_site_organizations_code(scratch_site):
    scratch_site.write("organizations.yml", (scratch_site.root / "organizations.yml").read_text(encoding="utf-8")
                       + "\n- id: test-committee\n  name: 测试县某委员会\n")
    scratch_site.write("policies/2023/committee.md", policy("2023-06-01", issuer="test-committee"))
    assert numbers(scratch_site)["committee"] == f"{COUNTY}/2023-00001"


def test_a_joint_document_uses_the_first_issuer_that_has_a_code(scratch_site):
    scratch_site.write("organizations.yml", (scratch_site.root / "organizations.yml").read_text(encoding="utf-8")
                       + "\n- id: test-committee\n  name: 测试县某委员会\n")
    scratch_site.write("policies/2023/joint.md", policy("2023-06-01", issuer="[test-committee, test-office]"))
    assert numbers(scratch_site)["joint"] == f"{OFFICE}/2023-00002"
