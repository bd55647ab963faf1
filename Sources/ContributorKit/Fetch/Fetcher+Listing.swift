import Foundation

extension Fetcher {
    /// Pages through a repository listing, starting each repository's fetch as its page arrives.
    /// A 304 for a page rebuilds its repositories from the stored rows; when a row is missing the page
    /// is requested again without validators.
    func list<JSON>(
        _ url: URL,
        state: SourceState,
        subject: String,
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
                logger.debug("\(subject): listing complete, \(pages.count) pages", [("source", .string(state.spec.description))])
            case .status(let response):
                onStatus(response)
            case .failed(let failure):
                listingFailed(state, failure, subject: subject)
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
                    relist(page: cache.url, state: state, subject: subject, decode: decode, record: record)
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
    private func relist<JSON>(page: String, state: SourceState, subject: String, decode: @escaping (Data) throws -> [JSON], record: @escaping (JSON) -> RepositoryRecord) {
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
                    listingFailed(state, APIFailure(url: url, message: "invalid JSON: \(PagedFetch<JSON>.describe(error))"), subject: subject)
                }
            case .success(let response):
                listingFailed(state, APIFailure(url: url, message: "HTTP \(response.status)"), subject: subject)
            case .failure(let failure):
                listingFailed(state, failure, subject: subject)
            }
        }
    }

    // MARK: Lookups

    enum LookupOutcome {
        /// 200 with the object's body.
        case fresh(HTTPResponse)
        /// 304: the object is unchanged, and the stored id names it.
        case notModified(id: Int)
        /// Any other status, such as 404.
        case status(HTTPResponse)
        case failed(APIFailure)
    }

    /// Requests one object (a GitLab group or project, or a GitHub repository), with the stored
    /// validators unless `conditional` is false, so an unchanged source costs only 304s.
    /// `id` reads the object's id from a 200 body; it is stored with the validators for later 304s.
    func lookUp(_ url: URL, state: SourceState, conditional: Bool = true, id: @escaping (Data) -> Int?, completion: @escaping (LookupOutcome) -> Void) {
        var headers = state.adapter.headers
        let cached = conditional ? ((try? store?.cachedPage(url.absoluteString)) ?? nil) : nil
        if let etag = cached?.etag, cached?.itemIDs != nil {
            headers.append(("If-None-Match", etag))
        }
        api.send(HTTPRequest(url: url, headers: headers), context: .source(state.spec.description)) { [self] result in
            switch result {
            case .success(let response) where response.status == 200:
                if let objectID = id(response.body) {
                    state.listingPages.append(CachedPage(
                        url: url.absoluteString, etag: response.headers["ETag"], lastModified: response.headers["Last-Modified"],
                        itemIDs: String(objectID)
                    ))
                }
                completion(.fresh(response))
            case .success(let response) where response.status == 304:
                guard let cached, let text = cached.itemIDs, let objectID = Int(text) else {
                    lookUp(url, state: state, conditional: false, id: id, completion: completion)
                    return
                }
                state.listingPages.append(cached)
                completion(.notModified(id: objectID))
            case .success(let response):
                completion(.status(response))
            case .failure(let failure):
                completion(.failed(failure))
            }
        }
    }

    /// Considers the repository a lookup returned with 304, rebuilt from its stored row, or looks it up
    /// again without validators when the row is gone.
    func considerStored(forgeID: Int, state: SourceState, retry: () -> Void) {
        guard let stored = (try? store?.storedRepository(forge: state.adapter.forge, host: state.adapter.host, forgeID: forgeID)) ?? nil,
              let record = state.adapter.record(stored: stored, forgeID: forgeID) else {
            retry()
            return
        }
        state.listingComplete = true
        consider(record, state: state, explicit: true)
    }

    // MARK: GitHub

    func listGitHubOwner(_ owner: String, state: SourceState) {
        guard let adapter = state.adapter as? GitHubAdapter else {
            return
        }
        let escaped = GitHubAdapter.escapePathSegment(owner)
        let organisationURL = adapter.url("/orgs/\(escaped)/repos", query: [("per_page", "100")])
        list(
            organisationURL, state: state, subject: "listing of GitHub organisation \(owner)",
            decode: GitHubJSON.decodeRepositories, record: adapter.record
        ) { [self] response in
            guard response.status == 404 else {
                listingFailed(state, APIFailure(url: response.url, message: "HTTP \(response.status)"), subject: "listing of GitHub organisation \(owner)")
                return
            }
            // Not an organisation: list the user's own repositories instead.
            let userURL = adapter.url("/users/\(escaped)/repos", query: [("per_page", "100")])
            list(
                userURL, state: state, subject: "listing of GitHub user \(owner)",
                decode: GitHubJSON.decodeRepositories, record: adapter.record
            ) { [self] response in
                let message = response.status == 404
                    ? "no GitHub organisation or user named \(owner) (HTTP 404); check the --github value"
                    : "HTTP \(response.status)"
                listingFailed(state, APIFailure(url: response.url, message: message), subject: "listing of GitHub user \(owner)")
            }
        }
    }

    func lookUpGitHubRepository(_ fullName: String, state: SourceState, conditional: Bool = true) {
        guard let adapter = state.adapter as? GitHubAdapter else {
            return
        }
        let path = fullName.split(separator: "/", maxSplits: 1).map { GitHubAdapter.escapePathSegment(String($0)) }.joined(separator: "/")
        let url = adapter.url("/repos/\(path)")
        let subject = "lookup of GitHub repository \(fullName)"
        let decodeID: (Data) -> Int? = { try? JSONDecoder().decode(GitHubRepositoryJSON.self, from: $0).id }
        lookUp(url, state: state, conditional: conditional, id: decodeID) { [self] outcome in
            switch outcome {
            case .fresh(let response):
                do {
                    let json = try JSONDecoder().decode(GitHubRepositoryJSON.self, from: response.body)
                    state.listingComplete = true
                    consider(adapter.record(json), state: state, explicit: true)
                } catch {
                    listingFailed(state, APIFailure(url: response.url, message: "invalid JSON: \(PagedFetch<ContributorRecord>.describe(error))"), subject: subject)
                }
            case .notModified(let id):
                considerStored(forgeID: id, state: state) {
                    lookUpGitHubRepository(fullName, state: state, conditional: false)
                }
            case .status(let response):
                let message = response.status == 404
                    ? "repository \(fullName) not found (HTTP 404); check the --github value and the token's access"
                    : "HTTP \(response.status)"
                listingFailed(state, APIFailure(url: response.url, message: message), subject: subject)
            case .failed(let failure):
                listingFailed(state, failure, subject: subject)
            }
        }
    }
}
