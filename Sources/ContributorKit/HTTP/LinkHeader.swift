import Foundation

/// The targets of an RFC 8288 `Link` header, by relation type.
///
/// GitHub and GitLab list `rel="next"`, `rel="last"`, `rel="prev"` and `rel="first"` in varying orders,
/// so relations are looked up by name, never by position.
public struct LinkHeader: Sendable, Equatable {
    public private(set) var links: [String: String] = [:]

    public init(links: [String: String] = [:]) {
        self.links = links
    }

    /// Parses every header value given (a response may repeat `Link`). Malformed parts are skipped.
    public init(parsing values: [String]) {
        for value in values {
            var bytes = Array(value.utf8)
            bytes.withUnsafeMutableBufferPointer { buffer in
                parse(UnsafeRawBufferPointer(buffer))
            }
        }
    }

    public subscript(relation: String) -> String? {
        links[relation.lowercased()]
    }

    public var next: String? { self["next"] }
    public var last: String? { self["last"] }

    /// Walks `<target>; param=value; ..., <target>; ...` byte by byte. Commas inside `<…>` and quoted
    /// strings do not split links, because URLs and parameters may contain them.
    private mutating func parse(_ bytes: UnsafeRawBufferPointer) {
        var index = 0
        let count = bytes.count

        func skipSpaces() {
            while index < count, bytes[index] == 0x20 || bytes[index] == 0x09 {
                index += 1
            }
        }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        while index < count {
            skipSpaces()
            // Skip to the next link when this part does not start with a target.
            guard index < count, bytes[index] == UInt8(ascii: "<") else {
                skipPart(bytes, &index)
                continue
            }
            let targetStart = index + 1
            guard let close = bytes[targetStart...].firstIndex(of: UInt8(ascii: ">")) else {
                return
            }
            let target = targetStart..<close
            index = close + 1

            // Parameters up to the comma that ends this link.
            var relations: String?
            while index < count, bytes[index] != UInt8(ascii: ",") {
                guard bytes[index] == UInt8(ascii: ";") else {
                    index += 1
                    continue
                }
                index += 1
                skipSpaces()
                let nameStart = index
                while index < count, bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ",") {
                    index += 1
                }
                let name = text(nameStart..<index).trimmingSpaces.lowercased()
                guard index < count, bytes[index] == UInt8(ascii: "=") else {
                    continue
                }
                index += 1
                skipSpaces()
                var value: String
                if index < count, bytes[index] == UInt8(ascii: "\"") {
                    let valueStart = index + 1
                    let valueEnd = bytes[valueStart...].firstIndex(of: UInt8(ascii: "\"")) ?? count
                    value = text(valueStart..<valueEnd)
                    index = min(count, valueEnd + 1)
                } else {
                    let valueStart = index
                    while index < count, bytes[index] != UInt8(ascii: ";"), bytes[index] != UInt8(ascii: ",") {
                        index += 1
                    }
                    value = text(valueStart..<index).trimmingSpaces
                }
                if name == "rel" && relations == nil {
                    relations = value
                }
            }
            index += 1

            guard !target.isEmpty, let relations else {
                continue
            }
            let targetText = text(target)
            for relation in relations.split(separator: " ") where links[relation.lowercased()] == nil {
                links[relation.lowercased()] = targetText
            }
        }
    }

    /// Moves past the current part to just after the next comma outside `<…>` and quotes.
    private func skipPart(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) {
        var insideAngle = false
        var insideQuote = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "<") where !insideQuote:
                insideAngle = true
            case UInt8(ascii: ">") where !insideQuote:
                insideAngle = false
            case UInt8(ascii: "\"") where !insideAngle:
                insideQuote.toggle()
            case UInt8(ascii: ",") where !insideAngle && !insideQuote:
                return
            default:
                break
            }
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != " " && $0 != "\t" }),
              let last = scalars.lastIndex(where: { $0 != " " && $0 != "\t" }) else {
            return ""
        }
        return String(scalars[first...last])
    }
}
