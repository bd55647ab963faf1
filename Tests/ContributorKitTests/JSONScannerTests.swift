import Foundation
import Testing

@testable import ContributorKit

@Suite struct JSONScannerTests {
    func decode(_ json: String) throws -> [ContributorRecord] {
        try GitHubJSON.decodeContributors(Data(json.utf8))
    }

    @Test func escapesAndSurrogatePairs() throws {
        let records = try decode(#"[{"type":"Anonymous","name":"Zo\u00eb \ud83d\ude80 \"q\" \\ \/ \n","email":"z@x.org","contributions":1}]"#)
        #expect(records.first?.name == "Zoë 🚀 \"q\" \\ / \n")
    }

    @Test func unknownFieldsOfEveryKindSkipped() throws {
        let records = try decode(#"[{"extra":{"a":[1,2.5e3,-0.1,true,false,null,{"b":"c"}]},"login":"ann","id":7,"contributions":3,"site_admin":false}]"#)
        #expect(records.map(\.login) == ["ann"])
        #expect(records.map(\.commits) == [3])
    }

    /// Keys are compared as overlapping words, so a key that differs from a decoded one in any single
    /// byte, first, middle or last, is skipped as unknown.
    @Test func keysDifferingInOneByteAreSkipped() throws {
        let decodedKeys = ["login", "avatar_url", "html_url", "contributions"]
        for key in decodedKeys {
            for position in key.utf8.indices {
                var bytes = Array(key.utf8)
                bytes[key.utf8.distance(from: key.utf8.startIndex, to: position)] ^= 0x01
                let nearMiss = String(decoding: bytes, as: UTF8.self)
                let records = try decode(#"[{"id":7,"login":"ann","avatar_url":"a","html_url":"h","contributions":3,"\#(nearMiss)":"x"}]"#)
                #expect(records.first?.login == "ann", "\(nearMiss)")
                #expect(records.first?.avatarURL == "a", "\(nearMiss)")
                #expect(records.first?.htmlURL == "h", "\(nearMiss)")
            }
        }
        let missing = try decode(#"[{"id":7,"logon":"ann","avatar_ur1":"a","html-url":"h","contributions":3}]"#)
        #expect(missing.first?.login == nil)
        #expect(missing.first?.kind == .anonymous)
    }

    /// Compact JSON takes the inline path, and whitespace around every token takes the other one.
    @Test func whitespaceAroundEveryToken() throws {
        let spaced = " [ \n{ \t\"login\" : \"ann\" ,\r\n \"id\" : 7 , \"contributions\" :3 } , { \"login\":\"bo\",\"id\":8,\"contributions\":1}\n] \n"
        let records = try decode(spaced)
        #expect(records.map(\.login) == ["ann", "bo"])
        #expect(records.map(\.commits) == [3, 1])
    }

    /// Listing pages are read with the scanner and single repositories with `Decodable`, so both must
    /// read the same values from the same objects.
    @Test(arguments: [
        #"[{"id":1,"name":"a","full_name":"acme/a","html_url":"https://github.com/acme/a","fork":false,"archived":true,"pushed_at":"2026-01-02T03:04:05Z","owner":{"login":"acme","id":9}}]"#,
        #"[{"full_name":"acme/b","name":"b","id":2,"html_url":null,"fork":null,"archived":null,"pushed_at":null,"owner":null}]"#,
        #"[{"id":3,"name":"c","full_name":"acme/c","permissions":{"admin":false,"nested":[1,{"x":null}]},"topics":["x"],"license":null,"size":12.5}]"#,
        #"[{"id":4,"name":"dé","full_name":"acme/dé","owner":{"type":"User","login":"ann"}},{"id":5,"name":"e","full_name":"acme/e","fork":true}]"#,
        "[]",
    ])
    func repositoriesMatchDecodable(json: String) throws {
        let expected = try JSONDecoder().decode([GitHubRepositoryJSON].self, from: Data(json.utf8))
        #expect(try GitHubJSON.decodeRepositories(Data(json.utf8)) == expected)
    }

    @Test(arguments: [
        (#"[{"name":"a","full_name":"acme/a"}]"#, "missing id, name or full_name in repository 0"),
        (#"[{"id":1,"name":"a","full_name":"acme/a","fork":"yes"}]"#, "expected true or false"),
        (#"[{"id":1,"name":"a","full_name":"acme/a","owner":{"id":2}}]"#, "missing login in a repository owner"),
        (#"[{"id":1,"name":null,"full_name":"acme/a"}]"#, "expected a string"),
    ])
    func invalidRepositoriesRejected(json: String, message: String) {
        #expect {
            _ = try GitHubJSON.decodeRepositories(Data(json.utf8))
        } throws: { error in
            String(describing: error).contains(message)
        }
        #expect(throws: (any Error).self) {
            _ = try JSONDecoder().decode([GitHubRepositoryJSON].self, from: Data(json.utf8))
        }
    }

    @Test func escapedKeyMatches() throws {
        let records = try decode(#"[{"log\u0069n":"ann","id":7,"contributions":3}]"#)
        #expect(records.first?.login == "ann")
    }

    @Test func nullsBecomeNil() throws {
        let records = try decode(#"[{"login":"ann","id":7,"avatar_url":null,"type":null,"contributions":3}]"#)
        #expect(records.first?.avatarURL == nil)
        #expect(records.first?.kind == .user)
    }

    @Test(arguments: [
        (#"[{"login":"x","id":1,"contri"#, "unexpected end of input"),
        (#"{"message":"not a list"}"#, "expected an array at byte 0"),
        (#"[{"login":"x","id":1}]"#, "missing or negative contributions in entry 0"),
        (#"[{"login":"x","id":1,"contributions":1.5}]"#, "expected an integer, found a fraction or exponent"),
        (#"[{"login":"x","id":1,"contributions":99999999999999999999}]"#, "integer out of range"),
        (#"[{"login":"x\u12"}]"#, "invalid \\u escape"),
        (#"[{"extra":"\|","contributions":1}]"#, "invalid escape"),
        (#"[{"login":"x\q"}]"#, "invalid escape"),
        ("[{\"login\":\"a\u{01}b\"}]", "control character in a string"),
        (#"[] []"#, "unexpected data after the JSON value"),
        (#"[{"login":nul}]"#, "invalid literal"),
        (#"[1,]"#, "expected an object"),
        (#"[{"login":"x","id":1,"contributions":007}]"#, "leading zero in a number"),
        (#"[{"extra":-01,"contributions":1}]"#, "leading zero in a number"),
        ("", "unexpected end of input, expected an array"),
    ])
    func invalidInputRejected(json: String, message: String) {
        #expect {
            _ = try decode(json)
        } throws: { error in
            String(describing: error).contains(message)
        }
    }

    @Test func deepNestingBounded() {
        let deep = "[{\"x\":" + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + ",\"contributions\":1}]"
        #expect {
            _ = try decode(deep)
        } throws: { error in
            String(describing: error).contains("nesting deeper than 512")
        }
    }

    @Test func gitLabEntries() throws {
        let records = try GitLabJSON.decodeContributors(Data(#"[{"name":"Ann","email":"ann@x.org","commits":4,"additions":0,"deletions":0}]"#.utf8))
        #expect(records.map(\.name) == ["Ann"])
        #expect(records.map(\.commits) == [4])
        #expect(records.first?.emailSHA256 == emailHash("ann@x.org"))
        #expect(records.first?.kind == .anonymous)
    }

    /// Strings longer than the scanner's eight-byte steps, with the quote, an escape or a control
    /// character at each position of a step.
    @Test func longStringsAtEveryAlignment() throws {
        for position in 0..<17 {
            let prefix = String(repeating: "x", count: position)
            let records = try decode(#"[{"type":"Anonymous","name":"\#(prefix)\\\"\#(prefix)é","email":"a@b.c","contributions":1}]"#)
            #expect(records.first?.name == prefix + "\\\"" + prefix + "é", "position \(position)")
            #expect(throws: JSONScanner.Error.self, "position \(position)") {
                try decode("[{\"name\":\"\(prefix)\u{01}\(prefix)\",\"contributions\":1}]")
            }
        }
    }

    /// A page's strings are reused for the same account on a later page only while they are equal.
    @Test func accountStringsReusedOnlyWhenEqual() throws {
        let strings = GitHubAccountStrings()
        let first = #"[{"login":"ann","id":7,"avatar_url":"https://avatars.example/u/7?v=4","html_url":"https://github.example/ann","contributions":3}]"#
        let renamed = #"[{"login":"ann-b","id":7,"avatar_url":"https://avatars.example/u/7?v=5","html_url":"https://github.example/ann\u002db","contributions":2}]"#

        let before = try GitHubJSON.decodeContributors(Data(first.utf8), strings: strings)
        let again = try GitHubJSON.decodeContributors(Data(first.utf8), strings: strings)
        let after = try GitHubJSON.decodeContributors(Data(renamed.utf8), strings: strings)

        #expect(again == before)
        #expect(after.map(\.login) == ["ann-b"])
        #expect(after.map(\.avatarURL) == ["https://avatars.example/u/7?v=5"])
        #expect(after.map(\.htmlURL) == ["https://github.example/ann-b"])
        #expect(after.map(\.commits) == [2])
    }

    @Test func graphQLProfilesDecoded() throws {
        let body = #"{"data":{"u0":{"databaseId":1,"login":"ann","name":"Ann","bio":null,"company":"Acme","location":"Oslo","websiteUrl":"https://ann.example","avatarUrl":"https://a.example/1"},"u2":null},"errors":[{"type":"NOT_FOUND","path":["u2"]}]}"#
        let users = try ProfileFetcher.decodeGraphQL(Data(body.utf8))

        #expect(users.count == 2)
        #expect(users[0]??.name == "Ann")
        #expect(users[0]??.bio == nil)
        #expect(users[0]??.company == "Acme")
        #expect(users[0]??.blog == "https://ann.example")
        #expect(users[0]??.avatarURL == "https://a.example/1")
        #expect(users[2] == .some(nil))
        #expect(users[1] == nil)
    }

    @Test(arguments: [#"{"errors":[{"message":"Bad credentials"}]}"#, #"{"data":null}"#, #"{"data":{"u0":"ann"}}"#, "[]"])
    func graphQLResponsesWithoutProfilesRejected(body: String) {
        #expect(throws: (any Error).self) {
            try ProfileFetcher.decodeGraphQL(Data(body.utf8))
        }
    }

    /// The request body's query string, read back by Foundation's parser.
    @Test func graphQLQueryQuotedAsJSON() throws {
        let query = "query { u0: user(login: \"a\\\"b\") { name } }\t\u{01}\n é 🚀"
        let body = "{\"query\":" + ProfileFetcher.jsonString(query) + "}"
        let parsed = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: String]
        #expect(parsed?["query"] == query)
        #expect(ProfileFetcher.jsonString("\u{1F}\u{7F}") == #""\u001f\#u{7F}""#)
    }

    @Test func graphQLStringsEscapeQuotesAndBackslashes() {
        #expect(ProfileFetcher.graphQLString("ann-b") == #""ann-b""#)
        #expect(ProfileFetcher.graphQLString(#"a"b\c é"#) == #""a\"b\\c é""#)
    }
}
