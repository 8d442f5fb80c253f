"""The hostile corpus (issue 11): files a pull request can put in an org repository and
arguments a clumsy user can type. Every case asserts the exit code, the message, that no
file changed (inside the repository or outside it), and that it ends quickly."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import git
import pytest
from typer.testing import CliRunner

from otpcli.cli import app

Setup = Callable[[Path, Path], None]  # (org root, a folder outside it)


class Case(NamedTuple):
    name: str
    setup: Setup
    args: list[str]
    codes: tuple[int, ...]
    words: str
    changes_files: bool = False  # the command is meant to write (a refused one never does)


def write(relative: str, text: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text)
    return setup


def append(relative: str, text: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        with (root / relative).open("a") as handle:
            handle.write(text)
    return setup


def link_out(relative: str, target: str = "secret.txt", directory: bool = False) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        path = root / relative
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()
        destination = outside / target
        if directory:
            destination.mkdir(exist_ok=True)
            (destination / "leak.yaml").write_text("title: OUTSIDE-SECRET\n")
        path.symlink_to(destination)
    return setup


def replace(relative: str, old: str, new: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        text = (root / relative).read_text()
        assert old in text
        (root / relative).write_text(text.replace(old, new, 1))
    return setup


def raw(relative: str, data: bytes) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        (root / relative).write_bytes(data)
    return setup


def fifo(relative: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        path = root / relative
        if path.exists():
            path.unlink()
        os.mkfifo(path)
    return setup


def directory(relative: str) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        (root / relative).mkdir()
    return setup


def both(*setups: Setup) -> Setup:
    def setup(root: Path, outside: Path) -> None:
        for one in setups:
            one(root, outside)
    return setup


def nothing(root: Path, outside: Path) -> None:
    """No change to the example."""


def lock(root: Path, outside: Path) -> None:
    (root / ".git" / "index.lock").write_text("")


def detach(root: Path, outside: Path) -> None:
    repo = git.Repo(root)
    repo.git.checkout("-q", "--detach")


BOMB = "\n".join(['a: &a ["x","x","x","x","x","x","x","x","x"]']
                 + [f"{n}: &{n} [" + ",".join([f"*{p}"] * 9) + "]"
                    for p, n in zip("abcdefgh", "bcdefghi", strict=True)] + ["title: *i"]) + "\n"
SEAT = "seats/dash.yaml"
CSV = "measurements/gross-margin.csv"
HEADER = "at,value,source,note\n"
RETIRE = ["retire", "jeff", "--to", "dash,crystal", "--reason", "r", "--reviewer", "bogdan",
          "--yes"]

CASES = [
    # links out of the repository, in every place otp reads or writes
    Case("seat-link-lint", link_out("seats/passwd.yaml"), ["lint"], (1,),
         "a symbolic link to a file outside the repository"),
    Case("seat-link-seats", link_out("seats/passwd.yaml"), ["seats"], (2,),
         "a symbolic link to a file outside the repository"),
    Case("seat-link-scorecard", link_out("seats/passwd.yaml"), ["scorecard"], (2,),
         "outside the repository"),
    Case("seat-link-show", link_out("seats/passwd.yaml"), ["show", "dash"], (2,),
         "outside the repository"),
    Case("seat-link-check", link_out("seats/passwd.yaml"), ["check"], (2,), "outside"),
    Case("seat-link-review", link_out("seats/passwd.yaml"), ["review"], (2,), "outside"),
    Case("seat-link-chart", link_out("seats/passwd.yaml"), ["chart"], (2,), "outside"),
    Case("seat-link-record", link_out("seats/passwd.yaml"),
         ["record", "gross-margin", "41"], (0,), "recorded gross-margin", changes_files=True),
    Case("config-link-lint", link_out("otp.yaml"), ["lint"], (1, 2), "outside the repository"),
    Case("config-link-seats", link_out("otp.yaml"), ["seats"], (2,), "outside the repository"),
    Case("seats-dir-link", link_out("seats", "elsewhere", directory=True), ["lint"], (1, 2),
         "outside the repository"),
    Case("measurement-link-scorecard", link_out(CSV), ["scorecard"], (2,),
         "outside the repository"),
    Case("measurement-link-lint", link_out(CSV), ["lint", "--select", "OTP007"], (1,),
         "outside the repository"),
    Case("measurement-link-record", link_out(CSV), ["record", "gross-margin", "41"], (2,),
         "outside the repository"),
    Case("measurement-link-import", link_out(CSV), ["import", "{outside}/rows.csv"], (2,),
         "outside the repository"),
    Case("measurement-link-check", link_out(CSV), ["check"], (2,), "outside the repository"),
    Case("measurements-dir-link", link_out("measurements", "elsewhere", directory=True),
         ["record", "gross-margin", "41"], (2,), "outside the repository"),
    Case("cache-link-scorecard", link_out(".otp_cache", "cache", directory=True),
         ["scorecard", "--format", "json"], (0, 1), '"rows"'),
    Case("ack-link-check", link_out("acknowledgements/kpi-accuracy.csv"), ["check"], (2,),
         "outside the repository"),
    Case("dev-zero-seat", link_out("seats/zero.yaml", "../../../dev/zero"), ["lint"], (1,),
         "outside the repository"),
    # special files where a file belongs
    Case("fifo-seat-lint", fifo("seats/pipe.yaml"), ["lint"], (1,), "a named pipe (FIFO)"),
    Case("fifo-seat-seats", fifo("seats/pipe.yaml"), ["seats"], (2,), "a named pipe"),
    Case("fifo-config", fifo("otp.yaml"), ["lint"], (2,), "no otp.yaml here"),
    Case("fifo-measurement-scorecard", fifo(CSV), ["scorecard"], (2,), "a named pipe"),
    Case("fifo-measurement-record", fifo(CSV), ["record", "gross-margin", "41"], (2,),
         "a named pipe"),
    Case("fifo-measurement-lint", fifo(CSV), ["lint", "--select", "OTP007"], (1,),
         "a named pipe"),
    Case("directory-as-seat", directory("seats/extra.yaml"), ["lint"], (1,),
         "holds one file per seat, not directories"),
    Case("directory-as-measurement", both(lambda r, o: (r / CSV).unlink(), directory(CSV)),
         ["scorecard"], (2,), "a directory"),
    # size
    Case("huge-seat", write("seats/huge.yaml", "title: x\n# " + "x" * 1_100_000 + "\n"),
         ["lint"], (1,), "over the limit of 1,000,000"),
    Case("huge-seat-seats", write("seats/huge.yaml", "title: x\n# " + "x" * 1_100_000 + "\n"),
         ["seats"], (2,), "over the limit"),
    Case("measurement-over-limit", both(append("otp.yaml", "limits:\n  max_measurement_bytes: "
                                               "1000\n"), append(CSV, "x" * 2000 + "\n")),
         ["scorecard"], (2,), "limits.max_measurement_bytes"),
    # YAML that would exhaust memory or the stack
    Case("alias-bomb", write("seats/bomb.yaml", BOMB), ["lint"], (1,),
         "expand to more values than otp reads"),
    Case("alias-bomb-seats", write("seats/bomb.yaml", BOMB), ["seats"], (2,), "aliases"),
    Case("recursive-alias", write("seats/loop.yaml", "title: &a [*a]\n"), ["lint"], (1,),
         "an alias refers to a value that contains it"),
    Case("deep-flow", write("seats/deep.yaml", "title: " + "[" * 10000 + "]" * 10000 + "\n"),
         ["lint"], (1,), "nested deeper than otp reads"),
    Case("deep-block", write("seats/deep.yaml", "title:\n" + "".join(
        "  " * d + f"k{d}:\n" for d in range(1, 120))), ["lint"], (1,), "nested deeper"),
    Case("not-utf8", raw("seats/latin.yaml", b"title: caf\xe9\n"), ["lint"], (1,), "UTF-8"),
    Case("nul-byte", write("seats/nul.yaml", "title: a\x00b\n"), ["lint"], (1,),
         "this is a binary file, not YAML"),
    Case("merge-key", write("seats/merge.yaml", "a: &a {title: x}\n<<: *a\n"), ["lint"], (1,),
         "merge keys (<<) are not supported"),
    Case("custom-tag", write("seats/tag.yaml", "title: !!python/object:os.system x\n"),
         ["lint"], (1,), "missing required key `holder`"),
    Case("duplicate-key", write("seats/dup.yaml", "title: a\ntitle: b\n"), ["lint"], (1,),
         "duplicate key `title`"),
    Case("empty-seat", write("seats/empty.yaml", "# nothing\n"), ["lint"], (1,),
         "the file is empty"),
    Case("list-not-mapping", write("seats/list.yaml", "- a\n- b\n"), ["lint"], (1,),
         "expected a mapping"),
    Case("binary-seat", raw("seats/bin.yaml", b"\xff\xfe\x00\x01"), ["lint"], (1,),
         "seats/bin.yaml"),
    # names of files
    Case("name-with-escape", write("seats/bad\x1b[2J.yaml", "title: x\n"), ["lint"], (1,),
         "is not a seat id"),
    Case("yml-suffix", write("seats/jo.yml", "title: x\n"), ["lint"], (1,),
         "rename it to jo.yaml"),
    Case("upper-case-name", write("seats/Dash2.yaml", "title: x\n"), ["lint"], (1,),
         "is not a seat id"),
    # measurement rows
    Case("extra-column", append(CSV, "2026-11-20T09:00:00-05:00,41,5,x,y\n"), ["scorecard"],
         (2,), "5 columns"),
    Case("nan-value", append(CSV, "2026-11-20T09:00:00-05:00,nan,x,\n"), ["scorecard"], (2,),
         "not a finite number"),
    Case("inf-value", append(CSV, "2026-11-20T09:00:00-05:00,inf,x,\n"), ["lint", "--select",
                                                                          "OTP007"], (1,),
         "not a finite number"),
    Case("no-offset", append(CSV, "2026-11-20T09:00:00,41,x,\n"), ["scorecard"], (2,),
         "no UTC offset"),
    Case("huge-field", append(CSV, '2026-11-20T09:00:00-05:00,41,x,"' + "y" * 200_000 + '"\n'),
         ["scorecard"], (0,), "14 seats"),  # a long note is read (the file size is bounded)
    Case("nul-in-csv", append(CSV, "2026-11-20T09:00:00-05:00,4\x001,x,\n"), ["scorecard"],
         (2,), "gross-margin.csv"),
    Case("wrong-header", write(CSV, "when,value\n2026-11-20T09:00:00Z,1\n"), ["scorecard"],
         (2,), "the header must be"),
    Case("overflowing-sum", write(CSV, HEADER + "2026-11-17T09:00:00-05:00,1e308,x,\n"
                                  "2026-11-18T09:00:00-05:00,1e308,x,\n"),
         ["scorecard", "--format", "json"], (0, 1, 2), '"rows"'),
    # typed values that would be silently wrong
    Case("other-currency", nothing, ["record", "qualified-pipeline", "5000 EUR"], (2,),
         "in EUR but the metric is in USD"),
    Case("decimal-comma", nothing, ["record", "gross-margin", "41,5"], (2,),
         "could be read two ways"),
    Case("fraction-for-percent", nothing, ["record", "gross-margin", "0.42"], (2,),
         "did you mean 42%?"),
    Case("duration-for-percent", nothing, ["record", "gross-margin", "3 days"], (2,),
         "is a duration"),
    Case("nan-typed", nothing, ["record", "gross-margin", "nan"], (2,), "not a number"),
    Case("newline-note", nothing, ["record", "gross-margin", "41", "--note", "a\nb"], (2,),
         "one line"),
    # dates
    Case("as-of-overflow", nothing, ["scorecard", "--as-of", "9999-12-31"], (2,),
         "beyond the last day"),
    Case("as-of-garbage", nothing, ["scorecard", "--as-of", "next tuesday"], (2,),
         "not an ISO 8601 time"),
    Case("at-future", nothing, ["record", "gross-margin", "41", "--at", "2999-01-01"], (2,),
         "in the future"),
    Case("check-as-of-overflow", nothing, ["check", "--as-of", "9999-12-31"], (2,),
         "beyond the last day"),
    # git states and git arguments
    Case("changed-since-option", nothing, ["lint", "--changed-since=--output=/tmp/otp-pwned"],
         (2,), "refused `--output`"),
    Case("rev-unknown", nothing, ["--rev", "no-such-tag", "seats"], (2,), "--rev"),
    Case("rev-option", nothing, ["--rev", "--output=/tmp/x", "seats"], (2,), "is not a revision"),
    Case("since-garbage", nothing, ["review", "--since", "nope"], (2,),
         "is neither a date"),
    Case("diff-unknown", nothing, ["diff", "nope"], (2,), "nope"),
    Case("retire-index-lock", lock, RETIRE, (2,), "index.lock exists"),
    Case("retire-detached", detach, RETIRE, (2,), "detached"),
    Case("record-commit-lock", lock, ["record", "gross-margin", "41", "--commit"], (2,),
         "index.lock exists"),
    Case("retire-dirty", append(SEAT, "# edited\n"), RETIRE, (2,), "uncommitted changes"),
    Case("retire-unknown", nothing, ["retire", "jef", "--to", "dash", "--reason", "r",
                                     "--reviewer", "bogdan", "--yes"], (2,), "jeff"),
    Case("log-unknown", nothing, ["log", "nobody"], (2,), "nobody"),
    # outputs otp cannot write
    Case("output-missing-parent", nothing, ["scorecard", "--format", "json", "--output",
                                            "{outside}/no/such/dir/card.json"], (2,),
         "No such file or directory"),
    Case("output-is-directory", nothing, ["scorecard", "--format", "json", "--output",
                                          "{outside}"], (2,), ""),
    Case("output-name-too-long", nothing, ["scorecard", "--format", "json", "--output",
                                           "{outside}/" + "n" * 300], (2,), "too long"),
    Case("init-not-empty", nothing, ["init", "{root}"], (2,), "already exists and is not empty"),
    # the command line
    Case("unknown-command", nothing, ["scorecrd"], (2,), "did you mean `scorecard`?"),
    Case("unknown-option", nothing, ["scorecard", "--frmat", "json"], (2,), "--frmat"),
    Case("bad-format", nothing, ["scorecard", "--format", "yaml"], (2,), "yaml"),
    Case("unknown-rule", nothing, ["lint", "--select", "OTP999"], (2,), "matches no rule"),
    Case("unknown-status", nothing, ["scorecard", "--status", "stael"], (2,), "stael"),
    Case("unknown-seat", nothing, ["show", "jef"], (2,), "did you mean `jeff`?"),
    Case("lint-outside-path", nothing, ["lint", "/etc"], (2,), "outside the org"),
    Case("mcp-unknown-seat", nothing, ["mcp", "--as", "nobody"], (2,), "no seat `nobody`"),
    # text that would drive a terminal or leak a credential
    Case("escape-in-title", replace(SEAT, "title: Ad Analytics Lead",
                                    'title: "Ad Analytics Lead\\e]0;pwned\\a"'),
         ["show", "dash"], (0,), "\\x1b]0;pwned\\x07"),
    Case("secret-in-title", replace(SEAT, "title: Ad Analytics Lead",
                                    "title: Ad Analytics Lead ghp_" + "a1B2" * 9),
         ["show", "dash"], (0,), "ghp_…(40 characters)"),
    Case("secret-lint", replace(SEAT, "title: Ad Analytics Lead",
                                "title: Ad Analytics Lead ghp_" + "a1B2" * 9),
         ["lint", "--select", "OTP205"], (1,), "GitHub token in an org file"),
]


def _digest(*folders: Path) -> dict[str, str]:
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if ".otp_cache" in path.parts or (path.is_dir() and not path.is_symlink()):
                continue
            relative = f"{folder.name}/{path.relative_to(folder)}"
            if path.is_symlink() or not path.is_file():
                target = str(path.readlink()) if path.is_symlink() else ""
                found[relative] = f"link or special: {target}"
            elif ".git" in path.parts and path.name != "HEAD" and "refs" not in path.parts:
                continue  # objects, logs and the index's stat cache; its entries come below
            else:
                found[relative] = hashlib.sha256(path.read_bytes()).hexdigest()
        if (folder / ".git").is_dir():
            found[f"{folder.name}: index entries"] = git.Repo(folder).git.ls_files("-s")
    return found


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus") / "sneeze-it"
    assert CliRunner().invoke(app, ["init", str(root), "--example", "sneeze-it"]).exit_code == 0
    return root


def test_the_corpus_covers_every_class() -> None:
    assert len(CASES) >= 80
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, template: Path, tmp_path: Path) -> None:
    root, outside = tmp_path / "org", tmp_path / "outside"
    shutil.copytree(template, root, symlinks=True)
    outside.mkdir()
    (outside / "secret.txt").write_text("OUTSIDE-SECRET\n")
    (outside / "rows.csv").write_text("outcome,at,value\ngross-margin,2026-11-20T09:00,41\n")
    case.setup(root, outside)
    before = _digest(root, outside)
    args = [arg.replace("{outside}", str(outside)).replace("{root}", str(root))
            for arg in case.args]
    started = time.perf_counter()
    result = CliRunner().invoke(app, ["--repo", str(root), *args])
    elapsed = time.perf_counter() - started
    assert result.exit_code in case.codes, (result.exit_code, result.output[-2000:])
    assert case.words in result.output, result.output[-2000:]
    assert "Traceback" not in result.output
    assert "OUTSIDE-SECRET" not in result.output
    if case.args[0] == "lint":  # a source excerpt is a window, never a 20,000-character line
        assert max(map(len, result.output.splitlines()), default=0) < 1000
    assert elapsed < 10, elapsed
    if not case.changes_files:
        assert _digest(root, outside) == before
    assert not Path("/tmp/otp-pwned").exists()
