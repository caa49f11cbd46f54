// Versions and aliases of the local function the runner registered, and a qualifier on GetFunction, Invoke,
// AddPermission and GetPolicy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  PublishVersionCommand, ListVersionsByFunctionCommand, CreateAliasCommand, GetAliasCommand, UpdateAliasCommand,
  DeleteAliasCommand, ListAliasesCommand, GetFunctionCommand, InvokeCommand, AddPermissionCommand, GetPolicyCommand,
  ResourceNotFoundException, ResourceConflictException, PreconditionFailedException,
} from '@aws-sdk/client-lambda';
import { lambda, functionName, region, uniqueName, assertRejectsWith } from './support.mjs';

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const qualifiedArn = (qualifier) => new RegExp(`^arn:aws:lambda:${region}:\\d{12}:function:${escapeRegExp(functionName)}:${escapeRegExp(qualifier)}$`);

/** Publishes (or, with nothing changed since, finds) a version of the function. */
async function publish() {
  return lambda.send(new PublishVersionCommand({ FunctionName: functionName, Description: 'conformance' }));
}

describe('versions', () => {
  it('PublishVersion answers 201 with the version configuration, and the same version when nothing changed', async () => {
    const first = await publish();
    assert.equal(first.$metadata.httpStatusCode, 201);
    assert.match(first.Version, /^\d+$/);
    assert.match(first.FunctionArn, qualifiedArn(first.Version));
    assert.equal(first.FunctionName, functionName);
    assert.equal(typeof first.RevisionId, 'string');
    const again = await publish();
    assert.equal(again.Version, first.Version);
  });

  it('ListVersionsByFunction lists $LATEST first, then the published versions', async () => {
    const { Version } = await publish();
    const result = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName }));
    assert.equal(result.$metadata.httpStatusCode, 200);
    assert.equal(result.Versions[0].Version, '$LATEST');
    assert.ok(result.Versions.some((v) => v.Version === Version), `version ${Version} is listed`);
    const paged = await lambda.send(new ListVersionsByFunctionCommand({ FunctionName: functionName, MaxItems: 1 }));
    assert.equal(paged.Versions.length, 1);
    assert.equal(typeof paged.NextMarker, 'string');
  });

  it('GetFunction with a version qualifier reports that version', async () => {
    const { Version } = await publish();
    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: functionName, Qualifier: Version }));
    assert.equal(Configuration.Version, Version);
    assert.match(Configuration.FunctionArn, qualifiedArn(Version));
    await assertRejectsWith(lambda.send(new GetFunctionCommand({ FunctionName: functionName, Qualifier: '99999' })), ResourceNotFoundException, 404,
      /Function not found: .*:99999$/);
  });
});

describe('aliases', () => {
  it('CreateAlias, GetAlias, UpdateAlias, ListAliases and DeleteAlias round-trip an alias', async () => {
    const { Version } = await publish();
    const name = uniqueName('live');

    const created = await lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: Version, Description: 'first' }));
    assert.equal(created.$metadata.httpStatusCode, 201);
    assert.equal(created.Name, name);
    assert.equal(created.FunctionVersion, Version);
    assert.equal(created.Description, 'first');
    assert.match(created.AliasArn, qualifiedArn(name));
    assert.equal(typeof created.RevisionId, 'string');

    const got = await lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: name }));
    assert.equal(got.$metadata.httpStatusCode, 200);
    assert.deepEqual({ ...got, $metadata: undefined }, { ...created, $metadata: undefined });

    await assertRejectsWith(lambda.send(new UpdateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: '$LATEST', RevisionId: 'stale' })),
      PreconditionFailedException, 412, /Revision Id/);
    const updated = await lambda.send(new UpdateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: '$LATEST', RevisionId: got.RevisionId }));
    assert.equal(updated.$metadata.httpStatusCode, 200);
    assert.equal(updated.FunctionVersion, '$LATEST');
    assert.equal(updated.Description, 'first', 'an update without Description keeps it');

    const listed = await lambda.send(new ListAliasesCommand({ FunctionName: functionName, FunctionVersion: '$LATEST' }));
    assert.ok(listed.Aliases.some((a) => a.Name === name && a.FunctionVersion === '$LATEST'));

    const deleted = await lambda.send(new DeleteAliasCommand({ FunctionName: functionName, Name: name }));
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    await assertRejectsWith(lambda.send(new GetAliasCommand({ FunctionName: functionName, Name: name })), ResourceNotFoundException, 404,
      new RegExp(`Cannot find alias arn: .*:${escapeRegExp(name)}$`));
  });

  it('CreateAlias refuses a second alias of the name and a version that does not exist', async () => {
    const { Version } = await publish();
    const name = uniqueName('dup');
    await lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: Version }));
    await assertRejectsWith(lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: Version })),
      ResourceConflictException, 409, new RegExp(`Alias already exists: .*:${escapeRegExp(name)}$`));
    await assertRejectsWith(lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: uniqueName('none'), FunctionVersion: '99999' })),
      ResourceNotFoundException, 404, /Function not found: .*:99999$/);
    await lambda.send(new DeleteAliasCommand({ FunctionName: functionName, Name: name }));
  });

  it('an alias qualifies GetFunction, Invoke, AddPermission and GetPolicy', async () => {
    const { Version } = await publish();
    const name = uniqueName('blue');
    await lambda.send(new CreateAliasCommand({ FunctionName: functionName, Name: name, FunctionVersion: Version }));

    const { Configuration } = await lambda.send(new GetFunctionCommand({ FunctionName: `${functionName}:${name}` }));
    assert.equal(Configuration.Version, Version);
    assert.match(Configuration.FunctionArn, qualifiedArn(name));

    const invoked = await lambda.send(new InvokeCommand({ FunctionName: functionName, Qualifier: name, Payload: new TextEncoder().encode('{}') }));
    assert.equal(invoked.StatusCode, 200);
    assert.equal(invoked.ExecutedVersion, Version);

    const added = await lambda.send(new AddPermissionCommand({
      FunctionName: functionName, Qualifier: name, StatementId: uniqueName('sid'), Action: 'lambda:InvokeFunction', Principal: 'apigateway.amazonaws.com',
    }));
    assert.match(JSON.parse(added.Statement).Resource, qualifiedArn(name));
    const policy = await lambda.send(new GetPolicyCommand({ FunctionName: functionName, Qualifier: name }));
    assert.equal(JSON.parse(policy.Policy).Statement.length, 1);

    await lambda.send(new DeleteAliasCommand({ FunctionName: functionName, Name: name }));
    await assertRejectsWith(lambda.send(new InvokeCommand({ FunctionName: `${functionName}:${name}`, Payload: new TextEncoder().encode('{}') })),
      ResourceNotFoundException, 404, /Function not found/);
  });
});
