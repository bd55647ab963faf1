/// The help text, printed by `--help` and referred to by every usage error.
public enum Usage {
    public static let text = """
        USAGE: fetch-contributors --github OWNER[/REPO] | --gitlab PATH [options]
               fetch-contributors export [--database PATH] [--format json|csv|sqlite] [--output PATH]

        Fetches the contributors of GitHub and GitLab repositories into a SQLite database, then exits.

        SOURCES (at least one; each may be repeated):
          --github OWNER            every repository of a GitHub organisation, or of a user
          --github OWNER/REPO       one GitHub repository
          --gitlab PATH             a GitLab group with its subgroups, or one project (group/sub/project)

        OPTIONS:
          --database PATH           the SQLite database to update (default: contributors.sqlite)
          --seed PATH               when the database does not exist yet, start from a copy of PATH
          --github-api-url URL      GitHub API base (default: https://api.github.com;
                                    GitHub Enterprise: https://HOST/api/v3)
          --gitlab-api-url URL      GitLab API base (default: https://gitlab.com/api/v4)
          --include-forks           also fetch forks (skipped by default)
          --exclude-archived        skip archived repositories (included by default)
          --store-emails            store contributors' plain e-mail addresses (default: only SHA-256 hashes)
          --identities FILE         JSON file that links or separates accounts of the same person
          --mirror GITLAB_PATH=OWNER/REPO
                                    count a GitLab mirror of a GitHub repository once
          --concurrency N           requests in flight at once, 1 to 64 (default: 8)
          --timeout SECONDS         limit for each request (default: 30)
          --deadline SECONDS        limit for the whole run; past it, finished repositories are kept
          --max-rate-limit-wait SECONDS
                                    longest wait for a rate limit to reset (default: 900)
          --refresh-all             fetch every repository, also those unchanged since their last fetch
          --max-age DURATION        refetch unchanged repositories after this long (default: 7d)
          --profile-max-age DURATION
                                    refresh GitHub profiles after this long (default: 7d)
          --dry-run                 list the repositories that would be fetched on stdout; write nothing
          --metrics-file PATH       write Prometheus metrics to PATH at the end of the run
          --log-format text|json    log line format on stderr (default: text)
          -v, --verbose             also log every request
          -q, --quiet               log errors and the final failure line only
          -h, --help                show this help
          --version                 show the version

        DURATION is a number with an optional unit: s (default), m, h or d, as in 90, 15m, 12h or 7d.

        ENVIRONMENT:
          GITHUB_TOKEN, GH_TOKEN    GitHub token, sent only to the GitHub API host
          GITLAB_TOKEN              GitLab token, sent only to the GitLab API host

        EXIT STATUS:
          0   every repository reached a final state (ok, empty, too_large, not_found, blocked)
          1   the run finished, but some repositories or listings failed (their previous rows are kept),
              or it was stopped by --deadline, SIGINT or SIGTERM
          64  invalid arguments or configuration; nothing was written
          69  no source could be reached at all
          74  the database could not be written during the run
          75  temporary failure: another run holds the database lock, or a rate limit resets
              later than --max-rate-limit-wait allows; try again later

        """
}
