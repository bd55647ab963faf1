import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// GitLab groups and projects, linking one person's accounts across forges, profiles and mirrors.
@Suite struct GitLabAndPeopleTests {
    let directory = TemporaryDirectory()

    var database: TestDatabase {
        TestDatabase(path: directory.database)
    }

    func fetch(_ stub: ForgeStub, _ extra: [String], environment: [String: String] = [:]) throws -> ProcessResult {
        try Binary.run(fetchArguments(stub, database: directory.database, extra), environment: environment, directory: directory)
    }

    func project(_ id: Int, _ path: String, _ contributors: [StubGitLabContributor], importURL: String? = nil) -> StubGitLabProject {
        StubGitLabProject(id: id, pathWithNamespace: path, importURL: importURL, contributors: contributors)
    }

    // MARK: GitLab

    @Test func groupWithSubgroupByEncodedPath() throws {
        let world = StubWorld(
            gitLabGroups: [
                StubGitLabGroup(id: 10, fullPath: "acme", name: "acme"),
                StubGitLabGroup(id: 11, fullPath: "acme/tools", name: "tools"),
            ],
            gitLabProjects: [
                project(100, "acme/site", [StubGitLabContributor(name: "Ann", email: "ann@example.org", commits: 4)]),
                project(101, "acme/tools/cli", [StubGitLabContributor(name: "Bob", email: "bob@example.org", commits: 2)]),
                project(102, "other/thing", [StubGitLabContributor(name: "Cy", email: "cy@example.org", commits: 1)]),
            ]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let group = try fetch(stub, ["--gitlab", "acme"])

        #expect(group.status == 0, "\(group.stderr)")
        #expect(try database.rows("SELECT full_name FROM repositories ORDER BY forge_id").map { $0[0]! } == ["acme/site", "acme/tools/cli"])
        #expect(stub.requests.contains { $0.target == "/api/v4/groups/acme" })
        let listing = stub.requests.first { $0.path == "/api/v4/groups/10/projects" }
        #expect(listing?.target.contains("include_subgroups=true") == true)
        #expect(listing?.target.contains("with_shared=false") == true)

        let single = try Binary.run(
            fetchArguments(stub, database: directory.file("single.sqlite"), ["--gitlab", "acme/tools/cli"]), directory: directory
        )
        #expect(single.status == 0, "\(single.stderr)")
        #expect(stub.requests.contains { $0.target == "/api/v4/groups/acme%2Ftools%2Fcli" })
        #expect(stub.requests.contains { $0.target == "/api/v4/projects/acme%2Ftools%2Fcli" })
        #expect(try TestDatabase(path: directory.file("single.sqlite")).rows("SELECT full_name FROM repositories") == [["acme/tools/cli"]])
    }

    @Test func manyProjectsWithoutTotals() throws {
        let projects = (1...250).map { project(1000 + $0, "big/p\($0)", [StubGitLabContributor(name: "A", email: "a@example.org", commits: 1)]) }
        let stub = try ForgeStub(
            world: StubWorld(gitLabGroups: [StubGitLabGroup(id: 5, fullPath: "big", name: "big")], gitLabProjects: projects),
            configuration: StubConfiguration(gitLabTotals: false)
        )
        defer { stub.stop() }

        let result = try fetch(stub, ["--gitlab", "big"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.int("SELECT count(*) FROM repositories") == 250)
        #expect(stub.requests.filter { $0.path == "/api/v4/groups/5/projects" }.count == 3)
    }

    @Test func gitLabContributorsAreAnonymousByEmail() throws {
        let world = StubWorld(
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [project(7, "g/p", [
                StubGitLabContributor(name: "Dana", email: "dana@example.org", commits: 5),
                StubGitLabContributor(name: "Dana S.", email: "dana@example.org", commits: 2),
                StubGitLabContributor(name: "Eve", email: "eve@example.org", commits: 1),
            ])]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--gitlab", "g"])

        #expect(result.status == 0, "\(result.stderr)")
        let accounts = try database.rows("SELECT kind, login, forge_id, email_sha256 FROM accounts ORDER BY email_sha256")
        #expect(accounts.count == 2)
        for account in accounts {
            #expect(account[0] == "anonymous")
            #expect(account[1] == nil)
            #expect(account[2] == nil)
        }
        #expect(Set(accounts.compactMap { $0[3] }) == [emailHash("dana@example.org"), emailHash("eve@example.org")])
        #expect(try database.int("SELECT c.commits FROM contributions c JOIN accounts a ON a.id = c.account_id WHERE a.email_sha256 = '\(emailHash("dana@example.org"))'") == 7)
    }

    @Test func gitLabRateLimitRetried() throws {
        let world = StubWorld(gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")], gitLabProjects: [
            project(7, "g/p", [StubGitLabContributor(name: "Eve", email: "eve@example.org", commits: 1)]),
        ])
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }
        let reset = String(Int(Date().timeIntervalSince1970) + 1)
        stub.script("/api/v4/projects/7/repository/contributors", [
            .response(status: 429, headers: [("Retry-After", "1"), ("RateLimit-Remaining", "0"), ("RateLimit-Reset", reset)], body: #"{"message":"Retry later"}"#),
        ])

        let result = try fetch(stub, ["--gitlab", "g"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("secondary rate limit, Retry-After 1 s on 127.0.0.1: waiting"))
        #expect(stub.requests.filter { $0.path == "/api/v4/projects/7/repository/contributors" }.count == 2)
    }

    @Test func tokensGoToTheirOwnAPIOnly() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: users(1))],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [project(7, "g/p", [StubGitLabContributor(name: "Eve", email: "eve@example.org", commits: 1)])]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g"], environment: ["GITHUB_TOKEN": "gh-token-1234567890", "GITLAB_TOKEN": "gl-token-1234567890"])

        #expect(result.status == 0, "\(result.stderr)")
        for request in stub.requests {
            if request.path.hasPrefix("/api/v4/") {
                #expect(request.header("PRIVATE-TOKEN") == "gl-token-1234567890", "\(request.target)")
                #expect(request.header("Authorization") == nil, "\(request.target)")
            } else {
                #expect(request.header("Authorization") == "Bearer gh-token-1234567890", "\(request.target)")
                #expect(request.header("PRIVATE-TOKEN") == nil, "\(request.target)")
            }
        }
    }

