using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>Integrations and their integration responses: Put, Get, Update, Delete of each (the responses through <see cref="StatusCodeResponses{TResponse}"/>).</summary>
internal sealed partial class IntegrationRoutes(GatewayState state) : IRouteArea
{
    private const string IntegrationPath = "/restapis/{restapi_id}/resources/{resource_id}/methods/{http_method}/integration";
    private const string ResponsePath = IntegrationPath + "/responses/{status_code}";

    private static readonly string[] Types = ["HTTP", "HTTP_PROXY", "AWS", "AWS_PROXY", "MOCK"];
    private static readonly string[] PassthroughBehaviors = ["WHEN_NO_MATCH", "WHEN_NO_TEMPLATES", "NEVER"];
    private static readonly string[] ContentHandlings = ["CONVERT_TO_BINARY", "CONVERT_TO_TEXT"];
    private static readonly string[] ConnectionTypes = ["INTERNET", "VPC_LINK"];

    public void Register(Router router)
    {
        router.Map("PUT", IntegrationPath, "PutIntegration", Put);
        router.Map("GET", IntegrationPath, "GetIntegration", Get);
        router.Map("PATCH", IntegrationPath, "UpdateIntegration", Update);
        router.Map("DELETE", IntegrationPath, "DeleteIntegration", Delete);
        new StatusCodeResponses<IntegrationResponseRecord>(state, "IntegrationResponse", method => method.RequiredIntegration.IntegrationResponses,
            ReadResponse, response => response with { }, ApplyToResponse, (_, _) => { }, ControlPlaneJson.IntegrationResponse).Register(router, ResponsePath);
    }

    private GatewayResponse Put(GatewayRequest request)
    {
        var body = request.Json;
        var resourceId = request.Route("resource_id");
        var integration = new IntegrationRecord
        {
            Type = JsonRead.String(body, "type") ?? throw GatewayError.BadRequest("Enumeration value for IntegrationType must be non-empty"),
            HttpMethod = JsonRead.String(body, "httpMethod")?.ToUpperInvariant(),
            Uri = JsonRead.String(body, "uri"),
            ConnectionType = JsonRead.String(body, "connectionType") ?? "INTERNET",
            ConnectionId = JsonRead.String(body, "connectionId"),
            Credentials = JsonRead.String(body, "credentials"),
            RequestParameters = JsonRead.StringMap(body, "requestParameters") ?? new(StringComparer.Ordinal),
            RequestTemplates = JsonRead.StringMap(body, "requestTemplates") ?? new(StringComparer.Ordinal),
            PassthroughBehavior = JsonRead.String(body, "passthroughBehavior") ?? "WHEN_NO_MATCH",
            ContentHandling = JsonRead.String(body, "contentHandling"),
            TimeoutInMillis = JsonRead.Int(body, "timeoutInMillis") ?? 29000,
            CacheNamespace = JsonRead.String(body, "cacheNamespace") ?? resourceId,
            CacheKeyParameters = JsonRead.StringList(body, "cacheKeyParameters") ?? [],
        };
        Validate(integration);
        return WithMethod(request, method =>
        {
            // Putting an integration replaces the previous one, integration responses included.
            method.Integration = integration;
            return GatewayResponse.Json(201, w => ControlPlaneJson.Integration(w, integration));
        });
    }

    private GatewayResponse Get(GatewayRequest request) => WithMethod(request, method =>
    {
        var integration = method.RequiredIntegration;
        return GatewayResponse.Json(200, w => ControlPlaneJson.Integration(w, integration));
    });

    private GatewayResponse Update(GatewayRequest request)
    {
        var operations = PatchOperation.ReadAll(request.Json);
        return WithMethod(request, method =>
        {
            var integration = PatchOperation.ApplyAll(operations, method.RequiredIntegration with { }, Apply, Validate);
            method.Integration = integration;
            return GatewayResponse.Json(200, w => ControlPlaneJson.Integration(w, integration));
        });
    }

    private GatewayResponse Delete(GatewayRequest request) => WithMethod(request, method =>
    {
        _ = method.RequiredIntegration;
        method.Integration = null;
        return GatewayResponse.Empty(204);
    });

