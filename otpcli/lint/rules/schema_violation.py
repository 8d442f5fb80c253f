from __future__ import annotations

from otpcli.lint.rules.yaml_syntax import YamlSyntax


class SchemaViolation(YamlSyntax):
    """A key, value or file name does not fit the org format.

    ## What it does
    Reports what the org format does not allow: unknown keys (usually a
    typo), values of the wrong type or outside their allowed set, seat ids
    and outcome ids that are not lowercase slugs, seat files whose name is
    not a seat id, and missing required keys.

    ## Why is this bad?
    A typo such as `timframe:` would otherwise pass silently and leave the
    outcome without a timeframe; a seat whose file does not validate is not
    on the chart at all.

    ## Example
    ```yaml
    holder:
      name: Jeff
      kind: robot
    timframe: {cadence: weekly}
    ```

    ## Use instead
    ```yaml
    holder:
      name: Jeff
      kind: agent
    timeframe: {cadence: weekly}
    ```
    """

    code = "OTP002"
    name = "schema-violation"
    severity = "error"
    kind = "schema-violation"
