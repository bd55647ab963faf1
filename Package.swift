// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "fetch-contributors",
    products: [
        .executable(name: "fetch-contributors", targets: ["fetch-contributors"]),
        .executable(name: "forge-stub", targets: ["forge-stub"]),
        .library(name: "ContributorKit", targets: ["ContributorKit"]),
        .library(name: "ForgeStub", targets: ["ForgeStub"]),
    ],
    targets: [
        // C libraries from Debian: libcurl4-openssl-dev and libsqlite3-dev.
        .systemLibrary(
            name: "CCurl",
            path: "Sources/CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            path: "Sources/CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        .target(name: "ContributorKit", dependencies: ["CCurl", "CSQLite"]),
        .executableTarget(name: "fetch-contributors", dependencies: ["ContributorKit"]),

        // The HTTP stub that emulates the GitHub and GitLab REST APIs on 127.0.0.1.
        .target(name: "ForgeStub"),
        .executableTarget(name: "forge-stub", dependencies: ["ForgeStub"]),

        .testTarget(
            name: "ContributorKitTests",
            dependencies: ["ContributorKit", "ForgeStub", "CSQLite"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
