import Foundation

extension StubRouter {
    /// Matches aliased user fields such as `u0: user(login: "octocat")`. Group 1 is the alias and group 2 the login.
    private static let userFieldPattern = #"([A-Za-z_][A-Za-z0-9_]*)\s*:\s*user\s*\(\s*login\s*:\s*"((?:[^"\\]|\\.)*)"\s*\)"#

    /// Responds to a GraphQL query made of aliased `user(login:)` fields, the only form the stub supports.
    ///
    /// Every known user gets the same fields whatever the query selects. Unknown logins get null and a
    /// NOT_FOUND error, as GitHub sends them.
    func answerGraphQL(_ context: RequestContext) -> StubResponse {
        guard
            let object = try? JSONSerialization.jsonObject(with: context.request.body) as? [String: Any],
            let query = object["query"] as? String
        else {
            return StubResponse(status: 400, json: .object([
                ("message", .string("Problems parsing JSON")),
                ("documentation_url", .string("https://docs.github.com/graphql")),
            ]))
        }

        guard let expression = try? NSRegularExpression(pattern: Self.userFieldPattern) else {
            preconditionFailure("the GraphQL user field pattern is a constant and must compile")
        }
        let range = NSRange(query.startIndex..., in: query)
        var data: [(String, JSONValue)] = []
        var errors: [JSONValue] = []
        for match in expression.matches(in: query, range: range) {
            guard
                let aliasRange = Range(match.range(at: 1), in: query),
                let loginRange = Range(match.range(at: 2), in: query)
            else {
                continue
            }
            let alias = String(query[aliasRange])
            let login = String(query[loginRange])

            if let user = context.index.usersByLogin[login.lowercased()] {
                data.append((alias, GitHubJSON.graphQLUser(user)))
            } else {
                data.append((alias, .null))
                errors.append(.object([
                    ("type", .string("NOT_FOUND")),
                    ("path", .array([.string(alias)])),
                    ("locations", .array([])),
                    ("message", .string("Could not resolve to a User with the login of '\(login)'.")),
                ]))
            }
        }

        var members: [(String, JSONValue)] = [("data", .object(data))]
        if !errors.isEmpty {
            members.append(("errors", .array(errors)))
        }
        return StubResponse(status: 200, json: .object(members))
    }
}
