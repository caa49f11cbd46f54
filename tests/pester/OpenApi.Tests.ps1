# Gateways as documents: export, import, compare, sync, and what is not deployed, against the local gateway.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
    $script:Folder = New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) (New-TestName 'oas'))

    # An API with a mock and an HTTP method, built with the pipeline cmdlets and deployed to prod.
    function New-PipelineApi {
        $api = New-TestApi 'oas'
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration -ResponseBody '[{"id": 1}]' | Out-Null
        $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET | Set-GwHttpIntegration -Uri 'http://example.com/pets/{petId}' | Out-Null
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $api
    }

    # A document with one mock route; $Body is what the mock answers.
    function New-Document([string] $Title, [string] $Body = '[]') {
        $file = Join-Path $script:Folder "$Title.yaml"
        @"
openapi: 3.0.1
info: { title: $Title, version: '1' }
paths:
  /items:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: '$Body' } } }
  /items/{itemId}:
    delete:
      responses: { '204': { description: gone } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 204}' }
        responses: { default: { statusCode: '204' } }
"@ | Set-Content -Path $file
        $file
    }
}

AfterAll {
    Remove-Item $script:Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Round trip' {
    It 'an API built with the pipeline exports, imports into a new API, and compares equal' {
        $api = New-PipelineApi
        $file = Join-Path $script:Folder 'roundtrip.json'

        $written = Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -OutFile $file
        $copy = Import-GwRestApi -Path $file

        $written.FullName | Should -Be $file
        $copy.RestApiId | Should -Not -Be $api.RestApiId
        @(Compare-GwRestApi -ReferenceRestApiId $api.RestApiId -DifferenceRestApiId $copy.RestApiId) | Should -BeNullOrEmpty
        @(Compare-GwRestApi -ReferencePath $file -DifferenceRestApiId $copy.RestApiId) | Should -BeNullOrEmpty
    }

    It 'exports YAML text and Swagger 2, and refuses to overwrite a file without -Force' {
        $api = New-PipelineApi
        $file = Join-Path $script:Folder 'exists.yaml'
        Set-Content -Path $file -Value 'keep'

        (Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -AsYaml) | Should -Match '(?m)^openapi: ?'
        (Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -Format Swagger2 -AsJson) | Should -Match '"swagger"\s*:\s*"2.0"'
        $e = Get-TerminatingError { Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -OutFile $file }
        $e.FullyQualifiedErrorId | Should -BeLike 'ExportFileExists,*'
        Get-Content $file | Should -Be 'keep'
    }
}

Describe 'Documents shaped like real-world ones' {
    # The engine's documents and the local gateway's: console exports, Swagger 2 tools, OpenAPI 3.1 tools, with and without extensions.
    It '<Name> imports, then compares equal live and as deployed, and a sync finds nothing to change' -ForEach @(
        Get-ChildItem "$PSScriptRoot/../ApiGatewayTools.Tests/Engine/OpenApiDocuments", "$PSScriptRoot/../ApiGatewayTools.Tests/LocalGateway/OpenApiDocuments" -File |
            ForEach-Object { @{ Name = $_.Name; Document = $_.FullName } }
    ) {
        $api = Import-GwRestApi -Path $Document -WarningAction SilentlyContinue

        @(Compare-GwRestApi -ReferencePath $Document -DifferenceRestApiId $api.RestApiId -ErrorAction Stop) | Should -BeNullOrEmpty
        (Sync-GwRestApi -Path $Document -RestApiId $api.RestApiId).Strategy | Should -Be 'None'
        if (Select-String -Path $Document -Pattern 'x-amazon-apigateway-integration' -Quiet) {
            $api | Publish-GwDeployment -StageName prod | Out-Null
            @(Compare-GwRestApi -ReferencePath $Document -DifferenceRestApiId $api.RestApiId -DifferenceStageName prod -ErrorAction Stop) | Should -BeNullOrEmpty
        }
    }
}

