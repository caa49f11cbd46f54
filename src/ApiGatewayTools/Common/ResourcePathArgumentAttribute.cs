using System.Management.Automation.Language;

namespace ApiGatewayTools.Common;

/// <summary>
/// Catches a resource path typed with unquoted braces. PowerShell reads <c>-Path /pets/{id}</c> as the string
/// '/pets/' directly followed by the script block {id}, so the parameter receives a path cut off before the
/// braces (or, for <c>-PathPart {id}</c>, a script block), and the rest binds to another parameter or fails with
/// PowerShell's generic "positional parameter" error. Named parameters bind first, so this runs before either
/// and says to quote the path.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ResourcePathArgumentAttribute(string parameterName) : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is ScriptBlock block)
        {
            var braced = "{" + block.ToString().Trim() + "}";
            throw QuoteThePath($"-{parameterName} received the script block {braced}", (parameterName == "PathPart" ? "" : "/") + braced);
        }

        // A trailing '/' alone is forgiven (ResourcePath ignores it); only a script block right after it is the cut.
        if (value is string { Length: > 1 } path && path.EndsWith('/') && TypedWithBraces(engineIntrinsics, path) is { } typed)
        {
            throw QuoteThePath($"-{parameterName} received '{path}', the part of {typed} before its braces", typed);
        }

        return inputData;
    }

    private ArgumentTransformationMetadataException QuoteThePath(string what, string quoted) =>
        new($"{what}: PowerShell reads braces typed without quotes as a script block. Quote the path: -{parameterName} '{quoted}'.");

    /// <summary>
    /// The whole path as typed, when the statement being run has <paramref name="received"/> written directly
    /// before a script block (no space between them); null otherwise, or when the statement cannot be read.
    /// </summary>
    private static string? TypedWithBraces(EngineIntrinsics engine, string received)
    {
        string? statement;
        try
        {
            // Frame 0 is Get-PSCallStack itself; frame 1 is the statement whose parameters are being bound.
            var frames = engine.InvokeCommand.InvokeScript("Get-PSCallStack");
            statement = frames.Count > 1 && frames[1].BaseObject is CallStackFrame frame ? frame.Position?.Text : null;
        }
        catch (RuntimeException)
        {
            return null;
        }

        if (string.IsNullOrEmpty(statement))
        {
            return null;
        }

        var ast = Parser.ParseInput(statement, out _, out _);
        foreach (var command in ast.FindAll(node => node is CommandAst, searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            var elements = command.CommandElements;
            for (var i = 0; i < elements.Count - 1; i++)
            {
                if (elements[i] is StringConstantExpressionAst { StringConstantType: StringConstantType.BareWord, Value: var word } && word == received
                    && elements[i + 1] is ScriptBlockExpressionAst && Adjacent(elements[i], elements[i + 1]))
                {
                    var last = i + 1;
                    while (last + 1 < elements.Count && Adjacent(elements[last], elements[last + 1]))
                    {
                        last++;
                    }

                    return string.Concat(elements.Skip(i).Take(last - i + 1).Select(e => e.Extent.Text));
                }
            }
        }
        return null;
    }

    private static bool Adjacent(Ast left, Ast right) => left.Extent.EndOffset == right.Extent.StartOffset;
}
