import SwiftData
import SwiftUI

@main
struct RecipesApp: App {
    var body: some Scene {
        WindowGroup { Text("Recipes") }
            .modelContainer(for: [Recipe.self, Ingredient.self, Cookbook.self])
    }
}
