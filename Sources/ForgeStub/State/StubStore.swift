import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The shared, lock-protected state of a ``ForgeStub``: world, configuration, scripts, request log,
/// rate-limit counters and the cache of rendered pages.
final class StubStore: Sendable {
    /// A consistent view of the state, used to respond to one request without holding the lock.
    struct Snapshot: Sendable {
        let index: WorldIndex
        let configuration: StubConfiguration

        /// Counts world changes, so a page rendered from an old world is not cached.
        let generation: Int
    }

    private struct State {
        var world: StubWorld
        var configuration: StubConfiguration
        var generation = 0
        var index: WorldIndex?
        var pages: [String: RenderedPage] = [:]
        var scripts: [String: [StubReply]] = [:]
        var requests: [StubRequestRecord] = []
        var gitHubRemaining: Int
        /// Epoch second at which the GitHub budget refills; 0 before the first request.
        var gitHubWindowReset = 0
        var gitLabWindowMinute = 0
        var gitLabObserved = 0

        mutating func invalidateWorld() {
            generation += 1
            index = nil
            pages.removeAll()
        }
    }

    /// Requests per minute that GitLab.com allows an authenticated user on the REST API.
    static let gitLabRateLimit = 2000

    /// Requests per hour that GitHub allows an authenticated user on the REST API.
    static let gitHubRateLimit = 5000

    private let state: Mutex<State>

    init(world: StubWorld, configuration: StubConfiguration) {
        state = Mutex(State(world: world, configuration: configuration, gitHubRemaining: configuration.rateLimitRemaining))
    }

    func snapshot() -> Snapshot {
        state.withLock { state in
            let index = state.index ?? WorldIndex(state.world)
            state.index = index
            return Snapshot(index: index, configuration: state.configuration, generation: state.generation)
        }
    }

    var configuration: StubConfiguration {
        state.withLock { $0.configuration }
    }

    // MARK: Rendered pages

    func page(forKey key: String) -> RenderedPage? {
        state.withLock { $0.pages[key] }
    }

    /// Keeps `page` unless the world changed since `generation`.
    func storePage(_ page: RenderedPage, forKey key: String, generation: Int) {
        state.withLock { state in
            if state.generation == generation {
                state.pages[key] = page
            }
        }
    }

    // MARK: Changes

    func update(_ change: (inout StubWorld) -> Void) {
        state.withLock { state in
            change(&state.world)
            state.invalidateWorld()
        }
    }

    func updateConfiguration(_ change: (inout StubConfiguration) -> Void) {
        state.withLock { state in
            let previousRemaining = state.configuration.rateLimitRemaining
            change(&state.configuration)

            // A new starting value restarts the count, and other changes leave the running count alone.
            if state.configuration.rateLimitRemaining != previousRemaining {
                state.gitHubRemaining = state.configuration.rateLimitRemaining
            }
        }
    }

    /// Changes `fraction` of the GitHub repositories and returns how many changed.
    func mutate(fraction: Double) -> Int {
        state.withLock { state in
            let changed = state.world.mutateRepositories(fraction: fraction)
            state.invalidateWorld()
            return changed
        }
    }

    // MARK: Scripts and request log

    func appendScript(path: String, replies: [StubReply]) {
        state.withLock { $0.scripts[path, default: []].append(contentsOf: replies) }
    }

    /// Removes and returns the next scripted reply for `path`, if any is left.
    func takeScriptedReply(path: String) -> StubReply? {
        state.withLock { state in
            guard var replies = state.scripts[path], !replies.isEmpty else {
                return nil
            }
            let reply = replies.removeFirst()
            state.scripts[path] = replies.isEmpty ? nil : replies
            return reply
        }
    }

    func record(_ request: StubRequestRecord) {
        state.withLock { $0.requests.append(request) }
    }

    var requests: [StubRequestRecord] {
        state.withLock { $0.requests }
    }

    var requestCount: Int {
        state.withLock { $0.requests.count }
    }

    func resetRequests() {
        state.withLock { $0.requests.removeAll() }
    }

    // MARK: Rate limits

    /// Returns `X-RateLimit-Remaining` for a GitHub response, first counting the request unless `counts` is false.
    /// Counts a GitHub request against the budget and returns what is left and when it refills.
    /// As on GitHub, the window is fixed: the budget refills at the reset time, which then moves on.
    func gitHubRemaining(counting counts: Bool, now: Int) -> (remaining: Int, reset: Int) {
        state.withLock { state in
            if state.gitHubWindowReset == 0 || now >= state.gitHubWindowReset {
                if state.gitHubWindowReset != 0 {
                    state.gitHubRemaining = state.configuration.rateLimitRemaining
                }
                state.gitHubWindowReset = now + state.configuration.rateLimitResetAfter
            }
            if counts {
                state.gitHubRemaining = max(0, state.gitHubRemaining - 1)
            }
            return (state.gitHubRemaining, state.gitHubWindowReset)
        }
    }

    /// Counts a GitLab request in the current one-minute window and returns the requests observed in it.
    func countGitLabRequest(atEpochSecond now: Int) -> Int {
        state.withLock { state in
            let minute = now / 60
            if minute != state.gitLabWindowMinute {
                state.gitLabWindowMinute = minute
                state.gitLabObserved = 0
            }
            state.gitLabObserved += 1
            return state.gitLabObserved
        }
    }
}
