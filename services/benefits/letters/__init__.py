"""Decision letters as PDF: the offices' letterheads (data), the HTML template and its typesetting (WeasyPrint)."""
