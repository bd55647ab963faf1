/// Lookup tables over one version of a ``StubWorld``, rebuilt after every change.
///
/// GitHub logins and names and GitLab paths match case-insensitively, as on the real services,
/// so the keys are lowercased.
final class WorldIndex: Sendable {
    let repositoriesByID: [Int: StubRepository]
    let repositoryIDsByFullName: [String: Int]

    /// Repositories of each owner login, ordered by id.
    let repositoriesByOwner: [String: [StubRepository]]

    let ownersByLogin: [String: StubOwner]
    let usersByLogin: [String: StubUser]
    let renames: [String: Int]
    let gitLabGroupsByID: [Int: StubGitLabGroup]
    let gitLabGroupsByPath: [String: StubGitLabGroup]
    let gitLabProjectsByID: [Int: StubGitLabProject]
    let gitLabProjectsByPath: [String: StubGitLabProject]

    /// GitLab projects ordered by id.
    let gitLabProjects: [StubGitLabProject]

    init(_ world: StubWorld) {
        // The first entry wins when a world lists the same id or name twice.
        repositoriesByID = Dictionary(world.repositories.map { ($0.id, $0) }) { first, _ in first }
        repositoryIDsByFullName = Dictionary(world.repositories.map { ($0.fullName.lowercased(), $0.id) }) { first, _ in first }
        repositoriesByOwner = Dictionary(grouping: world.repositories) { $0.owner.lowercased() }
            .mapValues { $0.sorted { $0.id < $1.id } }
        ownersByLogin = Dictionary(world.owners.map { ($0.login.lowercased(), $0) }) { first, _ in first }
        usersByLogin = Dictionary(world.users.map { ($0.login.lowercased(), $0) }) { first, _ in first }
        renames = Dictionary(world.renames.map { ($0.key.lowercased(), $0.value) }) { first, _ in first }
        gitLabGroupsByID = Dictionary(world.gitLabGroups.map { ($0.id, $0) }) { first, _ in first }
        gitLabGroupsByPath = Dictionary(world.gitLabGroups.map { ($0.fullPath.lowercased(), $0) }) { first, _ in first }
        gitLabProjectsByID = Dictionary(world.gitLabProjects.map { ($0.id, $0) }) { first, _ in first }
        gitLabProjectsByPath = Dictionary(world.gitLabProjects.map { ($0.pathWithNamespace.lowercased(), $0) }) { first, _ in first }
        gitLabProjects = world.gitLabProjects.sorted { $0.id < $1.id }
    }

    func repository(owner: String, name: String) -> StubRepository? {
        repositoryIDsByFullName["\(owner)/\(name)".lowercased()].flatMap { repositoriesByID[$0] }
    }

    /// Finds a GitLab group by numeric id or by full path.
    func gitLabGroup(_ idOrPath: String) -> StubGitLabGroup? {
        if let id = Int(idOrPath) {
            return gitLabGroupsByID[id]
        }
        return gitLabGroupsByPath[idOrPath.lowercased()]
    }

    /// Finds a GitLab project by numeric id or by path with namespace.
    func gitLabProject(_ idOrPath: String) -> StubGitLabProject? {
        if let id = Int(idOrPath) {
            return gitLabProjectsByID[id]
        }
        return gitLabProjectsByPath[idOrPath.lowercased()]
    }

    /// Returns the projects directly in `group`, and with `includeSubgroups` those of its subgroups, ordered by id.
    func gitLabProjects(in group: StubGitLabGroup, includeSubgroups: Bool) -> [StubGitLabProject] {
        let groupPath = group.fullPath.lowercased()
        return gitLabProjects.filter { project in
            let namespace = Self.namespace(of: project).lowercased()
            return namespace == groupPath || includeSubgroups && namespace.hasPrefix(groupPath + "/")
        }
    }

    /// Returns the group part of `group/sub/project`.
    static func namespace(of project: StubGitLabProject) -> String {
        guard let slash = project.pathWithNamespace.lastIndex(of: "/") else {
            return ""
        }
        return String(project.pathWithNamespace[..<slash])
    }
}
