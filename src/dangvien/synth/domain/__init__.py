"""Pure, seeded generation of synthetic rows (no Django)."""
