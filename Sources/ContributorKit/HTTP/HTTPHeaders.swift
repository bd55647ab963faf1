import Foundation

/// Response header fields in arrival order, looked up by name case-insensitively as HTTP requires.
public struct HTTPHeaders: Sendable, Equatable {
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    public mutating func append(name: String, value: String) {
        fields.append((name, value))
    }

    /// Returns the first value of the field called `name`, ignoring case.
    public subscript(name: String) -> String? {
        fields.first { $0.name.caseInsensitiveEquals(name) }?.value
    }

    /// Returns every value of the field called `name`, for fields such as `Link` that may repeat.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.caseInsensitiveEquals(name) }.map(\.value)
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Parses one raw header line as libcurl's header callback delivers it, status line included.
    /// Returns nil for the status line, the blank line that ends the block, and malformed lines.
    static func parseLine(_ line: String) -> (name: String, value: String)? {
        var bytes = Array(line.utf8)
        return bytes.withUnsafeMutableBufferPointer { parseLine(UnsafeRawBufferPointer($0)) }
    }

    /// Parses a header line from raw bytes, trimming spaces, tabs and the line break by hand, because
    /// Foundation's trimming showed up in profiles of runs with thousands of responses.
    static func parseLine(_ bytes: UnsafeRawBufferPointer) -> (name: String, value: String)? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else {
            return nil
        }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
        }
        var nameStart = 0
        var nameEnd = colon
        while nameStart < nameEnd, isSpace(bytes[nameStart]) {
            nameStart += 1
        }
        while nameEnd > nameStart, isSpace(bytes[nameEnd - 1]) {
            nameEnd -= 1
        }
        guard nameStart < nameEnd, !bytes[nameStart..<nameEnd].contains(where: isSpace) else {
            return nil
        }
        var valueStart = colon + 1
        var valueEnd = bytes.count
        while valueStart < valueEnd, isSpace(bytes[valueStart]) {
            valueStart += 1
        }
        while valueEnd > valueStart, isSpace(bytes[valueEnd - 1]) {
            valueEnd -= 1
        }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[nameStart..<nameEnd]), as: UTF8.self)
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[valueStart..<valueEnd]), as: UTF8.self)
        return (name, value)
    }
}

extension String {
    /// Compares two field names ignoring ASCII case, the only case folding HTTP defines for them
    /// (RFC 9110, section 5.1). It compares bytes, because lowercasing both names allocated two
    /// strings per field and per look-up, a dozen look-ups per response.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        guard utf8.count == other.utf8.count else {
            return false
        }
        return utf8.elementsEqual(other.utf8) { left, right in
            left == right || (left ^ right == 0x20 && (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(left | 0x20))
        }
    }
}
