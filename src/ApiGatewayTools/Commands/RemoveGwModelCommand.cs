namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwModel", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwModelCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    protected override object? TargetOfError => Name;

    /// <summary>
    /// The model is read first (an unknown name fails before any prompt), then the API's methods: while any names
    /// the model, API Gateway would refuse, so the refusal comes first and names them.
    /// </summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var model = Await(ct => client.SendAsync(ApiGatewayOperations.GetModel(RestApiId, Name), ct));
        var resources = Await(ct => client.ListAsync(ApiGatewayOperations.GetResources(RestApiId), ct).ToListAsync(ct));
        if (ModelUsage.UsersOf(resources, model.Name) is { Count: > 0 } users)
        {
            throw ModelUsage.InUse(RestApiId, model.Name, users);
        }
        RemoveConfirmed(connection, $"model {model} in REST API {RestApiId}", ApiGatewayOperations.DeleteModel(RestApiId, model.Name));
    }
}
