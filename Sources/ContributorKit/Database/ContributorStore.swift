import Foundation

/// The contributor database: every read and write the fetcher makes, each write one short transaction.
///
/// Not `Sendable`: it owns one `SQLiteConnection` and is used from the transfer loop's thread only.
final class ContributorStore {
    let connection: SQLiteConnection

    /// The id and last written values of each account written in this run. One account appears in
    /// many repositories, and skipping the repeated identical upserts is most of a cold run's
    /// database time. Cleared when a transaction fails, because its rows were rolled back.
    private var accountCache: [AccountScope: ScopedAccounts] = [:]

    /// Set when this run deleted contributions, which may leave accounts that no longer contribute.
    private var contributionsDeleted = false

    /// Accounts are unique per forge and host; the cache looks the scope up once per repository.
    private struct AccountScope: Hashable {
        var forge: Forge
        var host: String
    }

    private struct ScopedAccounts {
        var byForgeID: [Int: WrittenAccount] = [:]
        var byEmailHash: [String: WrittenAccount] = [:]
    }

    /// An account row as this run wrote it. A class, so a cache look-up per contribution copies one
    /// reference instead of six strings.
    private final class WrittenAccount {
        let id: Int
        let login: String?
        let name: String?
        let kind: AccountKind
        let avatarURL: String?
        let htmlURL: String?
        let email: String?

        init(id: Int, _ contributor: ContributorRecord, storeEmails: Bool) {
            self.id = id
            login = contributor.login
            name = contributor.name
            kind = contributor.kind
            avatarURL = contributor.avatarURL
            htmlURL = contributor.htmlURL
            email = storeEmails ? contributor.email : nil
        }

        /// Returns whether writing `contributor` would store the same values.
        func matches(_ contributor: ContributorRecord, storeEmails: Bool) -> Bool {
            login == contributor.login && name == contributor.name && kind == contributor.kind
                && avatarURL == contributor.avatarURL && htmlURL == contributor.htmlURL
                && email == (storeEmails ? contributor.email : nil)
        }
    }

    init(connection: SQLiteConnection) {
        self.connection = connection
    }

    // MARK: Runs

    /// Inserts the run's row, and marks runs that were still `running` as `aborted`: the caller holds
    /// the database lock, so no other run can still be going on. Returns the new run's id and whether
    /// an aborted run was found, whose derived tables may be stale.
    func beginRun(startedAt: Date, sources: String) throws -> (id: Int, foundAborted: Bool) {
        try connection.transaction {
            try connection.run("UPDATE runs SET status = 'aborted' WHERE status = 'running'")
            let foundAborted = connection.changes > 0
            try connection.run(
                "INSERT INTO runs (started_at, status, sources) VALUES (?, 'running', ?)",
                [.text(Timestamp.string(startedAt)), .text(sources)]
            )
            return (Int(connection.lastInsertRowID), foundAborted)
        }
    }

    func finishRun(_ id: Int, summary: RunSummary, finishedAt: Date) throws {
        try connection.transaction {
            try connection.run(
                """
                UPDATE runs SET finished_at = ?, status = ?, requests = ?, not_modified = ?, errors = ?,
                    retries = ?, waits = ?, contributors = ?, summary = ?
                WHERE id = ?
                """,
                [
                    .text(Timestamp.string(finishedAt)), .text(summary.status.rawValue), .int(Int64(summary.requests)),
                    .int(Int64(summary.notModified)), .int(Int64(summary.outcomes[.failed, default: 0])),
                    .int(Int64(summary.retries)), .int(Int64(summary.waits)), .int(Int64(summary.contributors)),
                    .text(summary.line), .int(Int64(id)),
                ]
            )
        }
    }

    // MARK: Reads

