"""CLI commands: extract (filled in by its part of the product)."""
