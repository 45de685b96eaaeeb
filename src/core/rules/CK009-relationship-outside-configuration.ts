import { attrSpanOr, defineRule, finding } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK009: [DOC] "Entities in a configuration must not have relationships to entities in another
 * configuration." Validator check 7 (reference §3.1), item `Entity: rel - Dest`. Only named
 * configurations flagged "Used with CloudKit" can exclude anything (the Default one holds every entity);
 * fetched properties may cross configurations and are not checked (§3.6 #1).
 */
export const CK009 = defineRule('CK009', 'error', 'Relationship to an entity outside the CloudKit configuration', (ctx, rule) =>
  ctx.scope.configurations.flatMap((config) => {
    const members = new Set(config.memberEntities.map((m) => m.name));
    return config.memberEntities.flatMap((m) => {
      const entity = ctx.index.get(m.name);
      if (!entity) return [];
      return entity.relationships.filter((r) => r.destinationEntity !== '' && !members.has(r.destinationEntity)).map((r) => finding(ctx, rule, {
        span: attrSpanOr(r, 'destinationEntity'),
        message: validatorMessage(VALIDATOR.configuration, `${entity.name}: ${r.name} - ${r.destinationEntity}`) + ` (configuration '${config.name}')`,
        related: [{ span: config.attrs.name?.valueSpan ?? config.headSpan, message: `configuration ${config.name} (Used with CloudKit) does not include ${r.destinationEntity}` }],
      }));
    });
  }));
