import assert from 'node:assert/strict';
import { classifySchemaFiles } from '../../../src/core/deploy';

const classify = (...files: string[]) => {
  const c = classifySchemaFiles(files, (f) => f);
  return { dev: c.dev, prod: c.prod };
};

describe('core/deploy classifySchemaFiles (discovery when the settings are unset)', () => {
  it('development / production pairs as real projects name them', () => {
    assert.deepEqual(classify('cloudkit/development.ckdb', 'cloudkit/production.ckdb'), { dev: ['cloudkit/development.ckdb'], prod: ['cloudkit/production.ckdb'] });
    assert.deepEqual(classify('schema-production.ckdb', 'schema-development.ckdb'), { dev: ['schema-development.ckdb'], prod: ['schema-production.ckdb'] });
    assert.deepEqual(classify('CloudKit/schema.ckdb', 'CloudKit/schema-prod-baseline.ckdb', 'other.ckdb'),
      { dev: ['CloudKit/schema.ckdb'], prod: ['CloudKit/schema-prod-baseline.ckdb'] });
    assert.deepEqual(classify('a\\CloudKitSchema.production.ckdb', 'a\\CloudKitSchema.ckdb'), { dev: ['a\\CloudKitSchema.ckdb'], prod: ['a\\CloudKitSchema.production.ckdb'] });
  });

  it('ambiguous or missing sides come back as several or no candidates (the editor then asks)', () => {
    assert.deepEqual(classify('a.ckdb', 'b.ckdb'), { dev: ['a.ckdb', 'b.ckdb'], prod: [] });
    assert.deepEqual(classify('x/prod.ckdb', 'y/prod.ckdb', 'dev.ckdb').prod.length, 2);
    assert.deepEqual(classify(), { dev: [], prod: [] });
    // Only the file name counts: a "production" folder doesn't make every schema in it production.
    assert.deepEqual(classify('production/dev.ckdb', 'production/prod.ckdb'), { dev: ['production/dev.ckdb'], prod: ['production/prod.ckdb'] });
  });
});
