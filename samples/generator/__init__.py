"""Sample corpus generator: draws convenios, renders them to DOCX/PDF, scans twins."""
