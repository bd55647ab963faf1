/// A rendered JSON body kept for reuse until the world changes.
struct RenderedPage: Sendable {
    var body: [UInt8]
    var entityTag: String

    /// Number of items in the whole list this page belongs to, for pagination headers, or 0 for a single object.
    var totalItems: Int

    init(json: JSONValue, totalItems: Int = 0) {
        self.body = json.renderedBytes()
        self.entityTag = FNV1a.entityTag(for: body)
        self.totalItems = totalItems
    }
}
