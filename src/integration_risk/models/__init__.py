"""Pydantic models shared by the CLI, the MCP adapter and the reports.

One module per concept; every field carries a description because it becomes
the JSON Schema the agents read. Import from the submodule that owns a model.
"""
