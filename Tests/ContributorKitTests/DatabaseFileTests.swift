import Foundation
import ForgeStub
import Testing

@testable import ContributorKit

/// Database paths and seeds: bad files are rejected before anything is written.
@Suite struct DatabaseFileTests {
    let directory = TemporaryDirectory()

    /// Returns a URL on 127.0.0.1 where nothing listens, from a stub's free port after the stub stopped.
    static func closedPortURL() throws -> String {
        let stub = try ForgeStub(world: StubWorld())
        let url = stub.baseURL
        stub.stop()
        return url
    }

    @Test func notSQLiteFileRejectedUnchanged() throws {
        let path = directory.file("notes.sqlite")
        let content = Data("these are my notes, not a database\n".utf8)
        FileManager.default.createFile(atPath: path, contents: content)

        let result = try Binary.run(["--github", "coala", "--database", path, "--github-api-url", try Self.closedPortURL()], directory: directory)

        #expect(result.status == 64)
        #expect(result.stderr.contains("error: database \(path) is not a SQLite database"))
        #expect(FileManager.default.contents(atPath: path) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func missingDirectoryRejected() throws {
        let path = directory.file("missing/contributors.sqlite")

        let result = try Binary.run(["--github", "coala", "--database", path, "--github-api-url", try Self.closedPortURL()], directory: directory)

        #expect(result.status == 64)
        #expect(result.stderr.contains("error: the directory of database \(path) does not exist"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("missing")))
    }

    @Test func otherProgramsDatabaseRejected() throws {
        let path = directory.file("other.sqlite")
        let connection = try SQLiteConnection(path: path)
        try connection.execute("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me')")

        let result = try Binary.run(["--github", "coala", "--database", path, "--github-api-url", try Self.closedPortURL()], directory: directory)

        #expect(result.status == 64)
        #expect(result.stderr.contains("contains tables of another program"))
        #expect(try TestDatabase(path: path).text("SELECT body FROM notes") == "keep me")
    }

    @Test func newerSchemaRejected() throws {
        let path = directory.file("future.sqlite")
        let connection = try SQLiteConnection(path: path)
        try connection.execute("PRAGMA user_version = 99")

        let result = try Binary.run(["--github", "coala", "--database", path, "--github-api-url", try Self.closedPortURL()], directory: directory)

        #expect(result.status == 64)
        #expect(result.stderr.contains("schema version 99, newer than this fetch-contributors"))
    }

    @Test func missingSeedRejected() throws {
        let result = try Binary.run(
            ["--github", "coala", "--database", directory.database, "--seed", directory.file("nope.sqlite"), "--github-api-url", try Self.closedPortURL()],
            directory: directory
        )
        #expect(result.status == 64)
        #expect(result.stderr.contains("seed database \(directory.file("nope.sqlite")) not found"))
        #expect(!FileManager.default.fileExists(atPath: directory.database))
    }

    @Test func unreachableSourceExits69KeepingSeed() throws {
        // A seed written by the tool from the stub.
        let stub = try ForgeStub(world: organisation([StubRepository(id: 1, owner: "acme", name: "a", contributors: users(4))]))
        let seed = directory.file("seed.sqlite")
        let seeded = try Binary.run(fetchArguments(stub, database: seed, ["--github", "acme"]), directory: directory)
        #expect(seeded.status == 0, "\(seeded.stderr)")
        stub.stop()
        let seedSnapshot = try TestDatabase(path: seed).snapshot()

        let unreachable = try Self.closedPortURL()
        let result = try Binary.run(
            ["--github", "acme", "--database", directory.database, "--seed", seed, "--github-api-url", unreachable],
            directory: directory
        )

        #expect(result.status == 69, "\(result.stderr)")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("\(unreachable)/orgs/acme/repos") == true, "\(errors)")
        #expect(try TestDatabase(path: directory.database).snapshot() == seedSnapshot)
        #expect(try TestDatabase(path: directory.database).text("SELECT status FROM runs ORDER BY id DESC LIMIT 1") == "unreachable")
    }
}
