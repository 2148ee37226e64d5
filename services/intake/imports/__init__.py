"""Bulk migration of existing client records (issue #13): the import format, its file readers, the report.

`format.py` is the one source of the format (README "Bulk migration", JSON Schema in
`contracts/schemas/migration_record.json`); `files.py` reads it from CSV and JSON Lines; the records are
registered by `use_cases/imports.py` through the same command and rules as `POST /clients`.
"""
