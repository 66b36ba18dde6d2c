"""Two-factor login for the roles that move money or manage people (docs/decisions/0028)."""
