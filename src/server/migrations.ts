// Schema migrations, the same SQL for PGlite and PostgreSQL. Append only: a migration that has
// shipped is never edited, a change is a new entry.
import type { Db } from './db';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'catalogue',
    sql: `
      CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
      -- A random id for this database: cursors carry it, so a kiosk that syncs against a
      -- replaced database starts over instead of trusting sequence numbers that mean nothing here.
      INSERT INTO meta (key, value) VALUES ('epoch', replace(gen_random_uuid()::text, '-', ''));
      CREATE SEQUENCE change_seq;
      CREATE TABLE catalog_records (
        kind text NOT NULL,
        id text NOT NULL,
        version integer NOT NULL,
        seq bigint NOT NULL,
        hash text NOT NULL,
        body jsonb,
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kind, id)
      );
      CREATE UNIQUE INDEX catalog_records_seq ON catalog_records (seq);
    `,
  },
  {
    version: 2,
    name: 'forms, kiosks and submissions',
    sql: `
      -- Every published version of every form, kept forever: a submission filled offline
      -- against version 3 is validated against version 3, even after version 4 is out.
      CREATE TABLE form_versions (
        form_id text NOT NULL,
        version integer NOT NULL,
        body jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (form_id, version)
      );
      CREATE TABLE enrollment_codes (
        code_hash text PRIMARY KEY,
        label text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        max_uses integer NOT NULL DEFAULT 1,
        uses integer NOT NULL DEFAULT 0
      );
      CREATE TABLE kiosks (
        id uuid PRIMARY KEY,
        library text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz
      );
      CREATE TABLE submissions (
        id uuid PRIMARY KEY,
        kiosk_id uuid NOT NULL REFERENCES kiosks (id),
        form_id text NOT NULL,
        form_version integer NOT NULL,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        payload jsonb NOT NULL,
        payload_hash text NOT NULL,
        FOREIGN KEY (form_id, form_version) REFERENCES form_versions (form_id, version)
      );
      CREATE INDEX submissions_form ON submissions (form_id, received_at);
    `,
  },
  {
    version: 3,
    name: 'revocation',
    sql: `
      -- A revoked kiosk's token is refused (401) and its outbox files are not received; a
      -- revoked code enrols nothing more. Rows stay, for the record.
      ALTER TABLE kiosks ADD COLUMN revoked_at timestamptz;
      ALTER TABLE enrollment_codes ADD COLUMN revoked_at timestamptz;
    `,
  },
  {
    version: 4,
    name: 'usage counters',
    sql: `
      -- Where a kiosk is, as the district (INEI ubigeo) of its library: the network's report
      -- places its counts there. Kiosks enrolled before this have none until an operator sets it.
      ALTER TABLE kiosks ADD COLUMN district text CHECK (district ~ '^[0-9]{6}$');
      -- One row per kiosk and day, never per patron: the day's counters as the kiosk last sent
      -- them. A higher revision replaces the row, an equal or lower one changes nothing, so a
      -- retry, a second push of the same day or the same USB file twice counts once.
      CREATE TABLE usage_days (
        kiosk_id uuid NOT NULL REFERENCES kiosks (id),
        day date NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        counts jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kiosk_id, day)
      );
      -- The report reads months of every kiosk at once.
      CREATE INDEX usage_days_day ON usage_days (day);
      -- The editors' listing counts feedback by the guide it names.
      CREATE INDEX submissions_guide ON submissions (form_id, (payload -> 'context' ->> 'guideId'));
    `,
  },
  {
    version: 5,
    name: 'local notes',
    sql: `
      -- What one library knows about a guide (its office's days, the next PIAS visit), written by
      -- a librarian on a kiosk. One row per note, holding the highest revision received: an equal
      -- or lower one changes nothing, so a retry or the same USB file twice stores it once.
      -- library_key is set when the note is first stored and never changes: a note id of one
      -- library is never overwritten by another. kiosk_id is the last kiosk that wrote it.
      CREATE TABLE local_notes (
        id uuid PRIMARY KEY,
        library_key text NOT NULL,
        guide_id text NOT NULL,
        text_es text NOT NULL,
        text_qu text,
        expires date NOT NULL,
        revision integer NOT NULL CHECK (revision > 0),
        deleted boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL,
        kiosk_id uuid NOT NULL REFERENCES kiosks (id),
        received_at timestamptz NOT NULL DEFAULT now()
      );
      -- Every kiosk of a library asks for its notes not past their day.
      CREATE INDEX local_notes_library ON local_notes (library_key, expires);
    `,
  },
  {
    version: 6,
    name: 'recordings',
    sql: `
      -- Recorded guides (core/audio.ts): a part of a guide read aloud on a kiosk, its facts as
      -- announced and its bytes as they arrive in chunks. audio holds the bytes received so far
      -- (received of bytes), appended only at offset = received; once whole and hashing to
      -- sha256 the recording waits for an editor (pending). A refused recording keeps its facts
      -- (so announcing it again answers the same) and no bytes.
      CREATE TABLE recordings (
        id uuid PRIMARY KEY,
        kiosk_id uuid NOT NULL REFERENCES kiosks (id),
        guide_id text NOT NULL,
        lang text NOT NULL,
        part text NOT NULL,
        sha256 text NOT NULL,
        bytes integer NOT NULL CHECK (bytes > 0),
        duration_ms integer NOT NULL,
        type text NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL,
        guide_version integer NOT NULL,
        text_hash text NOT NULL,
        audio bytea NOT NULL DEFAULT '\\x',
        received integer NOT NULL DEFAULT 0 CHECK (received >= 0 AND received <= bytes),
        status text NOT NULL DEFAULT 'incomplete' CHECK (status IN ('incomplete', 'pending', 'approved', 'rejected', 'refused')),
        -- The editor's reason (rejected) or the refusal's code (refused).
        reason text,
        reviewed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      -- The editors' page lists by status; a kiosk asks for its own.
      CREATE INDEX recordings_status ON recordings (status, created_at);
      CREATE INDEX recordings_kiosk ON recordings (kiosk_id, created_at);
      -- GET /audio/<sha> finds an approved recording's bytes by their hash.
      CREATE INDEX recordings_sha256 ON recordings (sha256);
    `,
  },
];

// Any constant works; it only has to be the same for every server sharing one PostgreSQL.
const MIGRATION_LOCK = 728_371;

/** Applies pending migrations, each in its own transaction. Safe when several servers start
 * at once against one PostgreSQL: they queue on an advisory lock. */
export async function migrate(db: Db): Promise<number[]> {
  // Under the lock too: two servers running CREATE TABLE IF NOT EXISTS at the same instant on
  // an empty database can both miss the other's table, and the second fails on a duplicate key.
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  });
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    const didApply = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [migration.version]);
      if (done.length > 0) return false;
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
      return true;
    });
    if (didApply) applied.push(migration.version);
  }
  return applied;
}

// Parameterised queries take one statement at a time; our migrations have no semicolons
// inside strings, so a plain split is enough.
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}
