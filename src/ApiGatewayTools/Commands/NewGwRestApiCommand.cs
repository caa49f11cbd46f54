namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwRestApi", SupportsShouldProcess = true)]
[OutputType(typeof(RestApi))]
public sealed class NewGwRestApiCommand : GwCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>REGIONAL (default), EDGE or PRIVATE.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ValidateSet("REGIONAL", "EDGE", "PRIVATE")]
    public string EndpointType { get; set; } = "REGIONAL";

    /// <summary>Tags as a hashtable: @{ team = 'pets'; env = 'dev' }.</summary>
    [Parameter]
    public Hashtable? Tag { get; set; }

    /// <summary>Create the API even when one with the same name exists (AWS allows it; the module refuses by default).</summary>
    [Parameter]
    public SwitchParameter AllowDuplicateName { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        var request = RestApiWorkflow.Validate(new CreateRestApiRequest
        {
            Name = Name,
            Description = Description,
            EndpointType = EndpointType,
            Tags = Hashtables.ToStringMap(Tag, "Tag"),
        });
        var connection = ResolveConnection();
        var client = Gateway(connection);
        if (!AllowDuplicateName)
            Await(ct => RestApiWorkflow.EnsureNameIsFreeAsync(client, Name, ct));
        var operation = ApiGatewayOperations.CreateRestApi(request);
        if (!ShouldProcess(Name, operation.ToString()))
            return;
        WriteObject(Await(ct => client.SendAsync(operation, ct)));
    }
}
