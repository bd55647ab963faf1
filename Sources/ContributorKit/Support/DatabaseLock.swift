import Foundation

/// An exclusive `flock` on `DATABASE.lock`, so only one run at a time writes a database.
/// The kernel releases the lock when the process exits in any way, SIGKILL included.
final class DatabaseLock {
    struct HeldError: Error, CustomStringConvertible {
        var databasePath: String
        var holder: String?

        var description: String {
            let process = holder.map { "process \($0)" } ?? "another process"
            return "database \(databasePath) is locked by \(process), which is still running; try again after it finishes"
        }
    }

    let path: String
    private let descriptor: Int32

    /// Takes the lock without waiting; throws `HeldError` when another process holds it.
    init(databasePath: String) throws {
        path = databasePath + ".lock"
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw DatabaseOpenError(message: "could not create lock file \(path): \(String(cString: strerror(errno))); check the directory's permissions")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = Self.readHolder(descriptor)
            close(descriptor)
            throw HeldError(databasePath: databasePath, holder: holder)
        }
        self.descriptor = descriptor

        // Record the holder's process id for the message a second run prints.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    private static func readHolder(_ descriptor: Int32) -> String? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else {
            return nil
        }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Int(text) != nil ? text : nil
    }
}