Describe 'What is not deployed' {
    It 'Compare -StageName and Show-GwRestApi catch a forgotten deployment' {
        $api = New-PipelineApi
        $api | Get-GwResource -Path /pets | Add-GwMethod -HttpMethod POST | Set-GwMockIntegration | Out-Null

        $differences = @(Compare-GwRestApi -RestApiId $api.RestApiId -StageName prod)
        $tree = Show-GwRestApi -RestApiId $api.RestApiId

        $differences.Count | Should -Be 1
        $differences[0].Kind | Should -Be 'Route'
        $differences[0].Change | Should -Be 'Added'
        "$($differences[0].Method) $($differences[0].Path)" | Should -Be 'POST /pets'
        @($tree | Where-Object { $_ -match 'not deployed' }) | Should -HaveCount 1
        ($tree | Where-Object { $_ -match 'not deployed' }) | Should -Match 'POST'

        $api | Publish-GwDeployment -StageName prod | Out-Null
        @(Compare-GwRestApi -RestApiId $api.RestApiId -StageName prod) | Should -BeNullOrEmpty
        @(Show-GwRestApi -RestApiId $api.RestApiId | Where-Object { $_ -match 'not deployed' }) | Should -BeNullOrEmpty
    }
}

Describe 'Sync-GwRestApi' {
    It 'plans a new API with -WhatIf and sends nothing, creates it, then a second run sends no writes' {
        $name = New-TestName 'sync'
        # Not $file: Get-WhatIfText runs the block in its own scope, where $file is its transcript.
        $document = New-Document $name

        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Sync-GwRestApi -Path $document -WhatIf }
        @(Get-SentOperation $marker) | Should -BeNullOrEmpty
        $text | Should -Match 'ImportRestApi POST /restapis'
        $text | Should -Match 'Added Route: GET /items'

        $first = Sync-GwRestApi -Path $document
        $first.Strategy | Should -Be 'Import'
        $first.Name | Should -Be $name

        $marker = Get-LastRequestId
        $second = Sync-GwRestApi -Path $document
        $second.Strategy | Should -Be 'None'
        $second.DifferenceCount | Should -Be 0
        @(Get-SentOperation $marker) | Should -BeNullOrEmpty
    }

    It 'keeps the API under -Name whatever the document calls it, when it creates it and when it replaces it' {
        $name = New-TestName 'sync'
        $document = New-Document "$name-title"
        $binary = Join-Path $script:Folder "$name-binary.yaml"
        (Get-Content -Raw $document) + "x-amazon-apigateway-binary-media-types: ['image/png']`n" | Set-Content $binary

        $created = Sync-GwRestApi -Path $document -Name $name
        $replaced = Sync-GwRestApi -Path $binary -Name $name

        $created.Strategy | Should -Be 'Import'
        $created.Name | Should -Be $name
        $replaced.Strategy | Should -Be 'Overwrite'
        $replaced.RestApiId | Should -Be $created.RestApiId
        $replaced.Name | Should -Be $name
        (Sync-GwRestApi -Path $binary -Name $name).Strategy | Should -Be 'None'
    }

    It 'changes one method with targeted calls, and deploys only when the stage serves something else' {
        $name = New-TestName 'sync'
        Sync-GwRestApi -Path (New-Document $name) | Out-Null
        $changed = New-Document $name -Body '[{"id": 7}]'

        $text = Get-WhatIfText { Sync-GwRestApi -Path $changed -WhatIf }
        $result = Sync-GwRestApi -Path $changed -Deploy -StageName prod

        $text | Should -Match 'Changed IntegrationResponse: GET /items'
        $result.Strategy | Should -Be 'Targeted'
        $result.DeploymentId | Should -Not -BeNullOrEmpty
        (Invoke-RestMethod "$((Get-GwStage -RestApiId $result.RestApiId -StageName prod).InvokeUrl)/items").id | Should -Be 7

        $again = Sync-GwRestApi -Path $changed -Deploy -StageName prod
        $again.Strategy | Should -Be 'None'
        $again.DeploymentId | Should -BeNullOrEmpty
    }

    It 'replaces the definition with one PutRestApi when a setting differs' {
        $name = New-TestName 'sync'
        Sync-GwRestApi -Path (New-Document $name) | Out-Null
        $file = Join-Path $script:Folder "$name-binary.yaml"
        (Get-Content -Raw (New-Document $name)) + "x-amazon-apigateway-binary-media-types: ['image/png']`n" | Set-Content $file

        $result = Sync-GwRestApi -Path $file

        $result.Strategy | Should -Be 'Overwrite'
        $result.Calls | Should -Be 1
        $result.RestApi.BinaryMediaTypes | Should -Be @('image/png')
        (Sync-GwRestApi -Path $file).Strategy | Should -Be 'None'
    }
}

