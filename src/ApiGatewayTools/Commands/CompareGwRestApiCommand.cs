namespace ApiGatewayTools.Commands;

/// <summary>
/// The differences between two definitions, each a live API, what one of its stages serves, or a document: one
/// object per added, removed or changed route, method setting, integration or API setting.
/// "Compare-GwRestApi -RestApiId X -StageName prod" answers "what changed since I last deployed prod?".
/// </summary>
[Cmdlet(VerbsData.Compare, "GwRestApi", DefaultParameterSetName = SinceDeployment)]
[OutputType(typeof(ApiDifference))]
public sealed class CompareGwRestApiCommand : GwDocumentCmdlet
{
    private const string SinceDeployment = "SinceDeployment";
    private const string TwoDefinitions = "TwoDefinitions";
    public const string SideRequiredErrorId = "ComparisonSideRequired";

    /// <summary>The live API, compared with what -StageName serves.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SinceDeployment, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    [Parameter(Mandatory = true, ParameterSetName = SinceDeployment, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string StageName { get; set; } = "";

    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? ReferenceRestApiId { get; set; }

    /// <summary>With -ReferenceRestApiId: what this stage serves rather than the live API.</summary>
    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? ReferenceStageName { get; set; }

    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? ReferencePath { get; set; }

    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? DifferenceRestApiId { get; set; }

    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? DifferenceStageName { get; set; }

    [Parameter(ParameterSetName = TwoDefinitions)]
    [ValidateNotNullOrEmpty]
    public string? DifferencePath { get; set; }

    protected override object? TargetOfError => ParameterSetName == SinceDeployment ? RestApiId : ReferenceRestApiId ?? ReferencePath;

    protected override void ProcessItem()
    {
        var (reference, difference) = ParameterSetName == SinceDeployment
            ? (Definition(null, StageName, null, "Reference"), Definition(null, null, null, "Difference"))
            : (Definition(ReferenceRestApiId, ReferenceStageName, ReferencePath, "Reference"), Definition(DifferenceRestApiId, DifferenceStageName, DifferencePath, "Difference"));
        WriteObject(ApiDifference.Between(reference(), difference()), enumerateCollection: true);
    }

    /// <summary>One side, checked before anything is read: a document, or an API (live, or as a stage serves it).</summary>
    private Func<ApiDefinition> Definition(string? restApiId, string? stageName, string? path, string side)
    {
        restApiId ??= ParameterSetName == SinceDeployment ? RestApiId : null;
        if ((restApiId is null) == (path is null) || (path is not null && stageName is not null))
        {
            throw new GwValidationException(SideRequiredErrorId, side + "RestApiId",
                $"Give the {side.ToLowerInvariant()} side as -{side}RestApiId (with -{side}StageName for what a stage serves) or as -{side}Path, not both.");
        }

        if (path is not null)
        {
            var document = ReadDocument(path, side + "Path");
            return () => ApiDefinitionFromDocument.Read(document);
        }

        return () =>
        {
            var client = Gateway(ResolveConnection());
            return stageName is null
                ? Await(ct => ApiDefinitionFromService.ReadLiveAsync(client, restApiId!, ct)).Definition
                : Await(ct => ApiDefinitionFromService.ReadStageAsync(client, restApiId!, stageName, ct));
        };
    }
}
