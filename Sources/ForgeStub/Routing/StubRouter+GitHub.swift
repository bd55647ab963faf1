extension StubRouter {
    /// Path prefix of the GitHub Enterprise Server REST API. The same routes are also served at the root.
    static let enterprisePrefix = "/api/v3"

    func routeGitHub(_ context: RequestContext) -> StubResponse {
        var segments = context.target.segments
        var prefix = ""
        if segments.starts(with: ["api", "v3"]) {
            prefix = Self.enterprisePrefix
            segments.removeFirst(2)
        }

        if segments == ["graphql"] || prefix.isEmpty && segments == ["api", "graphql"] {
            return context.request.method == "POST" ? answerGraphQL(context) : gitHubNotFound()
        }
        guard context.isRead else {
            return gitHubNotFound()
        }

        switch (segments.count, segments.first) {
        case (3, "orgs") where segments[2] == "repos":
            return ownerRepositories(login: segments[1], requireOrganization: true, context)

        case (3, "users") where segments[2] == "repos":
            return ownerRepositories(login: segments[1], requireOrganization: false, context)

        case (2, "users"):
            return userProfile(login: segments[1], context)

        case (3, "repos"), (4, "repos"):
            guard let repository = context.index.repository(owner: segments[1], name: segments[2]) else {
                return renamedRepository(segments, prefix: prefix, context)
            }
            return repositoryRoute(repository, remainder: segments.dropFirst(3), prefix: prefix, context)

        case (2, "repositories"), (3, "repositories"):
            guard let id = Int(segments[1]), let repository = context.index.repositoriesByID[id] else {
                return gitHubNotFound()
            }
            return repositoryRoute(repository, remainder: segments.dropFirst(2), prefix: prefix, context)

        default:
            // A rename also redirects the routes below a repository that the stub does not serve.
            if segments.first == "repos", segments.count > 4 {
                return renamedRepository(segments, prefix: prefix, context)
            }
            return gitHubNotFound()
        }
    }

    func gitHubNotFound() -> StubResponse {
        StubResponse(status: 404, json: GitHubJSON.notFound())
    }

    private func repositoryRoute(
        _ repository: StubRepository,
        remainder: ArraySlice<String>,
        prefix: String,
        _ context: RequestContext
    ) -> StubResponse {
        switch Array(remainder) {
        case []:
            let page = cachedPage("gh:repository:\(repository.id)", context) {
                let owner = context.index.ownersByLogin[repository.owner.lowercased()]
                return RenderedPage(json: GitHubJSON.repository(repository, owner: owner))
            }
            return okResponse(page)

        case ["contributors"]:
            return contributors(of: repository, prefix: prefix, context)

        default:
            return gitHubNotFound()
        }
    }

    private func ownerRepositories(login: String, requireOrganization: Bool, _ context: RequestContext) -> StubResponse {
        let key = login.lowercased()
        guard let owner = context.index.ownersByLogin[key], owner.isOrganization || !requireOrganization else {
            return gitHubNotFound()
        }

        let repositories = context.index.repositoriesByOwner[key] ?? []
        let pagination = Pagination(target: context.target, defaultPerPage: 30, totalItems: repositories.count)
        let page = cachedPage("gh:repositories:\(key):\(pagination.page):\(pagination.perPage)", context) {
            let items = repositories[pagination.range].map { GitHubJSON.repository($0, owner: owner) }
            return RenderedPage(json: .array(items), totalItems: repositories.count)
        }

        let link = LinkHeader.gitHub(pagination, order: context.configuration.linkOrder) { number in
            context.baseURL + context.target.path + "?" + context.target.query(settingPage: number)
        }
        return okResponse(page, headers: link.map { [("Link", $0)] } ?? [])
    }

    /// Lists contributors, with anonymous entries only for `anon=1` or `anon=true`, as GitHub does.
    private func contributors(of repository: StubRepository, prefix: String, _ context: RequestContext) -> StubResponse {
        if repository.contributorsReply == .empty204 {
            return StubResponse(status: 204)
        }
        if let failure = GitHubJSON.contributorsError(repository.contributorsReply, repository: repository) {
            return StubResponse(status: failure.status, json: failure.body)
        }

        let includeAnonymous = context.target.queryFlag("anon")
        let total = includeAnonymous
            ? repository.contributors.count
            : repository.contributors.count { $0.login != nil }
        let pagination = Pagination(target: context.target, defaultPerPage: 30, totalItems: total)
        let key = "gh:contributors:\(repository.id):\(includeAnonymous):\(pagination.page):\(pagination.perPage)"
        let page = cachedPage(key, context) {
            let listed = includeAnonymous ? repository.contributors : repository.contributors.filter { $0.login != nil }
            return RenderedPage(json: .array(listed[pagination.range].map(GitHubJSON.contributor)), totalItems: total)
        }

        let listPath = switch context.configuration.contributorsLinkForm {
        case .repositoryID: "\(prefix)/repositories/\(repository.id)/contributors"
        case .ownerName: "\(prefix)/repos/\(repository.fullName)/contributors"
        }
        let link = LinkHeader.gitHub(pagination, order: context.configuration.linkOrder) { number in
            context.baseURL + listPath + "?" + context.target.query(settingPage: number)
        }
        return okResponse(page, headers: link.map { [("Link", $0)] } ?? [])
    }

    /// Redirects `/repos/OLD_OWNER/OLD_NAME/…` of a renamed repository to `/repositories/ID/…`, or returns 404.
    private func renamedRepository(_ segments: [String], prefix: String, _ context: RequestContext) -> StubResponse {
        guard segments.count >= 3, let id = context.index.renames["\(segments[1])/\(segments[2])".lowercased()] else {
            return gitHubNotFound()
        }

        var location = context.baseURL + prefix + "/repositories/\(id)"
        for segment in segments.dropFirst(3) {
            location += "/" + segment
        }
        if !context.target.rawQuery.isEmpty {
            location += "?" + context.target.rawQuery
        }
        return StubResponse(status: 301, json: GitHubJSON.movedPermanently(location: location), headers: [("Location", location)])
    }

    private func userProfile(login: String, _ context: RequestContext) -> StubResponse {
        guard let user = context.index.usersByLogin[login.lowercased()] else {
            return gitHubNotFound()
        }
        let page = cachedPage("gh:user:\(user.id)", context) {
            RenderedPage(json: GitHubJSON.user(user))
        }
        return okResponse(page)
    }
}