Describe 'Models and gateway responses of a live API' {
    It 'are compared with the document, and a sync puts the API back to it' {
        $name = New-TestName 'sync'
        $document = New-Document $name
        $api = Sync-GwRestApi -Path $document
        $api | New-GwModel -Name Pet -Schema @{ type = 'object' } | Out-Null
        $api | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -Header @{ 'Access-Control-Allow-Origin' = '*' } | Out-Null

        $differences = @(Compare-GwRestApi -ReferencePath $document -DifferenceRestApiId $api.RestApiId)
        $result = Sync-GwRestApi -Path $document

        @($differences.Property | Sort-Object) | Should -Be @('GatewayResponse[DEFAULT_4XX]', 'Model[Pet]')
        $result.Strategy | Should -Be 'Overwrite'
        @(Get-GwModel -RestApiId $api.RestApiId).Name | Should -Not -Contain 'Pet'
        (Sync-GwRestApi -Path $document).Strategy | Should -Be 'None'
    }
}

Describe 'Bad documents are refused before anything is sent' {
    It '<Case>' -ForEach @(
        @{ Case = 'malformed JSON names the line'; Text = "{`n  `"openapi`": `"3.0.1`",`n  `"info`": { `"title`": `"x`" `"version`": `"1`" }`n}"; Match = 'line 3' }
        @{ Case = 'malformed YAML names the line'; Text = "openapi: 3.0.1`ninfo:`n  title: x`n   version: [1`n"; Match = 'line \d' }
        @{ Case = 'an unknown integration type names the JSON pointer'; Text = "openapi: 3.0.1`ninfo: { title: x, version: '1' }`npaths:`n  /a:`n    get:`n      responses: { '200': { description: ok } }`n      x-amazon-apigateway-integration: { type: lambda }`n"; Match = '/paths/~1a/get/x-amazon-apigateway-integration/type' }
        @{ Case = 'a $ref to nothing names the JSON pointer'; Text = "openapi: 3.0.1`ninfo: { title: x, version: '1' }`npaths:`n  /a:`n    get:`n      responses: { '200': { description: ok, content: { application/json: { schema: { `$ref: '#/components/schemas/Nope' } } } } }`n"; Match = '#/components/schemas/Nope' }
    ) {
        $file = Join-Path $script:Folder "$(New-TestName 'bad').txt"
        Set-Content -Path $file -Value $Text
        $marker = Get-LastRequestId

        foreach ($command in { Import-GwRestApi -Path $file }, { Sync-GwRestApi -Path $file -Name x }, { Compare-GwRestApi -ReferencePath $file -DifferencePath $file }) {
            $e = Get-TerminatingError $command
            $e.FullyQualifiedErrorId | Should -BeLike 'InvalidApiDocument,*'
            $e.Exception.Message | Should -Match $Match
        }
        @(Get-RequestSince $marker) | Should -BeNullOrEmpty
    }

    It 'a missing file is ApiDocumentNotFound' {
        $e = Get-TerminatingError { Import-GwRestApi -Path (Join-Path $script:Folder 'none.yaml') }
        $e.FullyQualifiedErrorId | Should -BeLike 'ApiDocumentNotFound,*'
    }
}
