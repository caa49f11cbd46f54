namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.New, "GwRestApi", SupportsShouldProcess = true, DefaultParameterSetName = Create)]
[OutputType(typeof(RestApi))]
public sealed class NewGwRestApiCommand : GwCmdlet
{
    private const string Create = "Create";
    private const string AllowDuplicate = "AllowDuplicate";
    private const string UseExistingSet = "UseExisting";

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
    [Parameter(Mandatory = true, ParameterSetName = AllowDuplicate)]
    public SwitchParameter AllowDuplicateName { get; set; }

    /// <summary>Return the API with this name when it exists (updating its description if another is given), create it when not.</summary>
    [Parameter(Mandatory = true, ParameterSetName = UseExistingSet)]
    public SwitchParameter UseExisting { get; set; }

    protected override object? TargetOfError => Name;

    protected override void ProcessItem()
    {
        var request = RestApiWorkflow.Validate(new CreateRestApiRequest
        {
            Name = Name,
            Description = Description,
            EndpointType = EndpointType,
            Tags = Hashtables.ToStringMap(Tag, "Tag"),
            AllowDuplicateName = AllowDuplicateName,
        });
        var connection = ResolveConnection();
        var client = Gateway(connection);
        if (UseExisting)
        {
            var sameName = Await(ct => RestApiWorkflow.FindByNameAsync(client, Name, ct));
            var plan = RestApiWorkflow.PlanCreateOrUse(sameName, request, MyInvocation.BoundParameters.ContainsKey(nameof(EndpointType)));
            if (plan.IsEmpty)
            {
                WriteVerbose($"REST API '{Name}' exists ({sameName[0].RestApiId}); returning it.");
                WriteObject(sameName[0]);
                return;
            }
            if (ShouldProcess(Name, plan.ToString(), () => Planned(connection)))
            {
                WriteObject(Await(ct => plan.ApplyAsync(client, ct)));
            }

            return;
        }
        if (!AllowDuplicateName)
        {
            Await(ct => RestApiWorkflow.EnsureNameIsFreeAsync(client, Name, ct));
        }

        var operation = ApiGatewayOperations.CreateRestApi(request);
        if (!ShouldProcess(Name, operation.ToString(), () => Planned(connection)))
        {
            return;
        }

        WriteObject(Await(ct => client.SendAsync(operation, ct)));
    }

    private RestApi Planned(GwConnection connection) => new()
    {
        Connection = connection,
        RestApiId = PlannedId.For("RestApi", Name),
        Name = Name,
        Description = Description,
        EndpointType = EndpointType,
        RootResourceId = PlannedId.For("Resource", "/"),
    };
}
