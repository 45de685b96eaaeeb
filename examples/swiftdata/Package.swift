// swift-tools-version:5.9
// A small SwiftData app written for CloudKit DevTools' examples (not a real product). The model folder
// Recipes/Models holds its @Model classes; the extension reads them together as one model.
import PackageDescription

let package = Package(
    name: "Recipes",
    platforms: [.iOS(.v17), .macOS(.v14)],
    targets: [.executableTarget(name: "Recipes", path: "Recipes")]
)
