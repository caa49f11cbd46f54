namespace ApiGatewayTools.Common;

/// <summary>
/// Lets a template parameter take a bare string as well as a hashtable: most templates are JSON, so
/// -Template '{...}' means @{ 'application/json' = '{...}' }.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class TemplateMapArgumentAttribute : ArgumentTransformationAttribute
{
    public const string DefaultContentType = "application/json";

    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData) =>
        (inputData is PSObject ps ? ps.BaseObject : inputData) switch
        {
            string template => new Hashtable { [DefaultContentType] = template },
            var other => other,
        };
}
