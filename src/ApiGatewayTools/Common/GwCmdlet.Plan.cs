using System.Diagnostics.CodeAnalysis;

namespace ApiGatewayTools.Common;

// The Set cmdlets' one call: they build a plan of what differs and let this send it.
public abstract partial class GwCmdlet
{
    /// <summary>
    /// Sends a plan that brings <paramref name="target"/> (e.g. "stage prod of REST API abc") to what was asked:
    /// an empty plan sends nothing and answers the object as it is; otherwise -WhatIf and -Confirm see the plan's
    /// exact requests first.
    /// </summary>
    /// <returns>False for -WhatIf or a declined prompt; otherwise the object as it now is, in <paramref name="result"/>.</returns>
    /// <param name="planned">What -WhatIf outputs for the next command of the pipeline (see <see cref="ShouldProcess(string, string, Func{GwObject})"/>); null for none.</param>
    protected bool ApplyPlan<T>(GwClient client, GwPlan<T> plan, string target, [MaybeNullWhen(false)] out T result, Func<GwObject>? planned = null)
    {
        if (plan.IsEmpty)
        {
            WriteVerbose($"{target} already has these settings; nothing to send.");
        }
        else if (planned is null ? !ShouldProcess(target, plan.ToString()) : !ShouldProcess(target, plan.ToString(), planned))
        {
            result = default;
            return false;
        }

        result = Await(ct => plan.ApplyAsync(client, ct));
        return true;
    }
}
