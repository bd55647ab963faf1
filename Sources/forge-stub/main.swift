import Dispatch
import ForgeStub
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Exit status for an invalid command line, EX_USAGE from sysexits.h.
let usageExitStatus: Int32 = 64

/// Exit status when the port cannot be bound, EX_UNAVAILABLE from sysexits.h.
let unavailableExitStatus: Int32 = 69

/// Writes one line to standard error, unbuffered, for diagnostics and logs.
func logLine(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Stops the stub and exits with status 0 when SIGINT or SIGTERM arrives.
func stopOnSignals(_ stub: ForgeStub) -> [any DispatchSourceSignal] {
    [SIGINT, SIGTERM].map { signalNumber in
        // The default action would end the process before the stub closes its sockets.
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .main)
        source.setEventHandler {
            logLine("forge-stub: stopping on signal \(signalNumber)")
            stub.stop()
            exit(0)
        }
        source.resume()
        return source
    }
}

let options: StubOptions
do {
    options = try StubOptions(arguments: Array(CommandLine.arguments.dropFirst()))
} catch {
    logLine("error: \(error.message)")
    exit(usageExitStatus)
}

if options.showsHelp {
    print(StubOptions.usage)
    exit(0)
}

let world = switch options.world {
case .demo:
    DemoForge.communityOrganization(login: options.organization)
case .generated(let repositories, let contributors):
    DemoForge.generatedOrganization(login: options.organization, repositories: repositories, contributorsPerRepository: contributors)
}
let configuration = StubConfiguration(latency: options.latency, etags: options.etags)

let stub: ForgeStub
do {
    stub = try ForgeStub(world: world, configuration: configuration, port: options.port)
} catch {
    logLine("error: cannot start the stub on port \(options.port): \(error); choose another --port or 0")
    exit(unavailableExitStatus)
}

// Standard output carries only the URL, written unbuffered so a script can read it at once.
FileHandle.standardOutput.write(Data((stub.baseURL + "\n").utf8))
logLine(
    "forge-stub: serving \(world.repositories.count) GitHub repositories and \(world.gitLabProjects.count) GitLab projects "
        + "of \(options.organization) at \(stub.baseURL); stop with SIGINT or SIGTERM"
)

let signalSources = stopOnSignals(stub)
dispatchMain()