    func storedRepository(forge: Forge, host: String, forgeID: Int) throws -> StoredRepository? {
        try connection.query(
            """
            SELECT id, full_name, fetch_status, pushed_at, fetched_at, is_fork, is_archived, html_url, mirror_url
            FROM repositories WHERE forge = ? AND host = ? AND forge_id = ?
            """,
            [.text(forge.rawValue), .text(host), .int(Int64(forgeID))]
        ) { row in
            StoredRepository(
                id: row.int(0) ?? 0,
                fullName: row.text(1) ?? "",
                status: FetchStatus(rawValue: row.text(2) ?? "") ?? .pending,
                pushedAt: row.text(3),
                fetchedAt: row.text(4).flatMap(Timestamp.date),
                isFork: row.int(5) == 1,
                isArchived: row.int(6) == 1,
                htmlURL: row.text(7),
                mirrorURL: row.text(8)
            )
        }.first
    }

    func cachedPage(_ url: String) throws -> CachedPage? {
        try connection.query(
            "SELECT etag, last_modified, next_url, last_url, item_ids FROM http_cache WHERE url = ?",
            [.text(url)]
        ) { row in
            CachedPage(url: url, etag: row.text(0), lastModified: row.text(1), nextURL: row.text(2), lastURL: row.text(3), itemIDs: row.text(4))
        }.first
    }

    func storeCachedPages(_ pages: [CachedPage]) throws {
        guard !pages.isEmpty else {
            return
        }
        try connection.transaction {
            try writeCachedPages(pages)
        }
    }

    private func writeCachedPages(_ pages: [CachedPage]) throws {
        let now = Timestamp.string(Date())
        for page in pages where page.etag != nil || page.lastModified != nil {
            try connection.run(
                """
                INSERT INTO http_cache (url, etag, last_modified, next_url, last_url, item_ids, stored_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified,
                    next_url = excluded.next_url, last_url = excluded.last_url, item_ids = excluded.item_ids,
                    stored_at = excluded.stored_at
                WHERE etag IS NOT excluded.etag OR last_modified IS NOT excluded.last_modified
                    OR next_url IS NOT excluded.next_url OR last_url IS NOT excluded.last_url
                    OR item_ids IS NOT excluded.item_ids
                """,
                [
                    .text(page.url), SQLiteValue(page.etag), SQLiteValue(page.lastModified), SQLiteValue(page.nextURL),
                    SQLiteValue(page.lastURL), SQLiteValue(page.itemIDs), .text(now),
                ]
            )
        }
    }

    // MARK: Repository results

    /// Replaces a repository's contributions in one transaction, together with its row, its source
    /// membership and the validators of its pages, so a reader sees all of the new state or none of it.
    func commitContributors(
        _ repository: RepositoryRecord,
        status: FetchStatus,
        contributors: [ContributorRecord],
        pages: [CachedPage],
        source: String,
        storeEmails: Bool,
        fetchedAt: Date
    ) throws {
        // Merge entries for the same account first, so each row is written once.
        let merged = Self.mergeDuplicates(contributors)

        do {
            try connection.transaction {
                let repositoryID = try upsertRepository(repository, status: status, fetchedAt: fetchedAt, error: nil, replacesData: true)
                try connection.run("DELETE FROM contributions WHERE repository_id = ?", [.int(Int64(repositoryID))])
                contributionsDeleted = contributionsDeleted || connection.changes > 0
                let scope = AccountScope(forge: repository.forge, host: repository.host)
                var cache = accountCache.removeValue(forKey: scope) ?? ScopedAccounts()
                defer { accountCache[scope] = cache }
                var rows: [ContributionRow] = []
                rows.reserveCapacity(merged.count)
                try merged.withUnsafeBufferPointer { contributors in
                    for index in contributors.indices {
                        let accountID = try account(contributors[index], scope: scope, cache: &cache, storeEmails: storeEmails)
                        rows.append(ContributionRow(account: accountID, commits: contributors[index].commits))
                    }
                }
                try insertContributions(repositoryID: repositoryID, rows: rows)
                try addMembership(source: source, repositoryID: repositoryID)
                try writeCachedPages(pages)
            }
        } catch {
            accountCache.removeAll()
            throw error
        }
    }

    private struct ContributionRow {
        var account: Int
        var commits: Int
    }

    /// Rows per multi-row INSERT.
    private static let insertChunk = 50
    private static let insertOne = "INSERT INTO contributions (repository_id, account_id, commits) VALUES (?, ?, ?)"
    private static let insertMany = "INSERT INTO contributions (repository_id, account_id, commits) VALUES "
        + Array(repeating: "(?, ?, ?)", count: insertChunk).joined(separator: ", ")

