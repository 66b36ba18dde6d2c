"""Running the site in production: client address, request id and JSON logs, health and
readiness, the database-down page and the startup check for collected static files
(issue 15, item 3; docs/decisions/0037)."""
