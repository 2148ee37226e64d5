"""Benefits' HTTP request and response bodies, one module per capability."""
