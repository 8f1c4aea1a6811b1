"""Thin MCP adapter over `integration_risk.api`: the only package importing `mcp`."""
