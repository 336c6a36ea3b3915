"""The intake tests run on both back ends: see :mod:`tests.backends`."""

from tests.backends import _cases_on_backend, pytest_generate_tests

__all__ = ["_cases_on_backend", "pytest_generate_tests"]
