import Foundation

/// A small pull parser over UTF-8 JSON bytes, for the hot path. Contributors pages are decoded
/// straight into the few fields the database needs, without a tree or `Codable`, because
/// `JSONDecoder` took most of a cold run's CPU time.
///
/// It accepts only valid JSON (RFC 8259): truncated input, trailing bytes and bad escapes throw.
/// The one leniency: invalid UTF-8 inside a string is read as U+FFFD instead of rejecting the page.
struct JSONScanner {
    struct Error: Swift.Error, CustomStringConvertible {
        var message: String
        var offset: Int

        var description: String {
            "\(message) at byte \(offset)"
        }
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// Nesting bound for skipped values, so hostile input cannot exhaust the stack.
    static let maxDepth = 512

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Decodes a whole document that is one array, calling `element` for each element with its index.
    /// `element` must consume the element; anything after the array throws.
    /// `expectedCount` reserves room for that many elements up front.
    static func decodeArray<Element>(
        _ data: Data, expectedCount: Int = 0, _ element: (inout JSONScanner, Int) throws -> Element
    ) throws -> [Element] {
        try data.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            var elements: [Element] = []
            elements.reserveCapacity(expectedCount)
            try scanner.forEachElement { scanner in
                elements.append(try element(&scanner, elements.count))
            }
            try scanner.expectEnd()
            return elements
        }
    }

    /// Makes an error at the current offset.
    func fail(_ message: String) -> Error {
        Error(message: message, offset: offset)
    }

    private var current: UInt8? {
        offset < bytes.count ? bytes[offset] : nil
    }

    /// Skips spaces, tabs and line breaks. Compact JSON has none between tokens, so the first byte
    /// is checked inline and the loop runs out of line.
    @inline(__always)
    mutating func skipWhitespace() {
        if offset < bytes.count, bytes[offset] > 0x20 {
            return
        }
        skipWhitespaceRun()
    }

