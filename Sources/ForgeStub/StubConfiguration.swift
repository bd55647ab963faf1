/// Settings of a ``ForgeStub`` that change how it responds, not what data it serves.
public struct StubConfiguration: Sendable {
    /// Order of the relations in a GitHub `Link` header.
    public enum LinkOrder: Sendable {
        /// `next` and `last` before `prev` and `first`, the order GitHub uses.
        case nextFirst

        /// On pages after the first, `prev` and `first` before `next` and `last`.
        case prevFirstBeforeNext
    }

    /// Path form of the URLs in the `Link` header of a GitHub contributors list.
    public enum LinkForm: Sendable {
        /// `/repositories/ID/contributors?…`, the form GitHub uses.
        case repositoryID

        /// `/repos/OWNER/NAME/contributors?…`.
        case ownerName
    }

    /// Delay in seconds before every response.
    public var latency: Double

    public var linkOrder: LinkOrder

    public var contributorsLinkForm: LinkForm

    /// Whether GitLab lists send `X-Total`, `X-Total-Pages` and `rel="last"`.
    ///
    /// GitLab leaves them out for lists of more than 10,000 rows, which `false` emulates.
    public var gitLabTotals: Bool

    /// `X-RateLimit-Remaining` before the next GitHub response.
    ///
    /// Every GitHub response except 304 lowers it by one, down to 0. At 0 the stub still responds normally,
    /// so a test that needs a 403 rate-limit reply scripts it.
    public var rateLimitRemaining: Int

    /// The length of a rate-limit window in seconds. GitHub's `X-RateLimit-Reset` is the end of a fixed
    /// window that starts at the first request, when the budget refills to `rateLimitRemaining`.
    /// GitLab's `RateLimit-Reset` is this many seconds from each response.
    public var rateLimitResetAfter: Int

    /// Whether 200 responses carry an `ETag` and GET requests with a matching `If-None-Match` get 304.
    public var etags: Bool

    public init(
        latency: Double = 0,
        linkOrder: LinkOrder = .nextFirst,
        contributorsLinkForm: LinkForm = .repositoryID,
        gitLabTotals: Bool = true,
        rateLimitRemaining: Int = 5000,
        rateLimitResetAfter: Int = 3600,
        etags: Bool = true
    ) {
        self.latency = latency
        self.linkOrder = linkOrder
        self.contributorsLinkForm = contributorsLinkForm
        self.gitLabTotals = gitLabTotals
        self.rateLimitRemaining = rateLimitRemaining
        self.rateLimitResetAfter = rateLimitResetAfter
        self.etags = etags
    }
}
