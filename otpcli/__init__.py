"""otp: run a hybrid organisation of human and AI-agent seats as code."""

__version__ = "0.3.0"

#: Where otp's documentation lives; rule help links point into docs/rules.md there.
DOCS_URL = "https://github.com/otpcli/otp/blob/main/docs"
