namespace ApiGatewayTools.Commands;

/// <summary>The documentation parts of a REST API, filtered by location type, path, name and whether they say anything.</summary>
[Cmdlet(VerbsCommon.Get, "GwDocumentationPart", DefaultParameterSetName = Filtered)]
[OutputType(typeof(DocumentationPart))]
public sealed class GetGwDocumentationPartCommand : GwRestApiCmdlet
{
    private const string Filtered = "Filtered";
    private const string ById = "ById";

    /// <summary>Only parts of this location type (METHOD, QUERY_PARAMETER, ...).</summary>
    [Parameter(Position = 0, ParameterSetName = Filtered)]
    [Alias("Type")]
    [ArgumentCompleter(typeof(DocumentationLocationCompleter))]
    [ValidateNotNullOrEmpty]
    public string? Location { get; set; }

    /// <summary>Only parts at exactly this resource path.</summary>
    [Parameter(ParameterSetName = Filtered)]
    [ValidateNotNullOrEmpty]
    [ResourcePathArgument(nameof(Path))]
    public string? Path { get; set; }

    /// <summary>Only parts whose name contains this text.</summary>
    [Parameter(ParameterSetName = Filtered)]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    /// <summary>DOCUMENTED: parts with content; UNDOCUMENTED: parts whose content is empty.</summary>
    [Parameter(ParameterSetName = Filtered)]
    [ValidateSet("DOCUMENTED", "UNDOCUMENTED")]
    public string? LocationStatus { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string DocumentationPartId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? DocumentationPartId : RestApiId;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (ParameterSetName == ById)
        {
            WriteObject(Await(ct => client.SendAsync(ApiGatewayOperations.GetDocumentationPart(RestApiId, DocumentationPartId), ct)));
            return;
        }

        var type = Location is null ? null : DocumentationLocation.NormalizeType(Location);
        var path = Path is null ? null : ResourcePath.Parse(Path).ToString();
        var listing = ApiGatewayOperations.GetDocumentationParts(RestApiId, type, path, Name, LocationStatus);
        foreach (var part in Await(ct => client.ListAsync(listing, ct).ToListAsync(ct)))
        {
            WriteObject(part);
        }
    }
}
