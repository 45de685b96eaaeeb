import type { Finding } from '../findings';
import { defineRule, finding, validatorItems } from './rule';
import { ENCRYPTED_KEY, VALIDATOR, validatorMessage } from './messages';

/**
 * CK013: the legacy userInfo key `NSPersistentCloudKitContainerEncryptedAttributeKey` (reference §3.6 #5).
 * Validator checks 12 (on an entity), 14 (on a relationship) and 13 (on an attribute together with
 * `allowsCloudEncryption`, the iOS 15 flag that replaces it). Item texts verbatim from [RE].
 */
export const CK013 = defineRule('CK013', 'error', 'Encryption key misused', (ctx, rule) => {
  const out: Finding[] = [];
  for (const entity of ctx.validated) {
    // An entity's userInfo is its own (not inherited); the validator reads it on configuration entities only
    // (OpenCloudData OCCloudKitModelValidator.m:218).
    const onEntity = ctx.scope.entities.has(entity.name) ? entity.userInfo.find((e) => e.key === ENCRYPTED_KEY) : undefined;
    if (onEntity) {
      out.push(finding(ctx, rule, {
        span: onEntity.span,
        message: validatorMessage(VALIDATOR.invalidEntities, `${entity.name}: ${ENCRYPTED_KEY} cannot be applied to an entity type'`),
      }));
    }
    for (const a of entity.attributes) {
      if (a.userInfo.length === 0) continue; // most properties: skip the search
      const e = a.userInfo.find((x) => x.key === ENCRYPTED_KEY);
      if (e && a.allowsCloudEncryption) {
        out.push(finding(ctx, rule, {
          span: e.span,
          message: validatorMessage(VALIDATOR.invalidAttributes, validatorItems(ctx, entity, (n) => `${n}:${a.name} - Encryption value should be set via -[NSAttributeDescription allowsCloudEncryption], please remove usage of '${ENCRYPTED_KEY}'`)),
          related: a.attrs.allowsCloudEncryption ? [{ span: a.attrs.allowsCloudEncryption.span, message: 'allowsCloudEncryption is set here' }] : undefined,
        }));
      }
    }
    for (const r of entity.relationships) {
      if (r.userInfo.length === 0) continue;
      const e = r.userInfo.find((x) => x.key === ENCRYPTED_KEY);
      if (e) {
        out.push(finding(ctx, rule, {
          span: e.span,
          message: validatorMessage(VALIDATOR.encryptedRelationship, validatorItems(ctx, entity, (n) => `${n}:${r.name}`)),
        }));
      }
    }
  }
  return out;
});
