import Foundation

/// Writes the `contributors` view for readers without SQLite (JSON, CSV), or a compact copy of the
/// database in rollback-journal mode that opens read-only from a read-only filesystem.
struct Exporter {
    let connection: SQLiteConnection

    struct Row {
        var personID: Int
        var displayName: String?
        var login: String?
        var avatarURL: String?
        var htmlURL: String?
        var totalCommits: Int
        var repositoryCount: Int
        var isBot: Bool
    }

    /// Rows in a stable order: most commits first, then by person id.
    func rows() throws -> [Row] {
        try connection.query(
            """
            SELECT person_id, display_name, login, avatar_url, html_url, total_commits, repository_count, is_bot
            FROM contributors ORDER BY total_commits DESC, person_id
            """
        ) { row in
            Row(
                personID: row.int(0) ?? 0, displayName: row.text(1), login: row.text(2), avatarURL: row.text(3),
                htmlURL: row.text(4), totalCommits: row.int(5) ?? 0, repositoryCount: row.int(6) ?? 0, isBot: row.int(7) == 1
            )
        }
    }

    /// Returns each person's repositories with commit counts, most commits first.
    private func repositoriesByPerson() throws -> [Int: [[String: Any]]] {
        let rows = try connection.query(
            """
            SELECT a.person_id, r.forge, r.full_name, r.html_url, SUM(c.commits) AS commits
            FROM contributions c JOIN accounts a ON a.id = c.account_id JOIN repositories r ON r.id = c.repository_id
            WHERE a.person_id IS NOT NULL
            GROUP BY a.person_id, r.id ORDER BY a.person_id, commits DESC, r.full_name
            """
        ) { row in
            (row.int(0) ?? 0, row.text(1) ?? "", row.text(2) ?? "", row.text(3), row.int(4) ?? 0)
        }
        var result: [Int: [[String: Any]]] = [:]
        for (person, forge, fullName, htmlURL, commits) in rows {
            result[person, default: []].append([
                "forge": forge, "full_name": fullName, "html_url": htmlURL ?? NSNull(), "commits": commits,
            ])
        }
        return result
    }

    func json() throws -> Data {
        let repositories = try repositoriesByPerson()
        let people: [[String: Any]] = try rows().map { row in
            [
                "person_id": row.personID,
                "display_name": row.displayName ?? NSNull(),
                "login": row.login ?? NSNull(),
                "avatar_url": row.avatarURL ?? NSNull(),
                "html_url": row.htmlURL ?? NSNull(),
                "total_commits": row.totalCommits,
                "repository_count": row.repositoryCount,
                "is_bot": row.isBot,
                "repositories": repositories[row.personID] ?? [],
            ]
        }
        var data = try JSONSerialization.data(withJSONObject: people, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        data.append(contentsOf: Array("\n".utf8))
        return data
    }

    func csv() throws -> Data {
        var text = "person_id,display_name,login,avatar_url,html_url,total_commits,repository_count,is_bot\r\n"
        for row in try rows() {
            let fields = [
                String(row.personID), row.displayName ?? "", row.login ?? "", row.avatarURL ?? "", row.htmlURL ?? "",
                String(row.totalCommits), String(row.repositoryCount), row.isBot ? "1" : "0",
            ]
            text += fields.map(Self.csvField).joined(separator: ",") + "\r\n"
        }
        return Data(text.utf8)
    }

    /// Quotes a field when RFC 4180 requires it: commas, quotes or line breaks.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Writes a vacuumed copy with `VACUUM INTO`, switched to rollback-journal (DELETE) mode, then
    /// renames it over `path`.
    func compactCopy(to path: String) throws {
        let temporary = path + ".tmp.\(ProcessInfo.processInfo.processIdentifier)"
        try? FileManager.default.removeItem(atPath: temporary)
        do {
            try connection.run("VACUUM INTO ?", [.text(temporary)])
            let copy = try SQLiteConnection(path: temporary, create: false)
            try copy.execute("PRAGMA journal_mode = DELETE")
            try copy.execute("DELETE FROM http_cache; VACUUM")
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ConfigurationError("could not write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
