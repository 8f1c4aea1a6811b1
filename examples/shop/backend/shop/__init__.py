"""Demo shop backend (synthetic, for integration-risk examples)."""
