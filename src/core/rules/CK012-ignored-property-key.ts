import { IGNORED_PROPERTY_KEY, userInfoFlag } from '../cloudkit/mapping';
import type { UserInfoEntry } from '../model/ir';
import type { Finding } from '../findings';
import { defineRule, finding, fix, validatorItems } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK012: `NSCloudKitMirroringDelegateIgnoredPropertyKey` (reference §3.6 #4) is allowed on optional
 * attributes only: validator check 10 (`Entity: attr - attribute is not optional`) and check 11 (any
 * relationship marked ignored, item `Entity:rel`). XML userInfo values are strings, so the "must be an
 * instance of NSNumber or NSString" variant of check 10 cannot occur in a model file.
 */
const entryOf = (list: readonly UserInfoEntry[]): UserInfoEntry | undefined => list.find((e) => e.key === IGNORED_PROPERTY_KEY);

export const CK012 = defineRule('CK012', 'error', 'Ignored property key misused', (ctx, rule) => {
  // Plain loops with the empty-userInfo test first: most properties have no userInfo at all.
  const out: Finding[] = [];
  for (const entity of ctx.validated) {
    for (const a of entity.attributes) {
      if (a.userInfo.length === 0 || a.optional || !userInfoFlag(a.userInfo, IGNORED_PROPERTY_KEY)) continue;
      out.push(finding(ctx, rule, {
        span: entryOf(a.userInfo)!.span,
        message: validatorMessage(VALIDATOR.ignoredAttribute, validatorItems(ctx, entity, (n) => `${n}: ${a.name} - attribute is not optional`)),
        related: [{ span: a.attrs.name?.valueSpan ?? a.headSpan, message: `attribute ${entity.name}.${a.name}` }],
        fixes: [fix(ctx, `Make ${entity.name}.${a.name} optional`, (ed) => ed.setOptional(a), true)],
      }));
    }
    for (const r of entity.relationships) {
      if (r.userInfo.length === 0 || !userInfoFlag(r.userInfo, IGNORED_PROPERTY_KEY)) continue;
      out.push(finding(ctx, rule, {
        span: entryOf(r.userInfo)!.span,
        message: validatorMessage(VALIDATOR.ignoredRelationship, validatorItems(ctx, entity, (n) => `${n}:${r.name}`)),
        related: [{ span: r.attrs.name?.valueSpan ?? r.headSpan, message: `relationship ${entity.name}.${r.name}` }],
      }));
    }
  }
  return out;
});
