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
            for part in Self.splitLinks(value) {
                parseLink(part)
            }
        }
    }

    public subscript(relation: String) -> String? {
        links[relation.lowercased()]
    }

    public var next: String? { self["next"] }
    public var last: String? { self["last"] }

    /// Splits at commas outside `<…>` and quoted strings, because URLs and parameters may contain commas.
    private static func splitLinks(_ value: String) -> [Substring] {
        var parts: [Substring] = []
        var start = value.startIndex
        var insideAngle = false
        var insideQuote = false
        var index = value.startIndex
        while index < value.endIndex {
            switch value[index] {
            case "<" where !insideQuote:
                insideAngle = true
            case ">" where !insideQuote:
                insideAngle = false
            case "\"" where !insideAngle:
                insideQuote.toggle()
            case "," where !insideAngle && !insideQuote:
                parts.append(value[start..<index])
                start = value.index(after: index)
            default:
                break
            }
            index = value.index(after: index)
        }
        parts.append(value[start...])
        return parts
    }

    private mutating func parseLink(_ part: Substring) {
        let trimmed = part.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<"), let close = trimmed.firstIndex(of: ">") else {
            return
        }
        let target = String(trimmed[trimmed.index(after: trimmed.startIndex)..<close])
        guard !target.isEmpty else {
            return
        }

        // Parameters follow as `; name=value` or `; name="value"`; rel may hold several types.
        for parameter in trimmed[trimmed.index(after: close)...].split(separator: ";") {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "rel" else {
                continue
            }
            let relations = pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            for relation in relations.split(separator: " ") where links[relation.lowercased()] == nil {
                links[relation.lowercased()] = target
            }
        }
    }
}
