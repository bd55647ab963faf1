import Foundation
import Testing

@testable import ContributorKit

@Suite struct HTTPDateTests {
    @Test(arguments: [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784_111_777.0),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0),
        ("Fri, 04 Dec 2026 20:39:36 GMT", 1_796_416_776.0),
        ("Tue, 29 Feb 2028 23:59:59 GMT", 1_835_481_599.0),
        // Blanks around the value are trimmed, as `CharacterSet.whitespaces` would: tab and space
        // separators such as U+00A0.
        ("\t Sun, 06 Nov 1994 08:49:37 GMT\u{00A0} ", 784_111_777.0),
        // Not the exact 29-byte layout, so read by the general parser, which splits on runs of spaces.
        ("Sun,  06 Nov 1994 08:49:37 GMT", 784_111_777.0),
    ])
    func validDatesParse(text: String, epoch: Double) {
        #expect(HTTPDate.parse(text)?.timeIntervalSince1970 == epoch)
    }

    @Test(arguments: [
        "", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT", "Sun, 06 Foo 1994 08:49:37 GMT", "Sun, 06 Nov 1994 25:49:37 GMT",
        "Sun, 32 Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49 GMT",
        // The exact layout with one wrong field each.
        "Xyz, 06 Nov 1994 08:49:37 GMT", "Sun, 00 Nov 1994 08:49:37 GMT", "Sun, 06 nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT", "Sun, 06 Nov 1994 08:60:37 GMT", "Sun, 06 Nov 1994 08:49:3x GMT",
        "Sun, 06 Nov 1994 08:49:37 GMX", "Sun; 06 Nov 1994 08:49:37 GMT",
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

    /// Compares the arithmetic formatter with Foundation's ISO 8601 style, which it replaced, on
    /// dates spread over 1970 to 2100, leap days and the ends of months and years included.
    @Test func timestampsMatchFoundationFormatting() {
        let style = Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!)
        var generator = SystemRandomNumberGenerator()
        var dates = (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)) }
        dates += [0, 951_782_399, 951_782_400, 951_868_800, 1_709_251_199, 1_735_689_599, 4_102_444_799.9].map {
            Date(timeIntervalSince1970: $0)
        }
        for date in dates {
            #expect(Timestamp.string(date) == style.format(date), "\(date.timeIntervalSince1970)")
        }
    }
}
