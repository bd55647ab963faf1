import Foundation

extension Fetcher {
    /// Pages through a repository listing, starting each repository's fetch as its page arrives.
    /// A 304 for a page rebuilds its repositories from the stored rows; when a row is missing the page
    /// is requested again without validators.
    func list<JSON>(
        _ url: URL,
        state: SourceState,
        what: String,
        decode: @escaping (Data) throws -> [JSON],
        record: @escaping (JSON) -> RepositoryRecord,
        onStatus: @escaping (HTTPResponse) -> Void,
        conditional: Bool = true
    ) {
        let paged = PagedFetch<JSON>(
            api: api,
            cache: { [store] url in (try? store?.cachedPage(url)) ?? nil },
            headers: state.adapter.headers,
            context: .source(state.spec.description),
            conditional: conditional,
            priority: .continuation,
            decode: decode
        ) { [self] outcome in
            switch outcome {
            case .completed(let pages):
                state.listingComplete = state.listingFailure == nil
                logger.debug("\(what): listing complete, \(pages.count) pages", [("source", .string(state.spec.description))])
            case .status(let response):
                onStatus(response)
            case .failed(let failure):
                listingFailed(state, failure, what: what)
            }
        }
        paged.onPage = { [self] page in
            switch page {
            case .fresh(_, let items, var cache):
                let records = items.map(record)
                cache.itemIDs = ListingItem.encode(records.map { ListingItem(forgeID: $0.forgeID, isFork: $0.isFork, isArchived: $0.isArchived) })
                state.listingPages.append(cache)
                for record in records {
                    consider(record, state: state)
                }
            case .notModified(_, let cache):
                if let records = storedRecords(cache, state: state) {
                    state.listingPages.append(cache)
                    for record in records {
                        consider(record, state: state)
                    }
                } else {
                    relist(page: cache.url, state: state, what: what, decode: decode, record: record)
                }
            }
        }
        paged.start(url)
    }

    /// Rebuilds the repositories of a listing page that returned 304, or returns nil when one cannot be rebuilt.
    private func storedRecords(_ cache: CachedPage, state: SourceState) -> [RepositoryRecord]? {
        guard let store, let text = cache.itemIDs, let items = ListingItem.decode(text) else {
            return nil
        }
        var records: [RepositoryRecord] = []
        for item in items {
            let filtered = (item.isFork && !options.includeForks) || (item.isArchived && options.excludeArchived)
            if filtered {
                continue
            }
            guard let stored = try? store.storedRepository(forge: state.adapter.forge, host: state.adapter.host, forgeID: item.forgeID) else {
                return nil
            }
            guard let record = state.adapter.record(stored: stored, forgeID: item.forgeID) else {
                return nil
            }
            records.append(record)
        }
        return records
    }

    /// Requests one listing page again without validators, after a 304 that could not be used.
    private func relist<JSON>(page: String, state: SourceState, what: String, decode: @escaping (Data) throws -> [JSON], record: @escaping (JSON) -> RepositoryRecord) {
        guard let url = URL(string: page) else {
            return
        }
        api.send(HTTPRequest(url: url, headers: state.adapter.headers), context: .source(state.spec.description)) { [self] result in
            switch result {
            case .success(let response) where response.status == 200:
                do {
                    let records = try decode(response.body).map(record)
                    var cache = CachedPage(url: page, etag: response.headers["ETag"], lastModified: response.headers["Last-Modified"])
                    cache.itemIDs = ListingItem.encode(records.map { ListingItem(forgeID: $0.forgeID, isFork: $0.isFork, isArchived: $0.isArchived) })
                    state.listingPages.append(cache)
                    for record in records {
                        consider(record, state: state)
                    }
                } catch {
                    listingFailed(state, APIFailure(url: url, message: "invalid JSON: \(PagedFetch<JSON>.describe(error))"), what: what)
                }
            case .success(let response):
                listingFailed(state, APIFailure(url: url, message: "HTTP \(response.status)"), what: what)
            case .failure(let failure):
                listingFailed(state, failure, what: what)
            }
        }
    }

    // MARK: GitHub

    func listGitHubOwner(_ owner: String, state: SourceState) {
        guard let adapter = state.adapter as? GitHubAdapter else {
            return
        }
        let escaped = GitHubAdapter.escapePathSegment(owner)
        let organisationURL = adapter.url("/orgs/\(escaped)/repos", query: [("per_page", "100")])
        list(
            organisationURL, state: state, what: "listing of GitHub organisation \(owner)",
            decode: GitHubJSON.decodeRepositories, record: adapter.record
        ) { [self] response in
            guard response.status == 404 else {
                listingFailed(state, APIFailure(url: response.url, message: "HTTP \(response.status)"), what: "listing of GitHub organisation \(owner)")
                return
            }
            // Not an organisation: list the user's own repositories instead.
            let userURL = adapter.url("/users/\(escaped)/repos", query: [("per_page", "100")])
            list(
                userURL, state: state, what: "listing of GitHub user \(owner)",
                decode: GitHubJSON.decodeRepositories, record: adapter.record
            ) { [self] response in
                let message = response.status == 404
                    ? "no GitHub organisation or user named \(owner) (HTTP 404); check the --github value"
                    : "HTTP \(response.status)"
                listingFailed(state, APIFailure(url: response.url, message: message), what: "listing of GitHub user \(owner)")
            }
        }
    }

    func lookUpGitHubRepository(_ fullName: String, state: SourceState) {
        guard let adapter = state.adapter as? GitHubAdapter else {
            return
        }
        let path = fullName.split(separator: "/", maxSplits: 1).map { GitHubAdapter.escapePathSegment(String($0)) }.joined(separator: "/")
        let url = adapter.url("/repos/\(path)")
        let what = "lookup of GitHub repository \(fullName)"
        api.send(HTTPRequest(url: url, headers: adapter.headers), context: .source(state.spec.description)) { [self] result in
            switch result {
            case .success(let response) where response.status == 200:
                do {
                    let json = try JSONDecoder().decode(GitHubRepositoryJSON.self, from: response.body)
                    state.listingComplete = true
                    consider(adapter.record(json), state: state, explicit: true)
                } catch {
                    listingFailed(state, APIFailure(url: response.url, message: "invalid JSON: \(PagedFetch<ContributorRecord>.describe(error))"), what: what)
                }
            case .success(let response):
                let message = response.status == 404
                    ? "repository \(fullName) not found (HTTP 404); check the --github value and the token's access"
                    : "HTTP \(response.status)"
                listingFailed(state, APIFailure(url: response.url, message: message), what: what)
            case .failure(let failure):
                listingFailed(state, failure, what: what)
            }
        }
    }
}
