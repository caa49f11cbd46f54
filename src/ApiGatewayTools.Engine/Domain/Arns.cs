using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ApiGatewayTools.Engine.Domain;

/// <summary>
/// What the user typed for a Lambda function: a name, a partial ARN (123456789012:function:name) or a full
/// ARN, each with an optional :alias or :version qualifier, or a per-stage qualifier ${stageVariables.alias}
/// that API Gateway resolves from each stage's variables at invocation.
/// </summary>
public sealed partial class LambdaFunctionReference
{
    public const string InvalidErrorId = "InvalidFunctionName";

    [GeneratedRegex(@"^(?:(?:arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>[a-z]{2}(?:-[a-z]+)+-\d+):)?(?<account>\d{12}):function:)?(?<name>[A-Za-z0-9_-]{1,64})(?::(?<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}|\$\{stageVariables\.(?<stageVariable>[A-Za-z0-9_]{1,64})\}))?$")]
    private static partial Regex Pattern();

    private LambdaFunctionReference(string name, string? qualifier, string? account, string? region, string? partition, string asTyped)
    {
        Name = name;
        Qualifier = qualifier;
        Account = account;
        Region = region;
        Partition = partition;
        AsTyped = asTyped;
    }

    public string Name { get; }
    public string? Qualifier { get; }
    public string? Account { get; }
    public string? Region { get; }
    public string? Partition { get; }
    public string AsTyped { get; }

    /// <summary>The stage variable that names the qualifier per stage (alias in orders:${stageVariables.alias}); null otherwise.</summary>
    public string? QualifierStageVariable { get; private init; }

    /// <summary>What to send as Lambda's FunctionName: the ARN or name without its qualifier (sent separately).</summary>
    public string FunctionNameForApi => Account is null ? Name
        : Region is null ? $"{Account}:function:{Name}"
        : $"arn:{Partition}:lambda:{Region}:{Account}:function:{Name}";

    public static LambdaFunctionReference Parse(string? value, string parameterName = "FunctionName")
    {
        var match = Pattern().Match(value?.Trim() ?? "");
        if (!match.Success)
        {
            throw new GwValidationException(InvalidErrorId, parameterName,
                $"'{value}' is not a Lambda function name or ARN. Use a name (my-function), a name with an alias or version (my-function:prod), a per-stage alias (my-function:${{stageVariables.alias}}), or an ARN (arn:aws:lambda:us-east-1:123456789012:function:my-function).");
        }

        string? Group(string name) => match.Groups[name].Success ? match.Groups[name].Value : null;
        return new LambdaFunctionReference(Group("name")!, Group("qualifier"), Group("account"), Group("region"), Group("partition"), value!.Trim())
        {
            QualifierStageVariable = Group("stageVariable"),
        };
    }
}

/// <summary>A resolved function ARN, qualified when the user named an alias or version (or a stage variable that names one).</summary>
public sealed partial class LambdaFunctionArn
{
    [GeneratedRegex(@"^arn:(?<partition>aws[a-zA-Z-]*):lambda:(?<region>[a-z0-9-]+):(?<account>\d{12}):function:(?<name>[A-Za-z0-9_-]+)(?::(?<qualifier>[$A-Za-z0-9_-]+|\$\{stageVariables\.[A-Za-z0-9_]+\}))?$")]
    private static partial Regex Pattern();

    private LambdaFunctionArn(string partition, string region, string account, string name, string? qualifier)
    {
        Partition = partition;
        Region = region;
        Account = account;
        Name = name;
        Qualifier = qualifier;
    }

    public string Partition { get; }
    public string Region { get; }
    public string Account { get; }
    public string Name { get; }
    public string? Qualifier { get; }

    public static LambdaFunctionArn Parse(string arn)
    {
        var m = Pattern().Match(arn);
        if (!m.Success)
        {
            throw new FormatException($"'{arn}' is not a Lambda function ARN.");
        }

        return new LambdaFunctionArn(m.Groups["partition"].Value, m.Groups["region"].Value, m.Groups["account"].Value, m.Groups["name"].Value,
            m.Groups["qualifier"].Success ? m.Groups["qualifier"].Value : null);
    }

    /// <summary>The same function with the given qualifier (or none).</summary>
    public LambdaFunctionArn WithQualifier(string? qualifier) => new(Partition, Region, Account, Name, qualifier);

    public override string ToString() =>
        $"arn:{Partition}:lambda:{Region}:{Account}:function:{Name}{(Qualifier is null ? "" : ":" + Qualifier)}";
}

/// <summary>execute-api ARNs, the SourceArn that scopes a Lambda permission to one API, method and path.</summary>
public static class ExecuteApiArn
{
    /// <summary>
    /// arn:aws:execute-api:{region}:{account}:{apiId}/*/{METHOD}/{path}: any stage, this verb (ANY becomes '*'),
    /// this path with each variable as '*' because invocations carry the actual values.
    /// </summary>
    public static string ForMethod(string partition, string region, string account, string restApiId, string httpMethod, ResourcePath path)
    {
        var verb = httpMethod == "ANY" ? "*" : httpMethod;
        return $"arn:{partition}:execute-api:{region}:{account}:{restApiId}/*/{verb}{path.ToArnPattern()}";
    }
}

/// <summary>
/// Deterministic statement ids for the permissions Set-GwLambdaIntegration grants, so re-running a script
/// finds its own statement instead of adding another.
/// </summary>
public static partial class PermissionStatementId
{
    public const string Prefix = "ApiGatewayTools";

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex Unsafe();

    /// <summary>e.g. ApiGatewayTools-a1b2c3d4e5-GET-pets-petId-3f2a9c01 (Lambda allows [A-Za-z0-9_-], at most 100 characters).</summary>
    public static string For(string restApiId, string httpMethod, ResourcePath path)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{restApiId} {httpMethod} {path}")))[..8].ToLowerInvariant();
        var slug = Unsafe().Replace(string.Join("-", path.Segments), "").Trim('-');
        var id = $"{Prefix}-{restApiId}-{httpMethod}-{(slug.Length == 0 ? "root" : slug)}";
        if (id.Length > 90)
        {
            id = id[..90];
        }

        return $"{id}-{hash}";
    }

    /// <summary>e.g. ApiGatewayTools-a1b2c3d4e5-authorizer-token-check-3f2a9c01: one statement per authorizer name, found again on a re-run.</summary>
    public static string ForAuthorizer(string restApiId, string authorizerName)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{restApiId} authorizer {authorizerName}")))[..8].ToLowerInvariant();
        var slug = Unsafe().Replace(authorizerName, "").Trim('-');
        var id = $"{Prefix}-{restApiId}-authorizer-{slug}";
        return $"{(id.Length > 90 ? id[..90] : id)}-{hash}";
    }
}
