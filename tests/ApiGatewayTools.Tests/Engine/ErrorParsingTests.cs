using System.Net;
using ApiGatewayTools.Engine.Errors;
using ApiGatewayTools.Engine.Internal;

namespace ApiGatewayTools.Tests.Engine;

public sealed class ErrorParsingTests
{
    [Fact]
    public void ApiGatewayCodeComesFromTheHeaderBeforeTheColon()
    {
        var error = ServiceErrorParser.Parse(HttpStatusCode.NotFound, "NotFoundException:http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/",
            "req-1", """{"message":"Invalid API identifier specified 123456789012:a1"}""", "GetRestApi");

        Assert.Equal("NotFoundException", error.ErrorId);
        Assert.Equal("Invalid API identifier specified 123456789012:a1", error.Message);
        Assert.Equal(GwErrorKind.NotFound, error.Kind);
        Assert.Equal("GetRestApi", error.Operation);
        Assert.Equal("req-1", error.RequestId);
    }

    [Fact]
    public void LambdaBodyTypeIsNotTheCode()
    {
        var error = ServiceErrorParser.Parse(HttpStatusCode.Conflict, "ResourceConflictException", "req-2",
            """{"Type":"User","Message":"The statement id (gw-a1) provided already exists."}""", "AddPermission");

        Assert.Equal("ResourceConflictException", error.ErrorId);
        Assert.Equal("The statement id (gw-a1) provided already exists.", error.Message);
        Assert.Equal(GwErrorKind.Conflict, error.Kind);
    }

    [Fact]
    public void BodyTypeIsUsedWhenThereIsNoHeader()
    {
        var error = ServiceErrorParser.Parse(HttpStatusCode.BadRequest, null, null, """{"__type":"com.amazon.coral#BadRequestException","message":"bad"}""", "CreateResource");

        Assert.Equal("BadRequestException", error.ErrorId);
        Assert.Equal(GwErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void AnEmptyAnswerStillNamesTheFailure()
    {
        var error = ServiceErrorParser.Parse(HttpStatusCode.ServiceUnavailable, null, null, "", "GetRestApis");

        Assert.Equal("ServiceUnavailableException", error.ErrorId);
        Assert.Contains("503", error.Message);
        Assert.Equal(GwErrorKind.ServiceUnavailable, error.Kind);
    }
}
