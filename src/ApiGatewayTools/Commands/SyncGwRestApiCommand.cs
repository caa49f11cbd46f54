namespace ApiGatewayTools.Commands;

/// <summary>
/// Makes a live API equal an OpenAPI document with the fewest calls: nothing when they are equal, a few targeted
/// calls when little differs, one PutRestApi (overwrite) otherwise, one ImportRestApi for an API that does not
/// exist yet. -WhatIf prints the differences and the exact calls; -Deploy deploys only when the stage would
/// otherwise serve something else than the document.
/// </summary>
[Cmdlet(VerbsData.Sync, "GwRestApi", SupportsShouldProcess = true, DefaultParameterSetName = ByName)]
[OutputType(typeof(ApiSyncResult))]
public sealed class SyncGwRestApiCommand : GwDocumentCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";
    public const string AmbiguousNameErrorId = "AmbiguousRestApiName";
    public const string StageNameRequiredErrorId = "StageNameRequired";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>The API to sync, found by name; created from the document when none has it. The document's title when omitted.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>A new API's endpoint type: EDGE, REGIONAL (the default) or PRIVATE.</summary>
    [Parameter(ParameterSetName = ByName)]
    [ValidateSet("EDGE", "REGIONAL", "PRIVATE")]
    public string EndpointType { get; set; } = "REGIONAL";

    [Parameter]
    public SwitchParameter Deploy { get; set; }

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? StageName { get; set; }

    protected override object? TargetOfError => ParameterSetName == ById ? RestApiId : Name ?? Path;

    protected override void ProcessItem()
    {
        if (Deploy && StageName is null)
        {
            throw new GwValidationException(StageNameRequiredErrorId, "StageName", "-Deploy needs the stage to deploy to, e.g. -Deploy -StageName prod.");
        }

        var document = ReadDocument(Path, "Path");
        var target = ApiDefinitionFromDocument.Read(document);
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var restApiId = ParameterSetName == ById ? RestApiId : FindByName(client, Name ?? document.Title);
        var live = restApiId is null ? null : Await(ct => ApiDefinitionFromService.ReadLiveAsync(client, restApiId, ct));
        var sync = live is null ? ApiSyncWorkflow.PlanImport(document, target, EndpointType, Name) : ApiSyncWorkflow.Plan(document, target, live, Name);
        var what = live is null ? $"a new REST API from {document.Source}" : $"REST API {live.Api.Name} ({live.Api.RestApiId})";
        if (sync.IsEmpty)
        {
            WriteVerbose($"{what} already equals {document.Source}; nothing to send.");
        }
        else if (!ShouldProcess(what, ApiSyncWorkflow.Describe(sync) + DeployNote(live is null)))
        {
            return;
        }

        var results = sync.IsEmpty ? null : Await(ct => sync.Plan.ApplyStepsAsync(client, null, ct));
        var api = live is null ? results!.Of(sync.NewApiStep!) : Await(ct => client.GetRestApiAsync(live.Api.RestApiId, ct));
        WarnAbout(api.Warnings);
        var deployment = Deploy ? DeployIfStale(client, api.RestApiId, target, changed: !sync.IsEmpty) : null;
        WriteObject(new ApiSyncResult(api, sync.Strategy, sync.Differences, sync.Plan.Steps.Count, deployment));
    }

    private string DeployNote(bool newApi) => Deploy && newApi
        ? $"{Environment.NewLine}then CreateDeployment POST /restapis/{{id of the new API}}/deployments {{\"stageName\":\"{StageName}\"}}"
        : "";

    /// <summary>
    /// Deploys when this run changed the API, or when the stage serves something else than the document (an earlier
    /// sync that did not deploy, a change made by hand): a stage is fresh when it serves exactly the document.
    /// </summary>
    private Deployment? DeployIfStale(ApiGatewayClient client, string restApiId, ApiDefinition target, bool changed)
    {
        var stageName = StageName!;
        if (!changed)
        {
            var served = Await(ct => ApiDefinitionFromService.FindStageAsync(client, restApiId, stageName, ct));
            if (served is not null && ApiDifference.Between(served, target).Count == 0)
            {
                WriteVerbose($"Stage {stageName} already serves the document; no deployment needed.");
                return null;
            }
        }

        var operation = ApiGatewayOperations.CreateDeployment(new CreateDeploymentRequest { RestApiId = restApiId, StageName = stageName });
        return ShouldProcess($"stage {stageName} of REST API {restApiId}", operation.ToString())
            ? Await(ct => client.SendAsync(operation, ct))
            : null;
    }

    private string? FindByName(ApiGatewayClient client, string? name)
    {
        if (name is null)
        {
            throw new GwValidationException(RestApiWorkflow.NotFoundByNameErrorId, "Name",
                "The document has no info.title to name the API by; give -Name or -RestApiId.");
        }

        var matches = Await(ct => client.GetRestApisAsync(ct).ToListAsync(ct)).Where(a => a.Name == name).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].RestApiId,
            _ => throw new GwValidationException(AmbiguousNameErrorId, "Name",
                $"{matches.Count} REST APIs are named '{name}' ({string.Join(", ", matches.Select(m => m.RestApiId))}); give -RestApiId to say which."),
        };
    }

    private void WarnAbout(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings)
        {
            WriteWarning(warning);
        }
    }
}
