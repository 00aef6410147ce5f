"""Storage: the ORM model, the database engine and the schema migrations.

Everything that knows it talks to SQLite lives in :mod:`kmdesk.db.sqlite`; the model and the
services use SQLAlchemy constructs that work the same on PostgreSQL (the curators' hub).
"""
