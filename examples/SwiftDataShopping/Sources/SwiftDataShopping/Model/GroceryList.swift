import Foundation
import SwiftData

/// A list of groceries. Every stored property is optional or has a default, and the to-many
/// relationship is optional: what CloudKit sync asks of a SwiftData model.
@Model
final class GroceryList {
    var name: String = ""
    var createdAt: Date = Date()
    var isArchived: Bool = false
    @Relationship(deleteRule: .cascade, inverse: \GroceryItem.list) var items: [GroceryItem]? = []

    init(name: String) {
        self.name = name
    }
}
