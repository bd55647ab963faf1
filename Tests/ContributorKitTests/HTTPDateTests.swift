import Foundation
import Testing

@testable import ContributorKit

@Suite struct HTTPDateTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Fri, 04 Dec 2026 20:39:36 GMT", 1_796_416_776.0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599.0),
    ])
    func validDatesParse(text: String, epoch: Double) {
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: [
        "", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
    ])
    func invalidDatesRejected(text: String) {
        #expect(HTTPDate.parse(text) == nil)
    }

    @Test func retryAfterAcceptsSecondsAndDates() {
        let server = Date(timeIntervalSince1970: 784_111_777)
        #expect(RateLimitSignal.parseRetryAfter("120", serverDate: server) == 120)
        #expect(RateLimitSignal.parseRetryAfter("Sun, 06 Nov 1994 08:50:37 GMT", serverDate: server) == 60)
        #expect(RateLimitSignal.parseRetryAfter("-5", serverDate: server) == 0)
        #expect(RateLimitSignal.parseRetryAfter("soon", serverDate: server) == nil)
    }
}
