import Foundation
import SwiftData

/// A recipe. Planted CloudKit mistakes (examples/README.md): `title` is neither optional nor
/// defaulted (CK002), and `slug` is unique (CK001); CloudKit sync supports neither.
@Model
final class Recipe {
    var title: String
    @Attribute(.unique) var slug: String = ""
    var createdAt: Date = Date()
    var servings: Int = 2
    @Relationship(deleteRule: .cascade, inverse: \Ingredient.recipe) var ingredients: [Ingredient]? = []
    var cookbook: Cookbook?

    init(title: String) {
        self.title = title
    }
}
