import Foundation

/// Marks GitLab projects that mirror a GitHub repository (`repositories.mirror_of`), so the
/// `contributors` view counts each person's commits in the pair once.
///
/// A pair comes from a `--mirror GITLAB_PATH=OWNER/REPO` option, or from a GitLab project whose
/// `import_url` names a GitHub repository that the database also holds.
struct MirrorLinker {
    let connection: SQLiteConnection
    let explicitPairs: [(gitLabPath: String, gitHubFullName: String)]

    /// Sets `mirror_of` where it differs. Returns whether anything was written.
    @discardableResult
    func link() throws -> Bool {
        var changed = false
        let repositories = try connection.query(
            "SELECT id, forge, html_url, full_name, mirror_url, mirror_of FROM repositories"
        ) { row in
            (id: row.int(0) ?? 0, forge: row.text(1) ?? "", htmlURL: row.text(2), fullName: row.text(3) ?? "",
             mirrorURL: row.text(4), mirrorOf: row.int(5))
        }

        // GitHub repositories by their web address, which is what `import_url` names, and by full name
        // for `--mirror`.
        var gitHubByKey: [String: Int] = [:]
        for repository in repositories where repository.forge == Forge.github.rawValue {
            if let htmlURL = repository.htmlURL, let parsed = Self.parse(htmlURL) {
                gitHubByKey[Self.key(host: parsed.host, fullName: parsed.fullName)] = repository.id
            }
            gitHubByKey[Self.key(host: "", fullName: repository.fullName)] = repository.id
        }
        var explicit: [String: String] = [:]
        for pair in explicitPairs {
            explicit[pair.gitLabPath.lowercased()] = pair.gitHubFullName
        }

        try connection.transaction {
            for repository in repositories where repository.forge == Forge.gitlab.rawValue {
                var target: Int?
                if let fullName = explicit[repository.fullName.lowercased()] {
                    target = gitHubByKey[Self.key(host: "", fullName: fullName)]
                } else if let url = repository.mirrorURL, let parsed = Self.parse(url) {
                    target = gitHubByKey[Self.key(host: parsed.host, fullName: parsed.fullName)]
                }
                if target != repository.mirrorOf {
                    changed = true
                    try connection.run(
                        "UPDATE repositories SET mirror_of = ? WHERE id = ?",
                        [SQLiteValue(target), .int(Int64(repository.id))]
                    )
                }
            }
        }
        return changed
    }

    private static func key(host: String, fullName: String) -> String {
        "\(host.lowercased())/\(fullName.lowercased())"
    }

    /// Reads the host and `owner/repo` from a clone URL such as `https://github.com/owner/repo.git`.
    static func parse(_ url: String) -> (host: String, fullName: String)? {
        guard let components = URLComponents(string: url), let host = components.host else {
            return nil
        }
        var path = components.path
        if path.hasSuffix(".git") {
            path.removeLast(4)
        }
        let parts = path.split(separator: "/")
        guard parts.count == 2 else {
            return nil
        }
        return (host, "\(parts[0])/\(parts[1])")
    }
}
