using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using ApiGatewayTools.LocalGateway.ControlPlane;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.State;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

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
/// schema is compiled once per deployment and kept with it, so a request only parses its own body.
/// </remarks>
internal sealed class RequestValidation : IInvokeStage
{
    private const string DefaultContentType = "application/json";
    private const string DefaultModelKey = "$default";

    private static readonly ConditionalWeakTable<DeploymentSnapshot, ConcurrentDictionary<string, JsonSchema>> Compiled = new();

    /// <summary>One validator for every request: it keeps no state between calls, and building one (its format checks) costs more than a small body's check.</summary>
    private static readonly JsonSchemaValidator Validator = new();

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
            return new(MethodResult.GatewayError(GatewayFailure.BadRequestParameters(list), $"Request validation failed: missing required request parameters: [{list}]"));
        }
        if (validator.ValidateRequestBody && BodyProblem(context, method) is { } problem)
        {
            return new(MethodResult.GatewayError(GatewayFailure.BadRequestBody, problem));
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

    /// <summary>Why the body does not match its model, as the execution log words it; null when it matches or nothing applies.</summary>
    private static string? BodyProblem(InvokeContext context, MethodRecord method)
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
        var schema = Compiled.GetOrCreateValue(snapshot).GetOrAdd(modelName, name =>
            ModelSchemas.Compile(snapshot.RestApiId, snapshot.Models, snapshot.Models[name].Schema));
        var prefix = $"Request body does not match model schema for content type {contentType}: ";
        JToken body;
        try
        {
            using var reader = new JsonTextReader(new StreamReader(new MemoryStream(context.Body), Encoding.UTF8)) { DateParseHandling = DateParseHandling.None };
            body = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException)
        {
            return prefix + "[Unknown error parsing request body]";
        }
        var errors = Validator.Validate(body, schema);
        return errors.Count == 0 ? null : prefix + $"[{string.Join(", ", errors.Select(Describe))}]";
    }

    /// <summary>One failed rule of the schema, with where in the body it failed.</summary>
    private static string Describe(ValidationError error)
    {
        var where = string.IsNullOrEmpty(error.Path) ? "#" : error.Path;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"object has missing required properties ([\"{error.Property}\"]) at {where}",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"object instance has properties which are not allowed by the schema: [\"{error.Property}\"] at {where}",
            _ => $"{error.Kind} at {where}",
        };
    }
}
