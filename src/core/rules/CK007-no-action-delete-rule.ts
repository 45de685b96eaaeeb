import { attrSpanOr, defineRule, finding, fix, eachRelationship } from './rule';

/**
 * CK007: `No Action` passes the validator (only Deny is checked [RE]; a SwiftData experiment loads
 * `.noAction`, eczema-helper #713), but it leaves the other side pointing at a deleted record, and a
 * mirrored store then syncs a dangling reference. A warning, not an error (reference §3.1 notes).
 * The XML spelling `No Action` is UNCONFIRMED (matches Xcode's UI); `NoAction` is accepted too.
 */
export const CK007 = defineRule('CK007', 'warning', 'No Action deletion rule', (ctx, rule) =>
  eachRelationship(ctx, (r) => r.deletionRule === 'No Action' || r.deletionRule === 'NoAction', (r, entity) => finding(ctx, rule, {
    span: attrSpanOr(r, 'deletionRule'),
    message: `The No Action deletion rule is accepted by CloudKit integration but leaves dangling references on the other side of the relationship, which then sync to every device: ${entity.name}:${r.name} - No Action`,
    fixes: [fix(ctx, `Change the deletion rule of ${entity.name}.${r.name} to Nullify`, (ed) => ed.setDeletionRule(r, 'Nullify'), true)],
  })));
