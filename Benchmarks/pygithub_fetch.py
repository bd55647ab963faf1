"""Fetch every contributor of a GitHub organisation's repositories into SQLite with PyGithub.

This is the straightforward PyGithub program that the benchmark compares fetch-contributors with: one
request at a time, every contributors page with anon=1, one transaction per repository.

usage: pygithub_fetch.py --base-url URL --organization LOGIN --database PATH [--per-page 100]

The token comes from GITHUB_TOKEN, if set.
"""

import argparse
import os
import sqlite3
import sys

import github
from github import Auth, Github

SCHEMA = """
CREATE TABLE IF NOT EXISTS repositories (
    id INTEGER PRIMARY KEY,
    full_name TEXT NOT NULL,
    pushed_at TEXT
);
CREATE TABLE IF NOT EXISTS contributors (
    repository_id INTEGER NOT NULL REFERENCES repositories (id),
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    user_id INTEGER,
    login TEXT,
    name TEXT,
    email TEXT,
    contributions INTEGER NOT NULL,
    PRIMARY KEY (repository_id, position)
);
"""


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True, help="GitHub API base URL, such as http://127.0.0.1:8080")
    parser.add_argument("--organization", required=True, help="GitHub organisation login")
    parser.add_argument("--database", required=True, help="SQLite file to write; created when missing")
    parser.add_argument("--per-page", type=int, default=100, help="items per page, 1 to 100 (default 100)")
    return parser.parse_args()


def contributor_row(repository_id, position, contributor):
    """Build one row from the fields that the contributors list contains.

    Reading a field that the list lacks, such as a user's name, would make PyGithub fetch the profile.
    """
    if contributor.type == "Anonymous":
        return (repository_id, position, "Anonymous", None, None, contributor.name, contributor.email,
                contributor.contributions)
    return (repository_id, position, contributor.type, contributor.id, contributor.login, None, None,
            contributor.contributions)


def main():
    arguments = parse_arguments()
    token = os.environ.get("GITHUB_TOKEN")

    # lazy=True skips GET /orgs/LOGIN, which the listing does not need. PyGithub 2.x waits 0.25 s between
    # requests by default; seconds_between_requests=None turns that pause off, so the comparison measures
    # the fetching itself. With the pause, 600 requests would take at least 150 s.
    client = Github(
        base_url=arguments.base_url,
        auth=Auth.Token(token) if token else None,
        per_page=arguments.per_page,
        lazy=True,
        seconds_between_requests=None,
    )

    database = sqlite3.connect(arguments.database)
    database.executescript(SCHEMA)

    repository_count = 0
    row_count = 0
    for repository in client.get_organization(arguments.organization).get_repos(type="all"):
        # NOTE: forge-stub writes https://api.github.com/... into each repository's "url" field whatever
        # host it serves, and PyGithub rejects a URL on another host than base_url with an AssertionError.
        # A lazy get_repo builds the contributors URL from base_url instead and sends no request itself.
        contributors = client.get_repo(repository.full_name, lazy=True).get_contributors(anon="true")
        rows = [contributor_row(repository.id, position, contributor) for position, contributor in enumerate(contributors)]
        pushed_at = repository.pushed_at.isoformat() if repository.pushed_at else None
        with database:
            database.execute(
                "INSERT OR REPLACE INTO repositories (id, full_name, pushed_at) VALUES (?, ?, ?)",
                (repository.id, repository.full_name, pushed_at),
            )
            database.execute("DELETE FROM contributors WHERE repository_id = ?", (repository.id,))
            database.executemany("INSERT INTO contributors VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
        repository_count += 1
        row_count += len(rows)

    database.close()
    print(f"pygithub_fetch: {repository_count} repositories, {row_count} contributor rows", file=sys.stderr)


if __name__ == "__main__":
    try:
        main()
    except github.GithubException as error:
        print(f"error: GitHub API request failed: HTTP {error.status}: {error.data}", file=sys.stderr)
        sys.exit(1)
