namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// Plans for an integration and, for the non-proxy types, the 200 method response and integration response
/// without which API Gateway returns nothing to the client (the guide's put-method-response / put-integration-response).
/// </summary>
public static class IntegrationPlan
{
    public const string InvalidStatusCodeErrorId = "InvalidStatusCode";
    public const string InvalidHeaderErrorId = "InvalidResponseHeader";

    /// <summary>
    /// Proxy types pass the backend's response through; the others get default 200 responses and, with
    /// <paramref name="errorResponses"/>, 400 and 500 responses selected by <see cref="ErrorPatterns"/>.
    /// </summary>
    public static GwPlan<Integration> For(PutIntegrationRequest integration, bool errorResponses = false, Method? existing = null)
    {
        if (integration.Type is "AWS_PROXY" or "HTTP_PROXY")
        {
            return Build(integration, [], existing);
        }

        var responses = new List<(PutMethodResponseRequest, PutIntegrationResponseRequest)>
        {
            // An empty template passes the backend's body through unchanged.
            Responses(integration, "200", null, ""),
        };
        if (errorResponses)
        {
            // A Lambda error's body is {"errorMessage", "errorType", ...}: the client sees the message alone.
            var errorTemplate = integration.Type == "AWS" ? "{\"message\": $input.json('$.errorMessage')}" : "";
            var (clientError, serverError) = ErrorPatterns(integration.Type);
            responses.Add(Responses(integration, "400", clientError, errorTemplate));
            responses.Add(Responses(integration, "500", serverError, errorTemplate));
        }
        return Build(integration, responses, existing);
    }

    /// <summary>
    /// The selection patterns of the 400 and 500 error responses. An HTTP backend is told by its status code
    /// (AWS's guide: 4\d{2}, 5\d{2}); a Lambda function by its error's message, the only text AWS selects on: a
    /// message naming a bad request is the caller's fault, any other error is the server's. The 500 pattern
    /// excludes what the 400 one takes, so the choice never depends on the order API Gateway tries them in.
    /// </summary>
    public static (string ClientError, string ServerError) ErrorPatterns(string integrationType) => integrationType == "AWS"
        ? (@".*[Bb]ad [Rr]equest.*", @"(?![\s\S]*[Bb]ad [Rr]equest)[\s\S]+")
        : (@"4\d{2}", @"5\d{2}");

    private static (PutMethodResponseRequest, PutIntegrationResponseRequest) Responses(PutIntegrationRequest integration, string statusCode, string? pattern, string template) =>
        (new PutMethodResponseRequest
        {
            RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = statusCode,
            ResponseModels = new Dictionary<string, string> { ["application/json"] = statusCode == "200" ? "Empty" : "Error" },
        },
        new PutIntegrationResponseRequest
        {
            RestApiId = integration.RestApiId, ResourceId = integration.ResourceId, HttpMethod = integration.HttpMethod, StatusCode = statusCode,
            SelectionPattern = pattern,
            ResponseTemplates = new Dictionary<string, string> { ["application/json"] = template },
        });

    /// <summary>
    /// A MOCK integration answering <paramref name="statusCode"/> with a fixed body and headers: the request
    /// template picks the status, the integration response maps body and headers onto the method response.
    /// The body is a mapping template, so $context.requestId and the like work in it.
    /// </summary>
    public static GwPlan<Integration> Mock(string restApiId, string resourceId, string httpMethod, int statusCode, string body,
        IReadOnlyDictionary<string, string>? headers, string contentType, Method? existing = null)
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
            [(new PutMethodResponseRequest
            {
                RestApiId = restApiId, ResourceId = resourceId, HttpMethod = httpMethod, StatusCode = status,
                ResponseParameters = headerMap.ToDictionary(h => $"method.response.header.{h.Key}", _ => false),
            },
            new PutIntegrationResponseRequest
            {
                RestApiId = restApiId, ResourceId = resourceId, HttpMethod = httpMethod, StatusCode = status,
                ResponseParameters = headerValues,
                ResponseTemplates = new Dictionary<string, string> { [contentType] = body },
            })], existing);
    }

    /// <summary>
    /// The integration first, then its method responses, then its integration responses (each needs its method
    /// response); the plan answers the integration as API Gateway stored it. What <paramref name="existing"/> (the
    /// method as listed) already has is left out: a re-run of a script sends nothing for what is in place. A changed
    /// integration is put with all its responses, as putting it anew may drop the responses it had.
    /// </summary>
    private static GwPlan<Integration> Build(PutIntegrationRequest integration,
        IReadOnlyList<(PutMethodResponseRequest Method, PutIntegrationResponseRequest Integration)> responses, Method? existing)
    {
        var plan = new GwPlan<Integration>();
        var inPlace = existing?.Integration is { } current && IntegrationInPlace.Matches(current, integration) ? current : null;
        if (inPlace is null)
        {
            plan.Returns(plan.Add(ApiGatewayOperations.PutIntegration(integration)));
        }
        else
        {
            plan.Returns(inPlace);
        }
        foreach (var (methodResponse, _) in responses)
        {
            if (inPlace is null || !IntegrationInPlace.Matches(existing!.MethodResponses.GetValueOrDefault(methodResponse.StatusCode), methodResponse))
            {
                plan.Add(ApiGatewayOperations.PutMethodResponse(methodResponse));
            }
        }

        foreach (var (_, integrationResponse) in responses)
        {
            if (inPlace is null || !IntegrationInPlace.Matches(inPlace.IntegrationResponses.GetValueOrDefault(integrationResponse.StatusCode), integrationResponse))
            {
                plan.Add(ApiGatewayOperations.PutIntegrationResponse(integrationResponse));
            }
        }

        return plan;
    }

    /// <summary>
    /// The method as it is after an integration plan ran: <paramref name="answers"/> are what its steps answered
    /// (the integration, method responses, integration responses); what the plan left out stays as it was.
    /// </summary>
    public static Method Applied(Method method, IEnumerable<object?> answers)
    {
        var integration = method.Integration;
        var methodResponses = new Dictionary<string, MethodResponse>(method.MethodResponses, StringComparer.Ordinal);
        var integrationResponses = new List<IntegrationResponse>();
        foreach (var answer in answers)
        {
            switch (answer)
            {
                case Integration put:
                    integration = put;
                    break;
                case MethodResponse response:
                    methodResponses[response.StatusCode] = response;
                    break;
                case IntegrationResponse response:
                    integrationResponses.Add(response);
                    break;
            }
        }
        if (integration is null)
        {
            return method with { MethodResponses = methodResponses };
        }
        var kept = new Dictionary<string, IntegrationResponse>(integration.IntegrationResponses, StringComparer.Ordinal);
        foreach (var response in integrationResponses)
        {
            kept[response.StatusCode] = response;
        }
        return method with { MethodResponses = methodResponses, Integration = integration with { IntegrationResponses = kept } };
    }
}