    /// Inserts one repository's contributions in primary-key order, several rows per statement.
    /// Sorted keys let SQLite append to the B-tree's last page instead of searching it from the root
    /// for every row. One statement per chunk saves a statement setup per row.
    private func insertContributions(repositoryID: Int, rows unsorted: [ContributionRow]) throws {
        let rows = unsorted.sorted { $0.account < $1.account }
        var start = 0
        while start < rows.count {
            let count = rows.count - start >= Self.insertChunk ? Self.insertChunk : 1
            let insert = try connection.statement(count == 1 ? Self.insertOne : Self.insertMany)
            for (offset, row) in rows[start..<(start + count)].enumerated() {
                let base = Int32(offset * 3)
                try insert.bindInteger(base + 1, repositoryID)
                try insert.bindInteger(base + 2, row.account)
                try insert.bindInteger(base + 3, row.commits)
            }
            while try insert.step() {}
            start += count
        }
    }

    /// Returns the account id for a contributor, writing the account only when this run has not
    /// already written it with the same values.
    private func account(_ contributor: ContributorRecord, scope: AccountScope, cache: inout ScopedAccounts, storeEmails: Bool) throws -> Int {
        if let forgeID = contributor.forgeID {
            if let cached = cache.byForgeID[forgeID], cached.matches(contributor, storeEmails: storeEmails) {
                return cached.id
            }
            let id = try upsertAccount(contributor, forge: scope.forge, host: scope.host, storeEmails: storeEmails)
            cache.byForgeID[forgeID] = WrittenAccount(id: id, contributor, storeEmails: storeEmails)
            return id
        }
        let hash = contributor.emailSHA256 ?? emailHash("")
        if let cached = cache.byEmailHash[hash], cached.matches(contributor, storeEmails: storeEmails) {
            return cached.id
        }
        let id = try upsertAccount(contributor, forge: scope.forge, host: scope.host, storeEmails: storeEmails)
        cache.byEmailHash[hash] = WrittenAccount(id: id, contributor, storeEmails: storeEmails)
        return id
    }

    /// Records that a repository's pages are unchanged since the last fetch: the contributions stay,
    /// and only `fetched_at` moves, because the contributors were confirmed current.
    func confirmUnchanged(_ repository: RepositoryRecord, source: String, fetchedAt: Date) throws {
        try connection.transaction {
            let repositoryID = try upsertRepository(repository, status: .ok, fetchedAt: fetchedAt, error: nil, replacesData: true)
            try addMembership(source: source, repositoryID: repositoryID)
        }
    }

    /// Records a final state other than `ok` or `empty`, or a failure: the previous contributions stay.
    func recordOutcome(_ repository: RepositoryRecord, status: FetchStatus, error: String?, source: String) throws {
        try connection.transaction {
            let repositoryID = try upsertRepository(repository, status: status, fetchedAt: nil, error: error, replacesData: false)
            try addMembership(source: source, repositoryID: repositoryID)
        }
    }

    /// Keeps a repository that was skipped as unchanged: adds its source membership and updates its
    /// name, URL and flags when a rename or a setting changed them. Writes nothing when all is current,
    /// so an unchanged run costs reads only.
    func keepUnchanged(_ repository: RepositoryRecord, stored: StoredRepository, source: String) throws {
        let isMember = try connection.scalarInt(
            "SELECT 1 FROM source_repositories WHERE source = ? AND repository_id = ?", [.text(source), .int(Int64(stored.id))]
        ) != nil
        let isCurrent = stored.fullName == repository.fullName && stored.htmlURL == repository.htmlURL
            && stored.isFork == repository.isFork && stored.isArchived == repository.isArchived
            && stored.mirrorURL == repository.mirrorURL
        guard !isMember || !isCurrent else {
            return
        }
        try connection.transaction {
            if !isCurrent {
                try connection.run(
                    "UPDATE repositories SET full_name = ?, html_url = ?, is_fork = ?, is_archived = ?, mirror_url = ? WHERE id = ?",
                    [
                        .text(repository.fullName), SQLiteValue(repository.htmlURL), SQLiteValue(repository.isFork),
                        SQLiteValue(repository.isArchived), SQLiteValue(repository.mirrorURL), .int(Int64(stored.id)),
                    ]
                )
            }
            try addMembership(source: source, repositoryID: stored.id)
        }
    }

