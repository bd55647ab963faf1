import Foundation

/// The path segments and query items of a request target such as `/repos/a/b/contributors?anon=1&page=2`.
struct RequestTarget: Sendable {
    /// Path as received, without the query string.
    let path: String

    /// Path segments, each percent-decoded on its own, so `group%2Fsub` stays one segment `group/sub`.
    let segments: [String]

    /// Query string as received, without the `?`, or empty when there is none.
    let rawQuery: String

    /// Query items in the order received, exactly as received.
    let rawQueryItems: [(name: String, value: String)]

    init(_ target: String) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        path = String(parts[0])
        segments = path.split(separator: "/").map { segment in
            String(segment).removingPercentEncoding ?? String(segment)
        }

        rawQuery = parts.count > 1 ? String(parts[1]) : ""
        rawQueryItems = rawQuery.split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (name: String(pair[0]), value: pair.count > 1 ? String(pair[1]) : "")
        }
    }

    /// Returns the decoded value of the first query item with this name.
    func queryValue(_ name: String) -> String? {
        guard let item = rawQueryItems.first(where: { Self.decode($0.name) == name }) else {
            return nil
        }
        return Self.decode(item.value)
    }

    /// Returns whether a query item is `1` or `true`, the forms GitHub and GitLab accept for a true flag.
    func queryFlag(_ name: String) -> Bool {
        guard let value = queryValue(name)?.lowercased() else {
            return false
        }
        return value == "1" || value == "true"
    }

    /// Returns the query string with `page` set to `page`, appended when absent, other items kept in order.
    func query(settingPage page: Int) -> String {
        var items = rawQueryItems
        if let position = items.firstIndex(where: { Self.decode($0.name) == "page" }) {
            items[position].value = String(page)
        } else {
            items.append((name: "page", value: String(page)))
        }
        return items.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
    }

    /// Decodes `+` as a space and then percent escapes, as HTML forms and query strings do.
    private static func decode(_ text: String) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
