import Foundation

/// One fetch run: lists each source's repositories, fetches their contributors with every transfer
/// on one libcurl multi handle, and commits each repository as soon as all of its pages have arrived.
///
/// Not `Sendable`: the run, its callbacks and its database connection stay on the calling thread.
public final class Fetcher {
    let options: FetchOptions
    let logger: Logger
    let control: RunControl
    let startedAt = Date()
    let clockStart = ContinuousClock.now

    var store: ContributorStore!
    var api: APIClient!
    var summary = RunSummary()
    var sources: [SourceState] = []
    private var startedRepositories: Set<String> = []
    /// The first database error inside a callback; it stops the run.
    var databaseFailure: Error?
    /// Whether this run changed contributions, repositories or profiles, or found an aborted run, so
    /// links and totals must be recomputed. A run that changed nothing leaves every row alone.
    var needsRelink = false
    var progress: ProgressLine?

    public init(options: FetchOptions, logger: Logger, control: RunControl) {
        self.options = options
        self.logger = logger
        self.control = control
    }

    /// Runs the fetch and returns its summary. Throws `DatabaseOpenError` or `DatabaseLock.HeldError`
    /// before any network request when the database cannot be used.
    public func run() throws -> RunSummary {
        try ContributorStore.checkDirectory(of: options.databasePath)
        // A dry run writes nothing, not even the lock file.
        let lock = options.dryRun ? nil : try DatabaseLock(databasePath: options.databasePath)
        defer { withExtendedLifetime(lock) {} }

        try openStore()
        var runID: Int?
        if !options.dryRun {
            let run = try store.beginRun(startedAt: startedAt, sources: sourceList)
            runID = run.id
            needsRelink = run.foundAborted
            if run.foundAborted {
                // The aborted run may have deleted contributions and stopped before removing the
                // accounts that no longer contribute.
                store.assumeContributionsDeleted()
            }
        }
        logger.info("fetch started", [("sources", .string(sourceList)), ("database", .string(options.databasePath))])

        let http = try HTTPClient(configuration: httpConfiguration())
        http.willSend = { [logger] request in
            logger.debug("\(request.method) \(request.url.absoluteString)", [("url", .string(request.url.absoluteString))])
        }
        let rateLimiter = RateLimiter(
            maxWaitSeconds: options.maxRateLimitWaitSeconds, maxConcurrency: options.concurrency, control: control, logger: logger
        )
        api = APIClient(http: http, rateLimiter: rateLimiter, logger: logger, control: control)
        if options.showProgress {
            progress = ProgressLine(logger: logger)
        }

        for spec in options.sources {
            startSource(spec)
        }
        try http.run { [self] in
            progress?.update(summary: summary, requests: http.requestsSent, remaining: rateLimiter.remainingByHost, elapsed: elapsed)
            return databaseFailure != nil || control.shouldStop
        }
        // Listings are settled before profiles, so no profile is fetched for an account whose only
        // repositories were just removed.
        if !options.dryRun && databaseFailure == nil {
            try finishSources()
        }
        try fetchProfiles(http: http)
        progress?.clear()
        if let databaseFailure {
            throw databaseFailure
        }

        summary.requests = http.requestsSent
        summary.notModified = api.notModified
        summary.retries = api.retries
        summary.waits = rateLimiter.waits
        summary.rateLimitRemaining = rateLimiter.remainingByHost

        if !options.dryRun {
            try relinkAndCount()
        }
        summary.status = finalStatus()
        summary.seconds = elapsed
        if let runID {
            try store.finishRun(runID, summary: summary, finishedAt: Date())
            summary.lastSuccessAt = try store.connection.scalarText(
                "SELECT finished_at FROM runs WHERE status = 'ok' ORDER BY id DESC LIMIT 1"
            ).flatMap(Timestamp.date)
        }
        return summary
    }

    var elapsed: Double {
        clockStart.duration(to: .now).seconds
    }

    private var sourceList: String {
        options.sources.map(\.description).joined(separator: " ")
    }

