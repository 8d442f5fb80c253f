"""Reading org files never leaves the repository, never opens special files, and is bounded."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from otpcli.fileio import RepositoryFiles, UnsafeFileError
from otpcli.org.load import load_org

from ..conftest import MINIMAL_ROOT

OUTSIDE = "a symbolic link to a file outside the repository; otp does not follow it"


def _problems(root: Path) -> list[str]:
    return [problem.render() for problem in load_org(root).problems]


def test_a_seat_linked_outside_the_repository_is_refused_unread(minimal_org: Path,
                                                                 tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("title: TOP-SECRET-CONTENT\n")
    (minimal_org / "seats" / "passwd.yaml").symlink_to(secret)
    assert _problems(minimal_org) == [f"seats/passwd.yaml:1:1: {OUTSIDE}"]


def test_a_link_that_stays_inside_the_repository_is_followed(minimal_org: Path) -> None:
    (minimal_org / "shared").mkdir()
    (minimal_org / "shared" / "bea.yaml").write_text(MINIMAL_ROOT.replace("Ada", "Bea")
                                                     + "reports_to: ada\n")
    (minimal_org / "seats" / "bea.yaml").symlink_to(Path("../shared/bea.yaml"))
    loaded = load_org(minimal_org)
    assert loaded.problems == []
    assert loaded.org.seats["bea"].seat.holder.name == "Bea"


def test_a_relative_link_that_climbs_out_is_refused(minimal_org: Path, tmp_path: Path) -> None:
    (tmp_path / "elsewhere.yaml").write_text(MINIMAL_ROOT)
    (minimal_org / "seats" / "out.yaml").symlink_to(Path("../../elsewhere.yaml"))
    assert _problems(minimal_org) == [f"seats/out.yaml:1:1: {OUTSIDE}"]


def test_a_linked_seats_directory_outside_is_refused(minimal_org: Path, tmp_path: Path) -> None:
    outside = tmp_path / "other-seats"
    outside.mkdir()
    (outside / "ada.yaml").write_text(MINIMAL_ROOT)
    (minimal_org / "seats" / "ada.yaml").unlink()
    (minimal_org / "seats").rmdir()
    (minimal_org / "seats").symlink_to(outside)
    assert _problems(minimal_org) == [
        "seats:1:1: a symbolic link to a directory outside the repository; otp does not "
        "follow it"]


def test_otp_yaml_linked_outside_is_refused(minimal_org: Path, tmp_path: Path) -> None:
    (tmp_path / "config.yaml").write_text("name: Elsewhere\n")
    (minimal_org / "otp.yaml").unlink()
    (minimal_org / "otp.yaml").symlink_to(tmp_path / "config.yaml")
    assert _problems(minimal_org) == [f"otp.yaml:1:1: {OUTSIDE}"]


def test_a_fifo_is_refused_without_hanging(minimal_org: Path) -> None:
    os.mkfifo(minimal_org / "seats" / "pipe.yaml")
    assert _problems(minimal_org) == [
        "seats/pipe.yaml:1:1: a named pipe (FIFO), not a regular file; otp reads only regular "
        "files"]


def test_a_socket_is_refused(minimal_org: Path) -> None:
    path = minimal_org / "seats" / "sock.yaml"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        assert _problems(minimal_org) == [
            "seats/sock.yaml:1:1: a socket, not a regular file; otp reads only regular files"]
    finally:
        server.close()


def test_a_link_to_a_device_inside_is_refused(minimal_org: Path) -> None:
    (minimal_org / "seats" / "zero.yaml").symlink_to("/dev/zero")
    assert _problems(minimal_org) == [f"seats/zero.yaml:1:1: {OUTSIDE}"]


def test_a_file_over_the_limit_is_refused_before_parsing(minimal_org: Path) -> None:
    (minimal_org / "seats" / "big.yaml").write_text("title: x\n" + "#" * 1_000_001 + "\n")
    assert _problems(minimal_org) == [
        "seats/big.yaml:1:1: the file is 1,000,011 bytes, over the limit of 1,000,000; split "
        "it, or raise limits.max_file_bytes in otp.yaml"]


def test_the_limit_is_set_in_otp_yaml(minimal_org: Path) -> None:
    config = minimal_org / "otp.yaml"
    config.write_text(config.read_text() + "limits:\n  max_file_bytes: 2000\n")
    (minimal_org / "seats" / "big.yaml").write_text(MINIMAL_ROOT + "#" * 2500 + "\n")
    problems = _problems(minimal_org)
    assert len(problems) == 1 and "over the limit of 2,000" in problems[0]


def test_reading_a_dangling_link_is_file_not_found(tmp_path: Path) -> None:
    (tmp_path / "gone.csv").symlink_to(tmp_path / "nothing.csv")
    with pytest.raises(FileNotFoundError):
        RepositoryFiles(tmp_path).read("gone.csv")


def test_a_directory_where_a_file_belongs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "m.csv").mkdir()
    with pytest.raises(UnsafeFileError, match="a directory, not a regular file"):
        RepositoryFiles(tmp_path).read("m.csv")
