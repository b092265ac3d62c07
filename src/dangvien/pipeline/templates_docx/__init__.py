"""Packaged Word templates of the generated documents (rebuilt by `build.py`)."""
