import Testing

@testable import ContributorKit

@Suite struct SHA256Tests {
    /// Test vectors from FIPS 180-4's examples and NIST's CAVP short messages.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownDigests(input: String, digest: String) {
        #expect(SHA256.hexDigest(input) == digest)
    }

    @Test func millionAs() {
        let input = String(repeating: "a", count: 1_000_000)
        #expect(SHA256.hexDigest(input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func emailHashTrimsAndLowercases() {
        #expect(emailHash("  Ada@Example.ORG ") == SHA256.hexDigest("ada@example.org"))
    }

    @Test func noreplyAddressForms() {
        #expect(GitHubNoreplyAddress("123+Octo@users.noreply.github.com") == GitHubNoreplyAddress(userID: 123, login: "octo"))
        #expect(GitHubNoreplyAddress("octo@users.noreply.github.com")?.login == "octo")
        #expect(GitHubNoreplyAddress("octo@users.noreply.github.com")?.userID == nil)
        #expect(GitHubNoreplyAddress("octo@example.org") == nil)
    }
}

extension GitHubNoreplyAddress {
    init(userID: Int?, login: String) {
        self.init("\(userID.map { "\($0)+" } ?? "")\(login)@users.noreply.github.com")!
    }
}
