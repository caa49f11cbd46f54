BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'New-GwRestApi' {
    It 'creates an API with the given settings and a root resource' {
        $name = New-TestName
        $api = New-GwRestApi -Name $name -Description 'a demo' -EndpointType EDGE -Tag @{ team = 'pets' }

        $api.Name | Should -BeExactly $name
        $api.Description | Should -BeExactly 'a demo'
        $api.EndpointType | Should -BeExactly 'EDGE'
        $api.Tags['team'] | Should -BeExactly 'pets'
        $api.RestApiId | Should -Not -BeNullOrEmpty
        $api.RootResourceId | Should -Not -BeNullOrEmpty
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/')
    }

    It 'defaults to a REGIONAL endpoint' {
        (New-TestApi).EndpointType | Should -BeExactly 'REGIONAL'
    }

    It 'binds Name and Description from the pipeline by property name' {
        $name = New-TestName
        $api = [pscustomobject]@{ Name = $name; Description = 'from the pipeline' } | New-GwRestApi
        $api.Name | Should -BeExactly $name
        $api.Description | Should -BeExactly 'from the pipeline'
    }

    It 'refuses an existing name with a non-terminating RestApiNameExists and creates nothing' {
        $name = New-TestName
        $first = New-GwRestApi -Name $name
        $second = New-GwRestApi -Name $name -ErrorAction SilentlyContinue -ErrorVariable errors

        $second | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiNameExists,ApiGatewayTools.Commands.NewGwRestApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $errors[0].Exception.Message | Should -BeLike "*$($first.RestApiId)*"
        @(Get-GwRestApi -Name $name).Count | Should -Be 1
    }

    It 'goes on with the next piped name after a name that exists' {
        $taken = (New-TestApi).Name
        $fresh = New-TestName
        $created = $taken, $fresh | ForEach-Object { [pscustomobject]@{ Name = $_ } } |
            New-GwRestApi -ErrorAction SilentlyContinue -ErrorVariable errors
        $created.Name | Should -Be @($fresh)
        $errors.Count | Should -Be 1
    }

    It 'creates a second API with the same name when -AllowDuplicateName is given' {
        $name = New-TestName
        $first = New-GwRestApi -Name $name
        $second = New-GwRestApi -Name $name -AllowDuplicateName

        $second.RestApiId | Should -Not -Be $first.RestApiId
        @(Get-GwRestApi -Name $name).Count | Should -Be 2
    }

    It 'sends nothing with -WhatIf and says what it would send' {
        $name = New-TestName
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { New-GwRestApi -Name $name -WhatIf }

        $text | Should -BeLike "*CreateRestApi POST /restapis*$name*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        Get-GwRestApi -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'rejects an unknown endpoint type before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { New-GwRestApi -Name (New-TestName) -EndpointType SIDEWAYS }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ParameterArgumentValidationError,ApiGatewayTools.Commands.NewGwRestApiCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects a tag without a value before any request' {
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { New-GwRestApi -Name (New-TestName) -Tag @{ team = $null } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidHashtable,ApiGatewayTools.Commands.NewGwRestApiCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwRestApi' {
    It 'finds an API by exact name' {
        $api = New-TestApi
        $found = Get-GwRestApi -Name $api.Name
        $found.RestApiId | Should -BeExactly $api.RestApiId
        $found.Name | Should -BeExactly $api.Name
    }

    It 'matches wildcards, sorted by name' {
        $prefix = New-TestName 'wild'
        $b = New-GwRestApi -Name "$prefix-b"
        $a = New-GwRestApi -Name "$prefix-a"
        (Get-GwRestApi -Name "$prefix-*").RestApiId | Should -Be @($a.RestApiId, $b.RestApiId)
    }

    It 'lists every API when no name is given' {
        $api = New-TestApi
        (Get-GwRestApi).RestApiId | Should -Contain $api.RestApiId
    }

    It 'gets an API by id bound from the pipeline' {
        $api = New-TestApi
        $found = $api | Get-GwRestApi
        $found.RestApiId | Should -BeExactly $api.RestApiId
        $found.Name | Should -BeExactly $api.Name
    }

    It 'writes a non-terminating RestApiNotFound for a name that matches nothing' {
        $name = New-TestName 'missing'
        $result = Get-GwRestApi -Name $name -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiNotFound,ApiGatewayTools.Commands.GetGwRestApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -BeExactly $name
    }

    It 'writes no error when a wildcard matches nothing' {
        $result = Get-GwRestApi -Name "$(New-TestName 'missing')*" -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 0
    }

    It 'writes a non-terminating NotFoundException for an unknown id and goes on with the next' {
        $api = New-TestApi
        $found = 'nosuchapi1', $api.RestApiId | ForEach-Object { [pscustomobject]@{ RestApiId = $_ } } |
            Get-GwRestApi -ErrorAction SilentlyContinue -ErrorVariable errors
        $found.RestApiId | Should -Be @($api.RestApiId)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwRestApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -BeExactly 'nosuchapi1'
    }
}

Describe 'Remove-GwRestApi' {
    It 'removes an API piped from Get-GwRestApi' {
        $api = New-TestApi
        Get-GwRestApi -Name $api.Name | Remove-GwRestApi -Confirm:$false
        Get-GwRestApi -Name $api.Name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'removes an API by -RestApiId' {
        $api = New-TestApi
        Remove-GwRestApi -RestApiId $api.RestApiId -Confirm:$false
        Get-GwRestApi -RestApiId $api.RestApiId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | Remove-GwRestApi -WhatIf }

        $text | Should -BeLike "*DeleteRestApi DELETE /restapis/$($api.RestApiId)*"
        $text | Should -BeLike "*$($api.Name) ($($api.RestApiId))*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        (Get-GwRestApi -RestApiId $api.RestApiId).Name | Should -BeExactly $api.Name
    }

    It 'writes a non-terminating NotFoundException for an unknown id' {
        Remove-GwRestApi -RestApiId nosuchapi1 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'removes an API by -Name, naming it and its id in -WhatIf' {
        $api = New-TestApi
        $text = Get-WhatIfText { Remove-GwRestApi -Name $api.Name -WhatIf }
        $text | Should -BeLike "*REST API $($api.Name) ($($api.RestApiId))*"

        Remove-GwRestApi -Name $api.Name -Confirm:$false
        Get-GwRestApi -RestApiId $api.RestApiId -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'names the API that goes by its id and name when given only the id' {
        $api = New-TestApi
        $text = Get-WhatIfText { Remove-GwRestApi $api.RestApiId -WhatIf }
        $text | Should -BeLike "*REST API $($api.Name) ($($api.RestApiId))*"
    }

    It 'refuses -RestApiId and -Name together, so the prompt cannot name another API' {
        $api = New-TestApi
        { Remove-GwRestApi -RestApiId $api.RestApiId -Name 'other' -WhatIf } | Should -Throw -ErrorId 'AmbiguousParameterSet,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
    }

    It 'shows -Name in its syntax and no hidden parameter' {
        $syntax = (Get-Command Remove-GwRestApi -Syntax) -join ' '
        $syntax | Should -BeLike '*Remove-GwRestApi -Name <string>*'
        $syntax | Should -BeLike '*Remove-GwRestApi `[-RestApiId`] <string>*'
    }

    It 'answers a name given where the id goes with the API''s id and -Name' {
        $api = New-TestApi
        Remove-GwRestApi $api.Name -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
        "$($errors[0])" | Should -BeLike "'$($api.Name)' is a name, not an id*$($api.RestApiId)*Remove-GwRestApi -Name '$($api.Name)'*Invalid API identifier specified*"
        (Get-GwRestApi -RestApiId $api.RestApiId).Name | Should -BeExactly $api.Name
    }

    It 'refuses -Name when several APIs have it, naming their ids, and removes them when piped' {
        $name = New-TestName
        $first = New-GwRestApi -Name $name
        $second = New-GwRestApi -Name $name -AllowDuplicateName
        Remove-GwRestApi -Name $name -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiNameAmbiguous,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
        "$($errors[0])" | Should -BeLike "*$($first.RestApiId)*$($second.RestApiId)*"
        @(Get-GwRestApi -Name $name).Count | Should -Be 2

        Get-GwRestApi -Name $name | Remove-GwRestApi -Confirm:$false
        Get-GwRestApi -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'writes RestApiNotFound for a -Name no API has' {
        Remove-GwRestApi -Name (New-TestName) -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiNotFound,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'turns the service error into a terminating one with -ErrorAction Stop' {
        $e = Get-TerminatingError { Remove-GwRestApi -RestApiId nosuchapi1 -Confirm:$false -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwRestApiCommand'
    }
}
