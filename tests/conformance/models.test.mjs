// Model lifecycle (CreateModel, GetModels, GetModel with flatten, UpdateModel, GetModelTemplate, DeleteModel), the
// default models of a new API, AWS's refusals, and how methods name models.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand, GetResourcesCommand,
  CreateModelCommand, GetModelCommand, GetModelsCommand, UpdateModelCommand, DeleteModelCommand, GetModelTemplateCommand,
  PutMethodCommand, PutMethodResponseCommand, UpdateMethodResponseCommand, DeleteMethodResponseCommand,
  NotFoundException, BadRequestException, ConflictException,
} from '@aws-sdk/client-api-gateway';
import { apigw, uniqueName, childIdPattern, assertRejectsWith, bestEffort } from './support.mjs';

const petSchema = JSON.stringify({
  type: 'object', required: ['name'], properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
});

describe('Model lifecycle', () => {
  let api;
  let created;

  before(async () => {
    api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-models') }));
    created = await apigw.send(new CreateModelCommand({
      restApiId: api.id, name: 'Pet', schema: petSchema, contentType: 'application/json', description: 'A pet',
    }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('CreateModel answers 201 with the model', () => {
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.match(created.id, childIdPattern);
    assert.deepEqual(
      { name: created.name, schema: created.schema, contentType: created.contentType, description: created.description },
      { name: 'Pet', schema: petSchema, contentType: 'application/json', description: 'A pet' });
  });

  it('GetModels lists the Empty and Error models of every new API with the API\'s own, by name', async () => {
    const page = await apigw.send(new GetModelsCommand({ restApiId: api.id }));
    assert.deepEqual(page.items.map((m) => m.name), ['Empty', 'Error', 'Pet']);
    const error = page.items.find((m) => m.name === 'Error');
    assert.equal(error.description, 'This is a default error schema model');
    assert.equal(JSON.parse(error.schema).title, 'Error Schema');
    const first = await apigw.send(new GetModelsCommand({ restApiId: api.id, limit: 2 }));
    assert.equal(first.items.length, 2);
    const rest = await apigw.send(new GetModelsCommand({ restApiId: api.id, limit: 2, position: first.position }));
    assert.deepEqual(rest.items.map((m) => m.name), ['Pet']);
    assert.equal(rest.position, undefined);
  });

  it('GetModel returns the model, and flatten resolves references to other models', async () => {
    const got = await apigw.send(new GetModelCommand({ restApiId: api.id, modelName: 'Pet' }));
    assert.equal(got.id, created.id);
    const list = await apigw.send(new CreateModelCommand({
      restApiId: api.id, name: 'PetList', contentType: 'application/json',
      schema: JSON.stringify({ type: 'array', items: { $ref: `https://apigateway.amazonaws.com/restapis/${api.id}/models/Pet` } }),
    }));
    assert.equal(list.$metadata.httpStatusCode, 201);
    const flat = await apigw.send(new GetModelCommand({ restApiId: api.id, modelName: 'PetList', flatten: true }));
    assert.ok(!flat.schema.includes('apigateway.amazonaws.com'), flat.schema);
    assert.ok(flat.schema.includes('"age"'), flat.schema);
  });

  it('GetModelTemplate answers a mapping template for the model', async () => {
    const template = await apigw.send(new GetModelTemplateCommand({ restApiId: api.id, modelName: 'Pet' }));
    assert.equal(template.$metadata.httpStatusCode, 200);
    assert.match(template.value, /\$inputRoot\.name/);
  });

  it('UpdateModel replaces the schema and description, and refuses other paths', async () => {
    const schema = JSON.stringify({ type: 'object', properties: { name: { type: 'string' } } });
    const updated = await apigw.send(new UpdateModelCommand({
      restApiId: api.id, modelName: 'Pet',
      patchOperations: [{ op: 'replace', path: '/schema', value: schema }, { op: 'replace', path: '/description', value: 'Any pet' }],
    }));
    assert.equal(updated.schema, schema);
    assert.equal(updated.description, 'Any pet');
    await assertRejectsWith(apigw.send(new UpdateModelCommand({
      restApiId: api.id, modelName: 'Pet', patchOperations: [{ op: 'replace', path: '/name', value: 'Dog' }],
    })), BadRequestException, 400, /Must be one of: \[\/description, \/schema\]/);
  });

  it('CreateModel refuses a duplicate name, an empty schema and a schema that is not draft 4', async () => {
    await assertRejectsWith(apigw.send(new CreateModelCommand({ restApiId: api.id, name: 'Pet', schema: petSchema, contentType: 'application/json' })),
      ConflictException, 409, /^Model name already exists for this REST API$/);
    await assertRejectsWith(apigw.send(new CreateModelCommand({ restApiId: api.id, name: 'Blank', schema: '', contentType: 'application/json' })),
      BadRequestException, 400, /^Model schema must have at least 1 property or array items defined$/);
    await assertRejectsWith(apigw.send(new CreateModelCommand({
      restApiId: api.id, name: 'Typo', contentType: 'application/json', schema: '{"type":"object","properties":{"a":{"type":"strnig"}}}',
    })), BadRequestException, 400, /^Invalid model specified: Validation Result: warnings : \[\], errors : \[Invalid model schema specified/);
  });

  it('PutMethod refuses a model the API does not have; DeleteModel refuses one a method uses', async () => {
    const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    const root = resources.items.find((r) => r.path === '/');
    await assertRejectsWith(apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: root.id, httpMethod: 'POST', authorizationType: 'NONE', requestModels: { 'application/json': 'Cat' },
    })), BadRequestException, 400, /^Invalid model identifier specified: Cat$/);
    await apigw.send(new PutMethodCommand({
      restApiId: api.id, resourceId: root.id, httpMethod: 'POST', authorizationType: 'NONE', requestModels: { 'application/json': 'Pet' },
    }));
    await assertRejectsWith(apigw.send(new DeleteModelCommand({ restApiId: api.id, modelName: 'Pet' })),
      ConflictException, 409, /^Cannot delete model 'Pet', is referenced in method request: \/\/POST$/);
  });

  it('PutMethodResponse and UpdateMethodResponse refuse a model the API does not have; DeleteModel refuses one a method response uses', async () => {
    const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id }));
    const root = resources.items.find((r) => r.path === '/');
    const method = { restApiId: api.id, resourceId: root.id, httpMethod: 'GET' };
    await apigw.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }));
    await assertRejectsWith(apigw.send(new PutMethodResponseCommand({
      ...method, statusCode: '200', responseModels: { 'application/json': 'Cat' },
    })), BadRequestException, 400, /^Invalid model identifier specified: Cat$/);
    await apigw.send(new PutMethodResponseCommand({ ...method, statusCode: '200', responseModels: { 'application/json': 'PetList' } }));
    await assertRejectsWith(apigw.send(new UpdateMethodResponseCommand({
      ...method, statusCode: '200', patchOperations: [{ op: 'add', path: '/responseModels/text~1plain', value: 'Cat' }],
    })), BadRequestException, 400, /^Invalid model identifier specified: Cat$/);
    await assertRejectsWith(apigw.send(new DeleteModelCommand({ restApiId: api.id, modelName: 'PetList' })),
      ConflictException, 409, /^Cannot delete model 'PetList', is referenced in method response: \/\/GET$/);
    await apigw.send(new DeleteMethodResponseCommand({ ...method, statusCode: '200' }));
  });

  it('DeleteModel answers 202, and the model is gone', async () => {
    const deleted = await apigw.send(new DeleteModelCommand({ restApiId: api.id, modelName: 'PetList' }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetModelCommand({ restApiId: api.id, modelName: 'PetList' })),
      NotFoundException, 404, /^Invalid model name specified: PetList$/);
  });
});
