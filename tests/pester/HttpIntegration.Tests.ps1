BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'Set-GwHttpIntegration' {
    It 'integrates a method piped in, using the method''s verb for the backend' {
        $integration = New-TestApi | Add-GwResource -Path /mypath | Add-GwMethod -HttpMethod GET |
            Set-GwHttpIntegration -Uri http://example.com/myendpoint

        $integration.Type | Should -BeExactly 'HTTP'
        $integration.HttpMethod | Should -BeExactly 'GET'
        $integration.IntegrationHttpMethod | Should -BeExactly 'GET'
        $integration.Uri | Should -BeExactly 'http://example.com/myendpoint'
        $integration.Path | Should -BeExactly '/mypath'
    }

    It 'gives the non-proxy integration a 200 method response and integration response' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://example.com/pets | Out-Null

        $stored = $method | Get-GwMethod
        $stored.MethodResponses.Keys | Should -Be @('200')
        $stored.Integration.IntegrationResponses.Keys | Should -Be @('200')
    }

    It 'maps {petId} in the URI to the method''s path parameter' {
        $integration = New-TestApi | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET |
            Set-GwHttpIntegration -Uri 'http://example.com/pets/{petId}'

        $integration.RequestParameters['integration.request.path.petId'] | Should -BeExactly 'method.request.path.petId'
        $integration.RequestParameters.Count | Should -Be 1
    }

    It 'keeps a mapping the user gives for a URI variable' {
        $integration = New-TestApi | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET |
            Set-GwHttpIntegration -Uri 'http://example.com/pets/{id}' -RequestParameter @{ 'integration.request.path.id' = 'method.request.path.petId' }

        $integration.RequestParameters['integration.request.path.id'] | Should -BeExactly 'method.request.path.petId'
        $integration.RequestParameters.Count | Should -Be 1
    }

    It 'sets HTTP_PROXY with -Proxy, and the backend verb and timeout when given' {
        $integration = New-TestApi | Add-GwResource -Path '/{proxy+}' | Add-GwMethod -HttpMethod ANY |
            Set-GwHttpIntegration -Uri 'https://example.com/{proxy}' -Proxy -IntegrationHttpMethod post -TimeoutMilliseconds 5000

        $integration.Type | Should -BeExactly 'HTTP_PROXY'
        $integration.HttpMethod | Should -BeExactly 'ANY'
        $integration.IntegrationHttpMethod | Should -BeExactly 'POST'
        $integration.TimeoutInMillis | Should -Be 5000
        $integration.RequestParameters['integration.request.path.proxy'] | Should -BeExactly 'method.request.path.proxy'
    }

    It 'replaces the integration when run again' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://old.example.com/pets | Out-Null
        $method | Set-GwHttpIntegration -Uri http://new.example.com/pets | Out-Null
        ($method | Get-GwIntegration).Uri | Should -BeExactly 'http://new.example.com/pets'
    }

    It 'sends nothing with -WhatIf' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Set-GwHttpIntegration -Uri http://example.com/pets -WhatIf }

        $text | Should -BeLike "*PutIntegration PUT /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/integration*http://example.com/pets*"
        $text | Should -BeLike '*PutMethodResponse PUT*'
        $text | Should -BeLike '*PutIntegrationResponse PUT*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        ($method | Get-GwMethod).Integration | Should -BeNullOrEmpty
    }

    It 'rejects the URI <Uri> before any request' -ForEach @(
        @{ Uri = 'ftp://x' }
        @{ Uri = 'example.com/x' }
        @{ Uri = '/relative/path' }
        @{ Uri = 'http://' }
    ) {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Set-GwHttpIntegration -Uri $Uri }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidIntegrationUri,ApiGatewayTools.Commands.SetGwHttpIntegrationCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    # Skipped until the local gateway accepts a stage variable in the host, as AWS does (see the Pester report).
    It 'accepts a stage variable as the host' {
        $integration = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET |
            Set-GwHttpIntegration -Uri 'https://${stageVariables.backendHost}/pets'
        $integration.Uri | Should -BeExactly 'https://${stageVariables.backendHost}/pets'
    }

    It 'rejects an unknown backend verb before any request' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Set-GwHttpIntegration -Uri http://example.com/pets -IntegrationHttpMethod FETCH }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.SetGwHttpIntegrationCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating NotFoundException for a method that does not exist' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $result = $resource | Set-GwHttpIntegration -HttpMethod GET -Uri http://example.com/pets -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.SetGwHttpIntegrationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-GwIntegration' {
    BeforeAll {
        $script:resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Set-GwHttpIntegration -Uri http://example.com/get | Out-Null
        $resource | Add-GwMethod -HttpMethod POST | Set-GwHttpIntegration -Uri http://example.com/post | Out-Null
        $resource | Add-GwMethod -HttpMethod DELETE | Out-Null
    }

    It 'gets the integration of a method piped in' {
        $integration = Get-GwMethod -RestApiId $resource.RestApiId -Path /pets -HttpMethod POST | Get-GwIntegration
        $integration.Uri | Should -BeExactly 'http://example.com/post'
        $integration.Path | Should -BeExactly '/pets'
    }

    It 'lists every integrated method of a resource piped in' {
        ($resource | Get-GwIntegration).Uri | Sort-Object | Should -Be @('http://example.com/get', 'http://example.com/post')
    }

    It 'writes a non-terminating NotFoundException for a method without an integration' {
        $result = Get-GwIntegration -RestApiId $resource.RestApiId -Path /pets -HttpMethod DELETE -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwIntegrationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'needs -Path or -ResourceId' {
        $e = Get-TerminatingError { Get-GwIntegration -RestApiId $resource.RestApiId -HttpMethod GET }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ResourceNotSpecified,ApiGatewayTools.Commands.GetGwIntegrationCommand'
    }
}

Describe 'Remove-GwIntegration' {
    It 'removes the integration of a method piped in and keeps the method' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://example.com/pets | Out-Null
        $method | Remove-GwIntegration -Confirm:$false

        $stored = $method | Get-GwMethod
        $stored.HttpMethod | Should -BeExactly 'GET'
        $stored.Integration | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://example.com/pets | Out-Null
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Remove-GwIntegration -WhatIf }

        $text | Should -BeLike "*DeleteIntegration DELETE /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/integration*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        ($method | Get-GwIntegration).Uri | Should -BeExactly 'http://example.com/pets'
    }

    It 'rejects an unknown HTTP method before any request' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $resource | Remove-GwIntegration -HttpMethod FETCH -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.RemoveGwIntegrationCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating NotFoundException when there is no integration' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Remove-GwIntegration -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwIntegrationCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
