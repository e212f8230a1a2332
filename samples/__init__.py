"""Sample corpus of convenios with expected records, and the generator that makes it."""
