# Method and integration responses: the cmdlets, and what callers of a deployed stage see once they are in place.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    function Invoke-Stage([string] $Uri, [string] $Method = 'GET', [string] $Body, [hashtable] $Headers = @{}) {
        $parameters = @{ Uri = $Uri; Method = $Method; SkipHttpErrorCheck = $true; Headers = $Headers }
        if ($Body) { $parameters.Body = $Body; $parameters.ContentType = 'application/json' }
        $response = Invoke-WebRequest @parameters
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }

    # GET /pets with an HTTP integration (the backend's URL is filled in by the caller).
    function New-PetsMethod {
        New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
    }

    # A backend that answers 404 with an HTML page: a MOCK route of another API, deployed.
    $backend = New-TestApi 'backend'
    $backend | Add-GwResource -Path /missing | Add-GwMethod GET |
        Set-GwMockIntegration -StatusCode 404 -ResponseBody '<html>no such pet</html>' -ContentType 'text/html' -ResponseHeader @{ 'X-Backend' = 'pets-v1' } | Out-Null
    $backend | Add-GwResource -Path /fine | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pets":[]}' | Out-Null
    $script:BackendUrl = ($backend | Publish-GwDeployment -StageName prod).InvokeUrl
}

Describe 'Add-GwMethodResponse' {
    It 'adds a response to a method piped from Add-GwMethod, with headers and models' {
        $method = New-PetsMethod
        $response = $method | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Backend' = $false } -ResponseModel @{ 'application/json' = 'Error' }

        $response.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.MethodResponse'
        $response.StatusCode | Should -BeExactly '404'
        $response.Path | Should -BeExactly '/pets'
        $response.ResponseParameters['method.response.header.X-Backend'] | Should -BeFalse
        $response.ResponseModels['application/json'] | Should -BeExactly 'Error'
        (Get-GwMethod -RestApiId $method.RestApiId -Path /pets -HttpMethod GET).MethodResponses.Keys | Should -Contain '404'
    }

    It 'sends nothing when the response is already as asked, and patches only what differs' {
        $method = New-PetsMethod
        $method | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Backend' = $false } | Out-Null
        $marker = Get-LastRequestId
        $method | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Backend' = $false } | Out-Null
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty

        $verbose = $method | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Backend' = $true } -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateMethodResponse')
        ($verbose.Message -join "`n") | Should -Match 'responseParameters/method.response.header.X-Backend: replace .true.'
        (Get-GwMethodResponse -RestApiId $method.RestApiId -Path /pets -HttpMethod GET -StatusCode 404).ResponseParameters['method.response.header.X-Backend'] | Should -BeTrue
    }

    It 'prints the put with -WhatIf and sends nothing' {
        $method = New-PetsMethod
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Add-GwMethodResponse -StatusCode 201 -WhatIf }

        $text | Should -BeLike "*PutMethodResponse PUT /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/responses/201*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'a status outside 100-599'; Arguments = @{ StatusCode = '600' }; ErrorId = 'InvalidStatusCode' }
        @{ Case = 'a status that is not a number'; Arguments = @{ StatusCode = '2xx' }; ErrorId = 'InvalidStatusCode' }
        @{ Case = 'a parameter that is not a header'; Arguments = @{ StatusCode = '200'; ResponseParameter = @{ 'method.response.body' = $false } }; ErrorId = 'InvalidResponseParameter' }
        @{ Case = 'a header name with a space'; Arguments = @{ StatusCode = '200'; ResponseParameter = @{ 'method.response.header.X Y' = $false } }; ErrorId = 'InvalidResponseParameter' }
    ) {
        $method = New-PetsMethod
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Add-GwMethodResponse @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.AddGwMethodResponseCommand"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwMethodResponse and Remove-GwMethodResponse' {
    It 'lists a method''s responses by status code, and removes one piped from Get' {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/fine" -ErrorResponse | Out-Null

        $responses = $method | Get-GwMethodResponse
        $responses.StatusCode | Should -Be @('200', '400', '500')
        $responses[0].Path | Should -BeExactly '/pets'

        $method | Get-GwMethodResponse -StatusCode 400 | Remove-GwIntegrationResponse -Confirm:$false
        $method | Get-GwMethodResponse -StatusCode 400 | Remove-GwMethodResponse -Confirm:$false
        ($method | Get-GwMethodResponse).StatusCode | Should -Be @('200', '500')
    }

    It 'reports a missing status code as AWS''s NotFoundException' {
        $method = New-PetsMethod
        $method | Get-GwMethodResponse -StatusCode 418 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwMethodResponseCommand'
        "$($failures[0])" | Should -BeLike 'GET /pets in REST API * has no response with this status code.*Add-GwMethodResponse*(API Gateway: Invalid Response status code specified)'
    }

    It 'prints the delete with -WhatIf and keeps the response' {
        $method = New-PetsMethod
        $method | Add-GwMethodResponse -StatusCode 404 | Out-Null
        $text = Get-WhatIfText { $method | Remove-GwMethodResponse -StatusCode 404 -WhatIf }

        $text | Should -BeLike '*DeleteMethodResponse DELETE */methods/GET/responses/404*'
        ($method | Get-GwMethodResponse -StatusCode 404).StatusCode | Should -BeExactly '404'
    }
}

