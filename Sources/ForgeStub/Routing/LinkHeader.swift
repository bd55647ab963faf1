/// Builds the RFC 8288 `Link` header of a paginated list in the forms GitHub and GitLab send.
enum LinkHeader {
    /// Returns GitHub's header, or nil for a list that fits on one page.
    ///
    /// The first page links `next` and `last`, middle pages all four relations, and the last page
    /// (or one past it) `prev` and `first`.
    static func gitHub(
        _ pagination: Pagination,
        order: StubConfiguration.LinkOrder,
        url: (Int) -> String
    ) -> String? {
        guard pagination.lastPage > 1 else {
            return nil
        }

        var forward: [String] = []
        if pagination.hasNextPage {
            forward.append(link(url(pagination.page + 1), "next"))
            forward.append(link(url(pagination.lastPage), "last"))
        }
        var backward: [String] = []
        if pagination.page > 1 {
            backward.append(link(url(pagination.page - 1), "prev"))
            backward.append(link(url(1), "first"))
        }

        let parts = order == .nextFirst ? forward + backward : backward + forward
        return parts.joined(separator: ", ")
    }

    /// Returns GitLab's header, with `next` while more pages follow, `prev` after the first page, `first` always,
    /// and `last` only when totals are sent.
    static func gitLab(_ pagination: Pagination, includeLast: Bool, url: (Int) -> String) -> String {
        var parts: [String] = []
        if pagination.page > 1 {
            parts.append(link(url(pagination.page - 1), "prev"))
        }
        if pagination.hasNextPage {
            parts.append(link(url(pagination.page + 1), "next"))
        }
        parts.append(link(url(1), "first"))
        if includeLast {
            parts.append(link(url(pagination.lastPage), "last"))
        }
        return parts.joined(separator: ", ")
    }

    private static func link(_ url: String, _ relation: String) -> String {
        "<\(url)>; rel=\"\(relation)\""
    }
}