    private mutating func skipWhitespaceRun() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
            offset += 1
        }
    }

    /// Throws unless only whitespace is left.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard offset == bytes.count else {
            throw fail("unexpected data after the JSON value")
        }
    }

    /// Consumes `byte` after any whitespace, or throws an error that names `expected`. The common
    /// case, `byte` next with no whitespace, is checked inline.
    @inline(__always)
    private mutating func expect(_ byte: UInt8, _ expected: StaticString) throws {
        if offset < bytes.count, bytes[offset] == byte {
            offset += 1
            return
        }
        try expectAfterWhitespace(byte, expected)
    }

    private mutating func expectAfterWhitespace(_ byte: UInt8, _ expected: StaticString) throws {
        skipWhitespace()
        guard current == byte else {
            throw fail(current == nil ? "unexpected end of input, expected \(expected)" : "expected \(expected)")
        }
        offset += 1
    }

    /// Returns true and consumes `null` when it comes next.
    mutating func consumeNull() throws -> Bool {
        skipWhitespace()
        guard current == UInt8(ascii: "n") else {
            return false
        }
        try literal("null")
        return true
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else {
            throw fail("unexpected end of input in a literal")
        }
        for index in 0..<count where bytes[offset + index] != word.utf8Start[index] {
            throw fail("invalid literal")
        }
        offset += count
    }

    /// Calls `element` once per element of the array that comes next; `element` must consume it.
    mutating func forEachElement(_ element: (inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "["), "an array")
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return
        }
        while true {
            try element(&self)
            skipWhitespace()
            guard let byte = current else {
                throw fail("unexpected end of input in an array")
            }
            offset += 1
            if byte == UInt8(ascii: "]") {
                return
            }
            guard byte == UInt8(ascii: ",") else {
                throw fail("expected , or ] in an array")
            }
        }
    }

    /// Calls `member` with each key of the object that comes next; `member` must consume the value.
    /// The key is passed as raw bytes, valid only during the call, so most keys cost no allocation.
    mutating func forEachMember(_ member: (inout JSONScanner, UnsafeRawBufferPointer) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "an object")
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return
        }
        while true {
            skipWhitespace()
            let key = try rawString()
            try expect(UInt8(ascii: ":"), ":")
            if key.hasEscapes {
                let decoded = Array(try key.decoded(in: bytes).utf8)
                try decoded.withUnsafeBytes { try member(&self, $0) }
            } else {
                try member(&self, UnsafeRawBufferPointer(rebasing: bytes[key.range]))
            }
            skipWhitespace()
            guard let byte = current else {
                throw fail("unexpected end of input in an object")
            }
            offset += 1
            if byte == UInt8(ascii: "}") {
                return
            }
            guard byte == UInt8(ascii: ",") else {
                throw fail("expected , or } in an object")
            }
        }
    }

    /// The position of a string's content, and whether it needs unescaping.
    struct RawString {
        var range: Range<Int>
        var hasEscapes: Bool

        func decoded(in bytes: UnsafeRawBufferPointer) throws -> String {
            guard hasEscapes else {
                return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            }
            return try JSONScanner.unescape(UnsafeRawBufferPointer(rebasing: bytes[range]), base: range.lowerBound)
        }
    }

    private mutating func rawString() throws -> RawString {
        try expect(UInt8(ascii: "\""), "a string")
        let start = offset
        var hasEscapes = false
        var index = offset
        let count = bytes.count
        while index < count {
            index = Self.skipPlainBytes(bytes, from: index)
            guard index < count else {
                break
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                offset = index + 1
                return RawString(range: start..<index, hasEscapes: hasEscapes)
            }
            if byte == UInt8(ascii: "\\") {
                // Escapes are checked here too, so a skipped string is validated like a decoded one.
                guard index + 1 < count else {
                    break
                }
                hasEscapes = true
                switch bytes[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= count, (2..<6).allSatisfy({ Self.isHexDigit(bytes[index + $0]) }) else {
                        offset = index
                        throw fail("invalid \\u escape")
                    }
                    index += 6
                default:
                    offset = index
                    throw fail("invalid escape")
                }
                continue
            }
            if byte < 0x20 {
                offset = index
                throw fail("control character in a string")
            }
            index += 1
        }
        offset = count
        throw fail("unexpected end of input in a string")
    }

    /// Returns the offset of the first byte from `start` on that ends a string's plain run: a quote,
    /// a backslash or a control character. Strings are most of a contributors page, so it reads eight
    /// bytes at a time. Within the last seven bytes of the input it returns `start`, and the caller
    /// reads them one by one.
    private static func skipPlainBytes(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = bytes.baseAddress else {
            return start
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // Subtracting 0x01 from every byte sets the high bit of each byte that was zero (after
            // the XOR with a quote or a backslash), and `& ~x` drops bytes that had it set already.
            // Subtracting 0x20 instead does the same for bytes below 0x20.
            let quotes = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
            let backslashes = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
            let special = ((quotes &- ones) & ~quotes) | ((backslashes &- ones) & ~backslashes)
                | ((word &- ones &* 0x20) & ~word)
            let hits = special & highBits
            if hits != 0 {
                // A false hit can only sit above a true one, so the lowest is the first special byte.
                return index + hits.trailingZeroBitCount / 8
            }
            index += 8
        }
        return index
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(byte)
    }

    mutating func string() throws -> String {
        try rawString().decoded(in: bytes)
    }

    /// Reads a string or `null`.
    mutating func optionalString() throws -> String? {
        try consumeNull() ? nil : string()
    }

    /// Reads a string or `null` without making a `String`. `string(_:)` makes it later.
    mutating func optionalRawString() throws -> RawString? {
        try consumeNull() ? nil : rawString()
    }

    /// Makes the `String` of a string read with `optionalRawString()`.
    func string(_ raw: RawString) throws -> String {
        try raw.decoded(in: bytes)
    }

    /// Returns whether a string read with `optionalRawString()` has exactly the UTF-8 bytes of
    /// `string`. It compares bytes, so no second `String` is made.
    func raw(_ raw: RawString, equals string: String?) -> Bool {
        guard let string, !raw.hasEscapes, string.utf8.count == raw.range.count else {
            return false
        }
        // Native strings expose their UTF-8 without a copy. The rest, rare here, compare bytewise.
        let content = UnsafeRawBufferPointer(rebasing: bytes[raw.range])
        return string.utf8.withContiguousStorageIfAvailable { utf8 in
            content.isEmpty || memcmp(content.baseAddress!, utf8.baseAddress!, content.count) == 0
        } ?? content.elementsEqual(string.utf8)
    }

    /// Reads a string or `null`, and for a string passes its unescaped UTF-8 bytes to `body`, valid
    /// only during the call. Meant for values that are compared, not stored, so no `String` is made.
    mutating func optionalStringBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) throws -> T? {
        guard try !consumeNull() else {
            return nil
        }
        let raw = try rawString()
        guard raw.hasEscapes else {
            return try body(UnsafeRawBufferPointer(rebasing: bytes[raw.range]))
        }
        return try Array(raw.decoded(in: bytes).utf8).withUnsafeBytes(body)
    }

    /// Reads an integer; a number with a fraction or exponent, or one out of range, throws.
    mutating func integer() throws -> Int {
        skipWhitespace()
        let start = offset
        if current == UInt8(ascii: "-") {
            offset += 1
        }
        var value = 0
        var digits = 0
        while let byte = current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
            let (multiplied, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = multiplied.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else {
                throw fail("integer out of range")
            }
            value = added
            digits += 1
            offset += 1
        }
        guard digits > 0 else {
            throw fail("expected an integer")
        }
        // JSON numbers have no leading zeros: "0" alone, but not "01".
        let firstDigit = bytes[start] == UInt8(ascii: "-") ? start + 1 : start
        guard digits == 1 || bytes[firstDigit] != UInt8(ascii: "0") else {
            throw fail("leading zero in a number")
        }
        if let byte = current, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            throw fail("expected an integer, found a fraction or exponent")
        }
        return bytes[start] == UInt8(ascii: "-") ? -value : value
    }

    /// Reads `true`, `false` or `null`.
    mutating func optionalBool() throws -> Bool? {
        skipWhitespace()
        switch current {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        case nil:
            throw fail("unexpected end of input, expected true or false")
        default:
            throw fail("expected true or false")
        }
    }

    /// Reads an integer or `null`.
    mutating func optionalInteger() throws -> Int? {
        try consumeNull() ? nil : integer()
    }

    /// Consumes any one value, checking its syntax.
    mutating func skipValue(depth: Int = 0) throws {
        guard depth < Self.maxDepth else {
            throw fail("nesting deeper than \(Self.maxDepth)")
        }
        skipWhitespace()
        guard let byte = current else {
            throw fail("unexpected end of input, expected a value")
        }
        switch byte {
        case UInt8(ascii: "{"):
            try forEachMember { scanner, _ in try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "["):
            try forEachElement { scanner in try scanner.skipValue(depth: depth + 1) }
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "t"):
            try literal("true")
        case UInt8(ascii: "f"):
            try literal("false")
        case UInt8(ascii: "n"):
            try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        default:
            throw fail("unexpected character")
        }
    }

    private mutating func skipNumber() throws {
        if current == UInt8(ascii: "-") {
            offset += 1
        }
        func digits(_ scanner: inout JSONScanner) -> Int {
            var count = 0
            while let byte = scanner.current, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                scanner.offset += 1
                count += 1
            }
            return count
        }
        let integerStart = offset
        let integerDigits = digits(&self)
        guard integerDigits > 0 else {
            throw fail("invalid number")
        }
        guard integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw fail("leading zero in a number")
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else {
                throw fail("invalid number")
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                offset += 1
            }
            guard digits(&self) > 0 else {
                throw fail("invalid number")
            }
        }
    }

    /// Decodes the escapes of a string's content: `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t` and
    /// `\uXXXX`, with surrogate pairs joined.
    private static func unescape(_ content: UnsafeRawBufferPointer, base: Int) throws -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var index = 0

        func flush() {
            if !utf8.isEmpty {
                scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
                utf8.removeAll(keepingCapacity: true)
            }
        }
        func hex(at position: Int) throws -> UInt32 {
            guard position + 4 <= content.count else {
                throw Error(message: "truncated \\u escape", offset: base + position)
            }
            var value: UInt32 = 0
            for offset in position..<(position + 4) {
                let byte = content[offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw Error(message: "invalid \\u escape", offset: base + position)
                }
                value = value << 4 | UInt32(digit)
            }
            return value
        }

        while index < content.count {
            let byte = content[index]
            guard byte == UInt8(ascii: "\\") else {
                utf8.append(byte)
                index += 1
                continue
            }
            guard index + 1 < content.count else {
                throw Error(message: "truncated escape", offset: base + index)
            }
            let escape = content[index + 1]
            index += 2
            switch escape {
            case UInt8(ascii: "\""): utf8.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): utf8.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                flush()
                var code = try hex(at: index)
                index += 4
                if (0xD800...0xDBFF).contains(code), index + 6 <= content.count,
                   content[index] == UInt8(ascii: "\\"), content[index + 1] == UInt8(ascii: "u") {
                    let low = try hex(at: index + 2)
                    if (0xDC00...0xDFFF).contains(low) {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    }
                }
                // A lone surrogate is no Unicode scalar, so it becomes U+FFFD.
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default:
                throw Error(message: "invalid escape", offset: base + index - 1)
            }
        }
        flush()
        return String(scalars)
    }
}

