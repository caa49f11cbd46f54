using System.Globalization;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>What Set-GwRestApi asks of an API; null leaves a setting as it is.</summary>
public sealed record RestApiSettings
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    /// <summary>The API's whole list of binary media types: those missing are added, those not listed removed.</summary>
    public IReadOnlyList<string>? BinaryMediaTypes { get; init; }
    /// <summary>Compress answers of at least this many bytes (0 to 10,485,760).</summary>
    public int? MinimumCompressionSize { get; init; }
    /// <summary>Turns compression off (AWS: a null minimum compression size).</summary>
    public bool DisableCompression { get; init; }
    /// <summary>HEADER or AUTHORIZER.</summary>
    public string? ApiKeySource { get; init; }
    public bool? DisableExecuteApiEndpoint { get; init; }
    /// <summary>The resource policy document (JSON), checked by <see cref="ResourcePolicyDocument.Validate"/>.</summary>
    public string? Policy { get; init; }
    /// <summary>Removes the API's resource policy.</summary>
    public bool RemovePolicy { get; init; }
}

/// <summary>
/// Turns <see cref="RestApiSettings"/> into UpdateRestApi patch operations ("/name", "/description",
/// "/binaryMediaTypes/image~1png", "/minimumCompressionSize", "/apiKeySource", "/disableExecuteApiEndpoint",
/// "/policy"), leaving out what the API already has.
/// </summary>
public static partial class RestApiPatch
{
    public const string InvalidMediaTypeErrorId = "InvalidBinaryMediaType";
    public const string InvalidCompressionSizeErrorId = "InvalidMinimumCompressionSize";
    public const string InvalidApiKeySourceErrorId = "InvalidApiKeySource";
    public const string CompressionConflictErrorId = "CompressionConflict";
    public const string PolicyConflictErrorId = "PolicyConflict";
    public const int MaxMinimumCompressionSize = 10_485_760;
    public static readonly IReadOnlyList<string> ApiKeySources = ["HEADER", "AUTHORIZER"];

    /// <summary>type/subtype, either part possibly "*" (e.g. image/png, image/*, */*).</summary>
    [GeneratedRegex(@"^[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*/[A-Za-z0-9*][A-Za-z0-9!#$&^_.+*-]*$")]
    private static partial Regex MediaTypePattern();

    public static RestApiSettings Validate(RestApiSettings settings)
    {
        if (settings.Name is not null && string.IsNullOrWhiteSpace(settings.Name))
        {
            throw new GwValidationException(RestApiWorkflow.InvalidNameErrorId, "Name", "A REST API needs a name; -Name cannot be empty.");
        }

        if (settings.BinaryMediaTypes?.FirstOrDefault(type => !MediaTypePattern().IsMatch(type)) is { } badType)
        {
            throw new GwValidationException(InvalidMediaTypeErrorId, "BinaryMediaType",
                $"'{badType}' is not a media type; write type/subtype, e.g. image/png, application/octet-stream or */*.");
        }

        if (settings.DisableCompression && settings.MinimumCompressionSize is not null)
        {
            throw new GwValidationException(CompressionConflictErrorId, "DisableCompression",
                "-DisableCompression turns compression off; it cannot be combined with -MinimumCompressionSize.");
        }

        if (settings.MinimumCompressionSize is { } size and (< 0 or > MaxMinimumCompressionSize))
        {
            throw new GwValidationException(InvalidCompressionSizeErrorId, "MinimumCompressionSize",
                $"-MinimumCompressionSize {size} is outside what API Gateway allows: use 0 to {MaxMinimumCompressionSize:N0} bytes, or -DisableCompression.");
        }

        var source = settings.ApiKeySource?.Trim().ToUpperInvariant();
        if (source is not null && !ApiKeySources.Contains(source))
        {
            throw new GwValidationException(InvalidApiKeySourceErrorId, "ApiKeySource",
                $"-ApiKeySource '{settings.ApiKeySource}' is not one API Gateway accepts; use HEADER (the x-api-key header) or AUTHORIZER (a Lambda authorizer's usageIdentifierKey).");
        }

        if (settings.Policy is not null && settings.RemovePolicy)
        {
            throw new GwValidationException(PolicyConflictErrorId, "RemovePolicy", "-RemovePolicy removes the resource policy; it cannot be combined with -Policy.");
        }

        // Sent minified, as the document was checked.
        var policy = settings.Policy is null ? null : ResourcePolicyDocument.Validate(settings.Policy).ToJson();
        return settings with { ApiKeySource = source, Policy = policy };
    }

    /// <summary>The patch operations that bring <paramref name="current"/> to <paramref name="settings"/>, without those it already has.</summary>
    public static IReadOnlyList<PatchOperation> Operations(RestApiSettings settings, RestApi current)
    {
        var operations = new List<PatchOperation>();
        Replace(operations, "/name", settings.Name, current.Name);
        Replace(operations, "/description", settings.Description, current.Description);
        if (settings.BinaryMediaTypes is { } types)
        {
            var comparer = StringComparer.OrdinalIgnoreCase;
            operations.AddRange(types.Distinct(comparer).Where(t => !current.BinaryMediaTypes.Contains(t, comparer))
                .Select(t => new PatchOperation("add", "/binaryMediaTypes/" + PatchPath.Escape(t))));
            operations.AddRange(current.BinaryMediaTypes.Where(t => !types.Contains(t, comparer))
                .Select(t => new PatchOperation("remove", "/binaryMediaTypes/" + PatchPath.Escape(t))));
        }

        Replace(operations, "/minimumCompressionSize", settings.MinimumCompressionSize?.ToString(CultureInfo.InvariantCulture),
            current.MinimumCompressionSize?.ToString(CultureInfo.InvariantCulture));
        if (settings.DisableCompression && current.MinimumCompressionSize is not null)
        {
            // AWS turns compression off when the size is replaced by an empty value.
            operations.Add(new("replace", "/minimumCompressionSize", ""));
        }

        Replace(operations, "/apiKeySource", settings.ApiKeySource, current.ApiKeySource ?? "HEADER");
        Replace(operations, "/disableExecuteApiEndpoint", PatchPlan.Flag(settings.DisableExecuteApiEndpoint), PatchPlan.Flag(current.DisableExecuteApiEndpoint));
        // AWS keeps the policy in its own form (short resources expanded to the API's ARN), so the same
        // document is sent again rather than compared; an absent policy is left absent.
        if (settings.Policy is not null)
        {
            operations.Add(new("replace", "/policy", settings.Policy));
        }
        if (settings.RemovePolicy && current.Policy is not null)
        {
            operations.Add(new("replace", "/policy", ""));
        }
        return operations;
    }

    /// <summary>The UpdateRestApi request(s) that apply <paramref name="settings"/>; an empty plan answering the API when it already has them.</summary>
    public static GwPlan<RestApi> Plan(RestApiSettings settings, RestApi current) =>
        PatchPlan.Updates(Operations(settings, current), batch => ApiGatewayOperations.UpdateRestApi(current.RestApiId, batch), current);

    private static void Replace(List<PatchOperation> operations, string path, string? asked, string? current)
    {
        if (asked is not null && asked != current)
        {
            operations.Add(new("replace", path, asked));
        }
    }
}
