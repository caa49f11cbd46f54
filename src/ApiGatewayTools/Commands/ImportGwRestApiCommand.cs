namespace ApiGatewayTools.Commands;

/// <summary>
/// Imports an OpenAPI document: a new API (ImportRestApi), or into an existing one with -RestApiId (PutRestApi,
/// merge or overwrite). The document is checked before it is sent; AWS's warnings become PowerShell warnings.
/// </summary>
[Cmdlet(VerbsData.Import, "GwRestApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(RestApi))]
public sealed class ImportGwRestApiCommand : GwDocumentCmdlet
{
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>Imports into this API instead of creating one.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string? RestApiId { get; set; }

    /// <summary>Merge adds the document to the API; Overwrite replaces the API's definition with it (asks first).</summary>
    [Parameter]
    [ValidateSet("Merge", "Overwrite")]
    public string Mode { get; set; } = "Merge";

    [Parameter]
    public SwitchParameter FailOnWarnings { get; set; }

    /// <summary>A string, not the engine's enum: see Export-GwRestApi's -Format.</summary>
    [Parameter]
    [ValidateSet("Ignore", "Prepend", "Split")]
    public string? BasePath { get; set; }

    /// <summary>A new API's endpoint type.</summary>
    [Parameter]
    [ValidateSet("EDGE", "REGIONAL", "PRIVATE")]
    public string? EndpointType { get; set; }

    protected override object? TargetOfError => RestApiId ?? Path;

    protected override void ProcessItem()
    {
        var document = ReadDocument(Path, "Path");
        var import = document.ForImport() with { FailOnWarnings = FailOnWarnings, BasePath = BasePath is null ? null : Enum.Parse<ImportBasePath>(BasePath, ignoreCase: true), EndpointType = EndpointType };
        var overwrite = Mode == "Overwrite";
        var operation = RestApiId is null ? ApiGatewayOperations.ImportRestApi(import) : ApiGatewayOperations.PutRestApi(RestApiId, import, overwrite);
        var target = RestApiId is null ? $"a new REST API from {document.Source}" : $"REST API {RestApiId}";
        // Overwriting replaces a whole API: as high an impact as a removal.
        var confirmed = overwrite && RestApiId is not null
            ? ShouldProcess(target, operation.ToString()) && (MyInvocation.BoundParameters.ContainsKey("Confirm") || ShouldContinueOverwrite(target))
            : ShouldProcess(target, operation.ToString());
        if (!confirmed)
        {
            return;
        }

        var client = Gateway(ResolveConnection());
        var api = Await(ct => client.SendAsync(operation, ct));
        foreach (var warning in api.Warnings)
        {
            WriteWarning(warning);
        }

        WriteObject(api);
    }

    /// <summary>Overwrite asks like a removal does (ConfirmImpact High) unless -Confirm:$false or $ConfirmPreference says otherwise.</summary>
    private bool ShouldContinueOverwrite(string target) =>
        SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact.None
        || ShouldContinue($"Replace the whole definition of {target} with {Path}?", "Overwrite REST API");
}
