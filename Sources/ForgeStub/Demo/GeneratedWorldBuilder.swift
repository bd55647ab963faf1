/// Builds the world of ``DemoForge/generatedOrganization(login:repositories:contributorsPerRepository:seed:)``.
struct GeneratedWorldBuilder {
    let organization: String
    let repositoryCount: Int
    let contributorsPerRepository: Int
    private var random: SplitMix64

    init(organization: String, repositoryCount: Int, contributorsPerRepository: Int, seed: UInt64) {
        self.organization = organization
        self.repositoryCount = max(0, repositoryCount)
        self.contributorsPerRepository = max(0, contributorsPerRepository)
        self.random = SplitMix64(seed: seed)
    }

    mutating func build() -> StubWorld {
        // Repositories draw from a shared pool at least twice their size, so people appear in many of them.
        let poolSize = max(1_000, contributorsPerRepository * 2)
        let width = String(poolSize - 1).count
        let users = (0..<poolSize).map { index in
            let number = String(index)
            let login = "dev" + String(repeating: "0", count: width - number.count) + number
            return StubUser(
                id: 5_000_000 + index,
                login: login,
                name: "Developer \(index)",
                avatarURL: StubContributor.defaultAvatarURL(id: 5_000_000 + index)
            )
        }

        var pool = Array(0..<poolSize)
        var repositories: [StubRepository] = []
        repositories.reserveCapacity(repositoryCount)
        let nameWidth = String(max(0, repositoryCount - 1)).count
        for index in 0..<repositoryCount {
            // A partial Fisher–Yates shuffle puts a fresh random selection at the front of the pool.
            for slot in 0..<contributorsPerRepository {
                pool.swapAt(slot, random.nextInt(in: slot...(poolSize - 1)))
            }

            // Contributions fall off with the position in the list, which is GitHub's order, most first.
            let contributors = (0..<contributorsPerRepository).map { position in
                let user = users[pool[position]]
                let contributions = max(1, 2_000 / (position + 1)) + random.nextInt(in: 0...2)
                return StubContributor.user(id: user.id, login: user.login, contributions: contributions)
            }
            let number = String(index)
            repositories.append(StubRepository(
                id: 100_000 + index,
                owner: organization,
                name: "repo-" + String(repeating: "0", count: nameWidth - number.count) + number,
                contributors: contributors.sorted { $0.contributions > $1.contributions }
            ))
        }

        return StubWorld(
            owners: [StubOwner(login: organization, id: 4_000_001, isOrganization: true)],
            repositories: repositories,
            users: users
        )
    }
}
