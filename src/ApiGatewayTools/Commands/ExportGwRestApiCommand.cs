namespace ApiGatewayTools.Commands;

/// <summary>
/// Exports what a stage serves as an OpenAPI 3 or Swagger 2 document (GetExport): to a file (-OutFile), as JSON
/// or YAML text (-AsJson, -AsYaml), or by default as an object that prints as the document and carries its ids.
/// </summary>
[Cmdlet(VerbsData.Export, "GwRestApi", SupportsShouldProcess = true, DefaultParameterSetName = AsObject)]
[OutputType(typeof(ExportedDocument), ParameterSetName = [AsObject])]
[OutputType(typeof(string), ParameterSetName = [AsJsonSet, AsYamlSet])]
[OutputType(typeof(FileInfo), ParameterSetName = [ToFile])]
public sealed class ExportGwRestApiCommand : GwRestApiCmdlet
{
    private const string AsObject = "AsObject";
    private const string AsJsonSet = "AsJson";
    private const string AsYamlSet = "AsYaml";
    private const string ToFile = "ToFile";
    public const string FileExistsErrorId = "ExportFileExists";

    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    // Strings, not the engine's enums: a value-type field of an engine type would load the engine before the module's
    // load context is in place (PowerShell lists the cmdlet types first).
    [Parameter]
    [ValidateSet("OpenApi3", "Swagger2")]
    public string Format { get; set; } = "OpenApi3";

    /// <summary>API Gateway's extensions to include; Integrations and Authorizers make a document that re-imports whole.</summary>
    [Parameter]
    [ValidateSet("Integrations", "Authorizers", "Documentation", "ApiGateway", "Postman")]
    public string[] Extension { get; set; } = ["Integrations", "Authorizers"];

    /// <summary>Where to write the document; relative paths resolve from the current location. YAML when it ends in .yaml or .yml.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ToFile)]
    [ValidateNotNullOrEmpty]
    public string OutFile { get; set; } = "";

    [Parameter(ParameterSetName = ToFile)]
    public SwitchParameter Force { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AsJsonSet)]
    public SwitchParameter AsJson { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = AsYamlSet)]
    public SwitchParameter AsYaml { get; set; }

    protected override void ProcessItem()
    {
        var file = ParameterSetName == ToFile ? SessionPaths.Resolve(SessionState, OutFile, "OutFile") : null;
        if (file is not null && File.Exists(file) && !Force)
        {
            throw new GwValidationException(FileExistsErrorId, "OutFile", $"{file} exists; add -Force to overwrite it, or give another -OutFile.");
        }

        var yaml = AsYaml || (file is not null && (file.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".yml", StringComparison.OrdinalIgnoreCase)));
        var extensions = Extension.Aggregate(ApiExportExtension.None, (all, e) => all | Enum.Parse<ApiExportExtension>(e, ignoreCase: true));
        var format = Enum.Parse<ApiDocumentFormat>(Format, ignoreCase: true);
        var client = Gateway(ResolveConnection());
        var document = Await(ct => client.SendAsync(ApiGatewayOperations.GetExport(RestApiId, StageName, format, extensions, yaml), ct));
        if (file is null)
        {
            WriteObject(ParameterSetName == AsObject ? document : document.Text);
            return;
        }

        if (ShouldProcess(file, $"Write the {Format} export of stage {StageName} of REST API {RestApiId}"))
        {
            WriteObject(SessionPaths.Access(file, "OutFile", () =>
            {
                File.WriteAllText(file, document.Text);
                return new FileInfo(file);
            }));
        }
    }
}
