import Foundation

/// libFuzzer entry point for the parsers that read untrusted server responses. The first byte picks
/// the parser; the rest is its input. A crash, a hang or a failed precondition is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let selector = bytes.first else {
        return 0
    }
    let payload = Data(bytes.dropFirst())
    let text = String(decoding: payload, as: UTF8.self)

    switch selector % 8 {
    case 0:
        let links = LinkHeader(parsing: text.components(separatedBy: "\n"))
        for (relation, target) in links.links {
            precondition(!target.isEmpty, "empty target for rel=\(relation)")
            precondition(relation == relation.lowercased(), "relation not lower-cased")
        }
    case 1:
        _ = try? GitHubJSON.decodeContributors(payload)
        // Any value the scanner accepts as JSON must also be accepted by JSONSerialization. The scanner
        // reads invalid UTF-8 in strings leniently, as U+FFFD, so only valid UTF-8 is compared.
        let accepted: Bool = payload.withUnsafeBytes { bytes in
            var scanner = JSONScanner(bytes)
            return (try? scanner.skipValue()) != nil && (try? scanner.expectEnd()) != nil
        }
        // JSONSerialization also rejects valid numbers that no Swift number type can hold, such as 2e929.
        // RFC 8259 leaves that range to each implementation, so those rejections are not findings.
        if accepted, String(validating: payload, as: UTF8.self) != nil {
            do {
                _ = try JSONSerialization.jsonObject(with: payload, options: [.fragmentsAllowed])
            } catch {
                precondition(String(describing: error).contains("is not representable"), "scanner accepted invalid JSON: \(error)")
            }
        }
    case 2:
        // Listing pages go through the scanner and single repositories through `Decodable`: what the
        // scanner reads from valid UTF-8, `JSONDecoder` must read the same way. With a key repeated in
        // one object the two differ by design: the scanner keeps the last value, `JSONDecoder` the first.
        if let scanned = try? GitHubJSON.decodeRepositories(payload), String(validating: payload, as: UTF8.self) != nil,
           !repeatsDecodedKey(payload) {
            let decoded = try? JSONDecoder().decode([GitHubRepositoryJSON].self, from: payload)
            precondition(decoded == scanned, "scanner and JSONDecoder read different repositories")
        }
    case 3:
        _ = try? GitLabJSON.decodeContributors(payload)
        _ = try? GitLabJSON.decodeProjects(payload)
    case 4:
        if let items = ListingItem.decode(text) {
            // Encoding and decoding again gives the same items.
            precondition(ListingItem.decode(ListingItem.encode(items)) == items, "listing items do not round-trip")
        }
    case 5:
        if let field = HTTPHeaders.parseLine(text) {
            precondition(!field.name.isEmpty, "empty header name")
        }
    case 6:
        _ = RateLimitSignal.parseRetryAfter(text, serverDate: Date(timeIntervalSince1970: 1_700_000_000))
        _ = RateLimitSignal.parseHTTPDate(text)
    default:
        _ = GitHubNoreplyAddress(text)
        _ = emailHash(text)
    }
    return 0
}

/// Returns whether an object of a repositories page names one of the decoded keys twice, or its owner
/// names `login` twice. Unreadable input counts as repeating, so it is left out of the comparison.
func repeatsDecodedKey(_ payload: Data) -> Bool {
    let decodedKeys: Set<String> = ["id", "name", "full_name", "html_url", "fork", "archived", "pushed_at", "owner"]
    let repeats = try? JSONScanner.decodeArray(payload) { scanner, _ -> Bool in
        var seen = Set<String>()
        var repeated = false
        try scanner.forEachMember { scanner, key in
            let name = String(decoding: key, as: UTF8.self)
            if decodedKeys.contains(name) && !seen.insert(name).inserted {
                repeated = true
            }
            guard name == "owner" else {
                try scanner.skipValue()
                return
            }
            if try scanner.consumeNull() {
                return
            }
            var logins = 0
            try scanner.forEachMember { scanner, key in
                logins += key.equals("login") ? 1 : 0
                try scanner.skipValue()
            }
            repeated = repeated || logins > 1
        }
        return repeated
    }
    return repeats?.contains(true) ?? true
}
