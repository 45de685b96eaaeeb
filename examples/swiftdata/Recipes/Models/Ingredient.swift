import Foundation
import SwiftData

/// An ingredient of one recipe: every property optional or defaulted, as CloudKit sync requires.
@Model
final class Ingredient {
    var name: String = ""
    var quantity: Double = 1
    var recipe: Recipe?

    init(name: String) {
        self.name = name
    }
}