Describe 'Add-GwIntegrationResponse' {
    It 'turns a non-proxy HTTP backend''s 404 from a 200 into a 404, headers mapped' {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" | Out-Null
        $stage = Get-GwRestApi -RestApiId $method.RestApiId | Publish-GwDeployment -StageName prod
        (Invoke-Stage "$($stage.InvokeUrl)/pets").Status | Should -Be 200 -Because 'a non-proxy integration with only its default response answers 200, as AWS does'

        $method | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Backend' = $false } | Out-Null
        $added = $method | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404' -ResponseParameter @{ 'method.response.header.X-Backend' = 'integration.response.header.X-Backend' } -Template '{"message": "no such pet"}'
        $added.SelectionPattern | Should -BeExactly '404'
        $stage = Get-GwRestApi -RestApiId $method.RestApiId | Publish-GwDeployment -StageName prod

        $response = Invoke-Stage "$($stage.InvokeUrl)/pets"
        $response.Status | Should -Be 404
        $response.Body | Should -BeExactly '{"message": "no such pet"}'
        $response.Headers['X-Backend'] | Should -Be 'pets-v1'
    }

    It 'converges: the same settings send nothing, a new pattern is patched' {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" | Out-Null
        $method | Add-GwMethodResponse -StatusCode 404 | Out-Null
        $method | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404' | Out-Null
        $marker = Get-LastRequestId
        $method | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404' | Out-Null
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty

        $method | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '40[04]' | Out-Null
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateIntegrationResponse')
        ($method | Get-GwIntegrationResponse -StatusCode 404).SelectionPattern | Should -BeExactly '40[04]'
    }

    It 'lists and removes integration responses' {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/fine" -ErrorResponse | Out-Null
        ($method | Get-GwIntegrationResponse).SelectionPattern | Should -Be @($null, '4\d{2}', '5\d{2}')
        $method | Remove-GwIntegrationResponse -StatusCode 500 -Confirm:$false
        ($method | Get-GwIntegrationResponse).StatusCode | Should -Be @('200', '400')
    }

    It 'prints the put with -WhatIf and sends nothing' {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" | Out-Null
        $method | Add-GwMethodResponse -StatusCode 404 | Out-Null
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404' -WhatIf }

        $text | Should -BeLike '*PutIntegrationResponse PUT */methods/GET/integration/responses/404*"selectionPattern":"404"*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'a status outside 100-599'; Arguments = @{ StatusCode = '99' }; ErrorId = 'InvalidStatusCode' }
        @{ Case = 'a pattern that is not a regular expression'; Arguments = @{ StatusCode = '404'; SelectionPattern = '4\d{2' + '(' }; ErrorId = 'InvalidSelectionPattern' }
        @{ Case = 'a mapping from nowhere'; Arguments = @{ StatusCode = '404'; ResponseParameter = @{ 'method.response.header.X' = 'the backend' } }; ErrorId = 'InvalidResponseParameter' }
    ) {
        $method = New-PetsMethod
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Add-GwIntegrationResponse @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.AddGwIntegrationResponseCommand"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses <Case>, having only read the method' -ForEach @(
        @{ Case = 'a status without a method response'; Arguments = @{ StatusCode = '404'; SelectionPattern = '404' }; ErrorId = 'MethodResponseMissing'; Message = '*Add-GwMethodResponse*-StatusCode 404*' }
        @{ Case = 'a second default response'; Arguments = @{ StatusCode = '500' }; ErrorId = 'DuplicateDefaultResponse'; Message = '*default*200*' }
        @{ Case = 'a header the method response does not declare'; Arguments = @{ StatusCode = '500'; SelectionPattern = '5\d{2}'; ResponseParameter = @{ 'method.response.header.X-Backend' = "'v1'" } }; ErrorId = 'InvalidResponseParameter'; Message = '*declare*' }
    ) {
        $method = New-PetsMethod
        $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" | Out-Null
        $method | Add-GwMethodResponse -StatusCode 500 | Out-Null
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Add-GwIntegrationResponse @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.AddGwIntegrationResponseCommand"
        $e.Exception.Message | Should -BeLike $Message
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses an integration response on a method without an integration' {
        $method = New-PetsMethod
        $method | Add-GwMethodResponse -StatusCode 200 | Out-Null
        $e = Get-TerminatingError { $method | Add-GwIntegrationResponse -StatusCode 200 }
        $e.FullyQualifiedErrorId | Should -BeExactly 'IntegrationMissing,ApiGatewayTools.Commands.AddGwIntegrationResponseCommand'
    }
}

