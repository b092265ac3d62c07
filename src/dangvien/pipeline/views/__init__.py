"""Pages of the development pipeline."""
