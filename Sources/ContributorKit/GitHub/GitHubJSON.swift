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
    /// The `type` field, read without making a `String`: only these values change the account kind.
    enum EntryType {
        case missing
        case anonymous
        case bot
        case other
    }

    var login: String?
    var id: Int?
    var type = EntryType.missing
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
        if login == nil || id == nil || type == .anonymous {
            kind = .anonymous
        } else if type == .bot || (type == .missing && login?.hasSuffix("[bot]") == true) {
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

/// The strings of each account decoded in this run, by GitHub id. One account appears on many
/// repositories' pages, usually with the same login and URLs: the decoder compares the page's bytes
/// with these strings and reuses them, instead of allocating new strings for every entry. Reused
/// strings also make the store's comparisons with its cached values cheap.
///
/// Not thread-safe, because the transfer loop decodes pages one at a time.
final class GitHubAccountStrings {
    fileprivate struct Entry: Equatable {
        var login: String?
        var avatarURL: String?
        var htmlURL: String?
    }

    fileprivate var byID: [Int: Entry] = [:]

    init() {}
}

enum GitHubJSON {
    static func decodeRepositories(_ data: Data) throws -> [GitHubRepositoryJSON] {
        try JSONDecoder().decode([GitHubRepositoryJSON].self, from: data)
    }

    /// Decodes a contributors page with `JSONScanner`, reading only the fields the database stores.
    /// With `strings`, a user's login and URLs are reused from an earlier page when unchanged.
    static func decodeContributors(_ data: Data, strings: GitHubAccountStrings? = nil) throws -> [ContributorRecord] {
        try JSONScanner.decodeArray(data) { scanner, index in
            var entry = GitHubContributorJSON(contributions: -1)
            var login: JSONScanner.RawString?
            var avatarURL: JSONScanner.RawString?
            var htmlURL: JSONScanner.RawString?
            // Keys are matched by length first, because most keys of an entry are skipped, and a
            // skipped key then costs one comparison instead of one per wanted name.
            try scanner.forEachMember { scanner, key in
                switch key.count {
                case 2 where key.equals("id"):
                    entry.id = try scanner.optionalInteger()
                case 4 where key.equals("type"):
                    entry.type = try scanner.optionalStringBytes { value in
                        value.equals("Anonymous") ? .anonymous : value.equals("Bot") ? .bot : .other
                    } ?? .missing
                case 4 where key.equals("name"):
                    entry.name = try scanner.optionalString()
                case 5 where key.equals("login"):
                    login = try scanner.optionalRawString()
                case 5 where key.equals("email"):
                    entry.email = try scanner.optionalString()
                case 8 where key.equals("html_url"):
                    htmlURL = try scanner.optionalRawString()
                case 10 where key.equals("avatar_url"):
                    avatarURL = try scanner.optionalRawString()
                case 13 where key.equals("contributions"):
                    entry.contributions = try scanner.integer()
                default:
                    try scanner.skipValue()
                }
            }
            guard entry.contributions >= 0 else {
                throw scanner.fail("missing or negative contributions in entry \(index)")
            }

            // Each string is taken from the earlier entry of the same id when its bytes are equal.
            let cached = entry.id.flatMap { strings?.byID[$0] }
            func string(_ raw: JSONScanner.RawString?, _ previous: String?) throws -> String? {
                guard let raw else {
                    return nil
                }
                return scanner.raw(raw, equals: previous) ? previous : try scanner.string(raw)
            }
            entry.login = try string(login, cached?.login)
            entry.avatar_url = try string(avatarURL, cached?.avatarURL)
            entry.html_url = try string(htmlURL, cached?.htmlURL)
            if let strings, let id = entry.id {
                let current = GitHubAccountStrings.Entry(login: entry.login, avatarURL: entry.avatar_url, htmlURL: entry.html_url)
                if cached != current {
                    strings.byID[id] = current
                }
            }
            return entry.record
        }
    }
}
