import Foundation

/// Fetches every page of one paginated list: a repository listing or a repository's contributors.
///
/// Pages are followed through `rel="next"` in the `Link` header or GitLab's `X-Next-Page`. Once the
/// first page names `rel="last"` with a page number, the remaining pages are requested together
/// instead of one after another. With `conditional`, every page with a stored `ETag` or
/// `Last-Modified` is requested with `If-None-Match` or `If-Modified-Since`. A 304 reuses the stored
/// links and is not decoded. A page that decodes to no items ends the list.
final class PagedFetch<Item> {
    enum Page {
        case fresh(number: Int, items: [Item], cache: CachedPage)
        case notModified(number: Int, cache: CachedPage)

        var number: Int {
            switch self {
            case .fresh(let number, _, _), .notModified(let number, _):
                number
            }
        }

        var isNotModified: Bool {
            if case .notModified = self {
                return true
            }
            return false
        }
    }

    enum Outcome {
        /// Every page arrived, in page order.
        case completed([Page])
        /// The first page returned a status other than 200 or 304, such as 204, 403 or 404.
        case status(HTTPResponse)
        case failed(APIFailure)
    }

    /// A bound on pages per list, so a server whose `next` links never end cannot loop forever.
    static var maxPages: Int { 10_000 }

    private let api: APIClient
    private let cache: (String) -> CachedPage?
    private let headers: [(name: String, value: String)]
    private let context: RequestContext
    private let conditional: Bool
    private let firstPriority: HTTPClient.Priority
    private let decode: (Data) throws -> [Item]
    private let completion: (Outcome) -> Void

    /// Called as each page arrives, before the list completes, so work can start on early pages.
    var onPage: ((Page) -> Void)?

    private var pages: [Int: Page] = [:]
    private var outstanding = 0
    private var requestedURLs: Set<String> = []
    private var finished = false
    /// Set once the first page's `rel="last"` made every page known: later `next` links add nothing.
    private var allPagesRequested = false

    init(
        api: APIClient,
        cache: @escaping (String) -> CachedPage?,
        headers: [(name: String, value: String)],
        context: RequestContext,
        conditional: Bool,
        priority: HTTPClient.Priority,
        decode: @escaping (Data) throws -> [Item],
        completion: @escaping (Outcome) -> Void
    ) {
        self.api = api
        self.cache = cache
        self.headers = headers
        self.context = context
        self.conditional = conditional
        self.firstPriority = priority
        self.decode = decode
        self.completion = completion
    }

    func start(_ url: URL) {
        request(url, number: 1, priority: firstPriority)
    }

    private func request(_ url: URL, number: Int, priority: HTTPClient.Priority = .continuation) {
        guard !finished, number <= Self.maxPages, requestedURLs.insert(url.absoluteString).inserted else {
            return
        }
        var requestHeaders = headers
        let cached = conditional ? cache(url.absoluteString) : nil
        if let etag = cached?.etag {
            requestHeaders.append(("If-None-Match", etag))
        } else if let lastModified = cached?.lastModified {
            requestHeaders.append(("If-Modified-Since", lastModified))
        }

        outstanding += 1
        api.send(HTTPRequest(url: url, headers: requestHeaders), context: context, priority: priority) { [self] result in
            outstanding -= 1
            receive(result, url: url, number: number, cached: cached)
            if outstanding == 0 && !finished {
                finish(.completed(pages.keys.sorted().compactMap { pages[$0] }))
            }
        }
    }

    private func receive(_ result: Result<HTTPResponse, APIFailure>, url: URL, number: Int, cached: CachedPage?) {
        guard !finished else {
            return
        }
        let response: HTTPResponse
        switch result {
        case .failure(let failure):
            finish(.failed(failure))
            return
        case .success(let value):
            response = value
        }

        switch response.status {
        case 304:
            guard let cached else {
                finish(.failed(APIFailure(url: url, message: "HTTP 304 for a request that was not conditional")))
                return
            }
            let page = Page.notModified(number: number, cache: cached)
            pages[number] = page
            onPage?(page)
            follow(next: cached.nextURL, last: cached.lastURL, from: response.url, number: number)

        case 200:
            let items: [Item]
            do {
                items = try decode(response.body)
            } catch {
                finish(.failed(APIFailure(url: response.url, message: "invalid JSON: \(Self.describe(error))")))
                return
            }
            let links = LinkHeader(parsing: response.headers.values("Link"))
            let next = links.next ?? Self.nextFromGitLabHeader(response)
            let entry = CachedPage(
                url: url.absoluteString,
                etag: response.headers["ETag"],
                lastModified: response.headers["Last-Modified"],
                nextURL: next,
                lastURL: links.last,
                itemIDs: nil
            )
            let page = Page.fresh(number: number, items: items, cache: entry)
            pages[number] = page
            onPage?(page)
            if !items.isEmpty {
                follow(next: next, last: links.last, from: response.url, number: number)
            }

        default:
            if number == 1 {
                finish(.status(response))
            } else {
                finish(.failed(APIFailure(url: response.url, message: "HTTP \(response.status) on page \(number)")))
            }
        }
    }

    /// Requests the following page, or on the first page every remaining page at once when `last`
    /// names a page number.
    private func follow(next: String?, last: String?, from base: URL, number: Int) {
        guard !allPagesRequested else {
            return
        }
        if number == 1, let last, let lastURL = URL(string: last, relativeTo: base)?.absoluteURL,
           let lastNumber = Self.pageNumber(lastURL), lastNumber > 1, lastNumber <= Self.maxPages {
            allPagesRequested = true
            for page in 2...lastNumber {
                if let url = Self.replacingPage(in: lastURL, with: page) {
                    request(url, number: page)
                }
            }
            return
        }
        guard let next, let nextURL = URL(string: next, relativeTo: base)?.absoluteURL else {
            return
        }
        request(nextURL, number: Self.pageNumber(nextURL) ?? number + 1)
    }

    private func finish(_ outcome: Outcome) {
        guard !finished else {
            return
        }
        finished = true
        completion(outcome)
    }

    static func pageNumber(_ url: URL) -> Int? {
        URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems?.last { $0.name == "page" }?.value.flatMap(Int.init)
    }

    static func replacingPage(in url: URL, with page: Int) -> URL? {
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            return nil
        }
        var items = components.queryItems ?? []
        items.removeAll { $0.name == "page" }
        items.append(URLQueryItem(name: "page", value: String(page)))
        components.queryItems = items
        return components.url
    }

    /// GitLab sends `X-Next-Page` with the next page number, empty on the last page.
    private static func nextFromGitLabHeader(_ response: HTTPResponse) -> String? {
        guard let value = response.headers["X-Next-Page"]?.trimmingCharacters(in: .whitespaces),
              let page = Int(value) else {
            return nil
        }
        return replacingPage(in: response.url, with: page)?.absoluteString
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let type, let context):
            return "expected \(type) at \(pathString(context.codingPath))"
        case DecodingError.keyNotFound(let key, let context):
            return "missing key \(key.stringValue) at \(pathString(context.codingPath))"
        case DecodingError.valueNotFound(let type, let context):
            return "missing \(type) value at \(pathString(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return "corrupted data at \(pathString(context.codingPath))"
        default:
            return String(describing: error)
        }
    }

    private static func pathString(_ path: [CodingKey]) -> String {
        path.isEmpty ? "the top level" : path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }
}
