extension StubRouter {
    /// Routes under `/api/v4`, where a group or project segment is a numeric id or a percent-encoded full path.
    func routeGitLab(_ context: RequestContext) -> StubResponse {
        let segments = Array(context.target.segments.dropFirst(2))
        guard context.isRead else {
            return StubResponse(status: 404, json: GitLabJSON.unknownRoute())
        }

        switch (segments.count, segments.first) {
        case (2, "groups"):
            guard let group = context.index.gitLabGroup(segments[1]) else {
                return StubResponse(status: 404, json: GitLabJSON.notFound("Group"))
            }
            let page = cachedPage("gl:group:\(group.id)", context) {
                RenderedPage(json: GitLabJSON.group(group, parent: parentGroup(of: group, context)))
            }
            return okResponse(page)

        case (3, "groups") where segments[2] == "projects":
            guard let group = context.index.gitLabGroup(segments[1]) else {
                return StubResponse(status: 404, json: GitLabJSON.notFound("Group"))
            }
            return groupProjects(group, context)

        case (2, "projects"):
            guard let project = context.index.gitLabProject(segments[1]) else {
                return StubResponse(status: 404, json: GitLabJSON.notFound("Project"))
            }
            let page = cachedPage("gl:project:\(project.id)", context) {
                RenderedPage(json: projectJSON(project, context))
            }
            return okResponse(page)

        case (4, "projects") where segments[2] == "repository" && segments[3] == "contributors":
            guard let project = context.index.gitLabProject(segments[1]) else {
                return StubResponse(status: 404, json: GitLabJSON.notFound("Project"))
            }
            return projectContributors(project, context)

        default:
            return StubResponse(status: 404, json: GitLabJSON.unknownRoute())
        }
    }

    private func groupProjects(_ group: StubGitLabGroup, _ context: RequestContext) -> StubResponse {
        let includeSubgroups = context.target.queryFlag("include_subgroups")
        let projects = context.index.gitLabProjects(in: group, includeSubgroups: includeSubgroups)
        let pagination = Pagination(target: context.target, defaultPerPage: 20, totalItems: projects.count)
        let key = "gl:group-projects:\(group.id):\(includeSubgroups):\(pagination.page):\(pagination.perPage)"
        let page = cachedPage(key, context) {
            let items = projects[pagination.range].map { projectJSON($0, context) }
            return RenderedPage(json: .array(items), totalItems: projects.count)
        }
        return okResponse(page, headers: gitLabPaginationHeaders(pagination, context))
    }

    /// Lists contributors in stored order. An empty repository has none.
    private func projectContributors(_ project: StubGitLabProject, _ context: RequestContext) -> StubResponse {
        let contributors = project.isEmpty ? [] : project.contributors
        let pagination = Pagination(target: context.target, defaultPerPage: 20, totalItems: contributors.count)
        let page = cachedPage("gl:contributors:\(project.id):\(pagination.page):\(pagination.perPage)", context) {
            let items = contributors[pagination.range].map(GitLabJSON.contributor)
            return RenderedPage(json: .array(items), totalItems: contributors.count)
        }
        return okResponse(page, headers: gitLabPaginationHeaders(pagination, context))
    }

    /// Returns `X-Page`, `X-Per-Page`, `X-Next-Page` and `X-Prev-Page` (empty at the ends), the totals when enabled, and `Link`.
    private func gitLabPaginationHeaders(_ pagination: Pagination, _ context: RequestContext) -> [(String, String)] {
        let includeTotals = context.configuration.gitLabTotals
        var headers: [(String, String)] = [
            ("X-Page", String(pagination.page)),
            ("X-Per-Page", String(pagination.perPage)),
            ("X-Next-Page", pagination.hasNextPage ? String(pagination.page + 1) : ""),
            ("X-Prev-Page", pagination.page > 1 ? String(pagination.page - 1) : ""),
        ]
        if includeTotals {
            headers.append(("X-Total", String(pagination.totalItems)))
            headers.append(("X-Total-Pages", String(pagination.lastPage)))
        }

        let link = LinkHeader.gitLab(pagination, includeLast: includeTotals) { number in
            context.baseURL + context.target.path + "?" + context.target.query(settingPage: number)
        }
        headers.append(("Link", link))
        return headers
    }

    private func projectJSON(_ project: StubGitLabProject, _ context: RequestContext) -> JSONValue {
        let namespace = context.index.gitLabGroupsByPath[WorldIndex.namespace(of: project).lowercased()]
        return GitLabJSON.project(project, namespace: namespace)
    }

    private func parentGroup(of group: StubGitLabGroup, _ context: RequestContext) -> StubGitLabGroup? {
        guard let slash = group.fullPath.lastIndex(of: "/") else {
            return nil
        }
        return context.index.gitLabGroupsByPath[group.fullPath[..<slash].lowercased()]
    }
}
