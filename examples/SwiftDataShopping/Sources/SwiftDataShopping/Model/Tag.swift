import Foundation
import SwiftData

/// A label shared by items of any list ("organic", "frozen"): a many-to-many relationship.
@Model
final class Tag {
    var name: String = ""
    var items: [GroceryItem]? = []

    init(name: String) {
        self.name = name
    }
}
