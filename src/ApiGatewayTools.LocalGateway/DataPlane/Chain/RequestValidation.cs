using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ApiGatewayTools.LocalGateway.DataPlane.Validation;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.DataPlane.Chain;

/// <summary>
/// API Gateway's request validation, after the caller checks and before the cache: a method with a request
/// validator has its required request parameters (method.request.querystring|header|path.X = true) checked
/// when the validator validates parameters, and its body checked against the request model for the request's
/// content type when it validates bodies. Missing parameters are the BAD_REQUEST_PARAMETERS gateway response,
/// a body that does not match the BAD_REQUEST_BODY one; the request log says which parameters, or which rule
/// of the schema failed and where.
/// </summary>
/// <remarks>
/// The model is chosen by the Content-Type's media type (application/json when the request has none), else the
/// method's "$default" model; without either the body is not checked, as on AWS. Each deployed model's
/// schema is compiled once per deployment (ModelValidator) and kept with it, so a request only parses its own
/// body and walks the compiled checks.
/// </remarks>
internal sealed class RequestValidation : IInvokeStage
{
    private const string DefaultContentType = "application/json";
    private const string DefaultModelKey = "$default";

    private static readonly ConditionalWeakTable<DeploymentSnapshot, ConcurrentDictionary<string, ModelValidator>> Compiled = new();

    /// <summary>Strict JSON, as API Gateway reads a body: no comments, no trailing commas, at most 64 levels deep.</summary>
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 64 };

    public ValueTask<MethodResult?> RunAsync(InvokeContext context, CancellationToken ct)
    {
        var method = context.Method;
        if (method.RequestValidatorId is not { } validatorId
            || !context.Stage.Snapshot.RequestValidators.TryGetValue(validatorId, out var validator))
        {
            return default;
        }
        if (validator.ValidateRequestParameters && MissingParameters(context, method) is { Count: > 0 } missing)
        {
            var list = string.Join(", ", missing);
            var failure = GatewayFailure.BadRequestParameters(list);
            return new(MethodResult.GatewayError(failure.WithValidationError(failure.Message), $"Request validation failed: missing required request parameters: [{list}]"));
        }
        if (validator.ValidateRequestBody && BodyProblem(context, method) is { } problem)
        {
            return new(MethodResult.GatewayError(GatewayFailure.BadRequestBody.WithValidationError(problem.Errors), problem.Reason));
        }
        return default;
    }

    /// <summary>
    /// The names of the required parameters the request lacks, in the order of their full names (header before
    /// path before querystring, then by name), as API Gateway lists them. A parameter counts as present only when
    /// it is included and not blank (AWS's guide); a repeated query parameter when one of its values is not blank.
    /// </summary>
    private static List<string> MissingParameters(InvokeContext context, MethodRecord method)
    {
        List<(string Declared, string Name)>? missing = null;
        var request = context.Request;
        foreach (var (declared, required) in method.RequestParameters)
        {
            if (!required)
            {
                continue;
            }
            var parts = declared.Split('.', 4);
            if (parts.Length < 4)
            {
                continue;
            }
            var name = parts[3];
            var present = parts[2] switch
            {
                "querystring" or "multivaluequerystring" => request.Query.Any(pair => pair.Key == name && !string.IsNullOrWhiteSpace(pair.Value)),
                "header" or "multivalueheader" => !string.IsNullOrWhiteSpace(request.Headers[name]),
                "path" => context.Match.PathParameters.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value),
                _ => true,
            };
            if (!present)
            {
                (missing ??= []).Add((declared, name));
            }
        }
        return missing is null ? [] : [.. missing.OrderBy(parameter => parameter.Declared, StringComparer.Ordinal).Select(parameter => parameter.Name)];
    }

    /// <summary>What the body breaks of its model, as the request log and $context.error.validationErrorString word it; null when it matches or nothing applies.</summary>
    private static (string Reason, string Errors)? BodyProblem(InvokeContext context, MethodRecord method)
    {
        var contentType = context.Request.MediaType ?? DefaultContentType;
        if (!method.RequestModels.TryGetValue(contentType, out var modelName) && !method.RequestModels.TryGetValue(DefaultModelKey, out modelName))
        {
            return null;
        }
        var snapshot = context.Stage.Snapshot;
        if (!snapshot.Models.ContainsKey(modelName))
        {
            return null;
        }
        // A static factory with its argument: a lambda over the snapshot would allocate on every request, cached or not.
        var validator = Compiled.GetOrCreateValue(snapshot).GetOrAdd(modelName,
            static (name, deployed) => ModelValidator.Compile(deployed.RestApiId, deployed.Models, name), snapshot);
        IReadOnlyList<SchemaViolation> violations;
        try
        {
            using var body = JsonDocument.Parse(context.Body, BodyOptions);
            violations = validator.Validate(body.RootElement);
        }
        catch (JsonException)
        {
            return Problem(contentType, "[Unknown error parsing request body]", "[Unknown error parsing request body]");
        }
        return violations.Count == 0
            ? null
            : Problem(contentType, $"[{string.Join(", ", violations)}]", $"[{string.Join(", ", violations.Select(violation => violation.Message))}]");
    }

    private static (string Reason, string Errors) Problem(string contentType, string logged, string errors) =>
        ($"Request body does not match model schema for content type {contentType}: {logged}", errors);
}
