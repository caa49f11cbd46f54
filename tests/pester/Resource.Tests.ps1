BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'Add-GwResource' {
    It 'creates a resource under the root from an API piped in' {
        $api = New-TestApi
        $resource = $api | Add-GwResource -Path /mypath

        $resource.RestApiId | Should -BeExactly $api.RestApiId
        $resource.Path | Should -BeExactly '/mypath'
        $resource.PathPart | Should -BeExactly 'mypath'
        $resource.ParentId | Should -BeExactly $api.RootResourceId
        (Get-GwResource -RestApiId $api.RestApiId -Path /mypath).ResourceId | Should -BeExactly $resource.ResourceId
    }

    It 'says to quote a path typed with unquoted braces, before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $typed = @(
            'Add-GwResource -RestApiId $api.RestApiId -Path /pets/{id}'
            '$api | Add-GwResource /pets/{id}/toys'
            'Add-GwMethod -RestApiId $api.RestApiId -Path /pets/{id} -HttpMethod GET'
            '$api | Set-GwMockIntegration -Path /pets/{id} -HttpMethod GET'
            '$api | Test-GwMethod -Path /pets/{id} -HttpMethod GET'
        )
        foreach ($line in $typed) {
            $e = Get-TerminatingError { Invoke-Expression $line }
            $e.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
            "$e" | Should -BeLike "*parameter 'Path'*Quote the path: -Path '/pets/{id}*'*"
        }
        $e = Get-TerminatingError { Invoke-Expression 'Add-GwResource -RestApiId $api.RestApiId -Path /pets/{petId}/toys/{toyId}' }
        "$e" | Should -BeLike "*received '/pets/'*Quote the path: -Path '/pets/{petId}/toys/{toyId}'."
        $e = Get-TerminatingError { Add-GwResource -RestApiId $api.RestApiId -Path /pets/{id} }
        "$e" | Should -BeLike "*Quote the path: -Path '/pets/{id}'."
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'says to quote a path part given as a script block' {
        $api = New-TestApi
        $e = Get-TerminatingError { Add-GwResource -RestApiId $api.RestApiId -ParentId $api.RootResourceId -PathPart {petId} }
        "$e" | Should -BeLike "*script block {petId}*Quote the path: -PathPart '{petId}'*"
    }

    It 'creates every missing parent of a deep path' {
        $api = New-TestApi
        $toys = Add-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}/toys'

        $toys.Path | Should -BeExactly '/pets/{petId}/toys'
        $all = Get-GwResource -RestApiId $api.RestApiId
        $all.Path | Should -Be @('/', '/pets', '/pets/{petId}', '/pets/{petId}/toys')
        $toys.ParentId | Should -BeExactly ($all | Where-Object Path -EQ '/pets/{petId}').ResourceId
    }

    It 'takes many paths from the pipeline in one run' {
        $api = New-TestApi
        $created = '/a', '/b/c', '/b/d' | Add-GwResource -RestApiId $api.RestApiId

        $created.Path | Should -Be @('/a', '/b/c', '/b/d')
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/', '/a', '/b', '/b/c', '/b/d')
    }

    It 'binds RestApiId and Path by property name' {
        $api = New-TestApi
        $created = [pscustomobject]@{ RestApiId = $api.RestApiId; Path = '/orders' } | Add-GwResource
        $created.Path | Should -BeExactly '/orders'
        $created.RestApiId | Should -BeExactly $api.RestApiId
    }

    It 'returns the existing resource for a path that exists and creates nothing' {
        $api = New-TestApi
        $first = Add-GwResource -RestApiId $api.RestApiId -Path /pets/dogs
        $marker = Get-LastRequestId
        $again = Add-GwResource -RestApiId $api.RestApiId -Path /pets/dogs/

        $again.ResourceId | Should -BeExactly $first.ResourceId
        $again.Path | Should -BeExactly '/pets/dogs'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        @(Get-GwResource -RestApiId $api.RestApiId).Count | Should -Be 3
    }

    It 'creates a child with -ParentId and -PathPart' {
        $api = New-TestApi
        $pets = Add-GwResource -RestApiId $api.RestApiId -Path /pets
        $pet = Add-GwResource -RestApiId $api.RestApiId -ParentId $pets.ResourceId -PathPart '{petId}'

        $pet.Path | Should -BeExactly '/pets/{petId}'
        $pet.ParentId | Should -BeExactly $pets.ResourceId
        (Add-GwResource -RestApiId $api.RestApiId -ParentId $pets.ResourceId -PathPart '{petId}').ResourceId | Should -BeExactly $pet.ResourceId
    }

    It 'writes a non-terminating ParentResourceNotFound for an unknown -ParentId' {
        $api = New-TestApi
        $result = Add-GwResource -RestApiId $api.RestApiId -ParentId nosuchres -PathPart pets -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ParentResourceNotFound,ApiGatewayTools.Commands.AddGwResourceCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'sends nothing with -WhatIf and lists each resource it would create' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Add-GwResource -RestApiId $api.RestApiId -Path /x/y -WhatIf }

        $text | Should -BeLike "*CreateResource POST /restapis/$($api.RestApiId)/resources/$($api.RootResourceId) {`"pathPart`":`"x`"}*"
        $text | Should -BeLike '*CreateResource POST /restapis/*{"pathPart":"y"}*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/')
    }

    It 'rejects the malformed path <Path> before any request' -ForEach @(
        @{ Path = '//x' }
        @{ Path = 'pets' }
        @{ Path = 'a b' }
        @{ Path = '/a b' }
        @{ Path = '/{id' }
        @{ Path = '/pets/id}' }
        @{ Path = '/{a+}/{b+}' }
        @{ Path = '/x/{p+}/y' }
        @{ Path = '/{}' }
        @{ Path = '/pets?' }
    ) {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Add-GwResource -RestApiId $api.RestApiId -Path $Path }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidResourcePath,ApiGatewayTools.Commands.AddGwResourceCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects a bad -PathPart before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Add-GwResource -RestApiId $api.RestApiId -ParentId $api.RootResourceId -PathPart 'a/b' }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidResourcePath,ApiGatewayTools.Commands.AddGwResourceCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'stops at the first bad path of a piped list, keeping the ones before it' {
        $api = New-TestApi
        $e = Get-TerminatingError { '/good', '//bad', '/never' | Add-GwResource -RestApiId $api.RestApiId }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidResourcePath,ApiGatewayTools.Commands.AddGwResourceCommand'
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/', '/good')
    }

    It 'writes a non-terminating NotFoundException for an unknown API' {
        $result = Add-GwResource -RestApiId nosuchapi1 -Path /pets -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.AddGwResourceCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-GwResource' {
    BeforeAll {
        $script:api = New-TestApi
        $script:pet = Add-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}'
        Add-GwResource -RestApiId $api.RestApiId -Path /orders | Out-Null
    }

    It 'lists every resource of an API piped in, sorted by path' {
        ($api | Get-GwResource).Path | Should -Be @('/', '/orders', '/pets', '/pets/{petId}')
    }

    It 'finds a resource by exact path' {
        $found = Get-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}'
        $found.ResourceId | Should -BeExactly $pet.ResourceId
    }

    It 'filters by a wildcard path' {
        (Get-GwResource -RestApiId $api.RestApiId -Path '/pets*').Path | Should -Be @('/pets', '/pets/{petId}')
    }

    It 'gets a resource by id bound from the pipeline' {
        $found = $pet | Get-GwResource
        $found.Path | Should -BeExactly '/pets/{petId}'
        $found.ResourceId | Should -BeExactly $pet.ResourceId
    }

    It 'writes a non-terminating ResourcePathNotFound for a path that does not exist' {
        $result = Get-GwResource -RestApiId $api.RestApiId -Path /nothing -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ResourcePathNotFound,ApiGatewayTools.Commands.GetGwResourceCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'writes a non-terminating NotFoundException for an unknown resource id' {
        $result = Get-GwResource -RestApiId $api.RestApiId -ResourceId nosuchres -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwResourceCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects a malformed path before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Get-GwResource -RestApiId $api.RestApiId -Path '//pets' }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidResourcePath,ApiGatewayTools.Commands.GetGwResourceCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GwResource' {
    It 'removes a resource piped from Get-GwResource, with everything below it' {
        $api = New-TestApi
        '/pets/{petId}/toys', '/orders' | Add-GwResource -RestApiId $api.RestApiId | Out-Null
        Get-GwResource -RestApiId $api.RestApiId -Path /pets | Remove-GwResource -Confirm:$false

        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/', '/orders')
    }

    It 'removes a resource by -Path' {
        $api = New-TestApi
        Add-GwResource -RestApiId $api.RestApiId -Path /gone | Out-Null
        Remove-GwResource -RestApiId $api.RestApiId -Path /gone -Confirm:$false
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/')
    }

    It 'sends nothing with -WhatIf and says how much would go' {
        $api = New-TestApi
        $pets = Add-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}' | ForEach-Object { Get-GwResource -RestApiId $api.RestApiId -Path /pets }
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $pets | Remove-GwResource -WhatIf }

        $text | Should -BeLike "*DeleteResource DELETE /restapis/$($api.RestApiId)/resources/$($pets.ResourceId)*"
        $text | Should -BeLike '*/pets and the 1 resource(s) below it*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/', '/pets', '/pets/{petId}')
    }

    It 'refuses to remove the root resource' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Remove-GwResource -RestApiId $api.RestApiId -Path / -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeExactly 'CannotRemoveRootResource,ApiGatewayTools.Commands.RemoveGwResourceCommand'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'needs -Path or -ResourceId' {
        $api = New-TestApi
        $e = Get-TerminatingError { Remove-GwResource -RestApiId $api.RestApiId -Confirm:$false }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ResourceNotSpecified,ApiGatewayTools.Commands.RemoveGwResourceCommand'
    }

    It 'writes a non-terminating ResourcePathNotFound and goes on with the next piped path' {
        $api = New-TestApi
        Add-GwResource -RestApiId $api.RestApiId -Path /real | Out-Null
        '/missing', '/real' | ForEach-Object { [pscustomobject]@{ RestApiId = $api.RestApiId; Path = $_ } } |
            Remove-GwResource -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ResourcePathNotFound,ApiGatewayTools.Commands.RemoveGwResourceCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/')
    }
}
