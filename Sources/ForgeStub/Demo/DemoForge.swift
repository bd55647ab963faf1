/// Ready-made worlds for demos, tests and benchmarks; the same arguments always give the same world.
public enum DemoForge {
    /// A mid-sized open source community on GitHub and GitLab, modelled on coala.
    ///
    /// It has 100 repositories (8 forks, 6 archived, one empty that answers 204) and 600 people whose commits
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

    /// An organisation for benchmarks: `repositories` repositories with `contributorsPerRepository` users each,
    /// drawn from a pool of max(1000, 2 × `contributorsPerRepository`) users so that people overlap.
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
