namespace ApiGatewayTools.Common;

// The Remove cmdlets' one call: they find their object and say how to name it.
public abstract partial class GwCmdlet
{
    /// <summary>
    /// Asks to remove <paramref name="target"/> (what the prompt and -WhatIf name, e.g. "GET /pets in REST API
    /// abc") by sending <paramref name="operation"/>, and sends that same operation when confirmed.
    /// </summary>
    /// <returns>Whether it was sent (false for -WhatIf or a declined prompt).</returns>
    protected bool RemoveConfirmed(GwConnection connection, string target, GwOperation operation)
    {
        if (!ShouldProcess(target, operation.ToString()))
        {
            return false;
        }

        Await(ct => Gateway(connection).SendAsync(operation, ct));
        return true;
    }
}
