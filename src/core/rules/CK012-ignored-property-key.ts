import { IGNORED_PROPERTY_KEY, userInfoFlag } from '../cloudkit/mapping';
import type { UserInfoEntry } from '../model/ir';
import { defineRule, finding, fix } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK012: `NSCloudKitMirroringDelegateIgnoredPropertyKey` (reference §3.6 #4) is allowed on optional
 * attributes only: validator check 10 (`Entity: attr - attribute is not optional`) and check 11 (any
 * relationship marked ignored, item `Entity:rel`). XML userInfo values are strings, so the "must be an
 * instance of NSNumber or NSString" variant of check 10 cannot occur in a model file.
 */
const entryOf = (list: readonly UserInfoEntry[]): UserInfoEntry | undefined => list.find((e) => e.key === IGNORED_PROPERTY_KEY);

export const CK012 = defineRule('CK012', 'error', 'Ignored property key misused', (ctx, rule) =>
  ctx.validated.flatMap((entity) => [
    ...entity.attributes.filter((a) => !a.optional && userInfoFlag(a.userInfo, IGNORED_PROPERTY_KEY)).map((a) => finding(ctx, rule, {
      span: entryOf(a.userInfo)!.span,
      message: validatorMessage(VALIDATOR.ignoredAttribute, `${entity.name}: ${a.name} - attribute is not optional`),
      related: [{ span: a.attrs.name?.valueSpan ?? a.headSpan, message: `attribute ${entity.name}.${a.name}` }],
      fixes: [fix(ctx, `Make ${entity.name}.${a.name} optional`, (ed) => ed.setOptional(a), true)],
    })),
    ...entity.relationships.filter((r) => userInfoFlag(r.userInfo, IGNORED_PROPERTY_KEY)).map((r) => finding(ctx, rule, {
      span: entryOf(r.userInfo)!.span,
      message: validatorMessage(VALIDATOR.ignoredRelationship, `${entity.name}:${r.name}`),
      related: [{ span: r.attrs.name?.valueSpan ?? r.headSpan, message: `relationship ${entity.name}.${r.name}` }],
    })),
  ]));
