using System.Net;
using System.Text.Json;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

/// <summary>Lambda's versions and aliases on the local gateway: what is frozen, what a qualifier means, and the errors.</summary>
public sealed class LambdaVersionTests : IDisposable
{
    private const string FunctionArn = "arn:aws:lambda:us-east-1:000000000000:function:hello";
    private const string Function = "/2015-03-31/functions/hello";

    private readonly IsolatedGateway _gateway = new();
    private GatewayClient Client => _gateway.Client;

    public LambdaVersionTests() => Register("one");

    public void Dispose() => _gateway.Dispose();

    /// <summary>(Re-)registers hello answering <paramref name="answer"/> and the version its context reports.</summary>
    private void Register(string answer) => _gateway.Server.RegisterFunction(new LocalFunctionDefinition
    {
        FunctionName = "hello",
        Description = $"answers {answer}",
        Handler = (invocation, _) => Task.FromResult(LocalFunctionResult.Success(
            JsonSerializer.Serialize(new { answer, version = invocation.Context.FunctionVersion, arn = invocation.Context.InvokedFunctionArn }))),
    });

    private async Task<JsonElement> InvokeAsync(string path, string expectedVersion)
    {
        var answer = await Client.Post(path, new { });
        answer.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(expectedVersion, answer.Message.Headers.GetValues("X-Amz-Executed-Version").Single());
        return answer.Json;
    }

    [Fact]
    public async Task A_published_version_keeps_the_code_it_had_and_re_registering_changes_LATEST_only()
    {
        var published = await Client.Post(Function + "/versions", new { Description = "first" });
        published.ShouldBe(HttpStatusCode.Created);
        Assert.Equal("1", published.Str("Version"));
        Assert.Equal(FunctionArn + ":1", published.Str("FunctionArn"));
        Assert.Equal("first", published.Str("Description"));

        Register("two");

        var one = await InvokeAsync(Function + ":1/invocations", "1");
        Assert.Equal("one", one.GetProperty("answer").GetString());
        Assert.Equal("1", one.GetProperty("version").GetString());
        Assert.Equal(FunctionArn + ":1", one.GetProperty("arn").GetString());
        Assert.Equal("two", (await InvokeAsync(Function + "/invocations", "$LATEST")).GetProperty("answer").GetString());
        Assert.Equal("one", (await InvokeAsync(Function + "/invocations?Qualifier=1", "1")).GetProperty("answer").GetString());
        var version = await Client.Get(Function + "?Qualifier=1");
        Assert.Equal("first", version.Json.GetProperty("Configuration").GetProperty("Description").GetString());
        Assert.Equal("answers two", (await Client.Get(Function)).Json.GetProperty("Configuration").GetProperty("Description").GetString());
    }

    [Fact]
    public async Task Publishing_with_nothing_changed_answers_the_last_version_and_versions_list_with_LATEST_first()
    {
        Assert.Equal("1", (await Client.Post(Function + "/versions")).Str("Version"));
        Assert.Equal("1", (await Client.Post(Function + "/versions")).Str("Version"));
        Register("two");
        Assert.Equal("2", (await Client.Post(Function + "/versions")).Str("Version"));

        var first = await Client.Get(Function + "/versions?MaxItems=2");
        first.ShouldBe(HttpStatusCode.OK);
        var versions = first.Json.GetProperty("Versions").EnumerateArray().ToList();
        Assert.Equal(["$LATEST", "1"], versions.Select(v => v.GetProperty("Version").GetString()));
        Assert.Equal(FunctionArn + ":$LATEST", versions[0].GetProperty("FunctionArn").GetString());
        var second = await Client.Get($"{Function}/versions?MaxItems=2&Marker={Uri.EscapeDataString(first.Str("NextMarker"))}");
        Assert.Equal(["2"], second.Json.GetProperty("Versions").EnumerateArray().Select(v => v.GetProperty("Version").GetString()));
        Assert.False(second.Json.TryGetProperty("NextMarker", out _));
    }

