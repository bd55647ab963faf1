#if canImport(Glibc)
import Glibc
#endif

/// Chooses the reply to each request: a scripted reply when one is queued for its path, otherwise the
/// emulated GitHub, GitLab or control endpoint.
struct StubRouter: Sendable {
    let store: StubStore

    /// Logs the request and returns the delay before the reply and the reply itself.
    func reply(to request: StubRequestRecord, serverPort: Int) -> (latency: Double, action: ReplyAction) {
        let isControl = request.path == "/_stub" || request.path.hasPrefix("/_stub/")
        if !isControl {
            store.record(request)
        }

        let snapshot = store.snapshot()
        if let scripted = store.takeScriptedReply(path: request.path) {
            return (snapshot.configuration.latency, Self.action(for: scripted))
        }

        let context = RequestContext(request: request, snapshot: snapshot, serverPort: serverPort)

        // Control endpoints serve scripts and benchmarks, so the emulated latency does not apply to them.
        if isControl {
            var response = routeControl(context)
            response.setHeader("Date", HTTPDate.now())
            return (0, .respond(response))
        }

        let response: StubResponse
        if context.target.segments.starts(with: ["api", "v4"]) {
            response = finishGitLab(routeGitLab(context), context)
        } else {
            response = finishGitHub(routeGitHub(context), context)
        }
        return (snapshot.configuration.latency, .respond(response))
    }

    // MARK: Shared steps

    /// Returns the cached page for `key`, rendering and caching it first when absent.
    func cachedPage(_ key: String, _ context: RequestContext, render: () -> RenderedPage) -> RenderedPage {
        if let page = store.page(forKey: key) {
            return page
        }
        let page = render()
        store.storePage(page, forKey: key, generation: context.snapshot.generation)
        return page
    }

    /// Returns a 200 JSON response with the page body and its entity tag.
    func okResponse(_ page: RenderedPage, headers: [(String, String)] = []) -> StubResponse {
        StubResponse(
            status: 200,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("ETag", page.entityTag)] + headers,
            body: page.body
        )
    }

    /// Adds `Date`, applies entity tags and turns a GET whose `If-None-Match` matches into 304.
    func finishCommon(_ response: StubResponse, _ context: RequestContext) -> StubResponse {
        var response = response
        response.setHeader("Date", HTTPDate.now())

        guard context.configuration.etags, response.status == 200, context.isRead else {
            response.headers.removeAll { $0.0 == "ETag" }
            return response
        }

        let entityTag = response.header("ETag") ?? FNV1a.entityTag(for: response.body)
        response.setHeader("ETag", entityTag)
        if let condition = context.request.header("If-None-Match"), Self.entityTag(entityTag, matches: condition) {
            response.status = 304
            response.body = []
            response.headers.removeAll { $0.0 == "Content-Type" }
        }
        return response
    }

    func finishGitHub(_ response: StubResponse, _ context: RequestContext) -> StubResponse {
        var response = finishCommon(response, context)
        let (remaining, reset) = store.gitHubRemaining(counting: response.status != 304, now: time(nil))
        response.setHeader("X-RateLimit-Limit", String(StubStore.gitHubRateLimit))
        response.setHeader("X-RateLimit-Remaining", String(remaining))
        response.setHeader("X-RateLimit-Reset", String(reset))
        response.setHeader("X-RateLimit-Used", String(max(0, StubStore.gitHubRateLimit - remaining)))
        response.setHeader("X-RateLimit-Resource", "core")
        return response
    }

    func finishGitLab(_ response: StubResponse, _ context: RequestContext) -> StubResponse {
        var response = finishCommon(response, context)
        let now = time(nil)
        let observed = store.countGitLabRequest(atEpochSecond: now)
        let reset = now + context.configuration.rateLimitResetAfter
        response.setHeader("RateLimit-Limit", String(StubStore.gitLabRateLimit))
        response.setHeader("RateLimit-Observed", String(observed))
        response.setHeader("RateLimit-Remaining", String(max(0, StubStore.gitLabRateLimit - observed)))
        response.setHeader("RateLimit-Reset", String(reset))
        response.setHeader("RateLimit-ResetTime", HTTPDate.format(epochSeconds: reset))
        return response
    }

    /// Compares weakly, as RFC 9110 requires for `If-None-Match`, so `W/"x"` matches `"x"`. `*` matches any tag.
    static func entityTag(_ entityTag: String, matches condition: String) -> Bool {
        let opaque = { (tag: Substring) -> Substring in
            let trimmed = tag.drop { $0 == " " || $0 == "\t" }
            return trimmed.hasPrefix("W/") ? trimmed.dropFirst(2) : trimmed
        }
        let current = opaque(Substring(entityTag))
        return condition.split(separator: ",").contains { candidate in
            let tag = opaque(candidate).trimmingSuffix { $0 == " " || $0 == "\t" }
            return tag == "*" || tag == current
        }
    }

    /// Converts a scripted reply, adding the `Date` header when the script left it out.
    static func action(for reply: StubReply) -> ReplyAction {
        switch reply {
        case .response(let status, let headers, let body):
            var response = StubResponse(status: status, headers: headers, body: Array(body.utf8))
            if response.header("Date") == nil {
                response.setHeader("Date", HTTPDate.now())
            }
            return .respond(response)

        case .hang:
            return .hang

        case .trickle(let bytesPerSecond, let body):
            let response = StubResponse(
                status: 200,
                headers: [("Content-Type", "application/json; charset=utf-8"), ("Date", HTTPDate.now())],
                body: Array(body.utf8)
            )
            return .trickle(response, bytesPerSecond: bytesPerSecond)

        case .close:
            return .close
        }
    }
}

extension Substring {
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var result = self
        while let last = result.last, predicate(last) {
            result = result.dropLast()
        }
        return result
    }
}
