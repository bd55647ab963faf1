/// A failed SQLite call: the result code, SQLite's message, and the SQL that failed.
/// Bound values are never part of the message, so e-mail addresses and tokens stay out of logs.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var sql: String?

    public var description: String {
        if let sql {
            return "SQLite error \(code): \(message) (in \(sql.prefix(120)))"
        }
        return "SQLite error \(code): \(message)"
    }
}
