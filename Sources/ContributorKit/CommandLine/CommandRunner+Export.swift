import Foundation

extension CommandRunner {
    static func runExport(_ options: ExportOptions) -> Int32 {
        do {
            let store = try ContributorStore.openReadOnly(path: options.databasePath)
            let exporter = Exporter(connection: store.connection)
            switch options.format {
            case .json:
                try emit(exporter.json(), to: options.outputPath)
            case .csv:
                try emit(exporter.csv(), to: options.outputPath)
            case .sqlite:
                try exporter.compactCopy(to: options.outputPath ?? "")
            }
            return ExitStatus.success.rawValue
        } catch let error as DatabaseOpenError {
            printError(error.message)
            return ExitStatus.usage.rawValue
        } catch let error as ConfigurationError {
            printError(error.message)
            return ExitStatus.usage.rawValue
        } catch {
            printError("export from \(options.databasePath) failed: \(error)")
            return ExitStatus.ioError.rawValue
        }
    }

    private static func emit(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let temporary = path + ".tmp.\(ProcessInfo.processInfo.processIdentifier)"
        try data.write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ConfigurationError("could not write \(path): \(String(cString: strerror(errno)))")
        }
    }
}
