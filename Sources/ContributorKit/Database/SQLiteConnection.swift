internal import CSQLite
import Foundation

typealias SQLiteHandle = OpaquePointer
typealias SQLiteStatementHandle = OpaquePointer

/// One SQLite connection.
///
/// Not thread-safe and deliberately not `Sendable`: SQLite connections here are opened in the default
/// multi-thread mode, which allows one thread at a time per connection.
final class SQLiteConnection {
    let path: String
    private let handle: SQLiteHandle
    private var statementCache: [String: SQLiteStatement] = [:]

    /// Opens the database at `path`, creating it when `create` is true.
    init(path: String, readOnly: Bool = false, create: Bool = true) throws {
        self.path = path
        var flags = readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
        if create && !readOnly {
            flags |= SQLITE_OPEN_CREATE
        }
        flags |= SQLITE_OPEN_NOMUTEX

        _ = Self.configureLibrary
        var handle: SQLiteHandle?
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_close_v2(handle)
            throw SQLiteError(code: code, message: message, sql: nil)
        }
        self.handle = handle
        sqlite3_extended_result_codes(handle, 1)
    }

    /// Process-wide SQLite settings, applied once before the first connection opens. Memory statistics
    /// are off because nothing reads them and they cost a mutex per allocation. A failure only means
    /// SQLite was already initialised, so it is ignored.
    private static let configureLibrary: Void = {
        _ = fc_sqlite_disable_memory_statistics()
    }()

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// Throws a `SQLiteError` for any result code but OK, ROW and DONE: the one funnel for SQLite results.
    @discardableResult
    func check(_ code: Int32, sql: String? = nil) throws -> Int32 {
        switch code & 0xFF {
        case SQLITE_OK, SQLITE_ROW, SQLITE_DONE:
            return code
        default:
            throw SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
        }
    }

    /// Runs one or more statements that take no parameters and return no rows.
    func execute(_ sql: String) throws {
        try check(sqlite3_exec(handle, sql, nil, nil, nil), sql: sql)
    }

    /// Returns a prepared statement, reused across calls with the same SQL.
    func statement(_ sql: String) throws -> SQLiteStatement {
        if let cached = statementCache[sql] {
            cached.reset()
            return cached
        }
        let statement = try SQLiteStatement(connection: self, handle: handle, sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// Runs `sql` with `values` bound in order, returning no rows.
    func run(_ sql: String, _ values: [SQLiteValue] = []) throws {
        let statement = try self.statement(sql)
        try statement.bind(values)
        while try statement.step() {}
    }

    /// Runs a query and maps each row.
    func query<T>(_ sql: String, _ values: [SQLiteValue] = [], _ map: (SQLiteStatement) throws -> T) throws -> [T] {
        let statement = try self.statement(sql)
        try statement.bind(values)
        var rows: [T] = []
        while try statement.step() {
            rows.append(try map(statement))
        }
        return rows
    }

    func scalarInt(_ sql: String, _ values: [SQLiteValue] = []) throws -> Int? {
        try query(sql, values) { $0.int(0) }.first ?? nil
    }

    func scalarText(_ sql: String, _ values: [SQLiteValue] = []) throws -> String? {
        try query(sql, values) { $0.text(0) }.first ?? nil
    }

    var lastInsertRowID: Int64 {
        sqlite3_last_insert_rowid(handle)
    }

    var changes: Int {
        Int(sqlite3_changes(handle))
    }

    func setBusyTimeout(milliseconds: Int) {
        sqlite3_busy_timeout(handle, Int32(milliseconds))
    }

    /// Runs `body` in a transaction that takes the write lock at once (`BEGIN IMMEDIATE`), so a busy
    /// database fails before any work rather than at commit. Rolls back when `body` throws.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    static var libraryVersion: String {
        String(cString: sqlite3_libversion())
    }
}

/// A value bound to or read from a statement.
enum SQLiteValue: Equatable {
    case null
    case int(Int64)
    case double(Double)
    case text(String)

    init(_ value: String?) {
        self = value.map { .text($0) } ?? .null
    }

    init(_ value: Int?) {
        self = value.map { .int(Int64($0)) } ?? .null
    }

    init(_ value: Bool) {
        self = .int(value ? 1 : 0)
    }
}

/// A prepared statement, finalised when released.
final class SQLiteStatement {
    private let handle: SQLiteStatementHandle
    private unowned let connection: SQLiteConnection
    let sql: String

    init(connection: SQLiteConnection, handle database: SQLiteHandle, sql: String) throws {
        var statement: SQLiteStatementHandle?
        try connection.check(sqlite3_prepare_v3(database, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil), sql: sql)
        guard let statement else {
            throw SQLiteError(code: SQLITE_MISUSE, message: "empty statement", sql: sql)
        }
        self.handle = statement
        self.connection = connection
        self.sql = sql
    }

    deinit {
        sqlite3_finalize(handle)
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func bind(_ values: [SQLiteValue]) throws {
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .int(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .double(let number):
                code = sqlite3_bind_double(handle, index, number)
            case .text(let string):
                code = sqlite3_bind_text(handle, index, string, -1, fc_sqlite_transient())
            }
            try connection.check(code, sql: sql)
        }
    }

    /// Binds a whole number to the parameter at `index` (from 1), without building a `SQLiteValue`,
    /// for hot inserts.
    /// Binds a whole number. The connection, an unowned reference that costs a retain and a release
    /// per access, is touched only on failure, because hot loops call this per row.
    func bindInteger(_ index: Int32, _ value: Int) throws {
        let code = sqlite3_bind_int64(handle, index, Int64(value))
        if code != SQLITE_OK {
            try connection.check(code, sql: sql)
        }
    }

    /// Advances to the next row; returns false when the statement is done. Like `bindInteger`, it
    /// touches the connection only on failure.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW {
            return true
        }
        if code != SQLITE_DONE {
            try connection.check(code, sql: sql)
        }
        return false
    }

    var columnCount: Int {
        Int(sqlite3_column_count(handle))
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(handle, column) == SQLITE_NULL
    }

    func int(_ column: Int32) -> Int? {
        isNull(column) ? nil : Int(sqlite3_column_int64(handle, column))
    }

    /// Reads a column declared NOT NULL as a whole number, with one call instead of two, for hot scans.
    func nonNullInt(_ column: Int32) -> Int {
        Int(sqlite3_column_int64(handle, column))
    }

    func double(_ column: Int32) -> Double? {
        isNull(column) ? nil : sqlite3_column_double(handle, column)
    }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else {
            return nil
        }
        let count = Int(sqlite3_column_bytes(handle, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}