    [Fact]
    public async Task An_alias_names_a_version_for_invoke_get_function_and_permissions()
    {
        await Client.Post(Function + "/versions");
        Register("two");
        var created = await Client.Post(Function + "/aliases", new { Name = "live", FunctionVersion = "1", Description = "production" });
        created.ShouldBe(HttpStatusCode.Created);
        Assert.Equal(FunctionArn + ":live", created.Str("AliasArn"));
        Assert.Equal("1", created.Str("FunctionVersion"));
        Assert.Equal("production", created.Str("Description"));

        var viaName = await InvokeAsync(Function + ":live/invocations", "1");
        Assert.Equal("one", viaName.GetProperty("answer").GetString());
        Assert.Equal(FunctionArn + ":live", viaName.GetProperty("arn").GetString());
        Assert.Equal("one", (await InvokeAsync(Function + "/invocations?Qualifier=live", "1")).GetProperty("answer").GetString());
        var configuration = (await Client.Get(Function + "?Qualifier=live")).Json.GetProperty("Configuration");
        Assert.Equal(FunctionArn + ":live", configuration.GetProperty("FunctionArn").GetString());
        Assert.Equal("1", configuration.GetProperty("Version").GetString());

        var statement = await Client.Post(Function + "/policy?Qualifier=live", new { StatementId = "apigw", Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com" });
        statement.ShouldBe(HttpStatusCode.Created);
        Assert.Contains($"\"Resource\":\"{FunctionArn}:live\"", statement.Str("Statement"), StringComparison.Ordinal);
        (await Client.Get(Function + "/policy?Qualifier=live")).ShouldBe(HttpStatusCode.OK);
        (await Client.Get(Function + "/policy")).ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");

        var missing = await Client.Post(Function + "/policy?Qualifier=nosuch", new { StatementId = "apigw", Action = "lambda:InvokeFunction", Principal = "apigateway.amazonaws.com" });
        missing.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal($"Function not found: {FunctionArn}:nosuch", missing.ErrorMessage);
    }

    [Fact]
    public async Task Aliases_are_updated_listed_and_deleted_with_Lambdas_errors()
    {
        await Client.Post(Function + "/versions");
        await Client.Post(Function + "/aliases", new { Name = "live", FunctionVersion = "1" });
        await Client.Post(Function + "/aliases", new { Name = "dev", FunctionVersion = "$LATEST" });

        var duplicate = await Client.Post(Function + "/aliases", new { Name = "live", FunctionVersion = "1" });
        duplicate.ShouldBe(HttpStatusCode.Conflict, "ResourceConflictException");
        Assert.Equal($"Alias already exists: {FunctionArn}:live", duplicate.ErrorMessage);
        var noVersion = await Client.Post(Function + "/aliases", new { Name = "next", FunctionVersion = "9" });
        noVersion.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal($"Function not found: {FunctionArn}:9", noVersion.ErrorMessage);
        (await Client.Post(Function + "/aliases", new { Name = "42", FunctionVersion = "1" })).ShouldBe(HttpStatusCode.BadRequest, "ValidationException");
        (await Client.Post(Function + "/aliases", new { Name = "x", FunctionVersion = "latest" })).ShouldBe(HttpStatusCode.BadRequest, "ValidationException");

        var listed = await Client.Get(Function + "/aliases");
        Assert.Equal(["dev", "live"], listed.Json.GetProperty("Aliases").EnumerateArray().Select(a => a.GetProperty("Name").GetString()));
        var onOne = await Client.Get(Function + "/aliases?FunctionVersion=1");
        Assert.Equal(["live"], onOne.Json.GetProperty("Aliases").EnumerateArray().Select(a => a.GetProperty("Name").GetString()));

        var live = await Client.Get(Function + "/aliases/live");
        (await Client.Put(Function + "/aliases/live", new { FunctionVersion = "$LATEST", RevisionId = "stale" })).ShouldBe(HttpStatusCode.PreconditionFailed, "PreconditionFailedException");
        var moved = await Client.Put(Function + "/aliases/live", new { FunctionVersion = "$LATEST", RevisionId = live.Str("RevisionId") });
        moved.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("$LATEST", moved.Str("FunctionVersion"));
        Assert.NotEqual(live.Str("RevisionId"), moved.Str("RevisionId"));

        (await Client.Delete(Function + "/aliases/live")).ShouldBe(HttpStatusCode.NoContent);
        var gone = await Client.Get(Function + "/aliases/live");
        gone.ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
        Assert.Equal($"Cannot find alias arn: {FunctionArn}:live", gone.ErrorMessage);
        (await Client.Post(Function + ":live/invocations", new { })).ShouldBe(HttpStatusCode.NotFound, "ResourceNotFoundException");
    }

    [Fact]
    public async Task Re_registering_keeps_versions_and_aliases()
    {
        await Client.Post(Function + "/versions");
        await Client.Post(Function + "/aliases", new { Name = "live", FunctionVersion = "1" });

        Register("two");

        (await Client.Get(Function + "/aliases/live")).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("one", (await InvokeAsync(Function + ":live/invocations", "1")).GetProperty("answer").GetString());
    }
}
