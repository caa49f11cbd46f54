BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'New-GwRequestValidator' {
    It 'creates a validator in an API piped from New-GwRestApi' {
        $api = New-TestApi
        $validator = $api | New-GwRequestValidator -Name body-only -ValidateRequestBody

        $validator.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.RequestValidator'
        $validator.RestApiId | Should -BeExactly $api.RestApiId
        $validator.RequestValidatorId | Should -Not -BeNullOrEmpty
        $validator.Name | Should -BeExactly 'body-only'
        $validator.ValidateRequestBody | Should -BeTrue
        $validator.ValidateRequestParameters | Should -BeFalse
    }

    It 'takes the API from Get-GwRestApi and never its name for -Name' {
        $api = New-TestApi
        $validator = Get-GwRestApi -RestApiId $api.RestApiId | New-GwRequestValidator -Name params-only -ValidateRequestParameters

        $validator.Name | Should -BeExactly 'params-only'
        $validator.ValidateRequestParameters | Should -BeTrue
    }

    It 'returns a validator that already has the checks, sending nothing' {
        $api = New-TestApi
        $first = $api | New-GwRequestValidator -Name strict -ValidateRequestBody -ValidateRequestParameters
        $marker = Get-LastRequestId
        $again = $api | New-GwRequestValidator -Name strict -ValidateRequestBody -ValidateRequestParameters

        $again.RequestValidatorId | Should -BeExactly $first.RequestValidatorId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        @(Get-GwRequestValidator -RestApiId $api.RestApiId).Count | Should -Be 1
    }

    It 'updates the checks of a validator with the same name' {
        $api = New-TestApi
        $first = $api | New-GwRequestValidator -Name strict -ValidateRequestBody
        $marker = Get-LastRequestId
        $updated = $api | New-GwRequestValidator -Name strict -ValidateRequestParameters

        $updated.RequestValidatorId | Should -BeExactly $first.RequestValidatorId
        $updated.ValidateRequestBody | Should -BeFalse
        $updated.ValidateRequestParameters | Should -BeTrue
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateRequestValidator')
        (Get-GwRequestValidator -RestApiId $api.RestApiId -RequestValidatorId $first.RequestValidatorId).ValidateRequestParameters | Should -BeTrue
    }

    It 'sends nothing with -WhatIf and prints the create' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | New-GwRequestValidator -Name body-only -ValidateRequestBody -WhatIf }

        $text | Should -BeLike "*CreateRequestValidator POST /restapis/$($api.RestApiId)/requestvalidators*body-only*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        Get-GwRequestValidator -RestApiId $api.RestApiId | Should -BeNullOrEmpty
    }

    It 'prints the update with -WhatIf and leaves the validator as it was' {
        $api = New-TestApi
        $validator = $api | New-GwRequestValidator -Name strict
        $text = Get-WhatIfText { $api | New-GwRequestValidator -Name strict -ValidateRequestBody -WhatIf }

        $text | Should -BeLike "*UpdateRequestValidator PATCH /restapis/$($api.RestApiId)/requestvalidators/$($validator.RequestValidatorId)*/validateRequestBody*"
        (Get-GwRequestValidator -RestApiId $api.RestApiId -Name strict).ValidateRequestBody | Should -BeFalse
    }

    It 'refuses an empty name before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { New-GwRequestValidator -RestApiId $api.RestApiId -Name '' }

        $e.FullyQualifiedErrorId | Should -BeExactly 'ParameterArgumentValidationError,ApiGatewayTools.Commands.NewGwRequestValidatorCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a blank name before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { New-GwRequestValidator -RestApiId $api.RestApiId -Name '   ' }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidRequestValidatorName,ApiGatewayTools.Commands.NewGwRequestValidatorCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes NotFoundException for an API that does not exist' {
        $result = New-GwRequestValidator -RestApiId 'nosuchapi0' -Name body-only -ErrorAction SilentlyContinue -ErrorVariable errors

        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.NewGwRequestValidatorCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-GwRequestValidator' {
    BeforeAll {
        $script:api = New-TestApi
        $script:created = 'strict', 'Body-only', 'strict-params' | ForEach-Object { $api | New-GwRequestValidator -Name $_ }
    }

    It 'lists every validator of a piped API, sorted by name' {
        ($api | Get-GwRequestValidator).Name | Should -Be @('Body-only', 'strict', 'strict-params')
    }

    It 'matches -Name with wildcards, ignoring case' {
        (Get-GwRequestValidator -RestApiId $api.RestApiId -Name 'STRICT*').Name | Should -Be @('strict', 'strict-params')
        Get-GwRequestValidator -RestApiId $api.RestApiId -Name 'none-*' -ErrorVariable errors | Should -BeNullOrEmpty
        $errors | Should -BeNullOrEmpty
    }

    It 'gets one validator by id' {
        $validator = Get-GwRequestValidator -RestApiId $api.RestApiId -RequestValidatorId $created[1].RequestValidatorId
        $validator.Name | Should -BeExactly 'Body-only'
    }

    It 'writes RequestValidatorNotFound for a plain name that matches nothing' {
        $result = Get-GwRequestValidator -RestApiId $api.RestApiId -Name missing -ErrorAction SilentlyContinue -ErrorVariable errors

        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RequestValidatorNotFound,ApiGatewayTools.Commands.GetGwRequestValidatorCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes NotFoundException for an unknown validator id' {
        Get-GwRequestValidator -RestApiId $api.RestApiId -RequestValidatorId nosuch -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwRequestValidatorCommand'
    }

    It 'writes NotFoundException for an API that does not exist' {
        Get-GwRequestValidator -RestApiId 'nosuchapi0' -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwRequestValidatorCommand'
    }
}

