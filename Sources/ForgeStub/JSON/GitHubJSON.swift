import Foundation

/// JSON bodies in the shapes the GitHub REST and GraphQL APIs return.
///
/// Fields the stub has no data for get fixed plausible values, so clients that decode them still work.
enum GitHubJSON {
    static let documentationURL = "https://docs.github.com/rest"
    static let contributorsDocumentationURL = "https://docs.github.com/rest/repos/repos#list-repository-contributors"

    static func notFound() -> JSONValue {
        .object([
            ("message", .string("Not Found")),
            ("documentation_url", .string(documentationURL)),
            ("status", .string("404")),
        ])
    }

    static func repository(_ repository: StubRepository, owner: StubOwner?) -> JSONValue {
        let apiURL = "https://api.github.com/repos/\(repository.fullName)"
        let starCount = repository.id % 997
        return .object([
            ("id", .int(repository.id)),
            ("node_id", .string(nodeID(kind: "010:Repository", id: repository.id))),
            ("name", .string(repository.name)),
            ("full_name", .string(repository.fullName)),
            ("private", .bool(false)),
            ("owner", account(login: repository.owner, owner: owner)),
            ("html_url", .string("https://github.com/\(repository.fullName)")),
            ("description", .string("Stub repository \(repository.fullName)")),
            ("fork", .bool(repository.isFork)),
            ("url", .string(apiURL)),
            ("contributors_url", .string(apiURL + "/contributors")),
            ("created_at", .string("2015-01-01T00:00:00Z")),
            ("updated_at", .string(repository.pushedAt)),
            ("pushed_at", .string(repository.pushedAt)),
            ("homepage", .null),
            ("size", .int(repository.contributors.count * 10)),
            ("stargazers_count", .int(starCount)),
            ("watchers_count", .int(starCount)),
            ("language", .string("Python")),
            ("forks_count", .int(starCount / 10)),
            ("archived", .bool(repository.isArchived)),
            ("disabled", .bool(false)),
            ("open_issues_count", .int(0)),
            ("license", .null),
            ("topics", .array([])),
            ("visibility", .string("public")),
            ("default_branch", .string("main")),
        ])
    }

    /// Returns the `owner` object of a repository. Owners missing from the world are treated as users.
    private static func account(login: String, owner: StubOwner?) -> JSONValue {
        let id = owner?.id ?? Int(FNV1a.hash64(login.utf8) % 100_000_000)
        let isOrganization = owner?.isOrganization ?? false
        return .object([
            ("login", .string(login)),
            ("id", .int(id)),
            ("node_id", .string(nodeID(kind: isOrganization ? "012:Organization" : "04:User", id: id))),
            ("avatar_url", .string(StubContributor.defaultAvatarURL(id: id))),
            ("html_url", .string("https://github.com/\(login)")),
            ("type", .string(isOrganization ? "Organization" : "User")),
            ("site_admin", .bool(false)),
        ])
    }

    static func contributor(_ contributor: StubContributor) -> JSONValue {
        guard let login = contributor.login else {
            var members: [(String, JSONValue)] = [
                ("email", .optional(contributor.email)),
                ("name", .optional(contributor.name)),
            ]
            if let type = contributor.type {
                members.append(("type", .string(type)))
            }
            members.append(("contributions", .int(contributor.contributions)))
            return .object(members)
        }

        let id = contributor.id ?? 0
        var members: [(String, JSONValue)] = [
            ("login", .string(login)),
            ("id", .int(id)),
            ("node_id", .string(nodeID(kind: contributor.type == "Bot" ? "03:Bot" : "04:User", id: id))),
            ("avatar_url", .optional(contributor.avatarURL)),
            ("gravatar_id", .string("")),
            ("url", .string("https://api.github.com/users/\(login)")),
            ("html_url", .string("https://github.com/\(login)")),
        ]
        if let type = contributor.type {
            members.append(("type", .string(type)))
        }
        members.append(("site_admin", .bool(false)))
        members.append(("contributions", .int(contributor.contributions)))
        return .object(members)
    }

    static func user(_ user: StubUser) -> JSONValue {
        .object([
            ("login", .string(user.login)),
            ("id", .int(user.id)),
            ("node_id", .string(nodeID(kind: user.type == "Bot" ? "03:Bot" : "04:User", id: user.id))),
            ("avatar_url", .optional(user.avatarURL)),
            ("gravatar_id", .string("")),
            ("url", .string("https://api.github.com/users/\(user.login)")),
            ("html_url", .string("https://github.com/\(user.login)")),
            ("type", .string(user.type)),
            ("site_admin", .bool(false)),
            ("name", .optional(user.name)),
            ("company", .optional(user.company)),
            // GitHub sends an empty string, not null, for a profile without a website.
            ("blog", .string(user.blog ?? "")),
            ("location", .optional(user.location)),
            ("email", .null),
            ("hireable", .null),
            ("bio", .optional(user.bio)),
            ("twitter_username", .null),
            ("public_repos", .int(0)),
            ("public_gists", .int(0)),
            ("followers", .int(0)),
            ("following", .int(0)),
            ("created_at", .string("2012-01-01T00:00:00Z")),
            ("updated_at", .string("2026-01-01T00:00:00Z")),
        ])
    }

    /// Returns the fields of a GraphQL `User` that the stub serves, whatever the query selects.
    static func graphQLUser(_ user: StubUser) -> JSONValue {
        .object([
            ("databaseId", .int(user.id)),
            ("login", .string(user.login)),
            ("name", .optional(user.name)),
            ("bio", .optional(user.bio)),
            ("company", .optional(user.company)),
            ("location", .optional(user.location)),
            ("websiteUrl", .optional(user.blog)),
            ("avatarUrl", .optional(user.avatarURL)),
        ])
    }

    /// Returns the status and error body of a contributors reply, or nil for `.list` and `.empty204`.
    static func contributorsError(_ reply: StubRepository.ContributorsReply, repository: StubRepository) -> (status: Int, body: JSONValue)? {
        switch reply {
        case .list, .empty204:
            return nil

        case .tooLarge:
            let message = "The history or contributor list is too large to list contributors for this repository via the API."
            return (403, .object([
                ("message", .string(message)),
                ("documentation_url", .string(contributorsDocumentationURL)),
                ("status", .string("403")),
            ]))

        case .notFound:
            return (404, notFound())

        case .unavailableForLegalReasons:
            return (451, .object([
                ("message", .string("Repository access blocked")),
                ("block", .object([
                    ("reason", .string("dmca")),
                    ("created_at", .string("2025-06-01T00:00:00Z")),
                    ("html_url", .string("https://github.com/github/dmca/blob/master/2025/06/2025-06-01-\(repository.name).md")),
                ])),
            ]))

        case .accessBlocked:
            return (403, .object([
                ("message", .string("Repository access blocked")),
                ("block", .object([
                    ("reason", .string("tos")),
                    ("created_at", .string("2025-06-01T00:00:00Z")),
                    ("html_url", .string("https://github.com/tos")),
                ])),
            ]))
        }
    }

    static func movedPermanently(location: String) -> JSONValue {
        .object([
            ("message", .string("Moved Permanently")),
            ("url", .string(location)),
            ("documentation_url", .string("https://docs.github.com/rest/guides/best-practices-for-using-the-rest-api#follow-redirects")),
        ])
    }

    /// Returns a global node id in GitHub's legacy form, the Base64 of a string such as `04:User583231`.
    private static func nodeID(kind: String, id: Int) -> String {
        Data("\(kind)\(id)".utf8).base64EncodedString()
    }
}
