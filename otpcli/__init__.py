"""otp: run a hybrid organisation of human and AI-agent seats as code."""

__version__ = "0.1.0"
