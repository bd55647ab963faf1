/// The 64-bit FNV-1a hash, used for entity tags that stay the same across processes.
///
/// Swift's `Hasher` is seeded per process, so it cannot give tags that match after a restart.
enum FNV1a {
    static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Returns a weak entity tag, such as `W/"af63bd4c8601b7be"`, for a response body.
    static func entityTag<Bytes: Sequence>(for body: Bytes) -> String where Bytes.Element == UInt8 {
        let hex = String(hash64(body), radix: 16)
        return "W/\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }
}
