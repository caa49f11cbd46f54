using System.Net;
using ApiGatewayTools.LocalGateway;

namespace ApiGatewayTools.Tests.LocalGateway;

public sealed class AuthenticationTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>
{
    private readonly GatewayClient _client = new(fixture.Server);

    [Fact]
    public async Task Unsigned_request_is_refused_with_missing_authentication_token()
    {
        var answer = await _client.Send(HttpMethod.Get, "/restapis", null, sign: false);

        answer.ShouldBe(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException");
        Assert.Equal("""{"message":"Missing Authentication Token"}""", answer.Json.GetRawText());
        Assert.NotNull(answer.RequestId);
    }

    [Fact]
    public async Task Malformed_authorization_header_is_an_incomplete_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(fixture.Server.EndpointUrl, "/restapis"));
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/apigateway/aws4_request");
        request.Headers.Add("x-amz-date", "20240101T000000Z");
        using var http = new HttpClient();

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("IncompleteSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("Authorization header requires 'SignedHeaders' parameter.", body);
        Assert.Contains("Authorization header requires 'Signature' parameter.", body);
    }

    [Fact]
    public async Task Any_well_formed_signature_is_accepted_by_default()
    {
        var stranger = new GatewayClient(fixture.Server, "AKIAANYONE", "whatever-secret");

        (await stranger.Get("/restapis")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Every_response_carries_a_fresh_request_id_and_is_logged()
    {
        var first = await _client.Get("/restapis");
        var second = await _client.Get("/restapis/nosuchapi0");

        Assert.True(Guid.TryParse(first.RequestId, out _));
        Assert.True(Guid.TryParse(second.RequestId, out _));
        Assert.NotEqual(first.RequestId, second.RequestId);
        var logged = fixture.Server.RecentRequests.Single(entry => entry.RequestId == second.RequestId);
        Assert.Equal("GET", logged.Method);
        Assert.Equal("/restapis/nosuchapi0", logged.Path);
        Assert.Equal("GetRestApi", logged.Operation);
        Assert.Equal(404, logged.StatusCode);
    }

    [Fact]
    public async Task Unknown_route_answers_a_json_error()
    {
        var answer = await _client.Get("/no/such/operation");

        answer.ShouldBe(HttpStatusCode.NotFound, "UnknownOperationException");
        Assert.NotNull(answer.ErrorMessage);
    }
}

public sealed class StrictAuthenticationTests : IAsyncLifetime
{
    private LocalGatewayServer _server = null!;

    public Task InitializeAsync()
    {
        _server = LocalGatewayServer.Start(new LocalGatewayOptions { StrictAccessKey = "AKIDSTRICT", StrictSecretKey = "strict-secret" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Correct_signature_is_accepted_including_body_and_query()
    {
        var client = new GatewayClient(_server, "AKIDSTRICT", "strict-secret");

        (await client.Post("/restapis", new { name = "strict" })).ShouldBe(HttpStatusCode.Created);
        (await client.Get("/restapis?limit=1&position=0")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_access_key_is_unrecognized()
    {
        var client = new GatewayClient(_server, "AKIDOTHER", "strict-secret");

        var answer = await client.Get("/restapis");

        answer.ShouldBe(HttpStatusCode.Forbidden, "UnrecognizedClientException");
        Assert.Equal("The security token included in the request is invalid.", answer.ErrorMessage);
    }

    [Fact]
    public async Task Wrong_secret_is_an_invalid_signature()
    {
        var client = new GatewayClient(_server, "AKIDSTRICT", "not-the-secret");

        (await client.Get("/restapis")).ShouldBe(HttpStatusCode.Forbidden, "InvalidSignatureException");
    }

    [Fact]
    public async Task Wrong_secret_answers_AWS_message_and_nothing_is_made()
    {
        var client = new GatewayClient(_server, "AKIDSTRICT", "not-the-secret");

        var answer = await client.Post("/restapis", new { name = "forged" });

        answer.ShouldBe(HttpStatusCode.Forbidden, "InvalidSignatureException");
        Assert.Equal("The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.", answer.ErrorMessage);
        var apis = await new GatewayClient(_server, "AKIDSTRICT", "strict-secret").Get("/restapis");
        Assert.DoesNotContain(apis.Json.GetProperty("item").EnumerateArray(), api => api.GetProperty("name").GetString() == "forged");
    }

    [Fact]
    public async Task Unsigned_is_missing_authentication_token_in_strict_mode_too()
    {
        var answer = await new GatewayClient(_server).Send(HttpMethod.Post, "/restapis", new { name = "unsigned" }, sign: false);

        answer.ShouldBe(HttpStatusCode.Forbidden, "MissingAuthenticationTokenException");
        Assert.Equal("Missing Authentication Token", answer.ErrorMessage);
    }

    [Fact]
    public async Task Signature_more_than_five_minutes_ahead_is_not_yet_current()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.EndpointUrl, "/restapis"));
        await new TestSigV4Signer("AKIDSTRICT", "strict-secret").SignAsync(request, DateTimeOffset.UtcNow.AddMinutes(10));
        using var http = new HttpClient();

        var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Matches(@"Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)", body);
    }

    [Fact]
    public async Task An_expired_signature_says_how_late_it_is_as_AWS_does()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.EndpointUrl, "/restapis"));
        await new TestSigV4Signer("AKIDSTRICT", "strict-secret").SignAsync(request, DateTimeOffset.UtcNow.AddMinutes(-6));
        using var http = new HttpClient();

        var body = await (await http.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Matches(@"Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)", body);
    }

    [Fact]
    public async Task An_unknown_key_with_a_large_body_is_refused_without_reading_it()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.EndpointUrl, "/restapis")) { Content = new ByteArrayContent(new byte[4 * 1024 * 1024]) };
        await new TestSigV4Signer("AKIDOTHER", "strict-secret").SignAsync(request);
        using var http = new HttpClient();

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("UnrecognizedClientException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task Signature_older_than_five_minutes_has_expired()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.EndpointUrl, "/restapis"));
        await new TestSigV4Signer("AKIDSTRICT", "strict-secret").SignAsync(request, DateTimeOffset.UtcNow.AddMinutes(-10));
        using var http = new HttpClient();

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("Signature expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_changed_after_signing_is_an_invalid_signature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.EndpointUrl, "/restapis"))
        {
            Content = new StringContent("""{"name":"signed"}"""),
        };
        await new TestSigV4Signer("AKIDSTRICT", "strict-secret").SignAsync(request);
        request.Content = new StringContent("""{"name":"tampered"}""");
        using var http = new HttpClient();

        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("InvalidSignatureException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }
}
