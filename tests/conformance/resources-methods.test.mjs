// Resources, methods, method responses, integrations and integration responses of one API.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateRestApiCommand, DeleteRestApiCommand,
  GetResourcesCommand, GetResourceCommand, CreateResourceCommand, UpdateResourceCommand, DeleteResourceCommand,
  PutMethodCommand, GetMethodCommand, UpdateMethodCommand, DeleteMethodCommand,
  PutMethodResponseCommand, GetMethodResponseCommand, DeleteMethodResponseCommand,
  PutIntegrationCommand, GetIntegrationCommand, UpdateIntegrationCommand, DeleteIntegrationCommand,
  PutIntegrationResponseCommand, GetIntegrationResponseCommand, DeleteIntegrationResponseCommand,
  TestInvokeMethodCommand,
  NotFoundException, ConflictException, BadRequestException, paginateGetResources,
} from '@aws-sdk/client-api-gateway';
import { apigw, region, uniqueName, apiIdPattern, childIdPattern, assertRejectsWith, bestEffort } from './support.mjs';

let restApiId;
let rootId;

before(async () => {
  const api = await apigw.send(new CreateRestApiCommand({ name: uniqueName('conf-resources') }));
  restApiId = api.id;
  rootId = api.rootResourceId;
});
after(() => bestEffort(() => apigw.send(new DeleteRestApiCommand({ restApiId }))));

const createResource = (parentId, pathPart) =>
  apigw.send(new CreateResourceCommand({ restApiId, parentId, pathPart }));

