import Foundation

/// Computes `person_totals` from the contributions in one pass, instead of an SQL `GROUP BY` whose
/// temporary B-tree cost most of the time of a run's last step.
///
/// A mirrored pair of repositories (`repositories.mirror_of`) counts once: for each person, the
/// larger of the two repositories' commit counts.
struct PersonTotals {
    struct Total: Equatable {
        var commits: Int
        var repositories: Int
    }

    let connection: SQLiteConnection

    /// Sums commits per account, for the people linker, in one pass over the contributions.
    func commitsByAccount() throws -> [Int: Int] {
        var result: [Int: Int] = [:]
        let statement = try connection.statement("SELECT account_id, commits FROM contributions")
        while try statement.step() {
            result[statement.nonNullInt(0), default: 0] += statement.nonNullInt(1)
        }
        return result
    }

    /// Recomputes the totals from the contributions and the current links, and writes only the rows
    /// that differ. The contributions are read in primary-key order, one repository at a time, so
    /// memory grows with the number of people, not of rows. Each row costs one array look-up of its
    /// account's person and one of that person's running total, because hashing both took most of
    /// this pass's instructions in a callgrind profile.
    func refresh() throws {
        // People are numbered 0..<count here, so running totals sit in an array.
        var personIDs: [Int] = []
        var indexOfPerson: [Int: Int] = [:]
        var personOfAccount = RowIDMap()
        for (account, person) in try connection.query("SELECT id, person_id FROM accounts WHERE person_id IS NOT NULL", [], { ($0.int(0) ?? 0, $0.int(1) ?? 0) }) {
            if let index = indexOfPerson[person] {
                personOfAccount[account] = index
            } else {
                indexOfPerson[person] = personIDs.count
                personOfAccount[account] = personIDs.count
                personIDs.append(person)
            }
        }
        // Both repositories of a mirrored pair map to the GitHub one.
        var canonical: [Int: Int] = [:]
        for (repository, mirrorOf) in try connection.query("SELECT id, mirror_of FROM repositories WHERE mirror_of IS NOT NULL", [], { ($0.int(0) ?? 0, $0.int(1) ?? 0) }) {
            canonical[repository] = mirrorOf
            canonical[mirrorOf] = mirrorOf
        }

        struct PersonRepository: Hashable {
            var person: Int
            var repository: Int
        }
        /// A person's running total, and the last repository counted for them: the rows come one
        /// repository at a time, so a repository is new to a person when it differs from the last.
        /// A person with no repository counted has no contributions, and gets no totals row.
        struct Running {
            var total = Total(commits: 0, repositories: 0)
            var lastRepository = -1
        }
        var running = [Running](repeating: Running(), count: personIDs.count)
        // Per person index, the commits in each repository of a mirrored pair.
        var mirroredSums: [PersonRepository: Int] = [:]

        let statement = try connection.statement("SELECT repository_id, account_id, commits FROM contributions ORDER BY repository_id")
        while try statement.step() {
            guard let person = personOfAccount[statement.nonNullInt(1)] else {
                continue
            }
            let repository = statement.nonNullInt(0)
            let commits = statement.nonNullInt(2)
            if !canonical.isEmpty && canonical[repository] != nil {
                mirroredSums[PersonRepository(person: person, repository: repository), default: 0] += commits
                continue
            }
            running[person].total.commits += commits
            if running[person].lastRepository != repository {
                running[person].lastRepository = repository
                running[person].total.repositories += 1
            }
        }

        // A mirrored pair counts once per person: the larger of the person's sums in its two repositories.
        var mirrored: [PersonRepository: Int] = [:]
        for (key, commits) in mirroredSums {
            let pair = PersonRepository(person: key.person, repository: canonical[key.repository] ?? key.repository)
            mirrored[pair] = max(mirrored[pair] ?? 0, commits)
        }
        for (key, commits) in mirrored {
            running[key.person].total.commits += commits
            running[key.person].total.repositories += 1
        }
        var totals: [Int: Total] = [:]
        totals.reserveCapacity(personIDs.count)
        for (index, person) in running.enumerated() where person.total.repositories > 0 {
            totals[personIDs[index]] = person.total
        }
        try write(totals)
    }

    private func write(_ totals: [Int: Total]) throws {
        var existing: [Int: Total] = [:]
        for (person, commits, repositories) in try connection.query(
            "SELECT person_id, total_commits, repository_count FROM person_totals", [], { ($0.int(0) ?? 0, $0.int(1) ?? 0, $0.int(2) ?? 0) }
        ) {
            existing[person] = Total(commits: commits, repositories: repositories)
        }
        let changed = totals.filter { existing[$0.key] != $0.value }
        let removed = existing.keys.filter { totals[$0] == nil }
        guard !changed.isEmpty || !removed.isEmpty else {
            return
        }
        try connection.transaction {
            for (person, total) in changed {
                try connection.run(
                    """
                    INSERT INTO person_totals (person_id, total_commits, repository_count) VALUES (?, ?, ?)
                    ON CONFLICT (person_id) DO UPDATE SET total_commits = excluded.total_commits,
                        repository_count = excluded.repository_count
                    """,
                    [.int(Int64(person)), .int(Int64(total.commits)), .int(Int64(total.repositories))]
                )
            }
            for person in removed {
                try connection.run("DELETE FROM person_totals WHERE person_id = ?", [.int(Int64(person))])
            }
        }
    }
}

/// A map from SQLite row ids to non-negative integers. Row ids are usually compact, counting up from
/// 1, so it keeps an array indexed by id, and falls back to a dictionary for ids far beyond the count.
struct RowIDMap {
    private var dense: [Int] = []
    private var sparse: [Int: Int] = [:]
    private var count = 0

    /// `dense` grows to at most this many slots per stored id, or to `minimumSlots` when that is more.
    private static let maxSlotsPerID = 4
    private static let minimumSlots = 4096

    subscript(id: Int) -> Int? {
        get {
            if id >= 0 && id < dense.count && dense[id] >= 0 {
                return dense[id]
            }
            // An id stored before the array reached it stays in the dictionary.
            return sparse.isEmpty ? nil : sparse[id]
        }
        set {
            precondition((newValue ?? 0) >= 0, "RowIDMap stores non-negative values only")
            count += (newValue == nil ? 0 : 1) - (self[id] == nil ? 0 : 1)
            if id >= dense.count && id >= 0 && id < max(Self.minimumSlots, count * Self.maxSlotsPerID) {
                dense.append(contentsOf: repeatElement(-1, count: id + 1 - dense.count))
            }
            if id >= 0 && id < dense.count {
                dense[id] = newValue ?? -1
                if !sparse.isEmpty {
                    sparse[id] = nil
                }
            } else {
                sparse[id] = newValue
            }
        }
    }
}
