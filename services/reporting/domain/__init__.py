"""Pure reporting rules: the facts a district's figures are computed from, and the figures themselves.

No I/O here; the service maps its read-model rows into `facts` and asks `figures` for the indicators.
"""
