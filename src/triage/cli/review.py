"""CLI commands: review (filled in by its part of the product)."""