    /// Opens the database for writing, or for a dry run read-only and only when it exists.
    private func openStore() throws {
        if !options.dryRun {
            store = try ContributorStore.open(path: options.databasePath, seed: options.seedPath)
        } else if FileManager.default.fileExists(atPath: options.databasePath) {
            store = try ContributorStore.openReadOnly(path: options.databasePath)
        }
    }

    /// Fetches stale GitHub profiles after the repositories, so every account that needs one is stored.
    private func fetchProfiles(http: HTTPClient) throws {
        guard !options.dryRun, databaseFailure == nil, !control.shouldStop,
              sources.contains(where: { $0.adapter.forge == .github }) else {
            return
        }
        // Accounts that no longer contribute need no profile; removing them first keeps the query simple.
        try store.removeOrphanAccountsIfNeeded()
        let profiles = ProfileFetcher(
            api: api, adapter: GitHubAdapter(apiURL: options.gitHubAPIURL), connection: store.connection,
            logger: logger, useGraphQL: options.gitHubToken != nil, write: write
        )
        try profiles.start(maxAgeSeconds: options.profileMaxAgeSeconds)
        try http.run { [self] in
            databaseFailure != nil || control.shouldStop
        }
        needsRelink = needsRelink || profiles.storedAny
    }

    private func httpConfiguration() -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(userAgent: "fetch-contributors/\(Version.string)")
        configuration.maxConcurrency = options.concurrency
        configuration.requestTimeoutMilliseconds = Int(options.timeoutSeconds * 1000)
        configuration.connectTimeoutMilliseconds = Int(min(options.connectTimeoutSeconds, options.timeoutSeconds) * 1000)
        if let token = options.gitHubToken, let credential = Credential.gitHub(token: token, apiURL: options.gitHubAPIURL) {
            configuration.credentials.append(credential)
        }
        if let token = options.gitLabToken, let credential = Credential.gitLab(token: token, apiURL: options.gitLabAPIURL) {
            configuration.credentials.append(credential)
        }
        return configuration
    }

    private func startSource(_ spec: SourceSpec) {
        switch spec {
        case .gitHubOwner(let owner):
            let state = SourceState(spec: spec, adapter: GitHubAdapter(apiURL: options.gitHubAPIURL))
            sources.append(state)
            listGitHubOwner(owner, state: state)
        case .gitHubRepository(let fullName):
            let state = SourceState(spec: spec, adapter: GitHubAdapter(apiURL: options.gitHubAPIURL))
            sources.append(state)
            lookUpGitHubRepository(fullName, state: state)
        case .gitLab(let path):
            let state = SourceState(spec: spec, adapter: GitLabAdapter(apiURL: options.gitLabAPIURL))
            sources.append(state)
            resolveGitLabPath(path, state: state)
        }
    }

    /// Runs a database write from a callback; the first error stops the run.
    func write(_ body: () throws -> Void) {
        guard databaseFailure == nil else {
            return
        }
        do {
            try body()
        } catch {
            logger.error("database write failed: \(error)", [("database", .string(options.databasePath))])
            databaseFailure = error
        }
    }

    func listingFailed(_ state: SourceState, _ failure: APIFailure, subject: String) {
        state.listingFailure = failure
        summary.failedListings += 1
        if summary.firstListingFailure == nil {
            summary.firstListingFailure = "\(failure.message) (\(failure.url.absoluteString))"
        }
        logger.error("\(subject) failed: \(failure.message)", [("source", .string(state.spec.description)), ("url", .string(failure.url.absoluteString))])
    }

    // MARK: Repositories

    /// Applies the filters and the unchanged-repository skip, then fetches the repository's contributors.
    /// `explicit` is true for a repository named on the command line, which the fork and archive filters spare.
    func consider(_ record: RepositoryRecord, state: SourceState, explicit: Bool = false) {
        if !explicit {
            if record.isFork && !options.includeForks {
                skip(record, reason: "fork (pass --include-forks to fetch forks)")
                return
            }
            if record.isArchived && options.excludeArchived {
                skip(record, reason: "archived (--exclude-archived)")
                return
            }
        }
        state.listedIDs.insert(record.forgeID)

        let key = "\(record.forge.rawValue):\(record.host):\(record.forgeID)"
        guard startedRepositories.insert(key).inserted else {
            return
        }

        let stored = store.flatMap { try? $0.storedRepository(forge: record.forge, host: record.host, forgeID: record.forgeID) }
        if let stored, let reason = unchangedReason(record, stored: stored) {
            summary.unchanged += 1
            if options.dryRun {
                printDryRun("skip", record, reason: reason)
            } else {
                write { try store.keepUnchanged(record, stored: stored, source: state.key) }
                logger.info("\(record.fullName): skipped, \(reason)", [("repository", .string(record.fullName))])
            }
            return
        }

        if options.dryRun {
            printDryRun("fetch", record, reason: stored == nil ? "new" : "changed or due for refresh")
            return
        }
        if record.isKnownEmpty {
            finish(record, state: state, status: .empty, contributors: [], pages: [], detail: "empty repository")
            return
        }
        // Validators only pay off when the pages may be unchanged. After a push they would turn into a
        // mix of 200 and 304 that forces a second, unconditional pass, so a changed repository is
        // fetched without them.
        let conditional = stored.map { $0.status.replacesContributions && $0.pushedAt == record.pushedAt } ?? false
        fetchContributors(record, state: state, conditional: conditional)
    }

    private func unchangedReason(_ record: RepositoryRecord, stored: StoredRepository?) -> String? {
        guard !options.refreshAll, let stored, stored.status.replacesContributions,
              let pushedAt = record.pushedAt, stored.pushedAt == pushedAt,
              let fetchedAt = stored.fetchedAt else {
            return nil
        }
        let age = Date().timeIntervalSince(fetchedAt)
        guard age < options.maxAgeSeconds else {
            return nil
        }
        return "unchanged since its last fetch \(Int(age / 3600)) h ago"
    }

    private func skip(_ record: RepositoryRecord, reason: String) {
        if options.dryRun {
            printDryRun("skip", record, reason: reason)
        } else {
            logger.info("\(record.fullName): skipped, \(reason)", [("repository", .string(record.fullName))])
        }
    }

    private func printDryRun(_ action: String, _ record: RepositoryRecord, reason: String) {
        FileHandle.standardOutput.write(Data("\(action)\t\(record.forge.rawValue)\t\(record.fullName)\t\(reason)\n".utf8))
    }

    func fetchContributors(_ record: RepositoryRecord, state: SourceState, conditional: Bool) {
        let adapter = state.adapter
        let paged = PagedFetch<ContributorRecord>(
            api: api,
            cache: { [store] url in (try? store?.cachedPage(url)) ?? nil },
            headers: adapter.headers,
            context: .repository(record.fullName),
            conditional: conditional,
            priority: .new,
            decode: adapter.decodeContributors
        ) { [self] outcome in
            switch outcome {
            case .completed(let pages):
                if pages.allSatisfy(\.isNotModified) {
                    write { try store.confirmUnchanged(record, source: state.key, fetchedAt: Date()) }
                    count(record, .ok, detail: "not modified (\(pages.count) pages)")
                } else if pages.contains(where: \.isNotModified) {
                    // Some pages changed and some did not; the unchanged ones were not stored, so fetch all again.
                    fetchContributors(record, state: state, conditional: false)
                } else {
                    var contributors: [ContributorRecord] = []
                    var caches: [CachedPage] = []
                    contributors.reserveCapacity(pages.reduce(0) { total, page in
                        guard case .fresh(_, let items, _) = page else {
                            return total
                        }
                        return total + items.count
                    })
                    for case .fresh(_, let items, let cache) in pages {
                        contributors.append(contentsOf: items)
                        caches.append(cache)
                    }
                    let status: FetchStatus = contributors.isEmpty ? .empty : .ok
                    finish(record, state: state, status: status, contributors: contributors, pages: caches,
                           detail: "\(contributors.count) contributors, \(pages.count) pages")
                }
            case .status(let response):
                let (status, message) = adapter.classifyContributorsResponse(response)
                if status == .empty {
                    finish(record, state: state, status: .empty, contributors: [], pages: [], detail: message)
                } else {
                    write { try store.recordOutcome(record, status: status, error: message, source: state.key) }
                    count(record, status, detail: message, url: response.url)
                }
            case .failed(let failure):
                write { try store.recordOutcome(record, status: .failed, error: failure.description, source: state.key) }
                count(record, .failed, detail: failure.message, url: failure.url)
            }
        }
        paged.start(record.contributorsURL)
    }

    private func finish(
        _ record: RepositoryRecord, state: SourceState, status: FetchStatus,
        contributors: [ContributorRecord], pages: [CachedPage], detail: String
    ) {
        needsRelink = true
        write {
            try store.commitContributors(
                record, status: status, contributors: contributors, pages: pages, source: state.key,
                storeEmails: options.storeEmails, fetchedAt: Date()
            )
        }
        count(record, status, detail: detail)
    }

    /// Counts a repository's final state and logs it: failures as errors, every other state at info.
    func count(_ record: RepositoryRecord, _ status: FetchStatus, detail: String, url: URL? = nil) {
        summary.outcomes[status, default: 0] += 1
        var fields: [(String, LogValue)] = [("repository", .string(record.fullName)), ("status", .string(status.rawValue))]
        if let url {
            fields.append(("url", .string(url.absoluteString)))
        }
        let message = "\(record.fullName): \(status.rawValue), \(detail)"
        switch status {
        case .failed:
            logger.error(message, fields)
        case .tooLarge, .notFound, .blocked:
            logger.warning(message, fields)
        default:
            logger.info(message, fields)
        }
    }

    // MARK: End of run

    private func finishSources() throws {
        for state in sources where state.listingComplete && state.listingFailure == nil && databaseFailure == nil {
            try store.storeCachedPages(state.listingPages)
            let removed = try store.completeListing(
                source: state.key, forge: state.adapter.forge, host: state.adapter.host, listedIDs: state.listedIDs
            )
            for name in removed {
                logger.info("\(name): removed, no longer in \(state.spec)", [("repository", .string(name))])
            }
            summary.removed += removed.count
            needsRelink = needsRelink || !removed.isEmpty
        }
    }

    /// Links mirrors and people. `--identities` and `--mirror` are stored in the database when given and
    /// reused when not, so a run without them, such as a manual refresh, does not undo their links.
    private func relinkAndCount() throws {
        if !options.mirrors.isEmpty {
            let pairs = options.mirrors.map { "\($0.gitLabPath)=\($0.gitHubFullName)" }.joined(separator: "\n")
            needsRelink = try store.storeSetting("mirrors", pairs) || needsRelink
        }
        if let path = options.identitiesPath {
            let data = FileManager.default.contents(atPath: path) ?? Data()
            needsRelink = try store.storeSetting("identities", String(decoding: data, as: UTF8.self)) || needsRelink
        }
        guard needsRelink else {
            summary.contributors = try store.countContributors()
            return
        }

        try store.removeOrphanAccountsIfNeeded()
        let mirrors = try (store.setting("mirrors") ?? "").split(separator: "\n").compactMap { line -> (gitLabPath: String, gitHubFullName: String)? in
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }
        try MirrorLinker(connection: store.connection, explicitPairs: mirrors).link()
        let identities = try store.setting("identities").flatMap { text in
            try? JSONDecoder().decode(IdentityFile.self, from: Data(text.utf8))
        }
        let totals = PersonTotals(connection: store.connection)
        try PeopleLinker(connection: store.connection, identities: identities, commitsByAccount: totals.commitsByAccount).relink()
        try totals.refresh()
        summary.contributors = try store.countContributors()
    }

    private func finalStatus() -> RunStatus {
        switch control.stopReason {
        case .rateLimited(_, let resetAt):
            summary.rateLimitResetAt = resetAt
            return .rateLimited
        case .deadline:
            return .deadline
        case .signal:
            return .interrupted
        case nil:
            break
        }
        let unreachable = sources.allSatisfy { $0.listingFailure?.isTransport == true }
        if !sources.isEmpty && unreachable && summary.repositories == 0 {
            return .unreachable
        }
        if summary.outcomes[.failed, default: 0] > 0 || summary.failedListings > 0 {
            return .partial
        }
        return .ok
    }
}
