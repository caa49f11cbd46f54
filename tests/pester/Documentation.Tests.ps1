BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    function New-PetsApi {
        $api = New-TestApi 'docs'
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $api
    }
}

Describe 'Set-GwDocumentationPart' {
    It 'documents the API itself when given no location' {
        $api = New-PetsApi
        $part = $api | Set-GwDocumentationPart -Property @{ info = @{ description = 'Pets for sale' } }

        $part.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.DocumentationPart'
        $part.RestApiId | Should -BeExactly $api.RestApiId
        $part.Type | Should -BeExactly 'API'
        $part.Path | Should -BeNullOrEmpty
        ($part.Properties | ConvertFrom-Json).info.description | Should -BeExactly 'Pets for sale'
    }

    It 'documents a method piped from Get-GwMethod' {
        $api = New-PetsApi
        $part = Get-GwMethod -RestApiId $api.RestApiId -Path /pets -HttpMethod GET | Set-GwDocumentationPart -Property @{ summary = 'List pets' }

        $part.Type | Should -BeExactly 'METHOD'
        $part.Path | Should -BeExactly '/pets'
        $part.HttpMethod | Should -BeExactly 'GET'
        (Get-GwDocumentationPart -RestApiId $api.RestApiId -DocumentationPartId $part.DocumentationPartId).Properties | Should -BeExactly '{"summary":"List pets"}'
    }

    It 'documents a query parameter and a response header, filling the wildcards AWS uses' {
        $api = New-PetsApi
        $query = $api | Set-GwDocumentationPart -Location QUERY_PARAMETER -Path /pets -HttpMethod get -Name limit -Property '{"description":"How many pets"}'
        $header = $api | Set-GwDocumentationPart -Location response_header -Path /pets -StatusCode 200 -Name X-Next -Property @{ description = 'Next page' }

        $query.HttpMethod | Should -BeExactly 'GET'
        $query.Name | Should -BeExactly 'limit'
        $header.Type | Should -BeExactly 'RESPONSE_HEADER'
        $header.HttpMethod | Should -BeExactly '*'
        $header.StatusCode | Should -BeExactly '200'
    }

    It 'sends nothing when the part already says this, whatever the key order' {
        $api = New-PetsApi
        $first = $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property '{"a":1,"b":"two"}'
        $marker = Get-LastRequestId
        $again = $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property '{ "b": "two", "a": 1 }'

        $again.DocumentationPartId | Should -BeExactly $first.DocumentationPartId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'replaces the content of the part at the same location' {
        $api = New-PetsApi
        $first = $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property @{ description = 'old' }
        $marker = Get-LastRequestId
        $updated = $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property @{ description = 'new' }

        $updated.DocumentationPartId | Should -BeExactly $first.DocumentationPartId
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateDocumentationPart')
        @(Get-GwDocumentationPart -RestApiId $api.RestApiId).Count | Should -Be 1
    }

    It 'takes a part piped back from Get-GwDocumentationPart, whose unused fields are empty' {
        $api = New-PetsApi
        $first = $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property @{ description = 'old' }
        $updated = Get-GwDocumentationPart -RestApiId $api.RestApiId -Location RESOURCE | Set-GwDocumentationPart -Location RESOURCE -Property @{ description = 'new' }

        $updated.DocumentationPartId | Should -BeExactly $first.DocumentationPartId
        $updated.Properties | Should -BeExactly '{"description":"new"}'
    }

    It 'refuses <Case> before anything is sent' -ForEach @(
        @{ Case = 'a location type AWS lacks'; Arguments = @{ Location = 'STAGE' }; ErrorId = 'InvalidDocumentationLocation'; Message = '*use one of API, AUTHORIZER, MODEL*' }
        @{ Case = 'a field the type does not take'; Arguments = @{ Location = 'RESOURCE'; Path = '/pets'; HttpMethod = 'GET' }; ErrorId = 'DocumentationFieldNotTaken'; Message = '*-HttpMethod does not apply to a RESOURCE location*' }
        @{ Case = 'a parameter without its name'; Arguments = @{ Location = 'QUERY_PARAMETER'; Path = '/pets'; HttpMethod = 'GET' }; ErrorId = 'DocumentationNameRequired'; Message = '*needs -Name*' }
        @{ Case = 'a status code out of range'; Arguments = @{ Location = 'RESPONSE'; Path = '/pets'; StatusCode = '600' }; ErrorId = 'InvalidDocumentationStatusCode'; Message = '*100 to 599*' }
        @{ Case = 'content that is not a JSON object'; Arguments = @{ Property = '[1, 2]' }; ErrorId = 'InvalidDocumentationProperties'; Message = '*JSON object*' }
        @{ Case = 'content that is not JSON'; Arguments = @{ Property = '{summary: nope' }; ErrorId = 'InvalidDocumentationProperties'; Message = '*not valid JSON*' }
    ) {
        $api = New-PetsApi
        $marker = Get-LastRequestId
        $splat = @{ RestApiId = $api.RestApiId; Property = @{ summary = 'x' } }
        foreach ($name in $Arguments.Keys) { $splat[$name] = $Arguments[$name] }
        $e = Get-TerminatingError { Set-GwDocumentationPart @splat }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.SetGwDocumentationPartCommand"
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike $Message
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a path or a method the API does not have, naming what it has, and changes nothing' {
        $api = New-PetsApi
        $marker = Get-LastRequestId
        $noPath = Get-TerminatingError { $api | Set-GwDocumentationPart -Location RESOURCE -Path /cats -Property @{ summary = 'x' } }
        $noMethod = Get-TerminatingError { $api | Set-GwDocumentationPart -Path /pets -HttpMethod POST -Property @{ summary = 'x' } }

        $noPath.FullyQualifiedErrorId | Should -BeExactly 'DocumentationLocationNotFound,ApiGatewayTools.Commands.SetGwDocumentationPartCommand'
        $noPath.Exception.Message | Should -BeLike '*no resource at /cats; its resources are /, /pets.'
        $noMethod.Exception.Message | Should -BeLike '*/pets * has no POST method (its methods: GET)*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'shows the exact request with -WhatIf and sends nothing' {
        $api = New-PetsApi
        $marker = Get-LastRequestId
        $api | Set-GwDocumentationPart -Path /pets -HttpMethod GET -Property @{ summary = 'x' } -WhatIf 6>&1 | Out-Null

        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        @(Get-GwDocumentationPart -RestApiId $api.RestApiId).Count | Should -Be 0
    }
}

Describe 'Get-GwDocumentationPart and Remove-GwDocumentationPart' {
    It 'filters by location type, path, name and status, and removes what is piped' {
        $api = New-PetsApi
        $api | Set-GwDocumentationPart -Property @{ description = 'Pets' } | Out-Null
        $api | Set-GwDocumentationPart -Location RESOURCE -Path /pets -Property @{} | Out-Null
        $api | Set-GwDocumentationPart -Location QUERY_PARAMETER -Path /pets -HttpMethod GET -Name limit -Property @{ description = 'How many' } | Out-Null

        (Get-GwDocumentationPart -RestApiId $api.RestApiId -Location resource).Type | Should -Be @('RESOURCE')
        (Get-GwDocumentationPart -RestApiId $api.RestApiId -Path /pets).Type | Should -Be @('RESOURCE', 'QUERY_PARAMETER')
        (Get-GwDocumentationPart -RestApiId $api.RestApiId -Name lim).Name | Should -Be @('limit')
        (Get-GwDocumentationPart -RestApiId $api.RestApiId -LocationStatus UNDOCUMENTED).Type | Should -Be @('RESOURCE')

        Get-GwDocumentationPart -RestApiId $api.RestApiId -LocationStatus UNDOCUMENTED | Remove-GwDocumentationPart -Confirm:$false
        (Get-GwDocumentationPart -RestApiId $api.RestApiId).Type | Should -Be @('API', 'QUERY_PARAMETER')
    }

    It 'writes NotFoundException for a part that does not exist' {
        $api = New-PetsApi
        Remove-GwDocumentationPart -RestApiId $api.RestApiId -DocumentationPartId nosuch -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwDocumentationPartCommand'
        $errors[0].Exception.Message | Should -BeLike '*Invalid Documentation part identifier specified*'
    }
}

Describe 'Documentation versions' {
    It 'snapshots the parts as a version a stage publishes, and converges on a re-run' {
        $api = New-PetsApi
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $api | Set-GwDocumentationPart -Property @{ description = 'v1' } | Out-Null
        $version = $api | New-GwDocumentationVersion -Version 1.0.0 -Description 'first' -StageName prod

        $version.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.DocumentationVersion'
        $version.Version | Should -BeExactly '1.0.0'
        $version.CreatedDate | Should -Not -BeNullOrEmpty
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DocumentationVersion | Should -BeExactly '1.0.0'

        $marker = Get-LastRequestId
        $again = $api | New-GwDocumentationVersion -Version 1.0.0 -Description 'first' -StageName prod
        $again.Version | Should -BeExactly '1.0.0'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty

        (Get-GwDocumentationVersion -RestApiId $api.RestApiId -Version '1.*').Version | Should -Be @('1.0.0')
        Get-GwDocumentationVersion -RestApiId $api.RestApiId -Version 9.9 -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'DocumentationVersionNotFound,ApiGatewayTools.Commands.GetGwDocumentationVersionCommand'

        Get-GwDocumentationVersion -RestApiId $api.RestApiId | Remove-GwDocumentationVersion -Confirm:$false
        @(Get-GwDocumentationVersion -RestApiId $api.RestApiId).Count | Should -Be 0
    }

    It 'Publish-GwDeployment -DocumentationVersion creates the version when missing and publishes it on the stage' {
        $api = New-PetsApi
        $api | Set-GwDocumentationPart -Property @{ description = 'v2' } | Out-Null
        $marker = Get-LastRequestId
        $result = $api | Publish-GwDeployment -StageName prod -DocumentationVersion 2.0

        $result.DocumentationVersion | Should -BeExactly '2.0'
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('CreateDeployment', 'CreateDocumentationVersion')
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DocumentationVersion | Should -BeExactly '2.0'

        $api | New-GwDocumentationVersion -Version 3.0 | Out-Null
        $marker = Get-LastRequestId
        $next = $api | Publish-GwDeployment -StageName prod -DocumentationVersion 3.0
        $next.DocumentationVersion | Should -BeExactly '3.0'
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('CreateDeployment', 'UpdateStage')
    }
}
