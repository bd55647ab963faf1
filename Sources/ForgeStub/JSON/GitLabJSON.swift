/// JSON bodies in the shapes the GitLab REST API (v4) returns.
enum GitLabJSON {
    static func notFound(_ what: String) -> JSONValue {
        .object([("message", .string("404 \(what) Not Found"))])
    }

    /// Returns the body GitLab sends for a route it does not have.
    static func unknownRoute() -> JSONValue {
        .object([("error", .string("404 Not Found"))])
    }

    static func group(_ group: StubGitLabGroup, parent: StubGitLabGroup?) -> JSONValue {
        .object([
            ("id", .int(group.id)),
            ("web_url", .string("https://gitlab.com/groups/\(group.fullPath)")),
            ("name", .string(group.name)),
            ("path", .string(lastComponent(group.fullPath))),
            ("description", .string("")),
            ("visibility", .string("public")),
            ("full_name", .string(group.name)),
            ("full_path", .string(group.fullPath)),
            ("parent_id", .optional(parent?.id)),
        ])
    }

    static func project(_ project: StubGitLabProject, namespace: StubGitLabGroup?) -> JSONValue {
        let path = lastComponent(project.pathWithNamespace)
        let namespacePath = WorldIndex.namespace(of: project)
        let webURL = "https://gitlab.com/\(project.pathWithNamespace)"

        var members: [(String, JSONValue)] = [
            ("id", .int(project.id)),
            ("description", .null),
            ("name", .string(path)),
            ("name_with_namespace", .string(project.pathWithNamespace.split(separator: "/").joined(separator: " / "))),
            ("path", .string(path)),
            ("path_with_namespace", .string(project.pathWithNamespace)),
            ("created_at", .string("2016-01-01T00:00:00.000Z")),
            ("default_branch", project.isEmpty ? .null : .string("main")),
            ("web_url", .string(webURL)),
            ("http_url_to_repo", .string(webURL + ".git")),
            ("ssh_url_to_repo", .string("git@gitlab.com:\(project.pathWithNamespace).git")),
            ("last_activity_at", .string(project.lastActivityAt)),
            ("namespace", .object([
                ("id", .int(namespace?.id ?? 0)),
                ("name", .string(namespace?.name ?? lastComponent(namespacePath))),
                ("path", .string(lastComponent(namespacePath))),
                ("kind", .string(namespace == nil ? "user" : "group")),
                ("full_path", .string(namespacePath)),
                ("web_url", .string("https://gitlab.com/groups/\(namespacePath)")),
            ])),
            ("archived", .bool(project.isArchived)),
            ("empty_repo", .bool(project.isEmpty)),
            ("visibility", .string("public")),
            ("star_count", .int(0)),
            ("forks_count", .int(0)),
            ("import_url", .optional(project.importURL)),
            ("mirror", .bool(false)),
        ]
        if project.isFork {
            let upstreamPath = "upstream/\(path)"
            members.append(("forked_from_project", .object([
                ("id", .int(project.id + 1_000_000)),
                ("name", .string(path)),
                ("path", .string(path)),
                ("path_with_namespace", .string(upstreamPath)),
                ("web_url", .string("https://gitlab.com/\(upstreamPath)")),
            ])))
        }
        return .object(members)
    }

    static func contributor(_ contributor: StubGitLabContributor) -> JSONValue {
        .object([
            ("name", .string(contributor.name)),
            ("email", .string(contributor.email)),
            ("commits", .int(contributor.commits)),
            ("additions", .int(0)),
            ("deletions", .int(0)),
        ])
    }

    private static func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