    private GatewayResponse WithMethod(GatewayRequest request, Func<MethodRecord, GatewayResponse> action) =>
        MethodRoutes.WithMethod(state, request, action);

    private static IntegrationResponseRecord ReadResponse(string statusCode, JsonElement body)
    {
        var response = new IntegrationResponseRecord
        {
            StatusCode = statusCode,
            SelectionPattern = JsonRead.String(body, "selectionPattern"),
            ResponseParameters = JsonRead.StringMap(body, "responseParameters") ?? new(StringComparer.Ordinal),
            ResponseTemplates = JsonRead.StringMap(body, "responseTemplates") ?? new(StringComparer.Ordinal),
            ContentHandling = JsonRead.String(body, "contentHandling"),
        };
        ValidateContentHandling(response.ContentHandling);
        return response;
    }

    private static void ApplyToResponse(IntegrationResponseRecord response, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "selectionPattern" when operation.SetsOrClears:
                response.SelectionPattern = operation.OptionalValue;
                break;
            case "contentHandling" when operation.SetsOrClears:
                ValidateContentHandling(operation.Value);
                response.ContentHandling = operation.OptionalValue;
                break;
            case "responseParameters" when segments.Count == 2:
                operation.ApplyToMap(response.ResponseParameters, segments[1]);
                break;
            case "responseTemplates" when segments.Count == 2:
                operation.ApplyToMap(response.ResponseTemplates, segments[1]);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    private static void Apply(IntegrationRecord integration, PatchOperation operation)
    {
        var segments = operation.Segments;
        switch (segments[0])
        {
            case "type" when operation.Op == "replace":
                integration.Type = operation.RequiredValue;
                break;
            case "httpMethod" when operation.Op == "replace":
                integration.HttpMethod = operation.RequiredValue.ToUpperInvariant();
                break;
            case "uri" when operation.Op == "replace":
                integration.Uri = operation.RequiredValue;
                break;
            case "credentials" when operation.SetsOrClears:
                integration.Credentials = operation.OptionalValue;
                break;
            case "connectionType" when operation.Op == "replace":
                integration.ConnectionType = operation.RequiredValue;
                break;
            case "connectionId" when operation.SetsOrClears:
                integration.ConnectionId = operation.OptionalValue;
                break;
            case "passthroughBehavior" when operation.Op == "replace":
                integration.PassthroughBehavior = operation.RequiredValue;
                break;
            case "contentHandling" when operation.SetsOrClears:
                integration.ContentHandling = operation.OptionalValue;
                break;
            case "timeoutInMillis" when operation.Op == "replace":
                integration.TimeoutInMillis = operation.IntValue;
                break;
            case "cacheNamespace" when operation.Op == "replace":
                integration.CacheNamespace = operation.RequiredValue;
                break;
            case "cacheKeyParameters" when segments.Count == 2 && operation.Op == "add":
                integration.CacheKeyParameters.Add(segments[1]);
                break;
            case "cacheKeyParameters" when segments.Count == 2 && operation.Op == "remove":
                integration.CacheKeyParameters.Remove(segments[1]);
                break;
            case "requestParameters" when segments.Count == 2:
                operation.ApplyToMap(integration.RequestParameters, segments[1]);
                break;
            case "requestTemplates" when segments.Count == 2:
                operation.ApplyToMap(integration.RequestTemplates, segments[1]);
                break;
            default:
                throw operation.Unsupported();
        }
    }

    /// <summary>The checks API Gateway makes on an integration before it accepts it.</summary>
    internal static void Validate(IntegrationRecord integration)
    {
        if (!Types.Contains(integration.Type))
        {
            throw GatewayError.BadRequest($"Invalid integration type specified: {integration.Type}. Valid options are {string.Join(",", Types)}");
        }
        if (integration.Type != "MOCK")
        {
            if (string.IsNullOrEmpty(integration.HttpMethod))
            {
                throw GatewayError.BadRequest("Enumeration value for HttpMethod must be non-empty");
            }
            if (!MethodRoutes.HttpMethods.Contains(integration.HttpMethod))
            {
                throw GatewayError.BadRequest($"Invalid HttpMethod specified: {integration.HttpMethod}. Valid options are {string.Join(",", MethodRoutes.HttpMethods)}");
            }
            if (string.IsNullOrEmpty(integration.Uri))
            {
                throw GatewayError.BadRequest($"Integrations of type '{integration.Type}' require a uri");
            }
        }
        switch (integration.Type)
        {
            case "HTTP" or "HTTP_PROXY" when integration.ConnectionType == "INTERNET":
                // Stage variables may stand for any part of the URI, the host included; they are
                // resolved per request, so only the URI's shape around them is checked here.
                var shape = StageVariableReference().Replace(integration.Uri!, "stagevariable");
                if (!System.Uri.TryCreate(shape, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
                {
                    throw GatewayError.BadRequest("Invalid HTTP endpoint specified for URI");
                }
                break;
            case "AWS":
                if (!AwsIntegrationUri().IsMatch(integration.Uri!))
                {
                    throw GatewayError.BadRequest("AWS ARN for integration must contain path or action");
                }
                break;
            case "AWS_PROXY":
                ValidateLambdaProxyUri(integration.Uri!);
                break;
        }
        if (integration.TimeoutInMillis is < 50 or > 29000)
        {
            throw GatewayError.BadRequest("Timeout should be between 50 ms and 29000 ms");
        }
        if (!PassthroughBehaviors.Contains(integration.PassthroughBehavior))
        {
            throw GatewayError.BadRequest($"Invalid passthrough behavior specified: {integration.PassthroughBehavior}. Valid options are {string.Join(",", PassthroughBehaviors)}");
        }
        ValidateContentHandling(integration.ContentHandling);
        if (!ConnectionTypes.Contains(integration.ConnectionType))
        {
            throw GatewayError.BadRequest($"Invalid connection type specified: {integration.ConnectionType}. Valid options are {string.Join(",", ConnectionTypes)}");
        }
        if (integration.ConnectionType == "VPC_LINK" && string.IsNullOrEmpty(integration.ConnectionId))
        {
            throw GatewayError.BadRequest("ConnectionId must be set when connectionType is VPC_LINK");
        }
    }

    private static void ValidateLambdaProxyUri(string uri)
    {
        var match = LambdaInvocationUri().Match(uri);
        if (!match.Success)
        {
            throw GatewayError.BadRequest(
                "Integrations of type 'AWS_PROXY' currently only support Lambda function invocations: "
                + "arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations");
        }
        if (!LambdaFunctionArn().IsMatch(match.Groups["function"].Value))
        {
            throw GatewayError.BadRequest($"Invalid function ARN or invalid uri: {uri}");
        }
    }

    private static void ValidateContentHandling(string? contentHandling)
    {
        if (contentHandling is not null && !ContentHandlings.Contains(contentHandling))
        {
            throw GatewayError.BadRequest($"Invalid content handling specified: {contentHandling}. Valid options are {string.Join(",", ContentHandlings)}");
        }
    }

    [GeneratedRegex(@"\$\{stageVariables\.[A-Za-z0-9_]+\}")]
    private static partial Regex StageVariableReference();

    [GeneratedRegex(@"^arn:aws:apigateway:[a-z0-9-]+:[a-z0-9-]+:(path|action)/.+$")]
    private static partial Regex AwsIntegrationUri();

    [GeneratedRegex(@"^arn:aws:apigateway:[a-z0-9-]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex LambdaInvocationUri();

    /// <summary>Stage variables may stand for the name or the qualifier (the per-stage alias: function:orders:${stageVariables.alias}).</summary>
    [GeneratedRegex(@"^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:([A-Za-z0-9_-]|\$\{stageVariables\.[A-Za-z0-9_]+\})+(:([A-Za-z0-9$_-]|\$\{stageVariables\.[A-Za-z0-9_]+\})+)?$")]
    private static partial Regex LambdaFunctionArn();
}
