import Foundation

/// Fetches the public profiles of GitHub accounts whose profile is missing or older than
/// `--profile-max-age`: up to 100 users in one GraphQL request with a token, one REST request each
/// without, because GitHub's GraphQL API requires authentication.
///
/// A login that no longer exists (404, or `null` in GraphQL) keeps its account and contributions and is
/// marked `profile_status = 'gone'`.
final class ProfileFetcher {
    struct Profile: Equatable {
        var name: String?
        var bio: String?
        var company: String?
        var location: String?
        var blog: String?
        var avatarURL: String?
    }

    static let batchSize = 100

    private let api: APIClient
    private let adapter: GitHubAdapter
    private let connection: SQLiteConnection
    private let logger: Logger
    private let useGraphQL: Bool
    private let write: (() throws -> Void) -> Void

    /// Set once a profile was stored, because names and avatars feed the people table.
    private(set) var storedAny = false
    /// Account ids by login, so each profile is stored by primary key.
    private var accountIDs: [String: Int] = [:]

    init(api: APIClient, adapter: GitHubAdapter, connection: SQLiteConnection, logger: Logger, useGraphQL: Bool, write: @escaping (() throws -> Void) -> Void) {
        self.api = api
        self.adapter = adapter
        self.connection = connection
        self.logger = logger
        self.useGraphQL = useGraphQL
        self.write = write
    }

    /// Returns the GraphQL endpoint on the REST API's host: `/graphql` beside github.com's API root,
    /// and `/api/graphql` for a GitHub Enterprise base ending in `/api/v3`.
    static func graphQLURL(apiURL: URL) -> URL {
        var text = apiURL.absoluteString
        while text.hasSuffix("/") {
            text.removeLast()
        }
        if text.hasSuffix("/api/v3") {
            text.removeLast("/api/v3".count)
            return URL(string: text + "/api/graphql")!
        }
        return URL(string: text + "/graphql")!
    }

    /// Queues the requests for every stale profile on this forge host; returns how many logins are due.
    @discardableResult
    func start(maxAgeSeconds: Double) throws -> Int {
        let cutoff = Timestamp.string(Date().addingTimeInterval(-maxAgeSeconds))
        let due = try connection.query(
            """
            SELECT id, login FROM accounts
            WHERE forge = 'github' AND host = ? AND kind = 'user' AND login IS NOT NULL
              AND (profile_fetched_at IS NULL OR profile_fetched_at < ?)
            ORDER BY id
            """,
            [.text(adapter.host), .text(cutoff)]
        ) { (id: $0.int(0) ?? 0, login: $0.text(1) ?? "") }
        let logins = due.map(\.login)
        for account in due {
            accountIDs[account.login] = account.id
        }
        guard !logins.isEmpty else {
            return 0
        }
        logger.info("fetching \(logins.count) GitHub profiles", [("host", .string(adapter.host))])

        if useGraphQL {
            for start in stride(from: 0, to: logins.count, by: Self.batchSize) {
                requestBatch(Array(logins[start..<min(start + Self.batchSize, logins.count)]))
            }
        } else {
            for login in logins {
                requestUser(login)
            }
        }
        return logins.count
    }

    private func requestBatch(_ logins: [String]) {
        let fields = "databaseId login name bio company location websiteUrl avatarUrl"
        let selections = logins.enumerated().map { index, login in
            "u\(index): user(login: \(Self.graphQLString(login))) { \(fields) }"
        }
        let query = "query { " + selections.joined(separator: " ") + " }"
        let body = Data(("{\"query\":" + Self.jsonString(query) + "}").utf8)
        let url = Self.graphQLURL(apiURL: adapter.apiURL)
        var headers = adapter.headers
        headers.append(("Content-Type", "application/json"))
        let request = HTTPRequest(method: "POST", url: url, headers: headers, body: body)
        api.send(request, context: .source("GitHub profiles"), priority: .new) { [self] result in
            switch result {
            case .success(let response) where response.status == 200:
                guard let users = try? Self.decodeGraphQL(response.body) else {
                    logger.error("GitHub profiles: invalid GraphQL response", [("url", .string(url.absoluteString))])
                    return
                }
                var profiles: [String: Profile?] = [:]
                for (index, login) in logins.enumerated() {
                    // A user missing from `data`, or null there, no longer exists.
                    profiles[login] = users[index] ?? nil
                }
                store(profiles)
            case .success(let response):
                logger.error("GitHub profiles: HTTP \(response.status)", [("url", .string(url.absoluteString))])
            case .failure(let failure):
                logger.error("GitHub profiles failed: \(failure.message)", [("url", .string(failure.url.absoluteString))])
            }
        }
    }

