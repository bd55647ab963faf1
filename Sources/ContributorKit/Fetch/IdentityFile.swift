import Foundation

/// The `--identities` file: people whose accounts belong together, or apart, whatever the other
/// linking rules would decide.
///
/// ```json
/// {"people": [{"name": "Zoë Example", "github": ["zoe"], "gitlab": ["zoe.e"], "emails": ["zoe@example.org"]}]}
/// ```
/// `emails` match accounts on every forge; `github_emails` and `gitlab_emails` match one forge only,
/// which keeps apart two accounts that share an address.
public struct IdentityFile: Decodable, Sendable {
    public struct Person: Decodable, Sendable {
        public var name: String?
        public var github: [String]?
        public var gitlab: [String]?
        public var emails: [String]?
        public var github_emails: [String]?
        public var gitlab_emails: [String]?
    }

    public var people: [Person]

    public init(people: [Person]) {
        self.people = people
    }

    private enum CodingKeys: String, CodingKey {
        case people
    }

    public init(from decoder: Decoder) throws {
        // Both `{"people": [...]}` and a bare list are accepted.
        if let list = try? decoder.singleValueContainer().decode([Person].self) {
            people = list
        } else {
            people = try decoder.container(keyedBy: CodingKeys.self).decode([Person].self, forKey: .people)
        }
    }

    /// Reads and validates the file. Its errors name the path and what is wrong.
    public static func load(_ path: String) throws -> IdentityFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("identities file \(path) not found or not readable; check the --identities path")
        }
        do {
            return try JSONDecoder().decode(IdentityFile.self, from: data)
        } catch {
            throw ConfigurationError(
                "identities file \(path) is invalid: \(PagedFetch<Int>.describe(error)); expected {\"people\": [{\"name\": …, \"github\": [...], \"emails\": [...]}]}"
            )
        }
    }
}

/// Invalid configuration found before the run starts; the command line exits 64.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String {
        message
    }
}
