BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    $script:endpoint = (Start-TestGateway).EndpointUrl

    # An API with one integrated method, ready to deploy.
    function New-DeployableApi {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwHttpIntegration -Uri http://example.com/pets | Out-Null
        $api
    }
}

Describe 'Publish-GwDeployment' {
    It 'deploys an API piped from Get-GwRestApi and returns the stage''s invoke URL' {
        $api = New-DeployableApi
        $result = Get-GwRestApi -Name $api.Name | Publish-GwDeployment -StageName prod -Description 'first'

        $result.RestApiId | Should -BeExactly $api.RestApiId
        $result.StageName | Should -BeExactly 'prod'
        $result.Description | Should -BeExactly 'first'
        $result.StageCreated | Should -BeTrue
        $result.DeploymentId | Should -Not -BeNullOrEmpty
        $result.InvokeUrl | Should -BeExactly "$endpoint/restapis/$($api.RestApiId)/prod/_user_request_"
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $result.DeploymentId
    }

    It 'points an existing stage at a new deployment' {
        $api = New-DeployableApi
        $first = $api | Publish-GwDeployment -StageName prod
        $second = $api | Publish-GwDeployment -StageName prod

        $second.StageCreated | Should -BeFalse
        $second.DeploymentId | Should -Not -Be $first.DeploymentId
        (Get-GwStage -RestApiId $api.RestApiId -StageName prod).DeploymentId | Should -BeExactly $second.DeploymentId
    }

    It 'sets stage variables' {
        $api = New-DeployableApi
        $api | Publish-GwDeployment -StageName dev -StageVariable @{ backendHost = 'dev.example.com' } | Out-Null
        (Get-GwStage -RestApiId $api.RestApiId -StageName dev).Variables['backendHost'] | Should -BeExactly 'dev.example.com'
    }

    It 'sends nothing with -WhatIf' {
        $api = New-DeployableApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | Publish-GwDeployment -StageName prod -WhatIf }

        $text | Should -BeLike "*CreateDeployment POST /restapis/$($api.RestApiId)/deployments*prod*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        Get-GwDeployment -RestApiId $api.RestApiId | Should -BeNullOrEmpty
        Get-GwStage -RestApiId $api.RestApiId | Should -BeNullOrEmpty
    }

    It 'rejects the stage name <Name> before any request' -ForEach @(
        @{ Name = 'my stage' }
        @{ Name = 'prod!' }
        @{ Name = 'a/b' }
    ) {
        $api = New-DeployableApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | Publish-GwDeployment -StageName $Name }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidStageName,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'rejects a stage variable API Gateway refuses before any request' {
        $api = New-DeployableApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | Publish-GwDeployment -StageName prod -StageVariable @{ 'bad-name' = 'x' } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidStageVariable,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes a non-terminating error for an API without methods and goes on with the next' {
        $empty = New-TestApi
        $ready = New-DeployableApi
        $results = $empty, $ready | Publish-GwDeployment -StageName prod -ErrorAction SilentlyContinue -ErrorVariable errors

        $results.RestApiId | Should -Be @($ready.RestApiId)
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'BadRequestException,ApiGatewayTools.Commands.PublishGwDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
    }
}

Describe 'Get-GwDeployment' {
    BeforeAll {
        $script:api = New-DeployableApi
        $script:first = $api | Publish-GwDeployment -StageName prod -Description one
        Start-Sleep -Milliseconds 1100 # creation times have whole-second precision
        $script:second = $api | Publish-GwDeployment -StageName prod -Description two
    }

    It 'lists the deployments of an API piped in, newest first' {
        ($api | Get-GwDeployment).DeploymentId | Should -Be @($second.DeploymentId, $first.DeploymentId)
    }

    It 'gets the deployment a Publish-GwDeployment result names' {
        $deployment = $first | Get-GwDeployment
        $deployment.DeploymentId | Should -BeExactly $first.DeploymentId
        $deployment.Description | Should -BeExactly 'one'
    }

    It 'writes a non-terminating NotFoundException for an unknown deployment' {
        $result = Get-GwDeployment -RestApiId $api.RestApiId -DeploymentId nosuchdep -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Get-GwStage' {
    BeforeAll {
        $script:api = New-DeployableApi
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $api | Publish-GwDeployment -StageName dev | Out-Null
    }

    It 'lists the stages of an API piped in, sorted by name' {
        $stages = $api | Get-GwStage
        $stages.StageName | Should -Be @('dev', 'prod')
        ($stages | Where-Object StageName -EQ prod).InvokeUrl | Should -BeExactly "$endpoint/restapis/$($api.RestApiId)/prod/_user_request_"
    }

    It 'gets one stage by name bound from a Publish-GwDeployment result' {
        $result = $api | Publish-GwDeployment -StageName test
        $stage = $result | Get-GwStage
        $stage.StageName | Should -BeExactly 'test'
        $stage.DeploymentId | Should -BeExactly $result.DeploymentId
    }

    It 'writes one non-terminating NotFoundException for an unknown API and still returns the real one''s stages' {
        $stages = 'nosuchapi1', $api.RestApiId | ForEach-Object { [pscustomobject]@{ RestApiId = $_ } } |
            Get-GwStage -ErrorAction SilentlyContinue -ErrorVariable errors

        $stages.RestApiId | Select-Object -Unique | Should -Be @($api.RestApiId)
        $stages.StageName | Should -Contain 'prod'
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwStageCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errors[0].TargetObject | Should -BeExactly 'nosuchapi1'
    }

    It 'reports the failed item with -ErrorAction Continue and goes on' {
        $stages = 'nosuchapi1', $api.RestApiId | ForEach-Object { [pscustomobject]@{ RestApiId = $_ } } |
            Get-GwStage -ErrorAction Continue 2>&1
        $errorRecords = @($stages | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errorRecords.Count | Should -Be 1
        @($stages | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }).StageName | Should -Contain 'prod'
    }

    It 'turns the failure into a terminating error with -ErrorAction Stop' {
        $e = Get-TerminatingError {
            'nosuchapi1', $api.RestApiId | ForEach-Object { [pscustomobject]@{ RestApiId = $_ } } | Get-GwStage -ErrorAction Stop
        }
        $e.FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwStageCommand'
    }

    It 'silences the failure with -ErrorAction SilentlyContinue' {
        $output = 'nosuchapi1', $api.RestApiId | ForEach-Object { [pscustomobject]@{ RestApiId = $_ } } |
            Get-GwStage -ErrorAction SilentlyContinue 2>&1
        @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -Be 0
        $output.StageName | Should -Contain 'prod'
    }

    It 'writes a non-terminating NotFoundException for an unknown stage' {
        $result = Get-GwStage -RestApiId $api.RestApiId -StageName nosuchstage -ErrorAction SilentlyContinue -ErrorVariable errors
        $result | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.GetGwStageCommand'
    }
}
