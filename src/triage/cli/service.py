"""CLI commands: service (filled in by its part of the product)."""
