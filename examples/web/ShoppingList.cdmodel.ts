// The shopping-list model as the web client declares it (read by CloudKit DevTools, never run).
// Planted mistakes: Item.title is non-optional without a default (CK002), ShoppingList.items is
// ordered (CK005).
import { defineModel } from './cloudkit-modeldef';

export default defineModel({
  usedWithCloudKit: true,
  entities: {
    ShoppingList: {
      attributes: {
        name: { type: 'String', default: 'New List' },
        createdAt: { type: 'Date', optional: true },
      },
      relationships: {
        items: { destination: 'Item', inverse: 'list', toMany: true, optional: true, ordered: true, deletionRule: 'Cascade' },
      },
    },
    Item: {
      attributes: {
        title: { type: 'String' },
        quantity: { type: 'Double', default: 1 },
        isChecked: { type: 'Boolean', default: false },
        photo: { type: 'Binary', optional: true, allowsExternalBinaryDataStorage: true },
      },
      relationships: {
        list: { destination: 'ShoppingList', inverse: 'items', optional: true, deletionRule: 'Nullify' },
      },
    },
  },
});
