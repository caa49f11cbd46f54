using ApiGatewayTools.Engine.Client;
using ApiGatewayTools.Engine.Models;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// An integration and, for the non-proxy types, the 200 method response and integration response without
/// which API Gateway returns nothing to the client (the guide's put-method-response / put-integration-response).
/// </summary>
public sealed record IntegrationPlan
{
    public required PutIntegrationRequest Integration { get; init; }
    public PutMethodResponseRequest? MethodResponse { get; init; }
    public PutIntegrationResponseRequest? IntegrationResponse { get; init; }

    /// <summary>Proxy types pass the backend's response through; the others get default 200 responses.</summary>
    public static IntegrationPlan For(PutIntegrationRequest integration)
    {
        if (integration.Type is "AWS_PROXY" or "HTTP_PROXY")
            return new IntegrationPlan { Integration = integration };
        return new IntegrationPlan
        {
            Integration = integration,
            MethodResponse = new PutMethodResponseRequest
            {
                RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = "200",
                ResponseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
            },
            IntegrationResponse = new PutIntegrationResponseRequest
            {
                RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = "200",
                // An empty template passes the backend's body through unchanged.
                ResponseTemplates = new Dictionary<string, string> { ["application/json"] = "" },
            },
        };
    }

    public IEnumerable<GwOperation> Operations()
    {
        yield return ApiGatewayOperations.PutIntegration(Integration);
        if (MethodResponse is not null)
            yield return ApiGatewayOperations.PutMethodResponse(MethodResponse);
        if (IntegrationResponse is not null)
            yield return ApiGatewayOperations.PutIntegrationResponse(IntegrationResponse);
    }

    /// <summary>Puts the integration, then its responses; returns the integration as API Gateway stored it.</summary>
    public async Task<Integration> ApplyAsync(ApiGatewayClient client, CancellationToken ct)
    {
        var stored = await client.PutIntegrationAsync(Integration, ct).ConfigureAwait(false);
        if (MethodResponse is not null)
            await client.PutMethodResponseAsync(MethodResponse, ct).ConfigureAwait(false);
        if (IntegrationResponse is not null)
            await client.PutIntegrationResponseAsync(IntegrationResponse, ct).ConfigureAwait(false);
        return stored;
    }
}