Describe 'Remove-GwRequestValidator' {
    It 'removes validators piped from Get-GwRequestValidator' {
        $api = New-TestApi
        'old-body', 'old-params', 'current' | ForEach-Object { $api | New-GwRequestValidator -Name $_ } | Out-Null
        $api | Get-GwRequestValidator -Name 'old-*' | Remove-GwRequestValidator

        ($api | Get-GwRequestValidator).Name | Should -Be @('current')
    }

    It 'names the validator by name and id with -WhatIf and sends nothing' {
        $validator = New-TestApi | New-GwRequestValidator -Name body-only -ValidateRequestBody
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $validator | Remove-GwRequestValidator -WhatIf }

        $text | Should -BeLike "*DeleteRequestValidator DELETE /restapis/$($validator.RestApiId)/requestvalidators/$($validator.RequestValidatorId)*request validator body-only ($($validator.RequestValidatorId)) in REST API $($validator.RestApiId)*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        Get-GwRequestValidator -RestApiId $validator.RestApiId -RequestValidatorId $validator.RequestValidatorId | Should -Not -BeNullOrEmpty
    }

    It 'writes NotFoundException for an unknown validator id and goes on with the next' {
        $validator = New-TestApi | New-GwRequestValidator -Name body-only
        $items = @(
            [pscustomobject]@{ RestApiId = $validator.RestApiId; RequestValidatorId = 'nosuch' }
            $validator
        )
        $items | Remove-GwRequestValidator -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwRequestValidatorCommand'
        Get-GwRequestValidator -RestApiId $validator.RestApiId | Should -BeNullOrEmpty
    }

    It 'writes NotFoundException for an API that does not exist' {
        Remove-GwRequestValidator -RestApiId 'nosuchapi0' -RequestValidatorId 'abc123' -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwRequestValidatorCommand'
    }
}

Describe 'Request validation at a deployed stage' {
    BeforeAll {
        function Invoke-Pets([string] $Query = '?limit=5', [string] $Body = '{"name":"Rex"}', [hashtable] $Headers = @{}) {
            $response = Invoke-WebRequest -Method Post -Uri "$($script:stage.InvokeUrl)/pets$Query" -Body $Body -ContentType 'application/json' -Headers $Headers -SkipHttpErrorCheck
            [pscustomobject]@{ Status = [int]$response.StatusCode; Body = [string]$response.Content; ErrorType = "$($response.Headers['x-amzn-ErrorType'])" }
        }
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema @{ type = 'object'; required = @('name'); properties = @{ name = @{ type = 'string' }; age = @{ type = 'integer'; minimum = 0 } } } | Out-Null
        $api | New-GwRequestValidator -Name all -ValidateRequestBody -ValidateRequestParameters | Out-Null
        $api | Add-GwResource -Path /pets |
            Add-GwMethod POST -RequestValidator all -RequestModel @{ 'application/json' = 'Pet' } -RequestParameter @{ 'method.request.querystring.limit' = $true; 'method.request.header.x-tenant' = $true } |
            Set-GwMockIntegration | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
    }

    It 'lets a request with its parameters and a matching body through to the integration' {
        (Invoke-Pets -Headers @{ 'x-tenant' = 't1' }).Status | Should -Be 200
    }

    It 'answers 400 naming the missing parameters' {
        $answer = Invoke-Pets -Query ''

        $answer.Status | Should -Be 400
        $answer.ErrorType | Should -BeExactly 'BadRequestException'
        $answer.Body | Should -BeIn @('{"message": "Missing required request parameters: [limit, x-tenant]"}', '{"message": "Missing required request parameters: [x-tenant, limit]"}')
    }

    It 'answers 400 Invalid request body for a body that does not match the model' {
        foreach ($body in '{"age":2}', '{"name":"Rex","age":-1}', '{"name":') {
            $answer = Invoke-Pets -Body $body -Headers @{ 'x-tenant' = 't1' }
            $answer.Status | Should -Be 400
            $answer.Body | Should -BeExactly '{"message": "Invalid request body"}'
            $answer.ErrorType | Should -BeExactly 'BadRequestException'
        }
    }

    It 'says in the request log which schema rule failed' {
        $answer = Invoke-Pets -Body '{"name":"Rex","age":-1}' -Headers @{ 'x-tenant' = 't1' }
        Wait-RequestLog
        $entry = @((Get-GwLocalGateway).RecentRequests | Where-Object { $_.Path -like "*/pets" -and $_.StatusCode -eq 400 })[-1]

        $answer.Status | Should -Be 400
        $entry.Error | Should -BeLike 'Request body does not match model schema for content type application/json: *numeric instance is lower than the required minimum (minimum: 0, found: -1) at /age*'
    }

    It 'tells callers why through a BAD_REQUEST_BODY gateway response that lists validationErrorString' {
        $api = Get-GwRestApi -RestApiId $script:stage.RestApiId
        $api | Set-GwGatewayResponse BAD_REQUEST_BODY -Template @{ 'application/json' = '{"message": "$context.error.validationErrorString"}' } | Out-Null
        $api | Publish-GwDeployment -StageName prod | Out-Null

        $answer = Invoke-Pets -Body '{"age":"two"}' -Headers @{ 'x-tenant' = 't1' }

        $answer.Status | Should -Be 400
        $answer.Body | Should -BeExactly '{"message": "[object has missing required properties (["name"])]"}'
    }
}
