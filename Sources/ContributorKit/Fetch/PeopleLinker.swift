import Foundation

/// Groups accounts into people and writes `people` and `accounts.person_id` from the stored accounts,
/// so a new identities file or a new noreply match re-links old rows without refetching.
///
/// Rules, in order of precedence:
/// 1. The identities file links the accounts it lists and keeps apart accounts of different entries.
/// 2. A GitHub noreply address on an anonymous or GitLab account links it to that GitHub account.
/// 3. Accounts with the same e-mail hash are one person, across repositories and forges.
/// 4. A name alone never links two accounts.
struct PeopleLinker {
    struct Account {
        var id: Int
        var forge: Forge
        var forgeID: Int?
        var login: String?
        var name: String?
        var kind: AccountKind
        var avatarURL: String?
        var htmlURL: String?
        var emailSHA256: String?
        var noreplyGitHubID: Int?
        var noreplyLogin: String?
        var commits: Int
    }

    struct Person: Equatable {
        var id: Int
        var displayName: String?
        var login: String?
        var avatarURL: String?
        var htmlURL: String?
        var isBot: Bool
    }

    let connection: SQLiteConnection
    let identities: IdentityFile?
    /// Returns the commits per account id, summed over repositories, which rank the accounts of one
    /// person and weigh their commit names. Called only when some person has more than one account,
    /// because it reads every contribution and a single account needs no ranking.
    let commitsByAccount: () throws -> [Int: Int]

    /// Recomputes the links and writes what differs. Returns whether anything was written.
    @discardableResult
    func relink() throws -> Bool {
        let accounts = try loadAccounts()
        var (groups, entryOfGroup) = group(accounts)
        if groups.values.contains(where: { $0.count > 1 }) {
            let commits = try commitsByAccount()
            for (root, members) in groups where members.count > 1 {
                groups[root] = members.map { member in
                    var member = member
                    member.commits = commits[member.id] ?? 0
                    return member
                }
            }
        }

        var people: [Person] = []
        var personOfAccount: [Int: Int] = [:]
        for (root, members) in groups {
            let entry = entryOfGroup[root].map { identities?.people[$0] } ?? nil
            let person = describe(members, entry: entry)
            people.append(person)
            for member in members {
                personOfAccount[member.id] = person.id
            }
        }
        return try write(people: people, personOfAccount: personOfAccount)
    }

    private func loadAccounts() throws -> [Account] {
        try connection.query(
            """
            SELECT a.id, a.forge, a.forge_id, a.login, a.name, a.kind, a.avatar_url, a.html_url, a.email_sha256,
                   a.noreply_github_id, a.noreply_login
            FROM accounts a ORDER BY a.id
            """
        ) { row in
            Account(
                id: row.int(0) ?? 0, forge: Forge(rawValue: row.text(1) ?? "") ?? .github, forgeID: row.int(2),
                login: row.text(3), name: row.text(4), kind: AccountKind(rawValue: row.text(5) ?? "") ?? .user,
                avatarURL: row.text(6), htmlURL: row.text(7), emailSHA256: row.text(8),
                noreplyGitHubID: row.int(9), noreplyLogin: row.text(10), commits: 0
            )
        }
    }

    /// Returns the accounts of each group by root account id, and the identities entry of tagged groups.
    private func group(_ accounts: [Account]) -> ([Int: [Account]], [Int: Int]) {
        var sets = DisjointSets(accounts.map(\.id))

        // Rule 1: the identities file.
        if let identities {
            for (index, entry) in identities.people.enumerated() {
                let matched = accounts.filter { Self.matches($0, entry) }
                for account in matched where sets.tag(of: account.id) == nil {
                    sets.setTag(index, of: account.id)
                }
                for account in matched.dropFirst() {
                    sets.union(matched[0].id, account.id)
                }
            }
        }

        // Rule 2: noreply addresses name their GitHub account by id or by login.
        var gitHubByID: [Int: Int] = [:]
        var gitHubByLogin: [String: Int] = [:]
        for account in accounts where account.forge == .github && account.kind != .anonymous {
            if let forgeID = account.forgeID {
                gitHubByID[forgeID] = account.id
            }
            if let login = account.login?.lowercased() {
                gitHubByLogin[login] = account.id
            }
        }
        for account in accounts {
            let target = account.noreplyGitHubID.flatMap { gitHubByID[$0] }
                ?? account.noreplyLogin.flatMap { gitHubByLogin[$0.lowercased()] }
            if let target {
                sets.union(account.id, target)
            }
        }

        // Rule 3: one e-mail hash is one person.
        var firstWithHash: [String: Int] = [:]
        for account in accounts {
            guard let hash = account.emailSHA256 else {
                continue
            }
            if let first = firstWithHash[hash] {
                sets.union(first, account.id)
            } else {
                firstWithHash[hash] = account.id
            }
        }

        var groups: [Int: [Account]] = [:]
        var tags: [Int: Int] = [:]
        for account in accounts {
            let root = sets.find(account.id)
            groups[root, default: []].append(account)
            if let tag = sets.tag(of: root) {
                tags[root] = tag
            }
        }
        return (groups, tags)
    }

    private static func matches(_ account: Account, _ entry: IdentityFile.Person) -> Bool {
        let login = account.login?.lowercased()
        switch account.forge {
        case .github:
            if let login, account.kind != .anonymous, entry.github?.contains(where: { $0.lowercased() == login }) == true {
                return true
            }
        case .gitlab:
            if let login, entry.gitlab?.contains(where: { $0.lowercased() == login }) == true {
                return true
            }
        }
        guard let hash = account.emailSHA256 else {
            return false
        }
        let forgeEmails = account.forge == .github ? entry.github_emails : entry.gitlab_emails
        let emails = (entry.emails ?? []) + (forgeEmails ?? [])
        return emails.contains { emailHash($0) == hash }
    }