    private func addMembership(source: String, repositoryID: Int) throws {
        try connection.run(
            "INSERT OR IGNORE INTO source_repositories (source, repository_id) VALUES (?, ?)",
            [.text(source), .int(Int64(repositoryID))]
        )
    }

    /// Inserts or updates a repository row by its forge id, so a rename updates `full_name` in place.
    /// `replacesData` also stores `fetched_at` and `pushed_at`, which only a successful fetch may move:
    /// a stored `pushed_at` is what later runs compare to skip an unchanged repository.
    private func upsertRepository(_ repository: RepositoryRecord, status: FetchStatus, fetchedAt: Date?, error: String?, replacesData: Bool) throws -> Int {
        let dataUpdate = replacesData
            ? "fetched_at = excluded.fetched_at, pushed_at = excluded.pushed_at,"
            : ""
        let statement = try connection.statement(
            """
            INSERT INTO repositories (forge, host, forge_id, full_name, html_url, is_fork, is_archived, fetch_status,
                fetched_at, pushed_at, last_error, mirror_url)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (forge, host, forge_id) DO UPDATE SET
                full_name = excluded.full_name, html_url = excluded.html_url, is_fork = excluded.is_fork,
                is_archived = excluded.is_archived, fetch_status = excluded.fetch_status, \(dataUpdate)
                last_error = excluded.last_error, mirror_url = excluded.mirror_url
            """
        )
        try statement.bind([
            .text(repository.forge.rawValue), .text(repository.host), .int(Int64(repository.forgeID)),
            .text(repository.fullName), SQLiteValue(repository.htmlURL), SQLiteValue(repository.isFork),
            SQLiteValue(repository.isArchived), .text(status.rawValue),
            SQLiteValue(replacesData ? fetchedAt.map(Timestamp.string) : nil),
            SQLiteValue(replacesData ? repository.pushedAt : nil), SQLiteValue(error), SQLiteValue(repository.mirrorURL),
        ])
        while try statement.step() {}
        return try upsertedID(
            "SELECT id FROM repositories WHERE forge = ? AND host = ? AND forge_id = ?",
            [.text(repository.forge.rawValue), .text(repository.host), .int(Int64(repository.forgeID))]
        )
    }

    /// Returns the id of the row an upsert wrote, read with `query`. A `RETURNING` clause would do the
    /// same in one statement, but SQLite then buffers the returned rows in a temporary table, set up
    /// and torn down on every run of the statement.
    private func upsertedID(_ query: String, _ values: [SQLiteValue]) throws -> Int {
        guard let id = try connection.scalarInt(query, values) else {
            throw SQLiteError(code: 1, message: "upserted row not found", sql: query)
        }
        return id
    }

