import Foundation

/// The fields of GitLab's group object that the listing needs.
struct GitLabGroupJSON: Decodable {
    var id: Int
    var full_path: String?
}

/// The fields of GitLab's project object that the database needs.
struct GitLabProjectJSON: Decodable {
    /// Only the presence of `forked_from_project` matters: it marks a fork.
    struct ForkParent: Decodable {
        var id: Int?
    }

    var id: Int
    var path_with_namespace: String
    var web_url: String?
    var archived: Bool?
    var empty_repo: Bool?
    var last_activity_at: String?
    var import_url: String?
    var forked_from_project: ForkParent?
}

/// One entry of `GET /projects/ID/repository/contributors`: GitLab groups commits by commit name and
/// e-mail and returns no username or user id.
struct GitLabContributorJSON {
    var name: String?
    var email: String?
    var commits: Int

    var record: ContributorRecord {
        ContributorRecord(
            forgeID: nil, login: nil, name: name, kind: .anonymous, avatarURL: nil, htmlURL: nil,
            email: email ?? "", commits: commits
        )
    }
}

enum GitLabJSON {
    static func decodeProjects(_ data: Data) throws -> [GitLabProjectJSON] {
        try JSONDecoder().decode([GitLabProjectJSON].self, from: data)
    }

    /// Decodes a contributors page with `JSONScanner`, reading only the fields the database stores.
    static func decodeContributors(_ data: Data) throws -> [ContributorRecord] {
        try JSONScanner.decodeArray(data) { scanner, index in
            var entry = GitLabContributorJSON(name: nil, email: nil, commits: -1)
            try scanner.forEachMember { scanner, key in
                if key.equals("name") {
                    entry.name = try scanner.optionalString()
                } else if key.equals("email") {
                    entry.email = try scanner.optionalString()
                } else if key.equals("commits") {
                    entry.commits = try scanner.integer()
                } else {
                    try scanner.skipValue()
                }
            }
            guard entry.commits >= 0 else {
                throw scanner.fail("missing or negative commits in entry \(index)")
            }
            return entry.record
        }
    }
}
