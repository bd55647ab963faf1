import Foundation

extension ContributorStore {
    /// The first 16 bytes of every SQLite 3 database file.
    static let sqliteHeader = Array("SQLite format 3\0".utf8)

    /// Opens the database at `path` for a run: checks that it is usable before writing anything,
    /// starts it as a copy of `seed` when it does not exist yet, then migrates it to the current schema.
    static func open(path: String, seed: String?) throws -> ContributorStore {
        let fileManager = FileManager.default
        try checkDirectory(of: path)

        if fileManager.fileExists(atPath: path) {
            try checkIsSQLite(path, role: "database", option: "--database")
        } else if let seed {
            guard fileManager.fileExists(atPath: seed) else {
                throw DatabaseOpenError(message: "seed database \(seed) not found; pass an existing file to --seed")
            }
            try checkIsSQLite(seed, role: "seed database", option: "--seed")
            try copySeed(seed, to: path)
        }

        let store = try ContributorStore(connection: SQLiteConnection(path: path))
        try store.prepare()
        return store
    }

    /// Throws when the directory that would hold the database does not exist.
    static func checkDirectory(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        let directoryPath = directory.isEmpty ? "." : directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directoryPath, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatabaseOpenError(
                message: "the directory of database \(path) does not exist; create \(directoryPath) or pass another --database"
            )
        }
    }

    /// Opens an existing database without changing it, for `export`.
    static func openReadOnly(path: String) throws -> ContributorStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw DatabaseOpenError(message: "database \(path) not found; run a fetch first or pass another --database")
        }
        try checkIsSQLite(path, role: "database", option: "--database")
        let connection = try SQLiteConnection(path: path, readOnly: true, create: false)
        let store = ContributorStore(connection: connection)
        let version = try connection.scalarInt("PRAGMA user_version") ?? 0
        guard version == Schema.currentVersion else {
            throw DatabaseOpenError(
                message: "database \(path) has schema version \(version), expected \(Schema.currentVersion); run a fetch with this version first"
            )
        }
        return store
    }

    private static func checkIsSQLite(_ path: String, role: String, option: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DatabaseOpenError(message: "\(role) \(path) is not readable; check its permissions or pass another \(option)")
        }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()

        // SQLite treats an empty file as a new database.
        guard header.isEmpty || Array(header) == sqliteHeader else {
            throw DatabaseOpenError(message: "\(role) \(path) is not a SQLite database; pass another \(option) or move the file away")
        }
    }

    /// Copies through a temporary file and a rename, so a crash never leaves a half-copied database.
    private static func copySeed(_ seed: String, to path: String) throws {
        let temporary = path + ".seed-\(ProcessInfo.processInfo.processIdentifier).tmp"
        do {
            try? FileManager.default.removeItem(atPath: temporary)
            try FileManager.default.copyItem(atPath: seed, toPath: temporary)
            guard rename(temporary, path) == 0 else {
                throw DatabaseOpenError(message: "could not move the copy of \(seed) to \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as DatabaseOpenError {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw DatabaseOpenError(message: "could not copy seed database \(seed) to \(path): \(error.localizedDescription)")
        }
    }

    /// Sets the connection up and applies missing migrations.
    private func prepare() throws {
        let path = connection.path
        let version: Int
        do {
            version = try connection.scalarInt("PRAGMA user_version") ?? 0
        } catch let error as SQLiteError {
            throw DatabaseOpenError(message: "database \(path) cannot be read (\(error.message)); pass another --database")
        }

        guard version <= Schema.currentVersion else {
            throw DatabaseOpenError(
                message: "database \(path) has schema version \(version), newer than this fetch-contributors (\(Schema.currentVersion)); upgrade fetch-contributors"
            )
        }
        if version == 0 {
            let objects = try connection.scalarInt("SELECT count(*) FROM sqlite_schema") ?? 0
            guard objects == 0 else {
                throw DatabaseOpenError(
                    message: "database \(path) contains tables of another program; pass a new database path or one written by fetch-contributors to --database"
                )
            }
        }

        do {
            // WAL lets the website read while a run writes; NORMAL synchronous is durable against a
            // killed process, which is the failure that matters for a cron job.
            try connection.execute("PRAGMA journal_mode = WAL")
            try connection.execute("PRAGMA synchronous = NORMAL")
            // Foreign keys are declared for readers and tools, but not enforced. Enforced, SQLite looks
            // up the repository row for every inserted contribution, 5 % of a cold run's instructions
            // in Benchmarks/callgrind.sh. The code deletes children itself, and a test runs
            // `foreign_key_check`.
            try connection.execute("PRAGMA foreign_keys = OFF")
            connection.setBusyTimeout(milliseconds: 5_000)
            for index in version..<Schema.currentVersion {
                try connection.transaction {
                    try connection.execute(Schema.migrations[index])
                    try connection.execute("PRAGMA user_version = \(index + 1)")
                }
            }
        } catch let error as SQLiteError {
            throw DatabaseOpenError(message: "database \(path) cannot be written (\(error.message)); check its permissions and free space")
        }
    }
}
