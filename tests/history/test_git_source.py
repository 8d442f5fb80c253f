"""GitSource reads an org from git's objects: never the work tree, never a link or submodule."""

from __future__ import annotations

import subprocess
from pathlib import Path

import git
import pytest

from otpcli.errors import OrgLoadError
from otpcli.fileio import UnsafeFileError
from otpcli.org.load import load_org, require_org
from otpcli.org.source import GitSource

from ..conftest import MINIMAL_CONFIG, MINIMAL_ROOT
from .repo import commit, edit, state, write


def _repo(root: Path) -> Path:
    git.Repo.init(root, initial_branch="main")
    commit(root, "Create the org")
    return root


def test_reads_the_committed_bytes_not_the_work_tree(minimal_org: Path) -> None:
    _repo(minimal_org)
    edit(minimal_org, "seats/ada.yaml", "Ada", "Changed")
    before = state(minimal_org)
    source = GitSource(minimal_org, "HEAD")
    assert source.read("seats/ada.yaml") == MINIMAL_ROOT.encode()
    assert source.list("seats") is not None
    assert [entry.name for entry in source.list("seats") or []] == ["ada.yaml"]
    assert source.list("measurements") is None
    with pytest.raises(FileNotFoundError):
        source.read("seats/nobody.yaml")
    org = require_org(minimal_org, source)
    assert org.seats["ada"].seat.holder.name == "Ada"
    assert state(minimal_org) == before


def test_an_org_in_a_subdirectory_of_the_repository(tmp_path: Path) -> None:
    top = tmp_path / "company"
    org = top / "ops" / "org"
    write(org, "otp.yaml", MINIMAL_CONFIG)
    write(org, "seats/ada.yaml", MINIMAL_ROOT)
    write(top, "README.md", "elsewhere\n")
    _repo(top)
    source = GitSource(org, "HEAD")
    assert source.prefix == "ops/org"
    assert require_org(org, source).config.name == "Test Org"


def test_a_symbolic_link_in_the_revision_is_refused_even_inside(minimal_org: Path) -> None:
    (minimal_org / "shared").mkdir()
    write(minimal_org, "shared/bea.yaml", MINIMAL_ROOT.replace("Ada", "Bea") + "reports_to: ada\n")
    (minimal_org / "seats" / "bea.yaml").symlink_to(Path("../shared/bea.yaml"))
    (minimal_org / "seats" / "passwd.yaml").symlink_to(Path("/etc/passwd"))
    _repo(minimal_org)
    problems = [p.render() for p in load_org(minimal_org,
                                             source=GitSource(minimal_org, "HEAD")).problems]
    link = ("a symbolic link in the revision; otp does not follow links when it reads a "
            "revision")
    assert problems == [f"seats/bea.yaml:1:1: {link}", f"seats/passwd.yaml:1:1: {link}"]


def test_a_linked_seats_directory_is_refused(minimal_org: Path, tmp_path: Path) -> None:
    outside = tmp_path / "other"
    outside.mkdir()
    (minimal_org / "seats" / "ada.yaml").rename(outside / "ada.yaml")
    (minimal_org / "seats").rmdir()
    (minimal_org / "seats").symlink_to(outside)
    _repo(minimal_org)
    [problem] = load_org(minimal_org, source=GitSource(minimal_org, "HEAD")).problems
    assert problem.render().startswith("seats:1:1: a symbolic link in the revision")
    with pytest.raises(UnsafeFileError, match="symbolic link"):
        GitSource(minimal_org, "HEAD").read("seats/ada.yaml")


def test_a_submodule_is_refused(minimal_org: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    write(other, "x.yaml", "title: x\n")
    _repo(other)
    _repo(minimal_org)
    subprocess.run(["git", "-c", "protocol.file.allow=always", "submodule", "add", "-q",
                    str(other), "seats/vendored"], cwd=minimal_org, check=True,
                   capture_output=True)
    commit(minimal_org, "Vendor seats")
    source = GitSource(minimal_org, "HEAD")
    with pytest.raises(UnsafeFileError, match="a submodule in the revision"):
        source.read("seats/vendored")
    with pytest.raises(UnsafeFileError, match="a submodule in the revision"):
        source.list("seats/vendored")
    problems = [p.render() for p in load_org(minimal_org, source=source).problems]
    assert problems == ["seats/vendored:1:1: seat files end in .yaml; move it out of seats/"]


def test_an_oversized_blob_is_refused_before_it_is_read(minimal_org: Path) -> None:
    write(minimal_org, "seats/big.yaml", "# " + "x" * 5000 + "\n" + MINIMAL_ROOT)
    _repo(minimal_org)
    with pytest.raises(UnsafeFileError, match="5,"):
        GitSource(minimal_org, "HEAD").read("seats/big.yaml", limit=1000)


def test_an_org_that_does_not_load_at_a_revision_says_which(minimal_org: Path) -> None:
    write(minimal_org, "seats/bad.yaml", "title: [\n")
    _repo(minimal_org)
    with pytest.raises(OrgLoadError, match="the org at HEAD does not load: 1 problem"):
        require_org(minimal_org, GitSource(minimal_org, "HEAD"))


def test_blob_ids_name_the_content(minimal_org: Path) -> None:
    _repo(minimal_org)
    source = GitSource(minimal_org, "HEAD")
    expected = git.Repo(minimal_org).git.rev_parse("HEAD:seats/ada.yaml")
    assert source.blob_id("seats/ada.yaml") == expected
    assert source.blob_id("seats/none.yaml") is None
    assert source.blob_id("seats") is None
