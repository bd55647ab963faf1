import Foundation

/// A GitHub noreply e-mail address: `ID+LOGIN@users.noreply.github.com`, or the older
/// `LOGIN@users.noreply.github.com`. Commits made with one belong to that GitHub account.
struct GitHubNoreplyAddress: Equatable {
    var userID: Int?
    var login: String

    static let domain = "@users.noreply.github.com"

    init?(_ email: String) {
        let lowered = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard lowered.hasSuffix(Self.domain) else {
            return nil
        }
        let local = lowered.dropLast(Self.domain.count)
        if let plus = local.firstIndex(of: "+"), let id = Int(local[..<plus]) {
            userID = id
            login = String(local[local.index(after: plus)...])
        } else {
            userID = nil
            login = String(local)
        }
        guard !login.isEmpty else {
            return nil
        }
    }
}
