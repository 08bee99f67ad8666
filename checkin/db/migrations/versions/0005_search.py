"""Look-up as you type: an FTS5 trigram index of registrations (SQLite only).

Kept in step by triggers, so every writer (check-in desk, import, roster pull, bulk
inserts that bypass the ORM) updates it without knowing it exists. PostgreSQL (central)
has no such index: its look-ups are the office's, not the desk's.

Revision ID: 0005
Revises: 0004
"""

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = "name_key, company_name_key, phone_digits, tax_id"


def upgrade() -> None:
    # Name prefixes within a workshop: the first keystrokes of a look-up.
    op.create_index("ix_registrations_workshop_name", "registrations",
                    ["workshop_id", "name_key"])
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        f"CREATE VIRTUAL TABLE registration_search USING fts5({COLUMNS}, "
        "content='registrations', content_rowid='id', tokenize='trigram')")
    op.execute(f"""
        CREATE TRIGGER registration_search_ai AFTER INSERT ON registrations BEGIN
          INSERT INTO registration_search(rowid, {COLUMNS})
          VALUES (new.id, new.name_key, new.company_name_key, new.phone_digits, new.tax_id);
        END""")
    op.execute(f"""
        CREATE TRIGGER registration_search_ad AFTER DELETE ON registrations BEGIN
          INSERT INTO registration_search(registration_search, rowid, {COLUMNS})
          VALUES ('delete', old.id, old.name_key, old.company_name_key, old.phone_digits,
                  old.tax_id);
        END""")
    op.execute(f"""
        CREATE TRIGGER registration_search_au AFTER UPDATE ON registrations BEGIN
          INSERT INTO registration_search(registration_search, rowid, {COLUMNS})
          VALUES ('delete', old.id, old.name_key, old.company_name_key, old.phone_digits,
                  old.tax_id);
          INSERT INTO registration_search(rowid, {COLUMNS})
          VALUES (new.id, new.name_key, new.company_name_key, new.phone_digits, new.tax_id);
        END""")
    op.execute("INSERT INTO registration_search(registration_search) VALUES ('rebuild')")


def downgrade() -> None:
    op.drop_index("ix_registrations_workshop_name", "registrations")
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("ai", "ad", "au"):
        op.execute(f"DROP TRIGGER IF EXISTS registration_search_{trigger}")
    op.execute("DROP TABLE IF EXISTS registration_search")
