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
}
