/// Ready-made worlds for demos, tests and benchmarks. The same arguments always give the same world.
public enum DemoForge {
    /// Builds a mid-sized open source community on GitHub and GitLab, modelled on coala.
    ///
    /// It has 100 repositories (8 forks, 6 archived, one empty one whose contributors list returns 204) and 600 people whose commits
    /// follow a long-tailed spread, plus three bots and 20 anonymous commit authors. Five repositories list more
    /// than 100 contributors, up to 350. Names come from many scripts, including combining marks and an emoji,
    /// and some people have no name or no avatar. Every other contributors list is a normal 200.
    ///
    /// On GitLab, group `LOGIN` has two projects, and its subgroup `LOGIN/mirrors` ten more. Four of those
    /// mirror GitHub repositories through `import_url` and list the same people under `LOGIN@example.org`.
    public static func communityOrganization(login: String = "coala") -> StubWorld {
        var builder = CommunityWorldBuilder(organization: login)
        return builder.build()
    }

    /// Builds an organisation for benchmarks with `repositories` repositories of `contributorsPerRepository` users each.
    ///
    /// The users come from a pool of max(1000, 2 × `contributorsPerRepository`), so people overlap between repositories.
    public static func generatedOrganization(
        login: String,
        repositories: Int,
        contributorsPerRepository: Int,
        seed: UInt64 = 1
    ) -> StubWorld {
        var builder = GeneratedWorldBuilder(
            organization: login,
            repositoryCount: repositories,
            contributorsPerRepository: contributorsPerRepository,
            seed: seed
        )
        return builder.build()
    }
}
