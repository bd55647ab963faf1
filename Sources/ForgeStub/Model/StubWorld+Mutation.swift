import Foundation

extension StubWorld {
    /// Changes `fraction` of the GitHub repositories, spread evenly over them in id order:
    /// each gets a `pushedAt` one day later and one more contribution for its first contributor.
    ///
    /// The same fraction always picks the same repositories. Returns how many changed.
    mutating func mutateRepositories(fraction: Double) -> Int {
        let clamped = min(max(fraction, 0), 1)
        let total = repositories.count
        let count = Int((clamped * Double(total)).rounded())
        guard count > 0 else {
            return 0
        }

        let positionsByID = repositories.indices.sorted { repositories[$0].id < repositories[$1].id }
        let formatter = ISO8601DateFormatter()
        for step in 0..<count {
            let position = positionsByID[step * total / count]
            if let pushed = formatter.date(from: repositories[position].pushedAt) {
                repositories[position].pushedAt = formatter.string(from: pushed.addingTimeInterval(86_400))
            }
            if !repositories[position].contributors.isEmpty {
                repositories[position].contributors[0].contributions += 1
            }
        }
        return count
    }
}
