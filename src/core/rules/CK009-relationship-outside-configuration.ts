import type { EntityIR, RelationshipIR } from '../model/ir';
import type { Finding } from '../findings';
import { attrSpanOr, defineRule, finding } from './rule';
import { VALIDATOR, validatorMessage } from './messages';

/**
 * CK009: [DOC] "Entities in a configuration must not have relationships to entities in another
 * configuration." Validator check 7 (reference §3.1), item `Entity: rel - Dest`. The validator walks
 * `relationshipsByName` of each configuration entity, inherited relationships included, and checks the
 * destination against the configuration's entities (OpenCloudData OCCloudKitModelValidator.m:376,
 * :398-401): a member whose ancestor (member or not) points outside is reported, once per member, at the
 * ancestor's declaration. Only named configurations flagged "Used with CloudKit" can exclude anything (the
 * Default one holds every entity); fetched properties may cross configurations and are not checked (§3.6 #1).
 */
export const CK009 = defineRule('CK009', 'error', 'Relationship to an entity outside the CloudKit configuration', (ctx, rule) => {
  const out: Finding[] = [];
  for (const config of ctx.scope.configurations) {
    const members = new Set(config.memberEntities.map((m) => m.name));
    // Declared relationship → the members that have it, in member order.
    const holders = new Map<RelationshipIR, { owner: EntityIR; names: string[] }>();
    for (const m of config.memberEntities) {
      const member = ctx.index.get(m.name);
      const seen = new Set<string>();
      for (let e = member; e && !seen.has(e.name); e = e.parentEntity ? ctx.index.get(e.parentEntity) : undefined) {
        seen.add(e.name);
        for (const r of e.relationships) {
          if (r.destinationEntity === '' || members.has(r.destinationEntity)) continue;
          let h = holders.get(r);
          if (!h) { h = { owner: e, names: [] }; holders.set(r, h); }
          if (!h.names.includes(member!.name)) h.names.push(member!.name);
        }
      }
    }
    for (const [r, h] of holders) {
      const names = h.names.length > 1 ? [...h.names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())) : h.names;
      out.push(finding(ctx, rule, {
        span: attrSpanOr(r, 'destinationEntity'),
        message: validatorMessage(VALIDATOR.configuration, names.map((n) => `${n}: ${r.name} - ${r.destinationEntity}`).join('; '))
          + ` (configuration '${config.name}'${names.length === 1 && names[0] === h.owner.name ? '' : `; declared on ${h.owner.name}`})`,
        related: [{ span: config.attrs.name?.valueSpan ?? config.headSpan, message: `configuration ${config.name} (Used with CloudKit) does not include ${r.destinationEntity}` }],
      }));
    }
  }
  return out;
});
