# Scripts that converge when run again: get-or-create by name, and the README's tour run twice.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
}

Describe 'New-GwRestApi -UseExisting' {
    It 'creates the API the first time and returns the same one, sending nothing, after that' {
        $name = New-TestName 'use'
        $first = New-GwRestApi -Name $name -UseExisting
        $marker = Get-LastRequestId
        $second = New-GwRestApi -Name $name -UseExisting

        $second.RestApiId | Should -BeExactly $first.RestApiId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        @(Get-GwRestApi -Name $name).Count | Should -Be 1
    }

    It 'updates the description of the existing API to the one stated now' {
        $name = New-TestName 'use'
        $first = New-GwRestApi -Name $name -Description 'first' -UseExisting
        $marker = Get-LastRequestId
        $second = New-GwRestApi -Name $name -Description 'second' -UseExisting

        $second.RestApiId | Should -BeExactly $first.RestApiId
        $second.Description | Should -BeExactly 'second'
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateRestApi')
    }

    It 'shows the update with -WhatIf and sends nothing' {
        $name = New-TestName 'use'
        $first = New-GwRestApi -Name $name -Description 'first'
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { New-GwRestApi -Name $name -Description 'second' -UseExisting -WhatIf }

        $text | Should -BeLike "*UpdateRestApi PATCH /restapis/$($first.RestApiId)*/description*second*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes RestApiNameAmbiguous, naming both APIs, when several carry the name' {
        $name = New-TestName 'use'
        $a = New-GwRestApi -Name $name
        $b = New-GwRestApi -Name $name -AllowDuplicateName
        $marker = Get-LastRequestId
        $result = New-GwRestApi -Name $name -UseExisting -ErrorAction SilentlyContinue -ErrorVariable errors

        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiNameAmbiguous,ApiGatewayTools.Commands.NewGwRestApiCommand'
        $errors[0].Exception.Message | Should -BeLike "*$($a.RestApiId)*$($b.RestApiId)*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes RestApiEndpointTypeDiffers when -EndpointType names another type than the existing API has' {
        $name = New-TestName 'use'
        New-GwRestApi -Name $name -EndpointType EDGE | Out-Null
        $marker = Get-LastRequestId
        New-GwRestApi -Name $name -EndpointType REGIONAL -UseExisting -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'RestApiEndpointTypeDiffers,ApiGatewayTools.Commands.NewGwRestApiCommand'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        # Without -EndpointType the existing API is taken as it is.
        (New-GwRestApi -Name $name -UseExisting).EndpointType | Should -BeExactly 'EDGE'
    }

    It 'cannot be combined with -AllowDuplicateName' {
        { New-GwRestApi -Name (New-TestName) -UseExisting -AllowDuplicateName } | Should -Throw -ErrorId 'AmbiguousParameterSet,ApiGatewayTools.Commands.NewGwRestApiCommand'
    }
}

Describe 'The README''s quick tour' {
    BeforeAll {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $tour = [regex]::Match($readme, '(?s)## A quick tour\s+```powershell\r?\n(.*?)```').Groups[1].Value
        $script:tourScript = [scriptblock]::Create($tour)

        function Get-TourState {
            $api = @(Get-GwRestApi -Name PetStore)
            [pscustomobject]@{
                ApiIds     = $api.RestApiId
                Resources  = (Get-GwResource -RestApiId $api[0].RestApiId | ForEach-Object { "$($_.ResourceId) $($_.Path)" }) -join ';'
                Methods    = (Get-GwMethod -RestApiId $api[0].RestApiId | ForEach-Object { "$($_.HttpMethod) $($_.Path) $($_.Integration.Target)" }) -join ';'
                Statements = @(Get-GwLambdaPermission myFunction).Count
            }
        }
    }

    It 'is found in README.md' {
        $tourScript.ToString() | Should -BeLike '*New-GwRestApi -Name PetStore -UseExisting*'
    }

    It 'builds the same API, resources, methods and one Lambda statement when run twice in one session' {
        & $tourScript *> $null
        $first = Get-TourState
        & $tourScript *> $null
        $second = Get-TourState

        @($first.ApiIds).Count | Should -Be 1
        $first.Resources | Should -BeLike '*/pets/{petId}/toys*'
        $first.Methods | Should -BeLike '*POST /hello AWS_PROXY*'
        $first.Statements | Should -Be 1
        $second.ApiIds | Should -Be $first.ApiIds
        $second.Resources | Should -BeExactly $first.Resources
        $second.Methods | Should -BeExactly $first.Methods
        $second.Statements | Should -Be 1
    }
}
