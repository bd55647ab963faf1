import Foundation
import Synchronization

/// Writes log lines to stderr as text or as one JSON object a line, with every secret redacted.
///
/// `Sendable` because the one mutable piece, the output stream, is written under a `Mutex`.
public final class Logger: Sendable {
    public enum Level: Int, Sendable, Comparable, CustomStringConvertible {
        case error = 0
        case warning = 1
        case info = 2
        case debug = 3

        public static func < (lhs: Level, rhs: Level) -> Bool {
            lhs.rawValue < rhs.rawValue
        }

        public var description: String {
            switch self {
            case .error: "error"
            case .warning: "warning"
            case .info: "info"
            case .debug: "debug"
            }
        }
    }

    public enum Format: String, Sendable {
        case text
        case json
    }

    public let level: Level
    public let format: Format
    private let redactor: Redactor
    private let sink: Mutex<(String) -> Void>
    private let clock: @Sendable () -> Date

    public init(
        level: Level = .info,
        format: Format = .text,
        redactor: Redactor = Redactor(),
        clock: @escaping @Sendable () -> Date = Date.init,
        write: @escaping @Sendable (String) -> Void = Logger.writeToStandardError
    ) {
        self.level = level
        self.format = format
        self.redactor = redactor
        self.clock = clock
        self.sink = Mutex(write)
    }

    @Sendable public static func writeToStandardError(_ line: String) {
        FileHandle.standardError.write(Data(line.utf8))
    }

    public func isEnabled(_ candidate: Level) -> Bool {
        candidate <= level
    }

    public func error(_ message: @autoclosure () -> String, _ fields: [(String, LogValue)] = []) {
        log(.error, message(), fields)
    }

    public func warning(_ message: @autoclosure () -> String, _ fields: [(String, LogValue)] = []) {
        log(.warning, message(), fields)
    }

    public func info(_ message: @autoclosure () -> String, _ fields: [(String, LogValue)] = []) {
        log(.info, message(), fields)
    }

    public func debug(_ message: @autoclosure () -> String, _ fields: [(String, LogValue)] = []) {
        log(.debug, message(), fields)
    }

    public func log(_ level: Level, _ message: @autoclosure () -> String, _ fields: [(String, LogValue)] = []) {
        guard isEnabled(level) else {
            return
        }
        let line = render(level: level, message: message(), fields: fields)
        sink.withLock { write in
            write(line)
        }
    }

    /// Writes text that is not a log line, such as the progress line, through the same redaction.
    public func writeRaw(_ text: String) {
        let redacted = redactor.redact(text)
        sink.withLock { write in
            write(redacted)
        }
    }

    private func render(level: Level, message: String, fields: [(String, LogValue)]) -> String {
        let time = Self.timestamp(clock())
        switch format {
        case .text:
            var line = "\(time) \(level): \(message)"
            for (key, value) in fields {
                line += " \(key)=\(value.textForm)"
            }
            return redactor.redact(line) + "\n"
        case .json:
            var object: [String: Any] = ["time": time, "level": level.description, "message": redactor.redact(message)]
            for (key, value) in fields {
                object[key] = value.jsonValue(redactor)
            }
            let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    static func timestamp(_ date: Date) -> String {
        Timestamp.string(date)
    }
}

/// A value attached to a log line as a named field.
public enum LogValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int)
    case double(Double)

    public init(stringLiteral value: String) {
        self = .string(value)
    }

    public init(integerLiteral value: Int) {
        self = .int(value)
    }

    var textForm: String {
        switch self {
        case .string(let value):
            value.contains(" ") || value.isEmpty ? "\"\(value)\"" : value
        case .int(let value):
            String(value)
        case .double(let value):
            String(format: "%.1f", value)
        }
    }

    func jsonValue(_ redactor: Redactor) -> Any {
        switch self {
        case .string(let value):
            redactor.redact(value)
        case .int(let value):
            value
        case .double(let value):
            (value * 10).rounded() / 10
        }
    }
}
