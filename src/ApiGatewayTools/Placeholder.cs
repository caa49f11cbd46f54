namespace ApiGatewayTools; internal static class Placeholder {}
