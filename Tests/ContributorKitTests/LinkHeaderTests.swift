import Testing

@testable import ContributorKit

@Suite struct LinkHeaderTests {
    @Test func nextPickedByNameNotPosition() {
        let value = #"<https://api.github.com/r?page=1>; rel="prev", <https://api.github.com/r?page=1>; rel="first", <https://api.github.com/r?page=3>; rel="next", <https://api.github.com/r?page=5>; rel="last""#
        let links = LinkHeader(parsing: [value])
        #expect(links.next == "https://api.github.com/r?page=3")
        #expect(links.last == "https://api.github.com/r?page=5")
        #expect(links["first"] == "https://api.github.com/r?page=1")
    }

    @Test func repeatedHeadersAndUnquotedRelations() {
        let links = LinkHeader(parsing: ["<https://x/a?page=2>; rel=next", "<https://x/a?page=9>; rel=last"])
        #expect(links.next == "https://x/a?page=2")
        #expect(links.last == "https://x/a?page=9")
    }

    @Test func commasInsideURLAndSeveralRelations() {
        let links = LinkHeader(parsing: [#"<https://x/a?q=1,2&page=2>; rel="next last""#])
        #expect(links.next == "https://x/a?q=1,2&page=2")
        #expect(links.last == "https://x/a?q=1,2&page=2")
    }

    @Test func malformedPartsSkipped() {
        let links = LinkHeader(parsing: ["garbage, <>; rel=next, <https://x/b>; rel=\"next\", <https://x/c>"])
        #expect(links.next == "https://x/b")
        #expect(links.links.count == 1)
    }

    @Test func emptyHeaderHasNoLinks() {
        #expect(LinkHeader(parsing: []).next == nil)
        #expect(LinkHeader(parsing: [""]).next == nil)
    }
}
