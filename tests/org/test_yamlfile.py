from __future__ import annotations

import math

import pytest

from otpcli.org.yamlfile import Span, YamlFileError, decode, format_path, parse


def test_values_follow_the_yaml_1_2_core_schema() -> None:
    document = parse(
        "a: 42\nb: '42'\nc: 1.5\nd: true\ne: yes\nf: null\ng: ~\nh: 2026-01-05\n"
        "i: 0x1F\nj: .inf\nk: 1_000\nl:\nm: -3e2\nn: 'true'\no: Null\np: 1.2.3\nq: +7\n"
        "r: |\n  12\ns: -.5\n", "f.yaml"
    )
    assert document.data == {
        "a": 42, "b": "42", "c": 1.5, "d": True, "e": "yes", "f": None, "g": None,
        "h": "2026-01-05", "i": 31, "j": math.inf, "k": 1000, "l": None, "m": -300.0,
        "n": "true", "o": None, "p": "1.2.3", "q": 7, "r": "12\n", "s": -0.5,
    }


def test_every_value_and_key_has_a_one_based_span() -> None:
    document = parse("# comment\ntitle: X\noutcomes:\n  - id: a\n    range: {min: 3}\n", "f.yaml")
    assert document.span(("title",)) == Span(2, 8, 2, 9)
    assert document.key_span(("title",)) == Span(2, 1, 2, 6)
    assert document.span(("outcomes", 0)).line == 4
    assert document.span(("outcomes", 0)).column == 5
    assert document.key_span(("outcomes", 0, "range")) == Span(5, 5, 5, 10)
    assert document.span(("outcomes", 0, "range", "min")) == Span(5, 18, 5, 19)


def test_span_falls_back_to_the_nearest_ancestor() -> None:
    document = parse("holder:\n  name: A\n", "f.yaml")
    assert document.has(("holder",)) and not document.has(("holder", "kind"))
    assert document.span(("holder", "kind")) == document.span(("holder",))


def test_duplicate_keys_are_reported_and_the_first_value_kept() -> None:
    document = parse("a: 1\nb: 2\na: 3\n", "f.yaml")
    assert document.data == {"a": 1, "b": 2}
    [problem] = document.problems
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key `a` (first defined at line 1)" in problem.message


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: [1, 2\n", 2, 1, "invalid YAML"),
        ("a: b: c\n", 1, 5, "invalid YAML"),
        ("a: !custom x\n", 1, 4, "custom tag"),
        ("base: &b {x: 1}\nother:\n  <<: *b\n", 3, 3, "merge keys"),
        ("   \n# only a comment\n", 1, 1, "empty"),
    ],
)
def test_bad_yaml_gives_one_positioned_problem(
    text: str, line: int, column: int, words: str
) -> None:
    with pytest.raises(YamlFileError) as caught:
        parse(text, "seats/x.yaml")
    problem = caught.value.problem
    assert (problem.file, problem.line, problem.column) == ("seats/x.yaml", line, column)
    assert words in problem.message


def test_decode_rejects_binary_and_points_at_the_first_non_utf8_byte() -> None:
    with pytest.raises(YamlFileError, match="binary"):
        decode(b"a: 1\x00\x01", "f.yaml")
    with pytest.raises(YamlFileError) as caught:
        decode(b"a: 1\nbb: caf\xe9\n", "f.yaml")
    assert (caught.value.problem.line, caught.value.problem.column) == (2, 8)
    assert decode("\ufeffa: 1".encode(), "f.yaml") == "a: 1"


def test_format_path() -> None:
    assert format_path(("outcomes", 2, "range")) == "outcomes[2].range"
    assert format_path(()) == ""


BILLION_LAUGHS = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]"
       for previous, name in zip("abcdefgh", "bcdefghi", strict=True)]
    + ["title: *i"]) + "\n"


@pytest.mark.parametrize(("text", "where", "words"), [
    (BILLION_LAUGHS, (1, 20), "expand to more values than otp reads"),
    ("title: &a [*a]\n", (1, 8), "an alias refers to a value that contains it"),
    ("title: " + "[" * 10_000 + "]" * 10_000 + "\n", (1, 72), "nested deeper than otp reads"),
    ("title:\n" + "".join("  " * depth + f"k{depth}:\n" for depth in range(1, 200)),
     None, "nested deeper than otp reads"),
])
def test_hostile_yaml_is_refused_quickly_with_a_position(text: str, where: tuple[int, int] | None,
                                                         words: str) -> None:
    import time

    started = time.perf_counter()
    with pytest.raises(YamlFileError) as caught:
        parse(text, "seats/x.yaml")
    assert time.perf_counter() - started < 1.0
    problem = caught.value.problem
    assert words in problem.message
    if where is not None:
        assert (problem.line, problem.column) == where


def test_near_miss_anchors_and_aliases_that_repeat_a_ladder_are_fine() -> None:
    document = parse("ladder: &ladder [{to: ada}, {to: bo, after: 24h}]\n"
                     "again: *ladder\n", "seats/x.yaml")
    assert document.data["again"] == document.data["ladder"]


def test_spans_are_worked_out_when_first_asked_for() -> None:
    text = "title: T\nholder:\n  name: Q\n  kind: human\noutcomes:\n  - id: a\n    x: null\n"
    document = parse(text, "seats/q.yaml")
    assert document._marks is None  # nothing kept for a file no message points into
    assert document.has(("outcomes", 0, "x")) and document.has(("holder",))
    assert not document.has(("outcomes", 1)) and not document.has(("holder", "model"))
    assert not document.has(("title", "x"))
    assert document.span(("outcomes", 0, "id")) == (6, 9, 6, 10)
    assert document.key_span(("holder", "kind")) == (4, 3, 4, 7)
    assert document._marks is not None


def test_parsing_leaves_no_parser_behind_while_the_collector_is_paused() -> None:
    # An org loads with the cyclic collector paused; a parser kept alive by a reference to
    # itself would stay, with a copy of its file's text, for the whole run.
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(3):
            parse("title: X\nholder: {name: Q, kind: human}\n", "f.yaml")
        left = [thing for thing in gc.get_objects() if type(thing).__name__ == "_NodeLoader"]
    finally:
        if was_enabled:
            gc.enable()
    assert left == []


def test_released_data_is_read_again_from_the_text() -> None:
    text = "title: X\nholder: {name: Q, kind: human}\noutcomes:\n  - id: a\n    range: {min: 3}\n"
    document = parse(text, "f.yaml")
    before = document.data
    document.release()
    assert document.has(("outcomes", 0, "range", "min"))
    assert not document.has(("outcomes", 0, "range", "max"))
    assert document.data == before
    assert document.data is not before
    assert document.span(("outcomes", 0, "range", "min")) == Span(5, 18, 5, 19)


def test_a_released_document_stays_released_through_pickling() -> None:
    # documents travel pickled between otp's processes (otpcli.workers)
    import pickle

    document = parse("title: X\nholder: {name: Q, kind: human}\n", "f.yaml")
    document.release()
    again = pickle.loads(pickle.dumps(document))
    assert again == document
    assert again.data == {"title": "X", "holder": {"name": "Q", "kind": "human"}}
