"""CLI commands: scoring (filled in by its part of the product)."""
