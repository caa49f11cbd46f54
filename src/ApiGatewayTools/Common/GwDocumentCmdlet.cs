namespace ApiGatewayTools.Common;

/// <summary>
/// Base of the cmdlets that read an OpenAPI document from a file: the path resolves through the session's current
/// location, and a document API Gateway could not take is a terminating error naming where in the file, before
/// anything is sent.
/// </summary>
public abstract class GwDocumentCmdlet : GwCmdlet
{
    public const string DocumentNotFoundErrorId = "ApiDocumentNotFound";

    protected override bool IsInputError(GwException e) => e is ApiDocumentException || base.IsInputError(e);

    /// <summary>Reads and checks the document at <paramref name="path"/>; <paramref name="parameterName"/> is named when the file is missing.</summary>
    protected ApiDocument ReadDocument(string path, string parameterName)
    {
        var file = SessionPaths.Resolve(SessionState, path, parameterName);
        if (!File.Exists(file))
        {
            throw new GwValidationException(DocumentNotFoundErrorId, parameterName,
                $"There is no file {file}. Give the path of an OpenAPI document (JSON or YAML), e.g. -{parameterName} ./api.yaml.");
        }

        return ApiDocument.Parse(SessionPaths.Access(file, parameterName, () => File.ReadAllText(file)), file);
    }
}
