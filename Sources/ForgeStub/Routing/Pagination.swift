/// Page and page size of one list request, and the slice of the list they select.
struct Pagination: Sendable {
    let page: Int
    let perPage: Int
    let totalItems: Int

    /// Reads `page` and `per_page` from the query.
    ///
    /// Missing or invalid values fall back to page 1 and `defaultPerPage`. Sizes above `maximumPerPage`
    /// are lowered to it, as GitHub and GitLab do.
    init(target: RequestTarget, defaultPerPage: Int, maximumPerPage: Int = 100, totalItems: Int) {
        let requestedPage = target.queryValue("page").flatMap { Int($0) } ?? 1
        let requestedPerPage = target.queryValue("per_page").flatMap { Int($0) } ?? defaultPerPage
        self.page = max(1, requestedPage)
        self.perPage = requestedPerPage < 1 ? defaultPerPage : min(requestedPerPage, maximumPerPage)
        self.totalItems = totalItems
    }

    /// The number of the last page. An empty list still has page 1.
    var lastPage: Int {
        max(1, (totalItems + perPage - 1) / perPage)
    }

    /// Indices of the items on this page, empty for a page past the end.
    var range: Range<Int> {
        let (start, overflow) = (page - 1).multipliedReportingOverflow(by: perPage)
        guard !overflow, start < totalItems else {
            return 0..<0
        }
        return start..<min(start + perPage, totalItems)
    }

    var hasNextPage: Bool {
        page < lastPage
    }
}