extension UnsafeRawBufferPointer {
    /// Compares the bytes with an ASCII key such as "login".
    @inline(__always)
    func equals(_ key: StaticString) -> Bool {
        guard count == key.utf8CodeUnitCount else {
            return false
        }
        // Keys of 4 to 16 bytes are compared as two overlapping loads, cheaper than a call to memcmp.
        let key = UnsafeRawPointer(key.utf8Start)
        switch count {
        case 4..<8:
            return overlappingLoadsEqual(key, as: UInt32.self)
        case 8...16:
            return overlappingLoadsEqual(key, as: UInt64.self)
        default:
            return count == 0 || memcmp(baseAddress!, key, count) == 0
        }
    }

    /// Compares the first and the last `Word` of these bytes and of `other`, which has as many bytes
    /// and at least `Word`'s size.
    @inline(__always)
    private func overlappingLoadsEqual<Word: FixedWidthInteger>(_ other: UnsafeRawPointer, as _: Word.Type) -> Bool {
        let tail = count - MemoryLayout<Word>.size
        return loadUnaligned(as: Word.self) == other.loadUnaligned(as: Word.self)
            && loadUnaligned(fromByteOffset: tail, as: Word.self) == other.loadUnaligned(fromByteOffset: tail, as: Word.self)
    }
}
