/// The database schema as a list of forward migrations. `PRAGMA user_version` stores the number of
/// migrations applied, and opening a database applies the ones it lacks, each in its own transaction.
enum Schema {
    static var currentVersion: Int {
        migrations.count
    }

    static let migrations: [String] = [version1]

    private static let version1 = """
        CREATE TABLE repositories (
            id INTEGER PRIMARY KEY,
            forge TEXT NOT NULL CHECK (forge IN ('github', 'gitlab')),
            host TEXT NOT NULL,
            forge_id INTEGER NOT NULL,
            full_name TEXT NOT NULL,
            html_url TEXT,
            is_fork INTEGER NOT NULL DEFAULT 0,
            is_archived INTEGER NOT NULL DEFAULT 0,
            fetch_status TEXT NOT NULL CHECK (fetch_status IN
                ('pending', 'ok', 'empty', 'too_large', 'not_found', 'blocked', 'failed')),
            fetched_at TEXT,
            pushed_at TEXT,
            last_error TEXT,
            mirror_url TEXT,
            mirror_of INTEGER REFERENCES repositories(id) ON DELETE SET NULL,
            UNIQUE (forge, host, forge_id)
        );

        CREATE TABLE source_repositories (
            source TEXT NOT NULL,
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            PRIMARY KEY (source, repository_id)
        ) WITHOUT ROWID;

        -- One row per person; login and is_bot are derived from the person's accounts when linking.
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            display_name TEXT,
            login TEXT,
            avatar_url TEXT,
            html_url TEXT,
            is_bot INTEGER NOT NULL DEFAULT 0
        );

        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            forge TEXT NOT NULL CHECK (forge IN ('github', 'gitlab')),
            host TEXT NOT NULL,
            forge_id INTEGER,
            login TEXT,
            name TEXT,
            kind TEXT NOT NULL CHECK (kind IN ('user', 'bot', 'anonymous')),
            avatar_url TEXT,
            html_url TEXT,
            email_sha256 TEXT,
            email TEXT,
            noreply_github_id INTEGER,
            noreply_login TEXT,
            person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
            bio TEXT,
            company TEXT,
            location TEXT,
            blog TEXT,
            profile_status TEXT CHECK (profile_status IN ('ok', 'gone')),
            profile_fetched_at TEXT
        );
        CREATE UNIQUE INDEX accounts_by_forge_id ON accounts(forge, host, forge_id) WHERE forge_id IS NOT NULL;
        CREATE UNIQUE INDEX accounts_by_email ON accounts(forge, host, email_sha256) WHERE forge_id IS NULL;
        CREATE INDEX accounts_by_person ON accounts(person_id);

        -- No index and no foreign key on account_id: a repository's rows would then touch index pages
        -- all over the file on every commit, which made commits several times slower. Accounts are
        -- deleted only when no contribution names them.
        CREATE TABLE contributions (
            repository_id INTEGER NOT NULL REFERENCES repositories(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL,
            commits INTEGER NOT NULL,
            PRIMARY KEY (repository_id, account_id)
        ) WITHOUT ROWID;

        CREATE TABLE http_cache (
            url TEXT PRIMARY KEY,
            etag TEXT,
            last_modified TEXT,
            next_url TEXT,
            last_url TEXT,
            item_ids TEXT,
            stored_at TEXT NOT NULL
        ) WITHOUT ROWID;

        -- Linking settings that outlive a run: the last --identities file and --mirror pairs given.
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE runs (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            status TEXT NOT NULL,
            requests INTEGER NOT NULL DEFAULT 0,
            not_modified INTEGER NOT NULL DEFAULT 0,
            errors INTEGER NOT NULL DEFAULT 0,
            retries INTEGER NOT NULL DEFAULT 0,
            waits INTEGER NOT NULL DEFAULT 0,
            contributors INTEGER,
            sources TEXT,
            summary TEXT
        );

        -- Commit totals per person, recomputed at the end of each run that changed contributions or
        -- links, so reading the contributors view costs no aggregation.
        CREATE TABLE person_totals (
            person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
            total_commits INTEGER NOT NULL,
            repository_count INTEGER NOT NULL
        );

        CREATE VIEW contributors AS
        SELECT p.id AS person_id, p.display_name, p.login, p.avatar_url, p.html_url,
               t.total_commits, t.repository_count, p.is_bot
        FROM people p
        JOIN person_totals t ON t.person_id = p.id;
        """
}
