"""Use cases joining core and db, each in one transaction. No Qt."""
