namespace ApiGatewayTools.Common;

/// <summary>
/// Catches a resource path typed with unquoted braces. PowerShell reads <c>-Path /pets/{id}</c> as the string
/// '/pets/' followed by the script block {id}, so the parameter receives either a path ending in '/' or a script
/// block (<c>-PathPart {id}</c>), and the rest would bind elsewhere or fail with PowerShell's generic "positional
/// parameter" error. Named parameters bind first, so this runs before that error and says to quote the path.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ResourcePathArgumentAttribute(string parameterName) : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case ScriptBlock block:
                var braced = "{" + block.ToString().Trim() + "}";
                throw new ArgumentTransformationMetadataException(
                    $"-{parameterName} received the script block {braced}: PowerShell reads braces typed without quotes as a script block. " +
                    $"Quote the path: -{parameterName} '{(parameterName == "PathPart" ? "" : "/")}{braced}'.");
            case string path when path.Length > 1 && path.EndsWith('/'):
                throw new ArgumentTransformationMetadataException(
                    $"The path '{path}' ends in '/'. A path typed with braces but without quotes, such as -{parameterName} {path}{{id}}, reaches the " +
                    $"command cut off before the braces. Quote the path: -{parameterName} '{path}{{id}}' (or drop the trailing '/').");
            default:
                return inputData;
        }
    }
}
