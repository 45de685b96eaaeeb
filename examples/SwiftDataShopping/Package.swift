// swift-tools-version:5.9
// A small SwiftData app written for CloudKit DevTools' examples (not a real product): a shared grocery list
// whose model syncs to CloudKit. Unlike ../swiftdata (Recipes), nothing is planted: the model follows every
// CloudKit rule, so the sandbox panel syncs it.
import PackageDescription

let package = Package(
    name: "SwiftDataShopping",
    platforms: [.iOS(.v17), .macOS(.v14)],
    targets: [.executableTarget(name: "SwiftDataShopping", path: "Sources/SwiftDataShopping")]
)
