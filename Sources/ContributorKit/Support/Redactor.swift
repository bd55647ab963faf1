import Foundation

/// Removes secrets from text before it is logged or stored: the configured tokens themselves,
/// `access_token=` and `private_token=` query parameters, and strings shaped like GitHub or GitLab tokens.
public struct Redactor: Sendable {
    public static let placeholder = "[REDACTED]"

    private var secrets: [String]

    public init(secrets: [String] = []) {
        // Short values would redact ordinary words; real tokens are far longer than 8 characters.
        self.secrets = secrets.filter { $0.count >= 8 }.sorted { $0.count > $1.count }
    }

    // Token formats documented by GitHub ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_") and GitLab ("glpat-").
    private static let tokenPattern = try! NSRegularExpression(
        pattern: #"(?:gh[pousr]_[A-Za-z0-9]{8,}|github_pat_[A-Za-z0-9_]{8,}|glpat-[A-Za-z0-9_\-]{8,})"#
    )
    private static let queryPattern = try! NSRegularExpression(
        pattern: #"((?:access_token|private_token|token)=)[^&\s"']+"#,
        options: [.caseInsensitive]
    )

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.placeholder)
        }
        // The regular expressions are slow, and most lines contain no token-shaped text at all.
        let markers = ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_", "glpat-", "token="]
        guard markers.contains(where: { result.contains($0) }) else {
            return result
        }
        let range = NSRange(result.startIndex..., in: result)
        result = Self.tokenPattern.stringByReplacingMatches(in: result, range: range, withTemplate: Self.placeholder)
        let newRange = NSRange(result.startIndex..., in: result)
        return Self.queryPattern.stringByReplacingMatches(
            in: result, range: newRange, withTemplate: "$1\(Self.placeholder)"
        )
    }
}