    /// Writes an account unless its stored row already has these values, and returns its id. Reading
    /// first means a run that refetches a repository rewrites only the accounts that changed, and
    /// an unchanged account costs one look-up by a unique index instead of an update.
    private func upsertAccount(_ contributor: ContributorRecord, forge: Forge, host: String, storeEmails: Bool) throws -> Int {
        let noreply = contributor.email.flatMap(GitHubNoreplyAddress.init)
        let email = storeEmails ? contributor.email : nil
        // Accounts with a forge id are keyed by it, so only anonymous ones need the e-mail hash.
        let emailKey = contributor.forgeID == nil ? contributor.emailSHA256 ?? emailHash("") : ""

        let lookup: SQLiteStatement
        if let forgeID = contributor.forgeID {
            lookup = try connection.statement(
                """
                SELECT id, login, NULL, kind, avatar_url, html_url, NULL, NULL, NULL
                FROM accounts WHERE forge = ? AND host = ? AND forge_id = ?
                """
            )
            try lookup.bind([.text(forge.rawValue), .text(host), .int(Int64(forgeID))])
        } else {
            lookup = try connection.statement(
                """
                SELECT id, login, name, kind, avatar_url, html_url, email, noreply_github_id, noreply_login
                FROM accounts WHERE forge = ? AND host = ? AND email_sha256 = ? AND forge_id IS NULL
                """
            )
            try lookup.bind([.text(forge.rawValue), .text(host), .text(emailKey)])
        }
        var storedID: Int?
        if try lookup.step(), let id = lookup.int(0) {
            storedID = id
            let isAnonymous = contributor.forgeID == nil
            let unchanged = lookup.text(1) == contributor.login && lookup.text(3) == contributor.kind.rawValue
                && lookup.text(4) == contributor.avatarURL && lookup.text(5) == contributor.htmlURL
                && (!isAnonymous || (lookup.text(2) == contributor.name && lookup.text(6) == email
                    && lookup.int(7) == noreply?.userID && lookup.text(8) == noreply?.login))
            while try lookup.step() {}
            if unchanged {
                return id
            }
        }

        let statement: SQLiteStatement
        if let forgeID = contributor.forgeID {
            statement = try connection.statement(
                """
                INSERT INTO accounts (forge, host, forge_id, login, kind, avatar_url, html_url)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (forge, host, forge_id) WHERE forge_id IS NOT NULL DO UPDATE SET
                    login = excluded.login, kind = excluded.kind, avatar_url = excluded.avatar_url,
                    html_url = excluded.html_url
                """
            )
            try statement.bind([
                .text(forge.rawValue), .text(host), .int(Int64(forgeID)), SQLiteValue(contributor.login),
                .text(contributor.kind.rawValue), SQLiteValue(contributor.avatarURL), SQLiteValue(contributor.htmlURL),
            ])
        } else {
            statement = try connection.statement(
                """
                INSERT INTO accounts (forge, host, forge_id, login, name, kind, avatar_url, html_url, email_sha256, email,
                    noreply_github_id, noreply_login)
                VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (forge, host, email_sha256) WHERE forge_id IS NULL DO UPDATE SET
                    login = excluded.login, name = excluded.name, kind = excluded.kind, avatar_url = excluded.avatar_url,
                    html_url = excluded.html_url, email = excluded.email, noreply_github_id = excluded.noreply_github_id,
                    noreply_login = excluded.noreply_login
                """
            )
            try statement.bind([
                .text(forge.rawValue), .text(host), SQLiteValue(contributor.login), SQLiteValue(contributor.name),
                .text(contributor.kind.rawValue), SQLiteValue(contributor.avatarURL), SQLiteValue(contributor.htmlURL),
                SQLiteValue(emailKey), SQLiteValue(email), SQLiteValue(noreply?.userID), SQLiteValue(noreply?.login),
            ])
        }
        while try statement.step() {}
        // Without a stored row the upsert inserted one. The run holds the database lock, so no other
        // writer can have inserted the same key in between.
        return storedID ?? Int(connection.lastInsertRowID)
    }

    /// Sums the commits of entries that map to the same account: GitHub may list one e-mail under
    /// several anonymous names, and GitLab lists one row per (name, e-mail) pair.
    static func mergeDuplicates(_ contributors: [ContributorRecord]) -> [ContributorRecord] {
        struct Key: Hashable {
            var forgeID: Int?
            var emailSHA256: String?
        }
        // Most pages have no duplicates, so checking first avoids copying every record. Forge ids and
        // e-mail hashes are checked in separate sets, because hashing an Int is cheaper than hashing a
        // key with an optional String.
        var seenIDs = Set<Int>(minimumCapacity: contributors.count)
        var seenHashes = Set<String>()
        let hasDuplicates = contributors.contains { contributor in
            if let forgeID = contributor.forgeID {
                return !seenIDs.insert(forgeID).inserted
            }
            return !seenHashes.insert(contributor.emailSHA256 ?? "").inserted
        }
        guard hasDuplicates else {
            return contributors
        }

        var order: [Key] = []
        var byKey: [Key: ContributorRecord] = [:]
        byKey.reserveCapacity(contributors.count)
        for contributor in contributors {
            let key = Key(forgeID: contributor.forgeID, emailSHA256: contributor.forgeID == nil ? contributor.emailSHA256 ?? "" : nil)
            if var existing = byKey[key] {
                existing.commits += contributor.commits
                byKey[key] = existing
            } else {
                byKey[key] = contributor
                order.append(key)
            }
        }
        return order.compactMap { byKey[$0] }
    }