    /// Picks a person's name, picture and profile link from their accounts.
    private func describe(_ members: [Account], entry: IdentityFile.Person?) -> Person {
        let byCommits = members.sorted { ($0.commits, -$0.id) > ($1.commits, -$1.id) }
        let gitHub = byCommits.first { $0.forge == .github && $0.kind != .anonymous }
        let anonymous = byCommits.first { $0.kind == .anonymous && $0.emailSHA256 != nil }

        // The most frequent commit name, weighted by commits.
        var nameWeights: [String: Int] = [:]
        for member in members where member.kind == .anonymous {
            if let name = member.name, !name.isEmpty {
                nameWeights[name, default: 0] += max(1, member.commits)
            }
        }
        let commitName = nameWeights.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key

        let displayName = entry?.name ?? gitHub?.name ?? gitHub?.login ?? commitName
        let avatarURL = gitHub?.avatarURL ?? anonymous?.emailSHA256.map { "https://www.gravatar.com/avatar/\($0)?d=identicon" }
        let htmlURL = gitHub?.htmlURL ?? byCommits.first { $0.htmlURL != nil }?.htmlURL
        // The login shown is a GitHub one when the person has one, else any other forge's.
        let withLogin = members.filter { $0.login != nil }.sorted { $0.id < $1.id }
        let login = (withLogin.first { $0.forge == .github } ?? withLogin.first)?.login
        let isBot = members.allSatisfy { $0.kind == .bot }
        return Person(
            id: members.map(\.id).min() ?? 0, displayName: displayName, login: login, avatarURL: avatarURL,
            htmlURL: htmlURL, isBot: isBot
        )
    }

    /// Writes only the rows that differ, so a run that changed nothing leaves `people` untouched.
    private func write(people: [Person], personOfAccount: [Int: Int]) throws -> Bool {
        let existing = try connection.query("SELECT id, display_name, login, avatar_url, html_url, is_bot FROM people") { row in
            Person(
                id: row.int(0) ?? 0, displayName: row.text(1), login: row.text(2), avatarURL: row.text(3),
                htmlURL: row.text(4), isBot: row.int(5) == 1
            )
        }
        var existingByID: [Int: Person] = [:]
        for person in existing {
            existingByID[person.id] = person
        }
        let currentLinks = try connection.query("SELECT id, person_id FROM accounts") { row in (row.int(0) ?? 0, row.int(1)) }

        let changedPeople = people.filter { existingByID[$0.id] != $0 }
        let changedLinks = currentLinks.filter { personOfAccount[$0.0] != $0.1 }
        let keep = Set(people.map(\.id))
        let removedPeople = existing.filter { !keep.contains($0.id) }
        guard !changedPeople.isEmpty || !changedLinks.isEmpty || !removedPeople.isEmpty else {
            return false
        }

        try connection.transaction {
            for person in changedPeople {
                try connection.run(
                    """
                    INSERT INTO people (id, display_name, login, avatar_url, html_url, is_bot) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, login = excluded.login,
                        avatar_url = excluded.avatar_url, html_url = excluded.html_url, is_bot = excluded.is_bot
                    """,
                    [
                        .int(Int64(person.id)), SQLiteValue(person.displayName), SQLiteValue(person.login),
                        SQLiteValue(person.avatarURL), SQLiteValue(person.htmlURL), SQLiteValue(person.isBot),
                    ]
                )
            }
            for (accountID, _) in changedLinks {
                try connection.run(
                    "UPDATE accounts SET person_id = ? WHERE id = ?",
                    [SQLiteValue(personOfAccount[accountID]), .int(Int64(accountID))]
                )
            }
            for person in removedPeople {
                // Foreign keys are not enforced, so the rows that name the person go first.
                let id = SQLiteValue.int(Int64(person.id))
                try connection.run("DELETE FROM person_totals WHERE person_id = ?", [id])
                try connection.run("UPDATE accounts SET person_id = NULL WHERE person_id = ?", [id])
                try connection.run("DELETE FROM people WHERE id = ?", [id])
            }
        }
        return true
    }
}

/// Union-find over account ids, where a root may carry the index of an identities entry. Two groups
/// with different entries are never merged: that is how the identities file keeps accounts apart.
struct DisjointSets {
    private var parent: [Int: Int] = [:]
    private var tags: [Int: Int] = [:]

    init(_ ids: [Int]) {
        for id in ids {
            parent[id] = id
        }
    }

    mutating func find(_ id: Int) -> Int {
        var root = id
        while let next = parent[root], next != root {
            root = next
        }
        var current = id
        while let next = parent[current], next != root {
            parent[current] = root
            current = next
        }
        return root
    }

    func tag(of id: Int) -> Int? {
        var root = id
        while let next = parent[root], next != root {
            root = next
        }
        return tags[root]
    }

    mutating func setTag(_ tag: Int, of id: Int) {
        tags[find(id)] = tag
    }

    /// Merges the groups of `a` and `b` unless they belong to different identities entries.
    /// Returns whether they are one group afterwards.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        let rootA = find(a)
        let rootB = find(b)
        guard rootA != rootB else {
            return true
        }
        let tagA = tags[rootA]
        let tagB = tags[rootB]
        if let tagA, let tagB, tagA != tagB {
            return false
        }
        let (root, child) = rootA < rootB ? (rootA, rootB) : (rootB, rootA)
        parent[child] = root
        tags[root] = tagA ?? tagB
        tags[child] = nil
        return true
    }
}
