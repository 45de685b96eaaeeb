import SwiftData
import SwiftUI

@main
struct SwiftDataShoppingApp: App {
    /// The model syncs to the private database of the app's iCloud container.
    let container: ModelContainer = {
        let schema = Schema([GroceryList.self, GroceryItem.self, Tag.self])
        let configuration = ModelConfiguration(schema: schema, cloudKitDatabase: .private("iCloud.com.example.SwiftDataShopping"))
        return try! ModelContainer(for: schema, configurations: [configuration])
    }()

    var body: some Scene {
        WindowGroup { Text("Groceries") }
            .modelContainer(container)
    }
}
