namespace ApiGatewayTools.Common;

// A -WhatIf that covers a whole pipeline: a command run with -WhatIf outputs what it would have made, with planned ids
// (PlannedId), so the next command plans on it as on an object that does not exist yet, and nothing is sent.
public abstract partial class GwCmdlet
{
    /// <summary>The type name planned objects carry first, so one view shows them whatever their kind.</summary>
    public const string PlannedTypeName = "ApiGatewayTools.PlannedObject";

    /// <summary>True when the command runs with -WhatIf (given, or through $WhatIfPreference).</summary>
    protected bool WhatIfRun => MyInvocation.BoundParameters.TryGetValue("WhatIf", out var given)
        ? ((SwitchParameter)given).IsPresent
        : LanguagePrimitives.IsTrue(SessionState.PSVariable.GetValue("WhatIfPreference"));

    /// <summary>
    /// ShouldProcess that, under -WhatIf, also outputs what the command would have made (<paramref name="planned"/>,
    /// with planned ids where the service would issue them), so the next command of the pipeline prints its own plan.
    /// </summary>
    protected bool ShouldProcess(string target, string action, Func<GwObject> planned)
    {
        if (ShouldProcess(target, action))
        {
            return true;
        }
        if (WhatIfRun)
        {
            WritePlanned(planned());
        }
        return false;
    }

    /// <summary>A planned object: its own properties, a Planned marker, and the planned view first.</summary>
    protected void WritePlanned(GwObject planned)
    {
        var output = PSObject.AsPSObject(planned);
        output.TypeNames.Insert(0, PlannedTypeName);
        output.Properties.Add(new PSNoteProperty("Planned", true));
        WriteObject(output);
    }

    /// <summary>
    /// A planned id is only meaningful to a command that plans (-WhatIf): anywhere else it is refused before anything
    /// is built or sent, naming the parameter and what to run instead.
    /// </summary>
    private void RefusePlannedInput()
    {
        if (WhatIfRun)
        {
            return;
        }
        foreach (var (name, value) in MyInvocation.BoundParameters)
        {
            var values = value switch
            {
                string one => [one],
                IEnumerable many and not IDictionary => many.OfType<object>().Select(v => PSObject.AsPSObject(v).BaseObject as string),
                _ => [],
            };
            if (values.FirstOrDefault(PlannedId.IsPlanned) is { } planned)
            {
                throw PlannedId.Refused(name, planned);
            }
        }
    }
}
