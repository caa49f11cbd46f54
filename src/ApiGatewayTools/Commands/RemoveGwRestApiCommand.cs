namespace ApiGatewayTools.Commands;

[Cmdlet(VerbsCommon.Remove, "GwRestApi", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ById)]
[OutputType(typeof(void))]
public sealed class RemoveGwRestApiCommand : GwCmdlet
{
    private const string ById = "ById";
    private const string ByName = "ByName";

    /// <summary>The id of the API to delete; binds from Get-GwRestApi's output.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ById, ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(RestApiIdCompleter))]
    [ValidateNotNullOrEmpty]
    public string RestApiId { get; set; } = "";

    /// <summary>The exact name of the API to delete; refused when several APIs have it.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ByName)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    protected override object? TargetOfError => ParameterSetName == ByName ? Name : RestApiId;

    /// <summary>
    /// Reads the API first, whichever way it was named, so that the prompt and -WhatIf name exactly the API that
    /// goes (name and id) and a missing one is reported before anything is asked.
    /// </summary>
    protected override void ProcessItem()
    {
        var connection = ResolveConnection();
        var client = Gateway(connection);
        var api = ParameterSetName == ByName
            ? Await(ct => RestApiWorkflow.FindOneByNameAsync(client, Name, ct))
            : Await(ct => client.GetRestApiAsync(RestApiId, ct));
        RemoveConfirmed(connection, $"REST API {api.Name} ({api.RestApiId})", ApiGatewayOperations.DeleteRestApi(api.RestApiId));
    }
}
