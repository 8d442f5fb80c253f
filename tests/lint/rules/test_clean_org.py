from __future__ import annotations

from .conftest import Lint, seat


def test_the_fixture_org_is_clean(lint_org: Lint) -> None:
    assert lint_org({"bot": seat("")}) == []
