"""Names for simulated people (made up; only intake ever sees them)."""

from __future__ import annotations

GIVEN_FEMALE = (
    "Anna", "Marie", "Sabine", "Jennifer", "Claudia", "Katharina", "Nicole", "Stefanie", "Julia", "Sandra",
    "Aylin", "Olena", "Fatma", "Agnieszka", "Ioana", "Leonie", "Lea", "Mia", "Petra", "Monika",
)
GIVEN_MALE = (
    "Thomas", "Jens", "Heiko", "Robert", "Michael", "Stefan", "Andreas", "Dirk", "Sven", "Tobias",
    "Mehmet", "Oleksandr", "Ahmad", "Piotr", "Mihai", "Lukas", "Finn", "Jonas", "Uwe", "Klaus",
)
FAMILY = (
    "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Schulz", "Hoffmann",
    "Koch", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Braun", "Hansen", "Petersen",
    "Jensen", "Lorenzen", "Yilmaz", "Kowalski", "Popescu", "Kovalenko", "Haddad", "Nowak", "Kraska", "Sommer",
)
