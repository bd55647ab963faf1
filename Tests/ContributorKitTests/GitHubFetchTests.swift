import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// End-to-end fetches of GitHub data: the built binary, the libcurl client and a real SQLite file,
/// against `ForgeStub` on 127.0.0.1.
@Suite struct GitHubFetchTests {
    let directory = TemporaryDirectory()

    var database: TestDatabase {
        TestDatabase(path: directory.database)
    }

    func fetch(_ stub: ForgeStub, _ extra: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Binary.run(fetchArguments(stub, database: directory.database, extra), environment: environment, directory: directory)
    }

    /// Page numbers of the requests the stub saw for a repository's contributors.
    func contributorPages(_ stub: ForgeStub, repositoryID: Int, fullName: String) -> [Int] {
        stub.requests.filter {
            $0.path == "/repos/\(fullName)/contributors" || $0.path == "/repositories/\(repositoryID)/contributors"
        }.map { record in
            URLComponents(string: record.target)?.queryItems?.first { $0.name == "page" }?.value.flatMap(Int.init) ?? 1
        }
    }

    @Test func pagesFollowedByRelationNameEachOnce() throws {
        let big = StubRepository(id: 10, owner: "acme", name: "big", contributors: users(350))
        let stub = try ForgeStub(world: organisation([big]), configuration: StubConfiguration(linkOrder: .prevFirstBeforeNext))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(contributorPages(stub, repositoryID: 10, fullName: "acme/big").sorted() == [1, 2, 3, 4])
        #expect(try database.int("SELECT count(*) FROM contributions") == 350)
        #expect(try database.text("SELECT fetch_status FROM repositories") == "ok")
    }

    @Test func hundredRepositoriesWithoutLinkTakeOneListingRequest() throws {
        let repositories = (1...100).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        let stub = try ForgeStub(world: organisation(repositories))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let listings = stub.requests.filter { $0.path == "/orgs/acme/repos" }
        #expect(listings.count == 1)
        #expect(listings.first?.header("Link") == nil)
        #expect(try database.int("SELECT count(*) FROM repositories") == 100)
    }

    @Test func listingAsksForHundredAndFollowsNext() throws {
        let repositories = (1...125).map { StubRepository(id: $0, owner: "acme", name: "r\($0)", contributors: users(1)) }
        let stub = try ForgeStub(world: organisation(repositories))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let listings = stub.requests.filter { $0.path == "/orgs/acme/repos" }
        #expect(listings.count == 2)
        for listing in listings {
            #expect(listing.target.contains("per_page=100"))
        }
        #expect(try database.int("SELECT count(*) FROM repositories") == 125)
    }

    @Test func anonymousEntriesKeptWithoutPlainAddress() throws {
        let email = "Ada.Lovelace@Example.ORG"
        let repository = StubRepository(
            id: 3, owner: "acme", name: "engine",
            contributors: [
                .user(id: 501, login: "babbage", contributions: 40),
                .anonymous(name: "Ada Lovelace", email: email, contributions: 3),
            ]
        )
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let anonymous = try database.rows("SELECT login, name, kind, email_sha256, email FROM accounts WHERE forge_id IS NULL")
        #expect(anonymous.count == 1)
        #expect(anonymous.first?[0] == nil)
        #expect(anonymous.first?[1] == "Ada Lovelace")
        #expect(anonymous.first?[2] == "anonymous")
        #expect(anonymous.first?[3] == SHA256.hexDigest(email.lowercased()))
        #expect(anonymous.first?[4] == nil)
        #expect(try database.int("SELECT commits FROM contributions c JOIN accounts a ON a.id = c.account_id WHERE a.kind = 'anonymous'") == 3)
        #expect(try database.int("SELECT count(*) FROM accounts WHERE login = 'babbage'") == 1)

        for suffix in ["", "-wal"] {
            let bytes = FileManager.default.contents(atPath: directory.database + suffix) ?? Data()
            let text = String(decoding: bytes, as: UTF8.self).lowercased()
            #expect(!text.contains("ada.lovelace@example.org"), "plain address found in \(directory.database + suffix)")
        }
    }

    @Test func storeEmailsKeepsPlainAddress() throws {
        let repository = StubRepository(
            id: 3, owner: "acme", name: "engine",
            contributors: [.anonymous(name: "Ada", email: "ada@example.org", contributions: 3)]
        )
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--store-emails"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.text("SELECT email FROM accounts") == "ada@example.org")
    }