    private func requestUser(_ login: String) {
        let url = adapter.url("/users/\(GitHubAdapter.escapePathSegment(login))")
        api.send(HTTPRequest(url: url, headers: adapter.headers), context: RequestContext(field: "login", value: login), priority: .new) { [self] result in
            switch result {
            case .success(let response) where response.status == 200:
                guard let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any] else {
                    logger.error("\(login): invalid JSON in profile", [("url", .string(url.absoluteString))])
                    return
                }
                store([login: Profile(
                    name: object["name"] as? String, bio: object["bio"] as? String, company: object["company"] as? String,
                    location: object["location"] as? String, blog: (object["blog"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                    avatarURL: object["avatar_url"] as? String
                )])
            case .success(let response) where response.status == 404:
                let gone: Profile? = nil
                store([login: gone])
            case .success(let response):
                logger.error("\(login): profile request returned HTTP \(response.status)", [("url", .string(url.absoluteString))])
            case .failure(let failure):
                logger.error("\(login): profile request failed: \(failure.message)", [("url", .string(failure.url.absoluteString))])
            }
        }
    }

    /// Stores profiles by login; a nil profile marks the login as gone.
    private func store(_ profiles: [String: Profile?]) {
        storedAny = storedAny || !profiles.isEmpty
        let now = Timestamp.string(Date())
        write {
            try connection.transaction {
                for (login, profile) in profiles {
                    guard let id = accountIDs[login] else {
                        continue
                    }
                    if let profile {
                        try connection.run(
                            """
                            UPDATE accounts SET name = ?, bio = ?, company = ?, location = ?, blog = ?,
                                avatar_url = COALESCE(?, avatar_url), profile_status = 'ok', profile_fetched_at = ?
                            WHERE id = ?
                            """,
                            [
                                SQLiteValue(profile.name), SQLiteValue(profile.bio), SQLiteValue(profile.company),
                                SQLiteValue(profile.location), SQLiteValue(profile.blog), SQLiteValue(profile.avatarURL),
                                .text(now), .int(Int64(id)),
                            ]
                        )
                    } else {
                        logger.warning("\(login): GitHub account no longer exists; kept as a former account", [("login", .string(login))])
                        try connection.run(
                            """
                            UPDATE accounts SET profile_status = 'gone', profile_fetched_at = ? WHERE id = ?
                            """,
                            [.text(now), .int(Int64(id))]
                        )
                    }
                }
            }
        }
    }

    /// Decodes the `data` object of a profiles response, whose members are the aliases `u0`, `u1`
    /// and so on, into profiles by alias number: nil for a null user. Throws when `data` is missing
    /// or not an object.
    static func decodeGraphQL(_ body: Data) throws -> [Int: Profile?] {
        try body.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            var users: [Int: Profile?]?
            try scanner.forEachMember { scanner, key in
                guard key.equals("data"), try !scanner.consumeNull() else {
                    try scanner.skipValue()
                    return
                }
                var found: [Int: Profile?] = [:]
                try scanner.forEachMember { scanner, alias in
                    guard alias.first == UInt8(ascii: "u"), let index = Int(String(decoding: alias.dropFirst(), as: UTF8.self)) else {
                        try scanner.skipValue()
                        return
                    }
                    found[index] = try scanner.consumeNull() ? .some(nil) : decodeUser(&scanner)
                }
                users = found
            }
            try scanner.expectEnd()
            guard let users else {
                throw scanner.fail("no data object in the GraphQL response")
            }
            return users
        }
    }

    private static func decodeUser(_ scanner: inout JSONScanner) throws -> Profile {
        var profile = Profile()
        try scanner.forEachMember { scanner, key in
            if key.equals("name") {
                profile.name = try scanner.optionalString()
            } else if key.equals("bio") {
                profile.bio = try scanner.optionalString()
            } else if key.equals("company") {
                profile.company = try scanner.optionalString()
            } else if key.equals("location") {
                profile.location = try scanner.optionalString()
            } else if key.equals("websiteUrl") {
                profile.blog = try scanner.optionalString()
            } else if key.equals("avatarUrl") {
                profile.avatarURL = try scanner.optionalString()
            } else {
                try scanner.skipValue()
            }
        }
        return profile
    }

    /// Quotes `value` as a JSON string: quotes, backslashes and control characters escaped. It works
    /// on UTF-8 bytes, because appending a batch query of thousands of characters one scalar at a
    /// time cost more than decoding the response. Bytes of multi-byte characters are all 0x80 or
    /// above, so they pass through unchanged.
    static func jsonString(_ value: String) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = [UInt8(ascii: "\"")]
        bytes.reserveCapacity(value.utf8.count + 16)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case ..<0x20:
                bytes.append(contentsOf: "\\u00".utf8)
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Quotes `value` as a GraphQL string literal, escaping quotes and backslashes. Logins contain
    /// neither, so they are only wrapped in quotes.
    static func graphQLString(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return "\"" + value + "\""
        }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