    // MARK: Listings

    /// Removes the repositories of `source` that its completed listing no longer contains, with their
    /// contributions. A repository that another source still lists keeps its row.
    /// Returns the full names of the removed repositories.
    func completeListing(source: String, forge: Forge, host: String, listedIDs: Set<Int>) throws -> [String] {
        try connection.transaction {
            let members = try connection.query(
                """
                SELECT r.id, r.forge_id, r.full_name FROM source_repositories s
                JOIN repositories r ON r.id = s.repository_id
                WHERE s.source = ? AND r.forge = ? AND r.host = ?
                """,
                [.text(source), .text(forge.rawValue), .text(host)]
            ) { row in (id: row.int(0) ?? 0, forgeID: row.int(1) ?? 0, name: row.text(2) ?? "") }

            var removed: [String] = []
            for member in members where !listedIDs.contains(member.forgeID) {
                try connection.run(
                    "DELETE FROM source_repositories WHERE source = ? AND repository_id = ?",
                    [.text(source), .int(Int64(member.id))]
                )
                let others = try connection.scalarInt(
                    "SELECT count(*) FROM source_repositories WHERE repository_id = ?", [.int(Int64(member.id))]
                ) ?? 0
                if others == 0 {
                    // Foreign keys are not enforced (see `prepare`), so the rows that name the
                    // repository are deleted or cleared first.
                    let id = SQLiteValue.int(Int64(member.id))
                    try connection.run("DELETE FROM contributions WHERE repository_id = ?", [id])
                    try connection.run("UPDATE repositories SET mirror_of = NULL WHERE mirror_of = ?", [id])
                    try connection.run("DELETE FROM repositories WHERE id = ?", [id])
                    contributionsDeleted = true
                    removed.append(member.name)
                }
            }
            return removed
        }
    }

    /// Deletes the accounts that no longer contribute to any repository, when this run deleted
    /// contributions or follows an aborted run. Returns how many were deleted.
    ///
    /// The query reads every contribution into a temporary index, one of the larger costs of a cold
    /// run. It is skipped when no contribution was deleted, because then no account can have lost its
    /// last one.
    @discardableResult
    func removeOrphanAccountsIfNeeded() throws -> Int {
        guard contributionsDeleted else {
            return 0
        }
        accountCache.removeAll()
        let removed = try connection.transaction {
            try connection.run(
                "DELETE FROM accounts WHERE id NOT IN (SELECT account_id FROM contributions)"
            )
            return connection.changes
        }
        contributionsDeleted = false
        return removed
    }

    /// Makes the next `removeOrphanAccountsIfNeeded()` run its query, for a database that an
    /// aborted run may have left with accounts that no longer contribute.
    func assumeContributionsDeleted() {
        contributionsDeleted = true
    }

    func setting(_ key: String) throws -> String? {
        try connection.scalarText("SELECT value FROM settings WHERE key = ?", [.text(key)])
    }

    /// Stores a setting, writing only when the value differs. Returns whether it was written.
    @discardableResult
    func storeSetting(_ key: String, _ value: String) throws -> Bool {
        guard try setting(key) != value else {
            return false
        }
        try connection.transaction {
            try connection.run(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [.text(key), .text(value)]
            )
        }
        return true
    }

    func countContributors() throws -> Int {
        try connection.scalarInt("SELECT count(*) FROM person_totals") ?? 0
    }
}

/// UTC timestamps in ISO 8601 with whole seconds, such as "2026-12-04T22:58:06Z", the form SQLite's
/// date functions read.
enum Timestamp {
    /// Formats by arithmetic rather than with `Date.ISO8601FormatStyle`, which callgrind showed as
    /// one of the costlier calls per repository of a cold run.
    static func string(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civil(fromDays: days)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))Z"
    }

    /// Returns the proleptic Gregorian date of a day counted from 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`, the inverse of `HTTPDate.daysFromCivil`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func date(_ text: String) -> Date? {
        try? Date(text, strategy: .iso8601)
    }
}