    @Test func tooLargeKeepsEarlierRows() throws {
        let repository = StubRepository(id: 4, owner: "acme", name: "kernel", contributors: users(5))
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        stub.update { world in
            world.repositories[0].contributorsReply = .tooLarge
            world.repositories[0].pushedAt = "2026-02-01T00:00:00Z"
        }
        stub.resetRequests()

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.text("SELECT fetch_status FROM repositories") == "too_large")
        #expect(try database.int("SELECT count(*) FROM contributions") == 5)
        #expect(contributorPages(stub, repositoryID: 4, fullName: "acme/kernel").count <= 1)
    }

    @Test func emptyAndBlockedBesideSuccessfulSiblings() throws {
        let stub = try ForgeStub(world: organisation([
            StubRepository(id: 1, owner: "acme", name: "empty", contributorsReply: .empty204),
            StubRepository(id: 2, owner: "acme", name: "dmca", contributorsReply: .unavailableForLegalReasons),
            StubRepository(id: 3, owner: "acme", name: "blocked", contributorsReply: .accessBlocked),
            StubRepository(id: 4, owner: "acme", name: "fine", contributors: users(2)),
        ]))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let statuses = Dictionary(uniqueKeysWithValues: try database.rows("SELECT full_name, fetch_status FROM repositories").map { ($0[0]!, $0[1]!) })
        #expect(statuses["acme/empty"] == "empty")
        #expect(statuses["acme/dmca"] == "blocked")
        #expect(statuses["acme/blocked"] == "blocked")
        #expect(statuses["acme/fine"] == "ok")
        #expect(try database.int("SELECT count(*) FROM contributions") == 2)
    }

    @Test func renamedRepositoryKeepsOneRow() throws {
        let repository = StubRepository(id: 7, owner: "acme", name: "old", contributors: users(3))
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme/old"]).status == 0)
        stub.update { world in
            world.repositories[0].name = "new"
            world.renames["acme/old"] = 7
        }
        stub.resetRequests()

        let result = try fetch(stub, ["--github", "acme/old"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT forge_id, full_name FROM repositories") == [["7", "acme/new"]], "\(result.stderr) \(stub.requests.map(\.target))")
        #expect(stub.requests.contains { $0.path == "/repos/acme/old" })
        #expect(stub.requests.contains { $0.path == "/repositories/7" })
    }

    @Test func contributorsRedirectFollowedToRepositoryID() throws {
        let repository = StubRepository(id: 8, owner: "acme", name: "moved", contributors: users(3))
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }
        stub.script("/repos/acme/moved/contributors", [
            .response(status: 301, headers: [("Location", "\(stub.baseURL)/repositories/8/contributors?anon=1&per_page=100")]),
        ])

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT forge_id, full_name, fetch_status FROM repositories") == [["8", "acme/moved", "ok"]])
        #expect(try database.int("SELECT count(*) FROM contributions") == 3)
        #expect(stub.requests.contains { $0.path == "/repositories/8/contributors" })
    }

    @Test func botsMarkedInAccountsAndView() throws {
        let repository = StubRepository(
            id: 5, owner: "acme", name: "ci",
            contributors: [
                .bot(id: 49_699_333, login: "dependabot[bot]", contributions: 12),
                StubContributor(id: 29_139_614, login: "renovate[bot]", type: nil, contributions: 4),
                .user(id: 77, login: "human", contributions: 9),
            ]
        )
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let kinds = Dictionary(uniqueKeysWithValues: try database.rows("SELECT login, kind FROM accounts").map { ($0[0]!, $0[1]!) })
        #expect(kinds["dependabot[bot]"] == "bot")
        #expect(kinds["renovate[bot]"] == "bot")
        #expect(kinds["human"] == "user")
        let view = Dictionary(uniqueKeysWithValues: try database.rows("SELECT login, is_bot FROM contributors").map { ($0[0]!, $0[1]!) })
        #expect(view["dependabot[bot]"] == "1")
        #expect(view["human"] == "0")
    }

    @Test func leaverRemovedAfterSuccessKeptAfterFailure() throws {
        let repository = StubRepository(id: 6, owner: "acme", name: "lib", contributors: users(3))
        let stub = try ForgeStub(world: organisation([repository]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)

        // user1002 leaves: a successful fetch removes it from the repository.
        stub.update { world in
            world.repositories[0].contributors.removeLast()
            world.repositories[0].pushedAt = "2026-02-01T00:00:00Z"
        }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let afterSuccess = try database.rows("SELECT a.login FROM contributions c JOIN accounts a ON a.id = c.account_id ORDER BY a.login").map { $0[0]! }
        #expect(afterSuccess == ["user1000", "user1001"])

        // user1001 leaves too, but the fetch fails: the previous rows stay.
        stub.update { world in
            world.repositories[0].contributors.removeLast()
            world.repositories[0].pushedAt = "2026-03-01T00:00:00Z"
        }
        stub.script("/repos/acme/lib/contributors", Array(repeating: .response(status: 500, body: "{}"), count: 4))
        let failed = try fetch(stub, ["--github", "acme"])

        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(try database.text("SELECT fetch_status FROM repositories") == "failed")
        let afterFailure = try database.rows("SELECT a.login FROM contributions c JOIN accounts a ON a.id = c.account_id ORDER BY a.login").map { $0[0]! }
        #expect(afterFailure == ["user1000", "user1001"])
        #expect(try database.int("SELECT errors FROM runs ORDER BY id DESC LIMIT 1") == 1)
    }

    /// A refetched repository rewrites the accounts whose values changed and leaves the others alone,
    /// which a trigger on the test database records.
    @Test func changedAccountsRewrittenOthersKept() throws {
        let stub = try ForgeStub(world: organisation([StubRepository(id: 6, owner: "acme", name: "lib", contributors: [
            .user(id: 7, login: "zoe", contributions: 5),
            .user(id: 8, login: "ann", contributions: 4),
            .anonymous(name: "Sam", email: "sam@example.org", contributions: 2),
        ])]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        let idsBefore = try database.rows("SELECT id FROM accounts ORDER BY id")
        try SQLiteConnection(path: directory.database).execute(
            """
            CREATE TABLE account_writes (account_id INTEGER);
            CREATE TRIGGER record_account_writes AFTER UPDATE OF login, name, kind, avatar_url, html_url ON accounts
            BEGIN INSERT INTO account_writes VALUES (new.id); END;
            """
        )

        stub.update { world in
            world.repositories[0].contributors[0] = StubContributor(
                id: 7, login: "zoe-renamed", type: "User", contributions: 6, avatarURL: "https://avatars.example/zoe"
            )
            world.repositories[0].contributors[2].name = "Sam S."
            world.repositories[0].pushedAt = "2026-02-01T00:00:00Z"
        }
        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT id FROM accounts ORDER BY id") == idsBefore)
        #expect(try database.rows("SELECT login, avatar_url FROM accounts WHERE forge_id = 7") == [["zoe-renamed", "https://avatars.example/zoe"]])
        #expect(try database.text("SELECT name FROM accounts WHERE forge_id IS NULL") == "Sam S.")
        let written = try database.rows("SELECT a.login, a.name FROM account_writes w JOIN accounts a ON a.id = w.account_id ORDER BY a.id")
        #expect(written == [["zoe-renamed", nil], [nil, "Sam S."]])
    }

    @Test func namesRoundTripByteForByte() throws {
        let names = ["Zoë 🚀", "מרים כהן", "عبد الله", "e\u{301}milie", "Дмитрий", "李小龍"]
        var contributors = names.enumerated().map { index, name in
            StubContributor.anonymous(name: name, email: "person\(index)@example.org", contributions: 10 + index)
        }
        contributors.append(StubContributor(id: 90, login: "faceless", type: "User", contributions: 1, avatarURL: nil))
        let stub = try ForgeStub(world: organisation([StubRepository(id: 9, owner: "acme", name: "i18n", contributors: contributors)]))
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        let stored = Set(try database.rows("SELECT name FROM accounts WHERE kind = 'anonymous'").compactMap { $0[0] }.map { Array($0.utf8) })
        #expect(stored == Set(names.map { Array($0.utf8) }))
        let displayNames = Set(try database.rows("SELECT display_name FROM contributors WHERE login IS NULL").compactMap { $0[0] }.map { Array($0.utf8) })
        #expect(displayNames == Set(names.map { Array($0.utf8) }))
        #expect(try database.rows("SELECT avatar_url FROM accounts WHERE login = 'faceless'") == [[nil]])
    }

    @Test func demoOrganisationSecondRunChangesNothing() throws {
        let stub = try ForgeStub(world: DemoForge.communityOrganization())
        defer { stub.stop() }

        let first = try fetch(stub, ["--github", "coala"])
        #expect(first.status == 0, "\(first.stderr)")
        let listed = DemoForge.communityOrganization().repositories.filter { !$0.isFork }.count
        #expect(try database.int("SELECT count(*) FROM repositories") == listed)
        #expect(try database.int("SELECT count(*) FROM repositories WHERE fetch_status NOT IN ('ok', 'empty')") == 0)
        #expect(try database.int("SELECT count(*) FROM contributors") ?? 0 > 300)
        let before = try database.snapshot()

        let second = try fetch(stub, ["--github", "coala"])

        #expect(second.status == 0, "\(second.stderr)")
        #expect(try database.snapshot() == before)
    }

    @Test func userWithoutOrganisationListsOwnRepositories() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "solo", id: 2, isOrganization: false)],
            repositories: [StubRepository(id: 11, owner: "solo", name: "dotfiles", contributors: users(1))]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "solo"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.requests.contains { $0.path == "/orgs/solo/repos" })
        #expect(stub.requests.contains { $0.path == "/users/solo/repos" })
        #expect(try database.text("SELECT full_name FROM repositories") == "solo/dotfiles")
    }

    @Test func forksSkippedArchivedIncludedByDefault() throws {
        let stub = try ForgeStub(world: organisation([
            StubRepository(id: 1, owner: "acme", name: "fork", isFork: true, contributors: users(1)),
            StubRepository(id: 2, owner: "acme", name: "attic", isArchived: true, contributors: users(1)),
            StubRepository(id: 3, owner: "acme", name: "main", contributors: users(1)),
        ]))
        defer { stub.stop() }

        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        #expect(try database.rows("SELECT full_name FROM repositories ORDER BY full_name").map { $0[0]! } == ["acme/attic", "acme/main"])

        #expect(try fetch(stub, ["--github", "acme", "--include-forks", "--exclude-archived"]).status == 0)
        #expect(try database.rows("SELECT full_name FROM repositories ORDER BY full_name").map { $0[0]! } == ["acme/fork", "acme/main"])
    }
}
