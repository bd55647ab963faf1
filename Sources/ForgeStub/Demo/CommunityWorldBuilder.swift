import Foundation

/// Builds the world of ``DemoForge/communityOrganization(login:)`` from a generator seeded with the login.
struct CommunityWorldBuilder {
    /// A GitHub user of the demo community. A lower rank means more commits.
    private struct Person {
        let rank: Int
        let login: String
        let id: Int
        let displayName: String

        /// Whether the profile shows the name, which commits carry either way.
        let showsName: Bool

        let avatarURL: String?

        var exampleEmail: String {
            "\(login.lowercased())@example.org"
        }

        var noreplyEmail: String {
            "\(id)+\(login)@users.noreply.github.com"
        }
    }

    private static let peopleCount = 600
    private static let repositoryCount = 100

    /// Contributor counts of the largest repositories, which need several pages at `per_page=100`.
    private static let largeRepositorySizes = [350, 280, 160, 120, 105]

    /// Ranks of people who get a name from ``DemoNames/internationalNames``, spread from the core team to the tail.
    private static let internationalRanks = [
        3, 9, 17, 28, 40, 55, 71, 90, 120, 150, 190, 230, 270, 310, 350, 400, 440, 480, 520, 560, 580, 595,
    ]

    private let organization: String
    private var random: SplitMix64
    private let timestamps = ISO8601DateFormatter()

    init(organization: String) {
        self.organization = organization
        self.random = SplitMix64(seed: FNV1a.hash64(organization.utf8))
    }

    mutating func build() -> StubWorld {
        let organizationID = 3_000_001
        let people = makePeople()
        var repositories = makeRepositories(people: people)
        addBots(to: &repositories)
        addAnonymousContributors(to: &repositories, people: people)
        for index in repositories.indices {
            sortByContributions(&repositories[index].contributors)
        }

        var users: [StubUser] = []
        for person in people {
            users.append(makeProfile(person))
        }
        users += Self.bots.map { StubUser(id: $0.id, login: $0.login, avatarURL: StubContributor.defaultAvatarURL(id: $0.id), type: "Bot") }
        users.append(StubUser(id: organizationID, login: organization, name: organization, type: "Organization"))

        let documentation = repositories.first { $0.name == "documentation" }
        return StubWorld(
            owners: [StubOwner(login: organization, id: organizationID, isOrganization: true)],
            repositories: repositories,
            renames: documentation.map { ["\(organization)/coala-documentation": $0.id] } ?? [:],
            users: users,
            gitLabGroups: [
                StubGitLabGroup(id: 1_780_001, fullPath: organization, name: organization),
                StubGitLabGroup(id: 1_780_002, fullPath: "\(organization)/mirrors", name: "mirrors"),
            ],
            gitLabProjects: makeGitLabProjects(repositories: repositories, people: people)
        )
    }

    // MARK: People

    private mutating func makePeople() -> [Person] {
        var people: [Person] = []
        var takenLogins: Set<String> = []
        var nextID = 1_000_000
        let international = Dictionary(uniqueKeysWithValues: zip(Self.internationalRanks, DemoNames.internationalNames))

        for rank in 0..<Self.peopleCount {
            nextID += random.nextInt(in: 1...90_000)
            let displayName: String
            var login: String
            if let special = international[rank] {
                displayName = special.name
                login = special.login
            } else {
                let given = random.element(of: DemoNames.givenNames)
                let family = random.element(of: DemoNames.familyNames)
                displayName = "\(given) \(family)"
                login = makeLogin(given: given, family: family)
            }

            // GitHub logins are unique regardless of case.
            var candidate = login
            var suffix = 2
            while takenLogins.contains(candidate.lowercased()) {
                candidate = "\(login)\(suffix)"
                suffix += 1
            }
            login = candidate
            takenLogins.insert(login.lowercased())

            people.append(Person(
                rank: rank,
                login: login,
                id: nextID,
                displayName: displayName,
                showsName: random.chance(0.85),
                avatarURL: random.chance(0.04) ? nil : StubContributor.defaultAvatarURL(id: nextID)
            ))
        }
        return people
    }

    /// Makes a login in one of the styles people pick, such as `zangstrom`, `zoe-angstrom` or `Zoe42`.
    private mutating func makeLogin(given: String, family: String) -> String {
        let first = Self.asciiLetters(given)
        let last = Self.asciiLetters(family)
        switch random.nextInt(in: 0...4) {
        case 0: return (first + last).lowercased()
        case 1: return (String(first.prefix(1)) + last).lowercased()
        case 2: return "\(first)-\(last)".lowercased()
        case 3: return "\(first.lowercased())\(random.nextInt(in: 1...99))"
        default: return first + last
        }
    }

