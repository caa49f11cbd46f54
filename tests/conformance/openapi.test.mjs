// OpenAPI documents: GetExport, ImportRestApi and PutRestApi as the SDK sends them (the document as a
// Uint8Array body, parameters as query strings) and reads their answers.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  ImportRestApiCommand, PutRestApiCommand, GetExportCommand, CreateDeploymentCommand,
  GetResourcesCommand, GetModelsCommand, DeleteRestApiCommand,
  BadRequestException, NotFoundException,
} from '@aws-sdk/client-api-gateway';
import { apigw, apiIdPattern, assertRecentDate, assertRejectsWith, bestEffort } from './support.mjs';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const petstore = {
  openapi: '3.0.1',
  info: { title: 'conf-openapi-petstore', version: '1.0' },
  servers: [{ url: 'https://example.com/{basePath}', variables: { basePath: { default: 'v1' } } }],
  paths: {
    '/pets': {
      get: {
        parameters: [{ name: 'type', in: 'query', schema: { type: 'string' } }],
        responses: { 200: { description: '200 response', content: { 'application/json': { schema: { $ref: '#/components/schemas/Pets' } } } } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200', responseTemplates: { 'application/json': '[]' } } },
          passthroughBehavior: 'when_no_match',
        },
      },
    },
    '/pets/{petId}': {
      get: {
        parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { 200: { description: '200 response' } },
        'x-amazon-apigateway-integration': {
          type: 'mock',
          requestTemplates: { 'application/json': '{"statusCode": 200}' },
          responses: { default: { statusCode: '200' } },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', properties: { id: { type: 'string' } } },
      Pets: { type: 'array', items: { $ref: '#/components/schemas/Pet' } },
    },
  },
};

const body = (document) => encoder.encode(typeof document === 'string' ? document : JSON.stringify(document));

describe('ImportRestApi, GetExport and PutRestApi', () => {
  let api;

  before(async () => {
    api = await apigw.send(new ImportRestApiCommand({ body: body(petstore), failOnWarnings: true }));
    await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }));
  });
  after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: api.id }))));

  it('ImportRestApi answers 201 with the new RestApi', () => {
    assert.equal(api.$metadata.httpStatusCode, 201);
    assert.match(api.id, apiIdPattern);
    assert.equal(api.name, 'conf-openapi-petstore');
    assert.equal(api.version, '1.0');
    assertRecentDate(api.createdDate, 'createdDate');
    assert.equal(api.warnings, undefined);
  });

  it('the imported document becomes resources, methods and models', async () => {
    const resources = await apigw.send(new GetResourcesCommand({ restApiId: api.id, embed: ['methods'] }));
    const byPath = Object.fromEntries(resources.items.map((resource) => [resource.path, resource]));
    assert.deepEqual(Object.keys(byPath).sort(), ['/', '/pets', '/pets/{petId}']);
    const list = byPath['/pets'].resourceMethods.GET;
    assert.equal(list.requestParameters['method.request.querystring.type'], false);
    assert.equal(list.methodIntegration.type, 'MOCK');
    assert.equal(list.methodResponses['200'].responseModels['application/json'], 'Pets');
    const models = await apigw.send(new GetModelsCommand({ restApiId: api.id }));
    assert.ok(models.items.some((model) => model.name === 'Pets' && model.schema.includes(`/restapis/${api.id}/models/Pet`)));
  });

  it('ImportRestApi with basepath=prepend puts the base path before every path', async () => {
    const prepended = await apigw.send(new ImportRestApiCommand({ body: body(petstore), parameters: { basepath: 'prepend' } }));
    try {
      const resources = await apigw.send(new GetResourcesCommand({ restApiId: prepended.id }));
      assert.ok(resources.items.some((resource) => resource.path === '/v1/pets/{petId}'));
    } finally {
      await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: prepended.id })));
    }
  });

  it('GetExport answers an OpenAPI 3.0 JSON document with the SDK reading body and content type', async () => {
    const exported = await apigw.send(new GetExportCommand({
      restApiId: api.id, stageName: 'prod', exportType: 'oas30', accepts: 'application/json', parameters: { extensions: 'apigateway' },
    }));
    assert.equal(exported.$metadata.httpStatusCode, 200);
    assert.equal(exported.contentType, 'application/json');
    assert.match(exported.contentDisposition, /^attachment; filename=".+\.json"$/);
    assert.ok(exported.body instanceof Uint8Array);
    const document = JSON.parse(decoder.decode(exported.body));
    assert.equal(document.openapi, '3.0.1');
    assert.equal(document.info.title, 'conf-openapi-petstore');
    assert.equal(document.servers[0].variables.basePath.default, 'prod');
    assert.equal(document.paths['/pets'].get['x-amazon-apigateway-integration'].type, 'mock');
    assert.equal(document.components.schemas.Pets.items.$ref, '#/components/schemas/Pet');
  });

  it('GetExport answers Swagger 2.0 in YAML, without extensions unless asked', async () => {
    const exported = await apigw.send(new GetExportCommand({ restApiId: api.id, stageName: 'prod', exportType: 'swagger', accepts: 'application/yaml' }));
    assert.equal(exported.contentType, 'application/yaml');
    const text = decoder.decode(exported.body);
    assert.match(text, /^swagger: '?"?2\.0/m);
    assert.match(text, /basePath: \/prod/);
    assert.doesNotMatch(text, /x-amazon-apigateway-integration/);
  });

  it('an export imports back as the same API', async () => {
    const exported = await apigw.send(new GetExportCommand({
      restApiId: api.id, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml', parameters: { extensions: 'apigateway' },
    }));
    const copy = await apigw.send(new ImportRestApiCommand({ body: exported.body, failOnWarnings: true }));
    try {
      await apigw.send(new CreateDeploymentCommand({ restApiId: copy.id, stageName: 'prod' }));
      const again = await apigw.send(new GetExportCommand({
        restApiId: copy.id, stageName: 'prod', exportType: 'oas30', accepts: 'application/yaml', parameters: { extensions: 'apigateway' },
      }));
      assert.equal(decoder.decode(again.body).replaceAll(copy.id, 'API'), decoder.decode(exported.body).replaceAll(api.id, 'API'));
    } finally {
      await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: copy.id })));
    }
  });

  it('PutRestApi merges by default and overwrites when asked, keeping the id', async () => {
    const extra = {
      openapi: '3.0.1',
      info: { title: 'conf-openapi-extra', version: '2.0' },
      paths: { '/health': { get: { responses: { 200: { description: 'ok' } }, 'x-amazon-apigateway-integration': { type: 'mock' } } } },
    };
    const merged = await apigw.send(new PutRestApiCommand({ restApiId: api.id, body: body(extra) }));
    assert.equal(merged.$metadata.httpStatusCode, 200);
    assert.equal(merged.id, api.id);
    let paths = (await apigw.send(new GetResourcesCommand({ restApiId: api.id }))).items.map((resource) => resource.path);
    assert.ok(paths.includes('/health') && paths.includes('/pets'));

    const overwritten = await apigw.send(new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: body(extra) }));
    assert.equal(overwritten.name, 'conf-openapi-extra');
    paths = (await apigw.send(new GetResourcesCommand({ restApiId: api.id }))).items.map((resource) => resource.path).sort();
    assert.deepEqual(paths, ['/', '/health']);
  });

  it('warnings come back with the RestApi, and failOnWarnings refuses them', async () => {
    const warned = {
      openapi: '3.0.1',
      info: { title: 'conf-openapi-warned', version: '1' },
      paths: { '/a': { get: { responses: { default: { description: 'anything' } } } } },
    };
    const imported = await apigw.send(new ImportRestApiCommand({ body: body(warned) }));
    try {
      assert.ok(Array.isArray(imported.warnings) && imported.warnings.length > 0);
    } finally {
      await bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId: imported.id })));
    }
    await assertRejectsWith(apigw.send(new ImportRestApiCommand({ body: body(warned), failOnWarnings: true })),
      BadRequestException, 400, /^Warnings found during import:/);
  });

  it('malformed documents and unknown exports are refused as AWS refuses them', async () => {
    await assertRejectsWith(apigw.send(new ImportRestApiCommand({ body: body('openapi: 3.0.1\ninfo: [oops\n') })),
      BadRequestException, 400, /^Errors found during import:/);
    await assertRejectsWith(apigw.send(new PutRestApiCommand({ restApiId: 'nosuchapi0', body: body(petstore) })),
      NotFoundException, 404);
    await assertRejectsWith(apigw.send(new GetExportCommand({ restApiId: api.id, stageName: 'nostage', exportType: 'oas30' })),
      NotFoundException, 404);
    await assertRejectsWith(apigw.send(new GetExportCommand({ restApiId: api.id, stageName: 'prod', exportType: 'raml' })),
      BadRequestException, 400);
  });
});
