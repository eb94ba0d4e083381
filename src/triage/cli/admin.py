"""CLI commands: admin (filled in by its part of the product)."""
