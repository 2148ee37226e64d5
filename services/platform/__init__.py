"""Plumbing shared by every Lotse service: settings, database, outbox/inbox, broker, auth, HTTP.

Nothing here knows a service's domain; services never import each other, only this.
"""
