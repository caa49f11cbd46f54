namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// Plans for an integration and, for the non-proxy types, the 200 method response and integration response
/// without which API Gateway returns nothing to the client (the guide's put-method-response / put-integration-response).
/// </summary>
public static class IntegrationPlan
{
    public const string InvalidStatusCodeErrorId = "InvalidStatusCode";
    public const string InvalidHeaderErrorId = "InvalidResponseHeader";

    /// <summary>Proxy types pass the backend's response through; the others get default 200 responses.</summary>
    public static GwPlan<Integration> For(PutIntegrationRequest integration)
    {
        if (integration.Type is "AWS_PROXY" or "HTTP_PROXY")
        {
            return Build(integration, null, null);
        }

        return Build(integration,
            new PutMethodResponseRequest
            {
                RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = "200",
                ResponseModels = new Dictionary<string, string> { ["application/json"] = "Empty" },
            },
            new PutIntegrationResponseRequest
            {
                RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = "200",
                // An empty template passes the backend's body through unchanged.
                ResponseTemplates = new Dictionary<string, string> { ["application/json"] = "" },
            });
    }

    /// <summary>
    /// A MOCK integration answering <paramref name="statusCode"/> with a fixed body and headers: the request
    /// template picks the status, the integration response maps body and headers onto the method response.
    /// The body is a mapping template, so $context.requestId and the like work in it.
    /// </summary>
    public static GwPlan<Integration> Mock(string restApiId, string resourceId, string httpMethod, int statusCode, string body,
        IReadOnlyDictionary<string, string>? headers, string contentType)
    {
        if (statusCode is < 100 or > 599)
        {
            throw new GwValidationException(InvalidStatusCodeErrorId, "StatusCode", $"{statusCode} is not an HTTP status code (100-599).");
        }

        var headerMap = headers ?? new Dictionary<string, string>();
        foreach (var name in headerMap.Keys)
        {
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw new GwValidationException(InvalidHeaderErrorId, "ResponseHeader", $"'{name}' is not a header name API Gateway can map: use letters, digits, '-' and '_'.");
            }
        }

        var headerValues = headerMap.ToDictionary(h => $"method.response.header.{h.Key}",
            h => StaticMappingValue.Quote(h.Key, h.Value, InvalidHeaderErrorId, "ResponseHeader"));
        var status = statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Build(
            new PutIntegrationRequest
            {
                RestApiId = restApiId, ResourceId = resourceId, HttpMethod = httpMethod, Type = "MOCK",
                RequestTemplates = new Dictionary<string, string> { ["application/json"] = $"{{\"statusCode\": {status}}}" },
            },
            new PutMethodResponseRequest
            {
                RestApiId = restApiId, ResourceId = resourceId, HttpMethod = httpMethod, StatusCode = status,
                ResponseParameters = headerMap.ToDictionary(h => $"method.response.header.{h.Key}", _ => false),
            },
            new PutIntegrationResponseRequest
            {
                RestApiId = restApiId, ResourceId = resourceId, HttpMethod = httpMethod, StatusCode = status,
                ResponseParameters = headerValues,
                ResponseTemplates = new Dictionary<string, string> { [contentType] = body },
            });
    }

    /// <summary>The integration first, then its responses; the plan answers the integration as API Gateway stored it.</summary>
    private static GwPlan<Integration> Build(PutIntegrationRequest integration, PutMethodResponseRequest? methodResponse, PutIntegrationResponseRequest? integrationResponse)
    {
        var plan = new GwPlan<Integration>();
        plan.Returns(plan.Add(ApiGatewayOperations.PutIntegration(integration)));
        if (methodResponse is not null)
        {
            plan.Add(ApiGatewayOperations.PutMethodResponse(methodResponse));
        }

        if (integrationResponse is not null)
        {
            plan.Add(ApiGatewayOperations.PutIntegrationResponse(integrationResponse));
        }

        return plan;
    }
}
