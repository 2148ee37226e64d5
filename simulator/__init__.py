"""The demo simulator: staff and employers of a Jobcenter district acting over the services' public HTTP APIs.

`python -m simulator` (or `lotse-stack run`) registers clients, enters households, records contacts, agrees
cooperation plans, declares readiness, posts vacancies, proposes and hires, and answers the monthly
continuation checks — on a virtual calendar that advances one month every few seconds. It never touches a
database and never talks to Temporal: the journeys react to what it does, exactly as to real staff.
"""
