import Foundation

/// The fields of GitHub's repository object that the database needs; the rest is not decoded.
struct GitHubRepositoryJSON: Decodable {
    struct Owner: Decodable {
        var login: String
    }

    var id: Int
    var name: String
    var full_name: String
    var html_url: String?
    var fork: Bool?
    var archived: Bool?
    var pushed_at: String?
    var owner: Owner?
}

/// One entry of `GET /repos/OWNER/REPO/contributors?anon=1`: a user or bot, or with `anon=1` an
/// anonymous entry that has a commit name and e-mail instead of a login.
struct GitHubContributorJSON {
    var login: String?
    var id: Int?
    var type: String?
    var avatar_url: String?
    var html_url: String?
    var name: String?
    var email: String?
    var contributions: Int

    init(contributions: Int) {
        self.contributions = contributions
    }

    var record: ContributorRecord {
        let kind: AccountKind
        if login == nil || id == nil || type == "Anonymous" {
            kind = .anonymous
        } else if type == "Bot" || (type == nil && login?.hasSuffix("[bot]") == true) {
            kind = .bot
        } else {
            kind = .user
        }

        if kind == .anonymous {
            // NOTE: GitHub's anonymous entries carry an e-mail address. An entry without one is keyed by
            // the hash of the empty string, so all such entries on a host share one account.
            return ContributorRecord(
                forgeID: nil, login: nil, name: name, kind: .anonymous, avatarURL: nil, htmlURL: nil,
                email: email ?? "", commits: contributions
            )
        }
        return ContributorRecord(
            forgeID: id, login: login, name: nil, kind: kind, avatarURL: avatar_url, htmlURL: html_url,
            email: nil, commits: contributions
        )
    }
}

enum GitHubJSON {
    static func decodeRepositories(_ data: Data) throws -> [GitHubRepositoryJSON] {
        try JSONDecoder().decode([GitHubRepositoryJSON].self, from: data)
    }

    /// Decodes a contributors page with `JSONScanner`, reading only the fields the database stores.
    static func decodeContributors(_ data: Data) throws -> [ContributorRecord] {
        try JSONScanner.decodeArray(data) { scanner, index in
            var entry = GitHubContributorJSON(contributions: -1)
            try scanner.forEachMember { scanner, key in
                if key.equals("login") {
                    entry.login = try scanner.optionalString()
                } else if key.equals("id") {
                    entry.id = try scanner.optionalInteger()
                } else if key.equals("type") {
                    entry.type = try scanner.optionalString()
                } else if key.equals("avatar_url") {
                    entry.avatar_url = try scanner.optionalString()
                } else if key.equals("html_url") {
                    entry.html_url = try scanner.optionalString()
                } else if key.equals("name") {
                    entry.name = try scanner.optionalString()
                } else if key.equals("email") {
                    entry.email = try scanner.optionalString()
                } else if key.equals("contributions") {
                    entry.contributions = try scanner.integer()
                } else {
                    try scanner.skipValue()
                }
            }
            guard entry.contributions >= 0 else {
                throw scanner.fail("missing or negative contributions in entry \(index)")
            }
            return entry.record
        }
    }
}
