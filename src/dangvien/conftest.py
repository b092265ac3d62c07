"""Shared fixtures live in dangvien.testing (loaded for every test by the root conftest.py).

Names are re-exported so tests can keep `from dangvien.conftest import World, login`.
"""

from dangvien.testing import PASSWORD, World, login, make_org, make_person, make_user

__all__ = ["PASSWORD", "World", "login", "make_org", "make_person", "make_user"]
