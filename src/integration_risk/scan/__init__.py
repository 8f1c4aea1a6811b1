"""The integration scanner: one module per evidence kind, `engine` merges them."""
