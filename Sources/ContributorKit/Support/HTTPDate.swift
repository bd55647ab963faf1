import Foundation

/// Parses the IMF-fixdate form of HTTP dates (RFC 9110, section 5.6.7), such as
/// "Sun, 06 Nov 1994 08:49:37 GMT", the only form servers may send today.
///
/// A hand-written parser rather than `DateFormatter`, because swift-corelibs-foundation's
/// `DateFormatter.date(from:)` leaked memory on some inputs under libFuzzer with LeakSanitizer.
enum HTTPDate {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    private static let weekdays: Set<Substring> = ["Mon,", "Tue,", "Wed,", "Thu,", "Fri,", "Sat,", "Sun,"]

    static func parse(_ text: String) -> Date? {
        if let date = parseExact(text) {
            return date
        }

        // Trims what `CharacterSet.whitespaces` contains, tab and the space separators, without
        // building Foundation's character set for every response.
        let scalars = text.unicodeScalars
        let isBlank = { (scalar: Unicode.Scalar) in scalar == "\t" || scalar.properties.generalCategory == .spaceSeparator }
        guard let first = scalars.firstIndex(where: { !isBlank($0) }), let last = scalars.lastIndex(where: { !isBlank($0) }) else {
            return nil
        }
        let parts = Substring(scalars[first...last]).split(separator: " ")
        guard parts.count == 6, weekdays.contains(parts[0]), parts[5] == "GMT",
              parts[1].count == 2, let day = Int(parts[1]), (1...31).contains(day),
              let monthIndex = months.firstIndex(of: String(parts[2])),
              parts[3].count == 4, let year = Int(parts[3]), year >= 1970 else {
            return nil
        }
        let time = parts[4].split(separator: ":")
        guard time.count == 3, time.allSatisfy({ $0.count == 2 }),
              let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              hour < 24, minute < 60, second < 61 else {
            return nil
        }
        let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// Parses a date in exactly the layout servers send, 29 bytes with single spaces, from its bytes.
    /// Servers with a clock send `Date` on every response (RFC 9110, section 6.6.1), and splitting the
    /// string took most of the time of this parse.
    /// Returns nil for any other layout, which `parse` then reads the general way.
    private static func parseExact(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            guard bytes.count == 29, bytes[3] == UInt8(ascii: ","), bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
                  bytes[16] == 0x20, bytes[19] == UInt8(ascii: ":"), bytes[22] == UInt8(ascii: ":"), bytes[25] == 0x20,
                  bytes[26] == UInt8(ascii: "G"), bytes[27] == UInt8(ascii: "M"), bytes[28] == UInt8(ascii: "T") else {
                return nil
            }
            func number(_ start: Int, _ count: Int) -> Int? {
                var value = 0
                for index in start..<(start + count) {
                    let digit = Int(bytes[index]) - Int(UInt8(ascii: "0"))
                    guard (0...9).contains(digit) else {
                        return nil
                    }
                    value = value * 10 + digit
                }
                return value
            }
            let weekday = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<4]), as: UTF8.self)
            let month = String(decoding: UnsafeBufferPointer(rebasing: bytes[8..<11]), as: UTF8.self)
            guard weekdays.contains(Substring(weekday)), let monthIndex = months.firstIndex(of: month),
                  let day = number(5, 2), (1...31).contains(day), let year = number(12, 4), year >= 1970,
                  let hour = number(17, 2), let minute = number(20, 2), let second = number(23, 2),
                  hour < 24, minute < 60, second < 61 else {
                return nil
            }
            let days = daysFromCivil(year: year, month: monthIndex + 1, day: day)
            let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
