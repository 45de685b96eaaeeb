import Foundation
import SwiftData

/// A collection of recipes; `Recipe.cookbook` is the other side of `recipes` (SwiftData infers the inverse).
@Model
final class Cookbook {
    var name: String = ""
    @Relationship(inverse: \Recipe.cookbook) var recipes: [Recipe]? = []

    init(name: String) {
        self.name = name
    }
}
