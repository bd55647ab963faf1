import Foundation

/// The progress of one source (`--github` or `--gitlab` value) during a run.
final class SourceState {
    let spec: SourceSpec
    let adapter: ForgeAdapter
    /// The key stored in `source_repositories.source`: forge, host and the name as given.
    let key: String

    /// Forge ids of the repositories the listing returned and the filters kept.
    var listedIDs: Set<Int> = []
    var listingComplete = false
    var listingFailure: APIFailure?
    /// Validators of the listing pages, stored once the listing completes.
    var listingPages: [CachedPage] = []

    init(spec: SourceSpec, adapter: ForgeAdapter) {
        self.spec = spec
        self.adapter = adapter
        let name: String
        switch spec {
        case .gitHubOwner(let owner): name = owner
        case .gitHubRepository(let fullName): name = fullName
        case .gitLab(let path): name = path
        }
        key = "\(adapter.forge.rawValue):\(adapter.host):\(name.lowercased())"
    }
}
