namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Set, "GwRestApi", SupportsShouldProcess = true)]
[OutputType(typeof(RestApi))]
public sealed class SetGwRestApiCommand : GwRestApiCmdlet
{
    /// <summary>The API's new name. Not bound from the pipeline, where the API's own name arrives.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter]
    public string? Description { get; set; }

    /// <summary>The API's whole list of binary media types (e.g. image/png, */*); types not listed are removed. @() removes all.</summary>
    [Parameter]
    [AllowEmptyCollection]
    public string[]? BinaryMediaType { get; set; }

    /// <summary>Compress answers of at least this many bytes when the client accepts it (0 to 10485760).</summary>
    [Parameter]
    public int? MinimumCompressionSize { get; set; }

    /// <summary>Turns compression off.</summary>
    [Parameter]
    public SwitchParameter DisableCompression { get; set; }

    /// <summary>Where API keys come from: HEADER (x-api-key) or AUTHORIZER (a Lambda authorizer's usageIdentifierKey).</summary>
    [Parameter]
    [ValidateSet("HEADER", "AUTHORIZER")]
    public string? ApiKeySource { get; set; }

    /// <summary>$true: clients can only call the API through a custom domain name, not its execute-api URL.</summary>
    [Parameter]
    public bool? DisableExecuteApiEndpoint { get; set; }

    /// <summary>
    /// The API's resource policy: New-GwResourcePolicy's output, a hashtable of the document, a JSON string or
    /// the path of a JSON file. Checked before anything is sent; callers see it after the next deployment.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public object? Policy { get; set; }

    /// <summary>Removes the API's resource policy.</summary>
    [Parameter]
    public SwitchParameter RemovePolicy { get; set; }

    protected override void ProcessItem()
    {
        var settings = RestApiPatch.Validate(new RestApiSettings
        {
            Name = Name,
            Description = Description,
            BinaryMediaTypes = BinaryMediaType,
            MinimumCompressionSize = MinimumCompressionSize,
            DisableCompression = DisableCompression,
            ApiKeySource = ApiKeySource,
            DisableExecuteApiEndpoint = DisableExecuteApiEndpoint,
            Policy = Policy is null ? null : PolicyArgument.ToJson(Policy, SessionState, nameof(Policy)),
            RemovePolicy = RemovePolicy,
        });
        var client = Gateway(ResolveConnection());
        // An API that -WhatIf only planned is not read: it is the new API it would be, with API Gateway's defaults.
        var current = PlannedId.IsPlanned(RestApiId)
            ? new RestApi { Connection = client.Connection, RestApiId = RestApiId, Name = Name ?? "", EndpointType = "REGIONAL" }
            : Await(ct => client.SendAsync(ApiGatewayOperations.GetRestApi(RestApiId), ct));
        if (ApplyPlan(client, RestApiPatch.Plan(settings, current), $"REST API {current}", out var api, () => current))
        {
            WriteObject(api);
        }
    }
}
