"""Two ways to sign in: the roster of `make run` (dev) and the Jobcenter's identity provider (OIDC)."""
