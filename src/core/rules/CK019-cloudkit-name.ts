import { CD_PREFIX, isCloudKitNameAfterPrefix, isMirroredAttribute, isMirroredRelationship } from '../cloudkit/mapping';
import type { Finding } from '../findings';
import { defineRule, finding, nameSpanOf } from './rule';

/**
 * CK019: a mirrored entity or property whose CloudKit name (`CD_<name>`) CloudKit cannot hold. Type and
 * field names are `[A-Za-z][A-Za-z0-9_]*` [Apple, reference/ckdb.md §5], and a quoted `.ckdb` name cannot
 * hold `"` (§1.3). Xcode's editor does not let such names in; a hand-edited or generated `contents` can
 * (issue 17: `a"b` was printed as `"CD_a"b"`). The validator does not check names; what the server answers
 * is UNCONFIRMED, so the message is ours. Root entities only for record types (a subentity's name is a
 * value of CD_entityName, not a name); to-many relationships have no field of their own.
 */
export const CK019 = defineRule('CK019', 'error', 'Name CloudKit cannot hold', (ctx, rule) => {
  const out: Finding[] = [];
  const why = 'CloudKit type and field names are letters, digits and underscores, starting with a letter';
  for (const root of ctx.roots()) {
    if (!isCloudKitNameAfterPrefix(root.name)) {
      out.push(finding(ctx, rule, { span: nameSpanOf(root), message: `Entity ${JSON.stringify(root.name)} becomes the record type ${JSON.stringify(CD_PREFIX + root.name)}, which CloudKit cannot hold: ${why}. Rename the entity.` }));
    }
  }
  for (const entity of ctx.validated) {
    for (const a of entity.attributes) {
      // The name first: it is plain data, while isMirrored reads rare attributes the XML reader computes on demand.
      if (isCloudKitNameAfterPrefix(a.name) || !isMirroredAttribute(a)) continue;
      out.push(finding(ctx, rule, { span: nameSpanOf(a), message: `${entity.name}.${JSON.stringify(a.name)} becomes the field ${JSON.stringify(CD_PREFIX + a.name)}, which CloudKit cannot hold: ${why}. Rename the attribute.` }));
    }
    for (const r of entity.relationships) {
      if (r.toMany || isCloudKitNameAfterPrefix(r.name) || !isMirroredRelationship(r)) continue;
      out.push(finding(ctx, rule, { span: nameSpanOf(r), message: `${entity.name}.${JSON.stringify(r.name)} becomes the field ${JSON.stringify(CD_PREFIX + r.name)}, which CloudKit cannot hold: ${why}. Rename the relationship.` }));
    }
  }
  return out;
});
