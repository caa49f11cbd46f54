namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwAuthorizer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveGwAuthorizerCommand : GwRestApiCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string AuthorizerId { get; set; } = "";

    protected override object? TargetOfError => AuthorizerId;

    /// <summary>
    /// The authorizer is read first, so the prompt names it and an unknown id fails before any prompt; one that methods
    /// still use is refused, naming them, as API Gateway would refuse it.
    /// </summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var authorizer = Await(ct => client.SendAsync(ApiGatewayOperations.GetAuthorizer(RestApiId, AuthorizerId), ct));
        var resources = Await(ct => client.ListAsync(ApiGatewayOperations.GetResources(RestApiId), ct).ToListAsync(ct));
        if (AuthorizerWorkflow.MethodsUsing(authorizer.AuthorizerId, resources) is { Count: > 0 } users)
        {
            throw AuthorizerWorkflow.InUse(authorizer, users);
        }
        RemoveConfirmed(connection, $"authorizer {authorizer} in REST API {RestApiId}", ApiGatewayOperations.DeleteAuthorizer(RestApiId, AuthorizerId));
    }
}