    // MARK: People

    @Test func onePersonAcrossForges() throws {
        let noreply = "42+octo@users.noreply.github.com"
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: [
                .user(id: 42, login: "octo", contributions: 5),
                .anonymous(name: "Octo Cat", email: noreply, contributions: 3),
            ])],
            users: [StubUser(id: 42, login: "octo", name: "Octo Cat")],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [project(7, "g/p", [StubGitLabContributor(name: "octo", email: noreply, commits: 7)])]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT display_name, login, total_commits, repository_count FROM contributors") == [["Octo Cat", "octo", "15", "2"]])
        #expect(try database.int("SELECT count(DISTINCT person_id) FROM accounts") == 1)
        #expect(try database.int("SELECT count(*) FROM accounts") == 3)
    }

    @Test func sameNameDifferentEmailsStayApart() throws {
        let world = StubWorld(
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [
                project(7, "g/p", [StubGitLabContributor(name: "David", email: "david@one.example", commits: 3)]),
                project(8, "g/q", [StubGitLabContributor(name: "David", email: "david@two.example", commits: 4)]),
            ]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--gitlab", "g"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT display_name, total_commits FROM contributors ORDER BY total_commits") == [["David", "3"], ["David", "4"]])
    }

    @Test func identitiesFileJoinsAndSeparates() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: [
                .user(id: 7, login: "zoe", contributions: 10),
                .anonymous(name: "Sam (GitHub)", email: "shared@example.org", contributions: 2),
            ])],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [project(7, "g/p", [
                StubGitLabContributor(name: "Zoe E.", email: "zoe@example.org", commits: 6),
                StubGitLabContributor(name: "Sam (GitLab)", email: "shared@example.org", commits: 1),
            ])]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        // Without a file the shared address is one person, and zoe's GitLab e-mail is another.
        #expect(try fetch(stub, ["--github", "acme", "--gitlab", "g"]).status == 0)
        #expect(try database.int("SELECT count(*) FROM contributors") == 3)

        let identities = directory.file("identities.json")
        try Data(#"""
        {"people": [
            {"name": "Zoë Example", "github": ["zoe"], "emails": ["zoe@example.org"]},
            {"name": "Sam on GitHub", "github_emails": ["shared@example.org"]},
            {"name": "Sam on GitLab", "gitlab_emails": ["shared@example.org"]}
        ]}
        """#.utf8).write(to: URL(fileURLWithPath: identities))

        // A new file re-links the stored accounts without refetching them.
        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g", "--identities", identities])

        #expect(result.status == 0, "\(result.stderr)")
        let rows = try database.rows("SELECT display_name, total_commits FROM contributors ORDER BY display_name")
        #expect(rows == [["Sam on GitHub", "2"], ["Sam on GitLab", "1"], ["Zoë Example", "16"]])

        // A later run without the option keeps the stored file's links.
        #expect(try fetch(stub, ["--github", "acme", "--gitlab", "g"]).status == 0)
        #expect(try database.rows("SELECT display_name, total_commits FROM contributors ORDER BY display_name") == rows)
    }

    @Test func invalidIdentitiesFileExits64() throws {
        let stub = try ForgeStub(world: organisation([]))
        defer { stub.stop() }
        let identities = directory.file("bad.json")
        try Data(#"{"people": {"name": "x"}}"#.utf8).write(to: URL(fileURLWithPath: identities))

        let result = try fetch(stub, ["--github", "acme", "--identities", identities])

        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("error: identities file \(identities) is invalid"))
        #expect(!FileManager.default.fileExists(atPath: directory.database))
        #expect(stub.requests.isEmpty)
    }

    // MARK: Profiles

    @Test func profilesBatchedAndCached() throws {
        let logins = (0..<150).map { "dev\($0)" }
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: logins.enumerated().map {
                .user(id: 100 + $0.offset, login: $0.element, contributions: 200 - $0.offset)
            })],
            // dev149 has no profile any more: GraphQL returns null for it.
            users: logins.dropLast().enumerated().map { StubUser(id: 100 + $0.offset, login: $0.element, name: "Developer \($0.offset)", bio: "bio \($0.offset)") }
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }
        let token = ["GITHUB_TOKEN": "ghp_profiletesttoken123456"]

        let first = try fetch(stub, ["--github", "acme"], environment: token)

        #expect(first.status == 0, "\(first.stderr)")
        let graphQL = stub.requests.filter { $0.path == "/graphql" }
        #expect(graphQL.count == 2)
        #expect(graphQL.allSatisfy { $0.method == "POST" })
        #expect(try database.text("SELECT display_name FROM contributors WHERE login = 'dev3'") == "Developer 3")
        #expect(try database.text("SELECT bio FROM accounts WHERE login = 'dev3'") == "bio 3")
        #expect(try database.rows("SELECT profile_status, display_name FROM accounts a JOIN people p ON p.id = a.person_id WHERE a.login = 'dev149'") == [["gone", "dev149"]])
        #expect(try database.int("SELECT count(*) FROM contributions c JOIN accounts a ON a.id = c.account_id WHERE a.login = 'dev149'") == 1)

        stub.resetRequests()
        let second = try fetch(stub, ["--github", "acme", "--refresh-all"], environment: token)

        #expect(second.status == 0, "\(second.stderr)")
        #expect(!stub.requests.contains { $0.path == "/graphql" || $0.path.hasPrefix("/users/") })
    }

    @Test func profilesOverRESTWithoutToken() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: [
                .user(id: 1, login: "ann", contributions: 2), .user(id: 2, login: "ghost", contributions: 1),
            ])],
            users: [StubUser(id: 1, login: "ann", name: "Ann Example", company: "Acme", location: "Oslo", blog: "https://ann.example")]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(stub.requests.filter { $0.path.hasPrefix("/users/") }.map(\.path).sorted() == ["/users/ann", "/users/ghost"])
        #expect(try database.rows("SELECT name, company, location, blog, profile_status FROM accounts WHERE login = 'ann'") == [["Ann Example", "Acme", "Oslo", "https://ann.example", "ok"]])
        #expect(try database.text("SELECT profile_status FROM accounts WHERE login = 'ghost'") == "gone")
    }

    @Test func accountsThatStopContributingAreRemoved() throws {
        let stub = try ForgeStub(world: organisation([
            StubRepository(id: 1, owner: "acme", name: "a", contributors: [
                .user(id: 1, login: "shared", contributions: 5), .user(id: 2, login: "leaver", contributions: 3),
            ]),
            StubRepository(id: 2, owner: "acme", name: "b", contributors: [
                .user(id: 1, login: "shared", contributions: 4), .user(id: 3, login: "deleted-only", contributions: 2),
            ]),
        ]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        #expect(try database.int("SELECT count(*) FROM accounts") == 3)

        // Each later run first makes every stored profile stale, so it requests the profile of every
        // account it keeps. Without a token each profile is one REST request, which shows whose was due.
        func fetchWithStaleProfiles() throws -> (result: ProcessResult, profiles: [String]) {
            try SQLiteConnection(path: directory.database).execute("UPDATE accounts SET profile_fetched_at = NULL")
            stub.resetRequests()
            let result = try fetch(stub, ["--github", "acme"])
            return (result, stub.requests.filter { $0.path.hasPrefix("/users/") }.map(\.path).sorted())
        }

        // Repository b, the only one of "deleted-only", is deleted.
        stub.update { world in
            world.repositories.removeLast()
        }
        let removal = try fetchWithStaleProfiles()

        #expect(removal.result.status == 0, "\(removal.result.stderr)")
        #expect(removal.profiles == ["/users/leaver", "/users/shared"])
        #expect(try database.rows("SELECT login FROM accounts ORDER BY login") == [["leaver"], ["shared"]])

        // "leaver" leaves repository a.
        stub.update { world in
            world.repositories[0].contributors.removeLast()
            world.repositories[0].pushedAt = "2026-06-01T00:00:00Z"
        }
        let departure = try fetchWithStaleProfiles()

        #expect(departure.result.status == 0, "\(departure.result.stderr)")
        #expect(departure.profiles == ["/users/shared"])
        #expect(try database.rows("SELECT login FROM accounts") == [["shared"]])
        #expect(try database.rows("SELECT login, total_commits, repository_count FROM contributors") == [["shared", "5", "1"]])
        #expect(try database.int("SELECT count(*) FROM people") == 1)
    }

    @Test func abortedRunLeavesNoOrphanAccounts() throws {
        let stub = try ForgeStub(world: organisation([StubRepository(id: 1, owner: "acme", name: "a", contributors: users(2))]))
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme"]).status == 0)
        // What a run killed after deleting contributions leaves: an account without contributions,
        // and its own row still marked running.
        let connection = try SQLiteConnection(path: directory.database)
        try connection.execute(
            """
            INSERT INTO accounts (forge, host, forge_id, login, kind) VALUES ('github', '127.0.0.1', 77, 'orphan', 'user');
            UPDATE runs SET status = 'running' WHERE id = (SELECT max(id) FROM runs);
            """
        )

        let result = try fetch(stub, ["--github", "acme"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.int("SELECT count(*) FROM accounts WHERE login = 'orphan'") == 0)
        #expect(try database.int("SELECT count(*) FROM accounts") == 2)
        #expect(try database.text("SELECT status FROM runs ORDER BY id LIMIT 1") == "aborted")
    }

    /// Foreign keys are declared but not enforced, so the code deletes children itself. A removed
    /// repository that a mirror points to, and people merged away, leave no row naming them.
    @Test func removalsLeaveNoDanglingReferences() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [
                StubRepository(id: 1, owner: "acme", name: "tool", contributors: [.user(id: 7, login: "zoe", contributions: 10)]),
                StubRepository(id: 2, owner: "acme", name: "kept", contributors: [.user(id: 7, login: "zoe", contributions: 1)]),
            ],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [
                project(7, "g/tool", [StubGitLabContributor(name: "Zoe E.", email: "zoe@example.org", commits: 9)], importURL: "https://github.com/acme/tool.git"),
            ]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme", "--gitlab", "g"]).status == 0)
        #expect(try database.int("SELECT count(*) FROM people") == 2)
        #expect(try database.int("SELECT count(*) FROM repositories WHERE mirror_of IS NOT NULL") == 1)

        // acme/tool leaves the listing, and an identities file joins zoe's two accounts into one person.
        stub.update { world in
            world.repositories.removeFirst()
        }
        let identities = directory.file("identities.json")
        try Data(#"{"people": [{"name": "Zoe", "github": ["zoe"], "emails": ["zoe@example.org"]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: identities))
        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g", "--identities", identities])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("PRAGMA foreign_key_check") == [])
        #expect(try database.rows("SELECT full_name, mirror_of FROM repositories ORDER BY full_name") == [["acme/kept", nil], ["g/tool", nil]])
        #expect(try database.int("SELECT count(*) FROM person_totals") == 1)
        #expect(try database.rows("SELECT display_name, total_commits, repository_count FROM contributors") == [["Zoe", "10", "2"]])
    }

    // MARK: Mirrors

    @Test func mirroredPairCountsOnce() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "tool", contributors: [
                .anonymous(name: "Mia", email: "mia@example.org", contributions: 10),
            ])],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [
                project(7, "g/tool", [StubGitLabContributor(name: "Mia", email: "mia@example.org", commits: 9)], importURL: "https://github.com/acme/tool.git"),
                project(8, "g/other", [StubGitLabContributor(name: "Mia", email: "mia@example.org", commits: 4)]),
            ]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.rows("SELECT total_commits, repository_count FROM contributors") == [["14", "2"]])
        #expect(try database.int("SELECT count(*) FROM contributions") == 3)
        #expect(try database.text("SELECT r2.full_name FROM repositories r1 JOIN repositories r2 ON r2.id = r1.mirror_of") == "acme/tool")
    }

    @Test func mirrorOptionPairsProjects() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "tool", contributors: [
                .anonymous(name: "Mia", email: "mia@example.org", contributions: 10),
            ])],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [project(7, "g/copy", [StubGitLabContributor(name: "Mia", email: "mia@example.org", commits: 12)])]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }

        #expect(try fetch(stub, ["--github", "acme", "--gitlab", "g"]).status == 0)
        #expect(try database.text("SELECT total_commits FROM contributors") == "22")

        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g", "--mirror", "g/copy=acme/tool"])

        #expect(result.status == 0, "\(result.stderr)")
        #expect(try database.text("SELECT total_commits FROM contributors") == "12")
    }
}

extension GitLabAndPeopleTests {
    @Test func unchangedGitLabSourceIsAllConditional() throws {
        let world = StubWorld(
            owners: [StubOwner(login: "acme", id: 1, isOrganization: true)],
            repositories: [StubRepository(id: 1, owner: "acme", name: "a", contributors: users(2))],
            gitLabGroups: [StubGitLabGroup(id: 1, fullPath: "g", name: "g")],
            gitLabProjects: [
                project(7, "g/p", [StubGitLabContributor(name: "Eve", email: "eve@example.org", commits: 1)]),
                project(8, "g/q", [StubGitLabContributor(name: "Fay", email: "fay@example.org", commits: 2)]),
            ]
        )
        let stub = try ForgeStub(world: world)
        defer { stub.stop() }
        #expect(try fetch(stub, ["--github", "acme", "--gitlab", "g", "--gitlab", "g/p", "--github", "acme/a"]).status == 0)
        let before = try database.snapshot()
        stub.resetRequests()

        let result = try fetch(stub, ["--github", "acme", "--gitlab", "g", "--gitlab", "g/p", "--github", "acme/a"])

        #expect(result.status == 0, "\(result.stderr)")
        // The org listing, the repository lookup, the group lookup and listing, the project lookup
        // (after the group lookup for its path returned 404), each once, each conditional but the 404.
        let conditional = stub.requests.filter { $0.header("If-None-Match") != nil }
        #expect(conditional.map(\.path).sorted() == ["/api/v4/groups/1/projects", "/api/v4/groups/g", "/api/v4/projects/g%2Fp", "/orgs/acme/repos", "/repos/acme/a"])
        #expect(stub.requests.count == conditional.count + 1)
        let groupLookup = stub.requests.first { $0.target == "/api/v4/groups/g%2Fp" }
        #expect(groupLookup != nil)
        #expect(groupLookup?.header("If-None-Match") == nil)
        #expect(try database.snapshot() == before)
    }
}
