BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'Add-GwMethod' {
    It 'adds a method to a resource piped in, with no id typed' {
        $method = New-TestApi | Add-GwResource -Path /mypath | Add-GwMethod -HttpMethod get

        $method.HttpMethod | Should -BeExactly 'GET'
        $method.Path | Should -BeExactly '/mypath'
        $method.AuthorizationType | Should -BeExactly 'NONE'
        $method.ApiKeyRequired | Should -BeFalse
        (Get-GwResource -RestApiId $method.RestApiId -Path /mypath).HttpMethods | Should -Be @('GET')
    }

    It 'addresses the resource by -Path' {
        $api = New-TestApi
        Add-GwResource -RestApiId $api.RestApiId -Path /pets | Out-Null
        $method = Add-GwMethod -RestApiId $api.RestApiId -Path /pets -HttpMethod POST -ApiKeyRequired -OperationName CreatePet

        $method.HttpMethod | Should -BeExactly 'POST'
        $method.ApiKeyRequired | Should -BeTrue
        $method.OperationName | Should -BeExactly 'CreatePet'
    }

    It 'declares the path variables of the resource as required request parameters' {
        $api = New-TestApi
        $method = Add-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}' |
            Add-GwMethod -HttpMethod GET -RequestParameter @{ 'method.request.querystring.verbose' = $false }

        $method.RequestParameters['method.request.path.petId'] | Should -BeTrue
        $method.RequestParameters['method.request.querystring.verbose'] | Should -BeFalse
        $method.RequestParameters.Count | Should -Be 2
    }

    It 'returns the existing method when it is added again with the same settings' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $first = $resource | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $again = $resource | Add-GwMethod -HttpMethod GET

        $again.HttpMethod | Should -BeExactly 'GET'
        $again.ResourceId | Should -BeExactly $first.ResourceId
        $again.Path | Should -BeExactly '/pets'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'adds a method once when the same path comes down the pipeline twice' {
        $api = New-TestApi
        $api | Add-GwResource -Path /twice | Out-Null
        $methods = '/twice', '/twice' | ForEach-Object { [pscustomobject]@{ RestApiId = $api.RestApiId; Path = $_ } } |
            Add-GwMethod -HttpMethod GET -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $methods | Should -HaveCount 2
        $methods.ResourceId | Select-Object -Unique | Should -HaveCount 1
        (Get-GwMethod -RestApiId $api.RestApiId).HttpMethod | Should -Be @('GET')
    }

    It 'updates an existing method to the settings asked for now' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Out-Null
        $updated = $resource | Add-GwMethod -HttpMethod GET -ApiKeyRequired

        $updated.ApiKeyRequired | Should -BeTrue
        $updated.Path | Should -BeExactly '/pets'
        (Get-GwMethod -RestApiId $resource.RestApiId -Path /pets -HttpMethod GET).ApiKeyRequired | Should -BeTrue
    }

    It 'sends no update with -WhatIf' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Out-Null
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $resource | Add-GwMethod -HttpMethod GET -ApiKeyRequired -WhatIf }

        $text | Should -BeLike "*UpdateMethod PATCH /restapis/$($resource.RestApiId)/resources/$($resource.ResourceId)/methods/GET*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwMethod -RestApiId $resource.RestApiId -Path /pets -HttpMethod GET).ApiKeyRequired | Should -BeFalse
    }

    It 'sends nothing with -WhatIf' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $resource | Add-GwMethod -HttpMethod DELETE -WhatIf }

        $text | Should -BeLike "*PutMethod PUT /restapis/$($resource.RestApiId)/resources/$($resource.ResourceId)/methods/DELETE*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwResource -RestApiId $resource.RestApiId -Path /pets).HttpMethods | Should -BeNullOrEmpty
    }

    It 'rejects an unknown HTTP method before any request' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $resource | Add-GwMethod -HttpMethod FETCH }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.AddGwMethodCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects CUSTOM authorization without -AuthorizerId before any request' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $resource | Add-GwMethod -HttpMethod GET -AuthorizationType CUSTOM }
        $e.FullyQualifiedErrorId | Should -BeExactly 'AuthorizerIdRequired,ApiGatewayTools.Commands.AddGwMethodCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects a request parameter that is not mapped to a boolean' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $e = Get-TerminatingError { $resource | Add-GwMethod -HttpMethod GET -RequestParameter @{ 'method.request.querystring.page' = 'yes' } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHashtable,ApiGatewayTools.Commands.AddGwMethodCommand'
    }

    It 'needs -Path or -ResourceId' {
        $api = New-TestApi
        $e = Get-TerminatingError { Add-GwMethod -RestApiId $api.RestApiId -HttpMethod GET }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ResourceNotSpecified,ApiGatewayTools.Commands.AddGwMethodCommand'
    }

    It 'writes a non-terminating ResourcePathNotFound for a path that does not exist' {
        $api = New-TestApi
        $result = Add-GwMethod -RestApiId $api.RestApiId -Path /nothing -HttpMethod GET -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ResourcePathNotFound,ApiGatewayTools.Commands.AddGwMethodCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-GwMethod' {
    BeforeAll {
        $script:api = New-TestApi
        $script:pets = Add-GwResource -RestApiId $api.RestApiId -Path /pets
        $pets | Add-GwMethod -HttpMethod GET | Out-Null
        $pets | Add-GwMethod -HttpMethod POST | Out-Null
        Add-GwResource -RestApiId $api.RestApiId -Path /orders | Add-GwMethod -HttpMethod PUT | Out-Null
    }

    It 'lists every method of an API piped in' {
        $methods = $api | Get-GwMethod
        ($methods | ForEach-Object { "$($_.HttpMethod) $($_.Path)" } | Sort-Object) | Should -Be @('GET /pets', 'POST /pets', 'PUT /orders')
    }

    It 'lists the methods of a resource piped in' {
        ($pets | Get-GwMethod).HttpMethod | Sort-Object | Should -Be @('GET', 'POST')
    }

    It 'gets one method by -Path and -HttpMethod' {
        $method = Get-GwMethod -RestApiId $api.RestApiId -Path /orders -HttpMethod put
        $method.HttpMethod | Should -BeExactly 'PUT'
        $method.Path | Should -BeExactly '/orders'
    }

    It 'writes a non-terminating NotFoundException for a method the resource lacks' {
        $result = Get-GwMethod -RestApiId $api.RestApiId -Path /orders -HttpMethod DELETE -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwMethodCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects an unknown HTTP method before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Get-GwMethod -RestApiId $api.RestApiId -Path /orders -HttpMethod FETCH }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.GetGwMethodCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GwMethod' {
    It 'removes a method piped from Get-GwMethod' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Out-Null
        $resource | Add-GwMethod -HttpMethod POST | Out-Null
        Get-GwMethod -RestApiId $resource.RestApiId -Path /pets -HttpMethod GET | Remove-GwMethod -Confirm:$false

        (Get-GwResource -RestApiId $resource.RestApiId -Path /pets).HttpMethods | Should -Be @('POST')
    }

    It 'sends nothing with -WhatIf' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $method | Remove-GwMethod -WhatIf }

        $text | Should -BeLike "*DeleteMethod DELETE /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwResource -RestApiId $method.RestApiId -Path /pets).HttpMethods | Should -Be @('GET')
    }

    It 'rejects an unknown HTTP method before any request' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $resource | Remove-GwMethod -HttpMethod FETCH -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHttpMethod,ApiGatewayTools.Commands.RemoveGwMethodCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating NotFoundException for a method the resource lacks' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Remove-GwMethod -HttpMethod GET -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwMethodCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}
