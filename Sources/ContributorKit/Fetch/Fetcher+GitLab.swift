import Foundation

extension Fetcher {
    /// Asks GitLab whether `path` is a group or a project: `GET /groups/PATH`, and on 404 `GET /projects/PATH`.
    func resolveGitLabPath(_ path: String, state: SourceState) {
        guard let adapter = state.adapter as? GitLabAdapter else {
            return
        }
        let groupURL = adapter.url("/groups/\(GitLabAdapter.encodePath(path))")
        let subject = "lookup of GitLab group \(path)"
        let decodeID: (Data) -> Int? = { try? JSONDecoder().decode(GitLabGroupJSON.self, from: $0).id }
        lookUp(groupURL, state: state, id: decodeID) { [self] outcome in
            switch outcome {
            case .fresh(let response):
                do {
                    let group = try JSONDecoder().decode(GitLabGroupJSON.self, from: response.body)
                    listGitLabGroup(group.id, path: path, state: state)
                } catch {
                    listingFailed(state, APIFailure(url: response.url, message: "invalid JSON: \(PagedFetch<ContributorRecord>.describe(error))"), subject: subject)
                }
            case .notModified(let id):
                listGitLabGroup(id, path: path, state: state)
            case .status(let response) where response.status == 404:
                lookUpGitLabProject(path, state: state)
            case .status(let response):
                listingFailed(state, APIFailure(url: response.url, message: "HTTP \(response.status)"), subject: subject)
            case .failed(let failure):
                listingFailed(state, failure, subject: subject)
            }
        }
    }

    private func listGitLabGroup(_ id: Int, path: String, state: SourceState) {
        guard let adapter = state.adapter as? GitLabAdapter else {
            return
        }
        let url = adapter.url(
            "/groups/\(id)/projects",
            query: [("include_subgroups", "true"), ("with_shared", "false"), ("per_page", "100")]
        )
        let subject = "listing of GitLab group \(path)"
        list(url, state: state, subject: subject, decode: GitLabJSON.decodeProjects, record: adapter.record) { [self] response in
            listingFailed(state, APIFailure(url: response.url, message: "HTTP \(response.status)"), subject: subject)
        }
    }

    private func lookUpGitLabProject(_ path: String, state: SourceState, conditional: Bool = true) {
        guard let adapter = state.adapter as? GitLabAdapter else {
            return
        }
        let url = adapter.url("/projects/\(GitLabAdapter.encodePath(path))")
        let subject = "lookup of GitLab project \(path)"
        let decodeID: (Data) -> Int? = { try? JSONDecoder().decode(GitLabProjectJSON.self, from: $0).id }
        lookUp(url, state: state, conditional: conditional, id: decodeID) { [self] outcome in
            switch outcome {
            case .fresh(let response):
                do {
                    let project = try JSONDecoder().decode(GitLabProjectJSON.self, from: response.body)
                    state.listingComplete = true
                    consider(adapter.record(project), state: state, explicit: true)
                } catch {
                    listingFailed(state, APIFailure(url: response.url, message: "invalid JSON: \(PagedFetch<ContributorRecord>.describe(error))"), subject: subject)
                }
            case .notModified(let id):
                considerStored(forgeID: id, state: state) {
                    lookUpGitLabProject(path, state: state, conditional: false)
                }
            case .status(let response):
                let message = response.status == 404
                    ? "no GitLab group or project named \(path) (HTTP 404); check the --gitlab value and the token's access"
                    : "HTTP \(response.status)"
                listingFailed(state, APIFailure(url: response.url, message: message), subject: subject)
            case .failed(let failure):
                listingFailed(state, failure, subject: subject)
            }
        }
    }
}
