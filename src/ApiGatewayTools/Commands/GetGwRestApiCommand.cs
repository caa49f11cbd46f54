namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Get, "GwRestApi", DefaultParameterSetName = ByName)]
[OutputType(typeof(RestApi))]
public sealed class GetGwRestApiCommand : GwCmdlet
{
    private const string ByName = "ByName";
    private const string ById = "ById";

    /// <summary>Name to match; wildcards allowed. All APIs when omitted.</summary>
    [Parameter(Position = 0, ParameterSetName = ByName)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    public string? Name { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ById ? RestApiId : Name;

    protected override void ProcessItem()
    {
        var client = Gateway(ResolveConnection());
        if (ParameterSetName == ById)
        {
            WriteObject(Await(ct => client.GetRestApiAsync(RestApiId, ct)));
            return;
        }
        var pattern = new WildcardPattern(Name ?? "*", WildcardOptions.IgnoreCase);
        var apis = Await(ct => client.GetRestApisAsync(ct).ToListAsync(ct));
        var matched = apis.Where(a => pattern.IsMatch(a.Name)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (matched.Count == 0 && Name is not null && !WildcardPattern.ContainsWildcardCharacters(Name))
        {
            WriteError(ErrorRecords.From(new GwNotFoundException("RestApiNotFound",
                $"No REST API named '{Name}' in {client.Connection}. Create it with New-GwRestApi -Name '{Name}'."), Name));
            return;
        }
        WriteObject(matched, enumerateCollection: true);
    }
}
