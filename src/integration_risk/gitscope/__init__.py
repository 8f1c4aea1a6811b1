"""Change scope: which integrations a change since a git ref adds, removes or touches."""
