import CoreData

/// The ShoppingList app's Core Data stack: ShoppingList.xcdatamodeld mirrored to the CloudKit container that
/// the sample log in examples/logs names, so the log explainer finds the log's container in the project.
final class PersistenceController {
    static let shared = PersistenceController()

    let container: NSPersistentCloudKitContainer

    init() {
        container = NSPersistentCloudKitContainer(name: "ShoppingList")
        guard let description = container.persistentStoreDescriptions.first else {
            fatalError("the container has no store description")
        }
        description.cloudKitContainerOptions = NSPersistentCloudKitContainerOptions(containerIdentifier: "iCloud.com.example.ShoppingList")
        description.setOption(true as NSNumber, forKey: NSPersistentHistoryTrackingKey)
        description.setOption(true as NSNumber, forKey: NSPersistentStoreRemoteChangeNotificationPostOptionKey)
        container.loadPersistentStores { _, error in
            if let error { fatalError("loading the store failed: \(error)") }
        }
        container.viewContext.automaticallyMergesChangesFromParent = true
    }
}