    /// Drops diacritics and everything else that GitHub does not allow in a login.
    private static func asciiLetters(_ text: String) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
        let letters = folded.unicodeScalars.filter { $0.isASCII && CharacterSet.alphanumerics.contains($0) }
        let result = String(String.UnicodeScalarView(letters))
        return result.isEmpty ? "dev" : result.prefix(1).uppercased() + result.dropFirst()
    }

    private mutating func makeProfile(_ person: Person) -> StubUser {
        let login = person.login.lowercased()
        return StubUser(
            id: person.id,
            login: person.login,
            name: person.showsName ? person.displayName : nil,
            bio: random.chance(0.3) ? random.element(of: DemoNames.bios) : nil,
            company: random.chance(0.25) ? random.element(of: DemoNames.companies) : nil,
            location: random.chance(0.4) ? random.element(of: DemoNames.locations) : nil,
            blog: random.chance(0.2) ? "https://\(login).example.org" : nil,
            avatarURL: person.avatarURL
        )
    }

    // MARK: Repositories

    private mutating func makeRepositories(people: [Person]) -> [StubRepository] {
        let names = makeRepositoryNames()

        // Forks, archived repositories and the one empty repository come from the small repositories only.
        var smallIndices = Array(Self.largeRepositorySizes.count..<Self.repositoryCount)
        random.shuffle(&smallIndices)
        let forks = Set(smallIndices[0..<8])
        let archived = Set(smallIndices[8..<14])
        let emptyIndex = smallIndices[14]

        // Every person's chance to appear in a repository grows with their activity, with a long tail.
        let weights = people.map { pow(Double($0.rank + 1), -0.8) }

        var repositories: [StubRepository] = []
        var nextID = 21_000_000
        for (index, name) in names.enumerated() {
            nextID += random.nextInt(in: 1_000...900_000)
            let isArchived = archived.contains(index)
            var repository = StubRepository(
                id: nextID,
                owner: organization,
                name: name,
                isFork: forks.contains(index),
                isArchived: isArchived,
                pushedAt: makeTimestamp(from: isArchived ? 1_483_228_800 : 1_546_300_800, to: isArchived ? 1_577_836_800 : 1_772_323_200)
            )

            if index == emptyIndex {
                repository.contributorsReply = .empty204
                repositories.append(repository)
                continue
            }

            let size: Int
            let commitScale: Double
            if index < Self.largeRepositorySizes.count {
                size = Self.largeRepositorySizes[index]
                commitScale = [4_000, 2_500, 900, 600, 500][index]
            } else {
                size = 1 + Int(70 * pow(random.nextUnit(), 3))
                commitScale = Double(10 + size * 8)
            }

            for personIndex in random.weightedSample(weights: weights, count: size) {
                let person = people[personIndex]

                // Commits fall off with rank, so the core team has thousands and most people 1 to 5.
                let expected = commitScale * pow(Double(person.rank + 1), -1.25) * (0.5 + random.nextUnit())
                var contributor = StubContributor.user(id: person.id, login: person.login, contributions: max(1, Int(expected)))
                contributor.avatarURL = person.avatarURL
                repository.contributors.append(contributor)
            }
            repositories.append(repository)
        }
        return repositories
    }

    private mutating func makeRepositoryNames() -> [String] {
        var names = DemoNames.knownRepositories
        for word in DemoNames.repositoryWords where names.count < Self.repositoryCount {
            names.append("coala-\(word)")
        }
        var taken = Set(names)
        while names.count < Self.repositoryCount {
            let name = "\(random.element(of: DemoNames.repositoryWords))-\(random.element(of: DemoNames.repositoryWords))"
            if !taken.contains(name) {
                taken.insert(name)
                names.append(name)
            }
        }
        return names
    }

    /// Formats a random time between two epoch seconds as ISO 8601.
    private mutating func makeTimestamp(from start: Int, to end: Int) -> String {
        let seconds = random.nextInt(in: start...end)
        return timestamps.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    // MARK: Bots and anonymous contributors

    /// GitHub Apps that commit to many repositories, with their real account ids.
    private static let bots: [(login: String, id: Int, share: Double, commits: ClosedRange<Int>)] = [
        ("dependabot[bot]", 49_699_333, 0.4, 3...150),
        ("renovate[bot]", 29_139_614, 0.15, 2...60),
        ("github-actions[bot]", 41_898_282, 0.2, 1...30),
    ]

    private mutating func addBots(to repositories: inout [StubRepository]) {
        for index in repositories.indices where repositories[index].contributorsReply == .list {
            for bot in Self.bots where random.chance(bot.share) {
                let commits = random.nextInt(in: bot.commits)
                repositories[index].contributors.append(.bot(id: bot.id, login: bot.login, contributions: commits))
            }
        }
    }

    /// Adds about 20 anonymous commit authors, each to one to three repositories.
    ///
    /// Twelve of them use the GitHub noreply address or the `LOGIN@example.org` address of a community member,
    /// so clients can merge them with the member's account. The others have no account.
    private mutating func addAnonymousContributors(to repositories: inout [StubRepository], people: [Person]) {
        var authors: [(name: String, email: String)] = []
        for rank in [7, 23, 61, 150, 320, 480] {
            authors.append((people[rank].displayName, people[rank].noreplyEmail))
        }
        for rank in [12, 45, 99, 210, 404, 555] {
            authors.append((people[rank].displayName, people[rank].exampleEmail))
        }
        authors += DemoNames.anonymousPeople

        let listed = repositories.indices.filter { repositories[$0].contributorsReply == .list }
        for author in authors {
            for _ in 0..<random.nextInt(in: 1...3) {
                let index = random.element(of: listed)
                let alreadyListed = repositories[index].contributors.contains { $0.email == author.email }
                if !alreadyListed {
                    let commits = random.nextInt(in: 1...40)
                    repositories[index].contributors.append(.anonymous(name: author.name, email: author.email, contributions: commits))
                }
            }
        }
    }

    /// Orders by contributions, most first, as GitHub lists them. Ties keep their order.
    private func sortByContributions(_ contributors: inout [StubContributor]) {
        contributors = contributors.enumerated()
            .sorted { ($0.element.contributions, $1.offset) > ($1.element.contributions, $0.offset) }
            .map(\.element)
    }

    // MARK: GitLab

    /// Builds two projects in the top-level group and ten in `ORGANIZATION/mirrors`, four of which mirror GitHub
    /// repositories and list the same people under their `LOGIN@example.org` addresses.
    private mutating func makeGitLabProjects(repositories: [StubRepository], people: [Person]) -> [StubGitLabProject] {
        let peopleByLogin = Dictionary(uniqueKeysWithValues: people.map { ($0.login, $0) })
        var projects: [StubGitLabProject] = []
        var nextID = 4_200_000

        for name in ["gitlab-ci-templates", "website"] {
            nextID += random.nextInt(in: 1...5_000)
            projects.append(StubGitLabProject(
                id: nextID,
                pathWithNamespace: "\(organization)/\(name)",
                lastActivityAt: makeTimestamp(from: 1_640_995_200, to: 1_772_323_200),
                contributors: makeGitLabContributors(people: people, gitHubPeople: 3, gitLabOnlyPeople: 3)
            ))
        }

        for mirrored in ["coala", "coala-bears", "corobo", "documentation"] {
            guard let repository = repositories.first(where: { $0.name == mirrored }) else {
                continue
            }
            var contributors: [StubGitLabContributor] = repository.contributors.compactMap { contributor in
                guard contributor.type == "User", let login = contributor.login, let person = peopleByLogin[login] else {
                    return nil
                }
                return StubGitLabContributor(name: person.displayName, email: person.exampleEmail, commits: contributor.contributions)
            }
            contributors += makeGitLabContributors(people: people, gitHubPeople: 0, gitLabOnlyPeople: 2)
            nextID += random.nextInt(in: 1...5_000)
            projects.append(StubGitLabProject(
                id: nextID,
                pathWithNamespace: "\(organization)/mirrors/\(mirrored)",
                lastActivityAt: repository.pushedAt,
                importURL: "https://github.com/\(organization)/\(mirrored).git",
                contributors: contributors.sorted { $0.commits > $1.commits }
            ))
        }

        let ownProjects = ["ci-images", "security-advisories", "legacy-website", "artwork", "translations", "sandbox"]
        for name in ownProjects {
            nextID += random.nextInt(in: 1...5_000)
            let isEmpty = name == "sandbox"
            projects.append(StubGitLabProject(
                id: nextID,
                pathWithNamespace: "\(organization)/mirrors/\(name)",
                isFork: name == "translations",
                isArchived: name == "legacy-website",
                isEmpty: isEmpty,
                lastActivityAt: makeTimestamp(from: 1_577_836_800, to: 1_772_323_200),
                contributors: isEmpty ? [] : makeGitLabContributors(people: people, gitHubPeople: random.nextInt(in: 1...6), gitLabOnlyPeople: random.nextInt(in: 2...6))
            ))
        }
        return projects
    }

    /// Picks distinct GitHub members, listed by their `LOGIN@example.org` address, and GitLab-only people.
    private mutating func makeGitLabContributors(people: [Person], gitHubPeople: Int, gitLabOnlyPeople: Int) -> [StubGitLabContributor] {
        var contributors: [StubGitLabContributor] = []
        var members = Array(people.prefix(120))
        random.shuffle(&members)
        for person in members.prefix(gitHubPeople) {
            contributors.append(StubGitLabContributor(name: person.displayName, email: person.exampleEmail, commits: random.nextInt(in: 1...200)))
        }

        var outsiders = DemoNames.gitLabOnlyPeople
        random.shuffle(&outsiders)
        for outsider in outsiders.prefix(gitLabOnlyPeople) {
            contributors.append(StubGitLabContributor(name: outsider.name, email: outsider.email, commits: random.nextInt(in: 1...80)))
        }
        return contributors.sorted { $0.commits > $1.commits }
    }
}
