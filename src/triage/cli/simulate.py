"""CLI commands: simulate (filled in by its part of the product)."""
