"""Benefits' use cases, one module per capability; each use case runs in the caller's transaction."""