describe('resources', () => {
  let pets;
  let petId;

  before(async () => {
    pets = await createResource(rootId, 'pets');
    petId = await createResource(pets.id, '{petId}');
  });

  it('the root resource is "/" with no parent', async () => {
    const root = await apigw.send(new GetResourceCommand({ restApiId, resourceId: rootId }));
    assert.match(root.id, apiIdPattern);
    assert.equal(root.path, '/');
    assert.equal(root.parentId, undefined);
    assert.equal(root.pathPart, undefined);
  });

  it('CreateResource answers 201 with id, parentId, pathPart and the full path', () => {
    assert.equal(pets.$metadata.httpStatusCode, 201);
    assert.equal(typeof pets.id, 'string');
    assert.equal(pets.parentId, rootId);
    assert.equal(pets.pathPart, 'pets');
    assert.equal(pets.path, '/pets');
    assert.equal(petId.parentId, pets.id);
    assert.equal(petId.path, '/pets/{petId}');
  });

  it('a child resource id has the 6 lowercase alphanumerics AWS uses', () => {
    assert.match(pets.id, childIdPattern);
  });

  it('CreateResource accepts a greedy path variable', async () => {
    const proxy = await createResource(petId.id, '{proxy+}');
    assert.equal(proxy.path, '/pets/{petId}/{proxy+}');
    await apigw.send(new DeleteResourceCommand({ restApiId, resourceId: proxy.id }));
  });

  it('GetResources lists the whole tree', async () => {
    const { items } = await apigw.send(new GetResourcesCommand({ restApiId, limit: 500 }));
    const paths = items.map((r) => r.path);
    for (const path of ['/', '/pets', '/pets/{petId}']) assert.ok(paths.includes(path), `${path} in ${paths}`);
    assert.equal(new Set(items.map((r) => r.id)).size, items.length, 'ids are unique');
  });

  it('paginateGetResources with pageSize 1 visits every resource exactly once', async () => {
    const seen = [];
    for await (const page of paginateGetResources({ client: apigw, pageSize: 1 }, { restApiId })) {
      assert.ok(page.items.length <= 1, `a page holds at most one resource, got ${page.items.length}`);
      seen.push(...page.items.map((r) => r.id));
      assert.ok(seen.length < 1000, 'pagination should end');
    }
    assert.equal(new Set(seen).size, seen.length, 'no resource appears on two pages');
    for (const id of [rootId, pets.id, petId.id]) assert.ok(seen.includes(id), `resource ${id} should be visited`);
  });

  it('GetResource returns one resource by id', async () => {
    const got = await apigw.send(new GetResourceCommand({ restApiId, resourceId: petId.id }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.equal(got.id, petId.id);
    assert.equal(got.path, '/pets/{petId}');
    assert.equal(got.pathPart, '{petId}');
  });

  it('a duplicate path part under the same parent is ConflictException', async () => {
    await assertRejectsWith(createResource(rootId, 'pets'), ConflictException, 409);
  });

  it('an invalid path part is BadRequestException', async () => {
    await assertRejectsWith(createResource(rootId, 'bad path!'), BadRequestException, 400);
  });

  it('an unknown parent is NotFoundException', async () => {
    await assertRejectsWith(createResource('nope00', 'orphan'), NotFoundException, 404);
  });

  it('an unknown API is NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new GetResourcesCommand({ restApiId: 'nosuchapi0' })), NotFoundException, 404);
  });

  it('UpdateResource renames a path part and the children follow', async () => {
    const parent = await createResource(rootId, 'owners');
    const child = await createResource(parent.id, 'list');
    const updated = await apigw.send(new UpdateResourceCommand({
      restApiId, resourceId: parent.id,
      patchOperations: [{ op: 'replace', path: '/pathPart', value: 'people' }],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.pathPart, 'people');
    assert.equal(updated.path, '/people');
    const movedChild = await apigw.send(new GetResourceCommand({ restApiId, resourceId: child.id }));
    assert.equal(movedChild.path, '/people/list');
  });

  it('DeleteResource answers 202 and removes the resource with its children', async () => {
    const parent = await createResource(rootId, 'temporary');
    const child = await createResource(parent.id, 'child');
    const deleted = await apigw.send(new DeleteResourceCommand({ restApiId, resourceId: parent.id }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    await assertRejectsWith(apigw.send(new GetResourceCommand({ restApiId, resourceId: parent.id })), NotFoundException, 404,
      /Invalid Resource identifier specified/);
    await assertRejectsWith(apigw.send(new GetResourceCommand({ restApiId, resourceId: child.id })), NotFoundException, 404);
  });
});

describe('methods, responses and integrations', () => {
  let resource;

  before(async () => {
    resource = await createResource(rootId, 'items');
  });

  const key = () => ({ restApiId, resourceId: resource.id, httpMethod: 'GET' });

  it('PutMethod answers 201 with the method', async () => {
    const method = await apigw.send(new PutMethodCommand({
      ...key(),
      authorizationType: 'NONE',
      apiKeyRequired: true,
      requestParameters: { 'method.request.querystring.q': false },
    }));
    assert.equal(method.$metadata.httpStatusCode, 201);
    assert.equal(method.httpMethod, 'GET');
    assert.equal(method.authorizationType, 'NONE');
    assert.equal(method.apiKeyRequired, true);
    assert.deepEqual(method.requestParameters, { 'method.request.querystring.q': false });
  });

  it('PutMethod twice is ConflictException', async () => {
    await assertRejectsWith(apigw.send(new PutMethodCommand({ ...key(), authorizationType: 'NONE' })), ConflictException, 409);
  });

  it('PutMethod with an unknown HTTP method is BadRequestException', async () => {
    await assertRejectsWith(apigw.send(new PutMethodCommand({ ...key(), httpMethod: 'FETCH', authorizationType: 'NONE' })),
      BadRequestException, 400);
  });

  it('UpdateMethod patches the method', async () => {
    const updated = await apigw.send(new UpdateMethodCommand({
      ...key(),
      patchOperations: [
        { op: 'replace', path: '/apiKeyRequired', value: 'false' },
        { op: 'replace', path: '/operationName', value: 'ListItems' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.apiKeyRequired, false);
    assert.equal(updated.operationName, 'ListItems');
  });

  it('PutMethodResponse answers 201 and GetMethodResponse reads it back', async () => {
    const put = await apigw.send(new PutMethodResponseCommand({
      ...key(), statusCode: '200',
      responseParameters: { 'method.response.header.X-Trace': false },
    }));
    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.equal(put.statusCode, '200');
    assert.deepEqual(put.responseParameters, { 'method.response.header.X-Trace': false });
    const got = await apigw.send(new GetMethodResponseCommand({ ...key(), statusCode: '200' }));
    assert.equal(got.statusCode, '200');
    assert.deepEqual(got.responseParameters, { 'method.response.header.X-Trace': false });
  });

  it('PutIntegration of type HTTP answers 201 with AWS defaults', async () => {
    const integration = await apigw.send(new PutIntegrationCommand({
      ...key(),
      type: 'HTTP',
      integrationHttpMethod: 'GET',
      uri: 'http://example.com/items',
      requestParameters: { 'integration.request.querystring.q': 'method.request.querystring.q' },
    }));
    assert.equal(integration.$metadata.httpStatusCode, 201);
    assert.equal(integration.type, 'HTTP');
    assert.equal(integration.httpMethod, 'GET', 'integrationHttpMethod travels as "httpMethod"');
    assert.equal(integration.uri, 'http://example.com/items');
    assert.deepEqual(integration.requestParameters, { 'integration.request.querystring.q': 'method.request.querystring.q' });
    assert.equal(integration.passthroughBehavior, 'WHEN_NO_MATCH');
    assert.equal(integration.timeoutInMillis, 29000);
    assert.equal(integration.cacheNamespace, resource.id);
    assert.deepEqual(integration.cacheKeyParameters, []);
  });

  it('GetIntegration reads the integration back', async () => {
    const got = await apigw.send(new GetIntegrationCommand(key()));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.equal(got.type, 'HTTP');
    assert.equal(got.uri, 'http://example.com/items');
    assert.equal(got.timeoutInMillis, 29000);
  });

  it('UpdateIntegration patches the integration; numbers stay numbers', async () => {
    const updated = await apigw.send(new UpdateIntegrationCommand({
      ...key(),
      patchOperations: [
        { op: 'replace', path: '/timeoutInMillis', value: '5000' },
        { op: 'replace', path: '/uri', value: 'http://example.com/v2/items' },
      ],
    }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.timeoutInMillis, 5000);
    assert.equal(updated.uri, 'http://example.com/v2/items');
  });

  it('PutIntegrationResponse answers 201 and GetIntegrationResponse reads it back', async () => {
    const put = await apigw.send(new PutIntegrationResponseCommand({
      ...key(), statusCode: '200',
      selectionPattern: '2\\d{2}',
      responseTemplates: { 'application/json': '{"ok": true}' },
      responseParameters: { 'method.response.header.X-Trace': "'conformance'" },
    }));
    assert.equal(put.$metadata.httpStatusCode, 201);
    assert.equal(put.statusCode, '200');
    assert.equal(put.selectionPattern, '2\\d{2}');
    assert.deepEqual(put.responseTemplates, { 'application/json': '{"ok": true}' });
    assert.deepEqual(put.responseParameters, { 'method.response.header.X-Trace': "'conformance'" });
    const got = await apigw.send(new GetIntegrationResponseCommand({ ...key(), statusCode: '200' }));
    assert.equal(got.statusCode, '200');
    assert.equal(got.selectionPattern, '2\\d{2}');
  });

  it('GetMethod embeds the method responses and the integration with its responses', async () => {
    const method = await apigw.send(new GetMethodCommand(key()));
    assert.equal(method.$metadata.httpStatusCode, 200);
    assert.equal(method.httpMethod, 'GET');
    assert.equal(method.methodResponses?.['200']?.statusCode, '200');
    assert.equal(method.methodIntegration?.type, 'HTTP');
    assert.equal(method.methodIntegration?.uri, 'http://example.com/v2/items');
    assert.equal(method.methodIntegration?.integrationResponses?.['200']?.selectionPattern, '2\\d{2}');
  });

  it('GetResources with embed=methods embeds each method and its integration', async () => {
    const { items } = await apigw.send(new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500 }));
    const items_ = items.find((r) => r.id === resource.id);
    assert.ok(items_, 'the resource is listed');
    assert.equal(items_.path, '/items');
    const get = items_.resourceMethods?.GET;
    assert.ok(get, 'GET is embedded');
    assert.equal(get.httpMethod, 'GET');
    assert.equal(get.authorizationType, 'NONE');
    assert.equal(get.methodIntegration?.type, 'HTTP');
    assert.equal(get.methodIntegration?.uri, 'http://example.com/v2/items');
  });

  it('GetResource with embed=methods embeds the method too', async () => {
    const got = await apigw.send(new GetResourceCommand({ restApiId, resourceId: resource.id, embed: ['methods'] }));
    assert.equal(got.resourceMethods?.GET?.methodIntegration?.type, 'HTTP');
  });

  it('DeleteIntegrationResponse, DeleteIntegration, DeleteMethodResponse and DeleteMethod answer 204', async () => {
    const deletedIntegrationResponse = await apigw.send(new DeleteIntegrationResponseCommand({ ...key(), statusCode: '200' }));
    assert.equal(deletedIntegrationResponse.$metadata.httpStatusCode, 204);
    await assertRejectsWith(apigw.send(new GetIntegrationResponseCommand({ ...key(), statusCode: '200' })), NotFoundException, 404);

    const deletedIntegration = await apigw.send(new DeleteIntegrationCommand(key()));
    assert.equal(deletedIntegration.$metadata.httpStatusCode, 204);
    await assertRejectsWith(apigw.send(new GetIntegrationCommand(key())), NotFoundException, 404);

    const deletedMethodResponse = await apigw.send(new DeleteMethodResponseCommand({ ...key(), statusCode: '200' }));
    assert.equal(deletedMethodResponse.$metadata.httpStatusCode, 204);
    await assertRejectsWith(apigw.send(new GetMethodResponseCommand({ ...key(), statusCode: '200' })), NotFoundException, 404);

    const deletedMethod = await apigw.send(new DeleteMethodCommand(key()));
    assert.equal(deletedMethod.$metadata.httpStatusCode, 204);
    await assertRejectsWith(apigw.send(new GetMethodCommand(key())), NotFoundException, 404,
      /Invalid Method identifier specified/);
  });
});

describe('integration types', () => {
  let resource;

  before(async () => {
    resource = await createResource(rootId, 'kinds');
    for (const httpMethod of ['GET', 'POST', 'PUT']) {
      await apigw.send(new PutMethodCommand({ restApiId, resourceId: resource.id, httpMethod, authorizationType: 'NONE' }));
    }
  });

  it('MOCK keeps its request templates', async () => {
    const integration = await apigw.send(new PutIntegrationCommand({
      restApiId, resourceId: resource.id, httpMethod: 'GET',
      type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }));
    assert.equal(integration.type, 'MOCK');
    assert.deepEqual(integration.requestTemplates, { 'application/json': '{"statusCode": 200}' });
    assert.equal(integration.httpMethod, undefined, 'a MOCK integration has no backend method');
  });

  it('AWS_PROXY to a Lambda function keeps its URI', async () => {
    const functionArn = `arn:aws:lambda:${region}:000000000000:function:conformance`;
    const uri = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
    const integration = await apigw.send(new PutIntegrationCommand({
      restApiId, resourceId: resource.id, httpMethod: 'POST',
      type: 'AWS_PROXY', integrationHttpMethod: 'POST', uri,
    }));
    assert.equal(integration.type, 'AWS_PROXY');
    assert.equal(integration.httpMethod, 'POST');
    assert.equal(integration.uri, uri);
  });

  it('HTTP without an integration HTTP method is BadRequestException', async () => {
    await assertRejectsWith(apigw.send(new PutIntegrationCommand({
      restApiId, resourceId: resource.id, httpMethod: 'PUT', type: 'HTTP', uri: 'http://example.com/',
    })), BadRequestException, 400);
  });

  it('an integration on a method that does not exist is NotFoundException', async () => {
    await assertRejectsWith(apigw.send(new PutIntegrationCommand({
      restApiId, resourceId: resource.id, httpMethod: 'DELETE', type: 'MOCK',
    })), NotFoundException, 404);
  });
});

describe('TestInvokeMethod on an ANY method', () => {
  let anyResource;

  before(async () => {
    anyResource = await createResource(rootId, uniqueName('any'));
    const method = { restApiId, resourceId: anyResource.id, httpMethod: 'ANY' };
    await apigw.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }));
    await apigw.send(new PutIntegrationCommand({
      ...method, type: 'MOCK', requestTemplates: { 'application/json': '{"statusCode": 200}' },
    }));
    await apigw.send(new PutMethodResponseCommand({ ...method, statusCode: '200' }));
    await apigw.send(new PutIntegrationResponseCommand({
      ...method, statusCode: '200', responseTemplates: { 'application/json': '$context.httpMethod' },
    }));
  });

  it('a verb the resource has no method for runs the ANY method with that verb', async () => {
    const answer = await apigw.send(new TestInvokeMethodCommand({ restApiId, resourceId: anyResource.id, httpMethod: 'POST' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.body, 'POST');
  });

  it('addressed as ANY, the method runs as GET', async () => {
    const answer = await apigw.send(new TestInvokeMethodCommand({ restApiId, resourceId: anyResource.id, httpMethod: 'ANY' }));
    assert.equal(answer.status, 200);
    assert.equal(answer.body, 'GET');
  });

  it('without an ANY method, a missing verb is still NotFoundException', async () => {
    const plain = await createResource(rootId, uniqueName('plain'));
    await assertRejectsWith(
      apigw.send(new TestInvokeMethodCommand({ restApiId, resourceId: plain.id, httpMethod: 'POST' })),
      NotFoundException, 404, /Invalid Method identifier specified/);
  });
});
