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
        _ = try? GitHubJSON.decodeRepositories(payload)
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
