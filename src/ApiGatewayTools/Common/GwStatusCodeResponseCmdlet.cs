namespace ApiGatewayTools.Common;

/// <summary>
/// Base of the cmdlets that read what a method keeps per status code: its method responses, or its integration's
/// integration responses. With -StatusCode, that one response is asked for (so a missing one is AWS's
/// NotFoundException); without, the method is read once and all of them are written, by status code.
/// </summary>
/// <remarks>
/// Not generic over the response type on purpose: a cmdlet's base types are loaded when the module is imported,
/// before the engine's assemblies can be resolved, so the engine's types appear only in members.
/// </remarks>
public abstract class GwStatusCodeResponseCmdlet : GwMethodCmdlet
{
    /// <summary>The status code; every response of this kind the method has, by status code, when omitted.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string? StatusCode { get; set; }

    protected override object? TargetOfError => StatusCode ?? base.TargetOfError;

    /// <summary>Writes the response -StatusCode names, or every one the method has, each with its resource's path filled in.</summary>
    /// <param name="getOne">The read of one response: resource id, verb and status code.</param>
    /// <param name="allOf">The responses of this kind that the method (read with its responses embedded) has.</param>
    /// <param name="statusCodeOf">A response's status code, which orders them.</param>
    /// <param name="atPath">The response with the resource's path, which the service's answer leaves out.</param>
    protected void WriteResponses<TResponse>(
        Func<string, string, string, GwOperation<TResponse>> getOne,
        Func<Method, IEnumerable<TResponse>> allOf,
        Func<TResponse, string> statusCodeOf,
        Func<TResponse, string, TResponse> atPath)
    {
        if (StatusCode is not null)
        {
            ResponseRules.StatusCode(StatusCode);
        }
        var (connection, resource, verb) = Target();
        if (StatusCode is not null)
        {
            var response = Await(ct => Gateway(connection).SendAsync(getOne(resource.ResourceId, verb, StatusCode), ct));
            WriteObject(atPath(response, resource.Path));
            return;
        }

        var all = allOf(ReadMethod(connection, resource, verb));
        WriteObject(all.OrderBy(statusCodeOf, StringComparer.Ordinal).Select(response => atPath(response, resource.Path)), enumerateCollection: true);
    }
}
