"""The staff web app: server-rendered pages over the services' public HTTP APIs (a backend-for-frontend)."""