Describe 'Set-GwHttpIntegration and Set-GwLambdaIntegration -ErrorResponse' {
    It 'answers an HTTP backend''s 404 with 400 once -ErrorResponse adds the error responses, in one plan' {
        $method = New-PetsMethod
        $text = Get-WhatIfText { $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" -ErrorResponse -WhatIf }
        @(Get-WhatIfOperation $text).Operation | Should -Be @('PutIntegration', 'PutMethodResponse', 'PutMethodResponse', 'PutMethodResponse',
            'PutIntegrationResponse', 'PutIntegrationResponse', 'PutIntegrationResponse')

        $method | Set-GwHttpIntegration -Uri "$BackendUrl/missing" -ErrorResponse | Out-Null
        $stage = Get-GwRestApi -RestApiId $method.RestApiId | Publish-GwDeployment -StageName prod
        $response = Invoke-Stage "$($stage.InvokeUrl)/pets"
        $response.Status | Should -Be 400
        $response.Body | Should -BeExactly '<html>no such pet</html>'
    }

    It 'sends a request template and passthrough behaviour' {
        $method = New-PetsMethod
        $integration = $method | Set-GwHttpIntegration -Uri "$BackendUrl/fine" -RequestTemplate '{"limit": 10}' -PassthroughBehavior NEVER
        $integration.RequestTemplates['application/json'] | Should -BeExactly '{"limit": 10}'
        $integration.PassthroughBehavior | Should -BeExactly 'NEVER'
        $integration = $method | Set-GwHttpIntegration -Uri "$BackendUrl/fine" -RequestTemplate @{ 'application/xml' = '<limit>10</limit>' }
        $integration.RequestTemplates['application/xml'] | Should -BeExactly '<limit>10</limit>'
    }

    It 'refuses -ErrorResponse with -Proxy before any request' {
        $method = New-PetsMethod
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Set-GwHttpIntegration -Uri "$BackendUrl/fine" -Proxy -ErrorResponse }
        $e.FullyQualifiedErrorId | Should -BeExactly 'NonProxyOptionOnProxy,ApiGatewayTools.Commands.SetGwHttpIntegrationCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'selects a Lambda error''s response by its message' {
        $function = Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock {
            param($Event)
            switch ($Event.kind) {
                'bad' { throw 'Bad request: a pet needs a name' }
                'broken' { throw 'Database unreachable' }
                default { @{ name = 'Rex' } }
            }
        }
        $api = New-TestApi
        $method = $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod POST
        $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName -NonProxy -ErrorResponse -RequestTemplate '{"kind": "$input.params(''kind'')"}' | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod

        $ok = Invoke-Stage "$($stage.InvokeUrl)/pets?kind=good" -Method POST -Body '{}'
        $ok.Status | Should -Be 200
        ($ok.Body | ConvertFrom-Json).name | Should -BeExactly 'Rex'
        $bad = Invoke-Stage "$($stage.InvokeUrl)/pets?kind=bad" -Method POST -Body '{}'
        $bad.Status | Should -Be 400
        ($bad.Body | ConvertFrom-Json).message | Should -BeExactly 'Bad request: a pet needs a name'
        $broken = Invoke-Stage "$($stage.InvokeUrl)/pets?kind=broken" -Method POST -Body '{}'
        $broken.Status | Should -Be 500
        ($broken.Body | ConvertFrom-Json).message | Should -BeExactly 'Database unreachable'
    }
}
