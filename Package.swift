// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Guild",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "guild", targets: ["guild"]),
        .library(name: "GuildCore", targets: ["GuildCore"]),
        .library(name: "GuildApp", targets: ["GuildApp"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/leaf.git", from: "4.5.0"),
        .package(url: "https://github.com/vapor/leaf-kit.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0" ..< "5.0.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
    ],
    targets: [
        .target(
            name: "GuildCore",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GuildApp",
            dependencies: [
                "GuildCore",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Leaf", package: "leaf"),
                .product(name: "LeafKit", package: "leaf-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "guild",
            dependencies: ["GuildApp", .product(name: "NIOPosix", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            // The bench's baseline: a bare Vapor app (no middleware, same build settings) answering GET /health.
            name: "guild-bare-vapor",
            dependencies: [.product(name: "Vapor", package: "vapor")],
            path: "bench/BareVapor",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "guild-ledger-bench",
            dependencies: [
                "GuildApp",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
            ],
            path: "bench/LedgerBench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuildCoreTests",
            dependencies: [
                "GuildCore",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GuildAppTests",
            dependencies: [
                "GuildApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            // Read from the source tree by path (a database file made by an earlier Guild).
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)

var swiftSettings: [SwiftSetting] { [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
] }
