import Foundation
import SwiftData

/// One thing to buy, on one list, with any number of tags.
@Model
final class GroceryItem {
    var title: String = ""
    var quantity: Int = 1
    var isDone: Bool = false
    var note: String?
    var list: GroceryList?
    @Relationship(inverse: \Tag.items) var tags: [Tag]? = []

    init(title: String, list: GroceryList? = nil) {
        self.title = title
        self.list = list
    }
}
