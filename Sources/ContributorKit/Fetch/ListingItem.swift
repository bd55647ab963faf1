/// A repository's entry in a cached listing page: its forge id and the flags the filters read,
/// stored as `ID` or `ID:FLAGS` with `f` for fork and `a` for archived, comma-separated per page.
/// A 304 for the listing page then needs no stored body: rows come from `repositories`, and
/// filtered repositories, which have no row, are recognised by their flags.
struct ListingItem: Equatable {
    var forgeID: Int
    var isFork: Bool
    var isArchived: Bool

    init(forgeID: Int, isFork: Bool, isArchived: Bool) {
        self.forgeID = forgeID
        self.isFork = isFork
        self.isArchived = isArchived
    }

    init?(_ text: Substring) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard let first = parts.first, let id = Int(first) else {
            return nil
        }
        forgeID = id
        let flags = parts.count > 1 ? parts[1] : ""
        isFork = flags.contains("f")
        isArchived = flags.contains("a")
    }

    var text: String {
        let flags = (isFork ? "f" : "") + (isArchived ? "a" : "")
        return flags.isEmpty ? String(forgeID) : "\(forgeID):\(flags)"
    }

    static func encode(_ items: [ListingItem]) -> String {
        items.map(\.text).joined(separator: ",")
    }

    static func decode(_ text: String) -> [ListingItem]? {
        var items: [ListingItem] = []
        for part in text.split(separator: ",") {
            guard let item = ListingItem(part) else {
                return nil
            }
            items.append(item)
        }
        return items
    }
}
