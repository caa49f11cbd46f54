BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # A local function with a name no other test uses.
    function New-TestFunction {
        Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { param($Event, $Context) @{ statusCode = 200; body = 'ok' } }
    }
}

Describe 'Set-GwLambdaIntegration' {
    It 'integrates a method piped in with AWS_PROXY and scopes the permission to the method' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET
        $integration = $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName

        $integration.Type | Should -BeExactly 'AWS_PROXY'
        $integration.IntegrationHttpMethod | Should -BeExactly 'POST'
        $integration.Uri | Should -BeExactly "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/$($function.FunctionArn)/invocations"
        $integration.Path | Should -BeExactly '/pets/{petId}'

        $statement = Get-GwLambdaPermission -FunctionName $function.FunctionName
        @($statement).Count | Should -Be 1
        $statement.SourceArn | Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($method.RestApiId)/*/GET/pets/*"
        $statement.Principal | Should -BeExactly 'apigateway.amazonaws.com'
        $statement.Action | Should -BeExactly 'lambda:InvokeFunction'
        $statement.Effect | Should -BeExactly 'Allow'
        $statement.StatementId | Should -BeLike "ApiGatewayTools-$($method.RestApiId)-GET-pets-petId-*"
    }

    It 'leaves exactly one policy statement when run twice' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod POST
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null
        $marker = Get-LastRequestId
        $again = $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName

        $again.Type | Should -BeExactly 'AWS_PROXY'
        $statement = Get-GwLambdaPermission -FunctionName $function.FunctionName
        @($statement).Count | Should -Be 1
        $statement.SourceArn | Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($method.RestApiId)/*/POST/pets"
        (Get-ChangingRequestSince $marker).Operation | Should -Not -Contain 'AddPermission'
    }

    It 'uses * for the verb of an ANY method' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path '/{proxy+}' | Add-GwMethod -HttpMethod ANY
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionArn | Out-Null
        (Get-GwLambdaPermission -FunctionName $function.FunctionName).SourceArn |
            Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($method.RestApiId)/*/*/*"
    }

    It 'adds one statement per method wired to the same function' {
        $function = New-TestFunction
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null
        $resource | Add-GwMethod -HttpMethod POST | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null

        (Get-GwLambdaPermission -FunctionName $function.FunctionName).SourceArn | Sort-Object |
            Should -Be @("arn:aws:execute-api:us-east-1:000000000000:$($resource.RestApiId)/*/GET/pets", "arn:aws:execute-api:us-east-1:000000000000:$($resource.RestApiId)/*/POST/pets")
    }

    It 'adds no permission with -SkipPermission' {
        $function = New-TestFunction
        $integration = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET |
            Set-GwLambdaIntegration -FunctionName $function.FunctionName -SkipPermission

        $integration.Type | Should -BeExactly 'AWS_PROXY'
        Get-GwLambdaPermission -FunctionName $function.FunctionName | Should -BeNullOrEmpty
    }

    It 'uses type AWS with POST and default 200 responses with -NonProxy' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $integration = $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName -NonProxy

        $integration.Type | Should -BeExactly 'AWS'
        $integration.IntegrationHttpMethod | Should -BeExactly 'POST'
        ($method | Get-GwMethod).MethodResponses.Keys | Should -Be @('200')
    }

    It 'stops with LambdaFunctionNotFound and changes nothing when the function does not exist' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Set-GwLambdaIntegration -FunctionName (New-TestName 'nofn') }

        $e.FullyQualifiedErrorId | Should -BeExactly 'LambdaFunctionNotFound,ApiGatewayTools.Commands.SetGwLambdaIntegrationCommand'
        $e.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        ($method | Get-GwMethod).Integration | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf: no integration, no permission' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName -WhatIf }

        $text | Should -BeLike "*PutIntegration PUT /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/integration*"
        $text | Should -BeLike '*AddPermission POST*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        ($method | Get-GwMethod).Integration | Should -BeNullOrEmpty
        Get-GwLambdaPermission -FunctionName $function.FunctionName | Should -BeNullOrEmpty
    }

    It 'rejects the function name <Name> before any request' -ForEach @(
        @{ Name = 'bad name' }
        @{ Name = 'fn!' }
        @{ Name = 'arn:aws:lambda:us-east-1:12:function:x' }
    ) {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Set-GwLambdaIntegration -FunctionName $Name }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidFunctionName,ApiGatewayTools.Commands.SetGwLambdaIntegrationCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects an unknown HTTP method before any request' {
        $function = New-TestFunction
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $resource | Set-GwLambdaIntegration -HttpMethod FETCH -FunctionName $function.FunctionName }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.SetGwLambdaIntegrationCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwLambdaPermission' {
    It 'reads the policy of a function piped in from Register-GwLocalFunction' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName | Out-Null

        $statement = $function | Get-GwLambdaPermission
        $statement.SourceArn | Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($method.RestApiId)/*/GET/pets"
    }

    It 'writes nothing for a function without a policy' {
        $function = New-TestFunction
        $result = Get-GwLambdaPermission -FunctionName $function.FunctionName -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 0
    }

    It 'writes a non-terminating ResourceNotFoundException for a function that does not exist' {
        $result = Get-GwLambdaPermission -FunctionName (New-TestName 'nofn') -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ResourceNotFoundException,ApiGatewayTools.Commands.GetGwLambdaPermissionCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects a bad function name before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Get-GwLambdaPermission -FunctionName 'bad name' }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidFunctionName,ApiGatewayTools.Commands.GetGwLambdaPermissionCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}
