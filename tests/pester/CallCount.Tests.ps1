BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1

    # 20 routes shaped like the build-scaling bench's: nested paths with parameters, GET and POST, HTTP (plain and
    # proxy), MOCK and Lambda proxy integrations.
    $script:Routes = foreach ($i in 0..19) {
        $path = switch ($i % 4) {
            0 { "/svc$($i % 3)/items$i" }
            1 { "/svc$($i % 3)/items$i/{id}" }
            2 { "/svc$($i % 3)/group$($i % 2)/leaf$i/{name}" }
            3 { "/svc$($i % 3)/group$($i % 2)/leaf$i/{name}/detail" }
        }
        [pscustomobject]@{ Path = $path; HttpMethod = @('GET', 'POST')[$i % 2]; Kind = @('HTTP', 'MOCK', 'HTTP_PROXY', 'Lambda', 'HTTP')[$i % 5] }
    }

    # The script under test: one pipeline per route, as runbooks write it.
    function Invoke-RouteBuild([string] $Name) {
        $api = New-GwRestApi -Name $Name -UseExisting
        foreach ($route in $script:Routes) {
            $method = $api | Add-GwResource -Path $route.Path | Add-GwMethod -HttpMethod $route.HttpMethod
            $uri = "http://example.com$($route.Path -replace '[{}]', '')"
            switch ($route.Kind) {
                'HTTP' { $method | Set-GwHttpIntegration -Uri $uri | Out-Null }
                'HTTP_PROXY' { $method | Set-GwHttpIntegration -Uri $uri -Proxy | Out-Null }
                'MOCK' { $method | Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null }
                'Lambda' { $method | Set-GwLambdaIntegration -FunctionName callcount-fn | Out-Null }
            }
        }
        $api
    }

    # What a one-call-per-item loop (boto3's) needs for these routes: a CreateResource per path segment, a
    # PutMethod and a PutIntegration per route, for the non-proxy types the 200 method and integration responses
    # without which API Gateway answers nothing, and for Lambda the permission that lets API Gateway invoke it.
    function Get-LoopCallCount {
        $paths = [System.Collections.Generic.HashSet[string]]::new()
        foreach ($route in $script:Routes) {
            $segments = $route.Path.Trim('/') -split '/'
            foreach ($n in 1..$segments.Count) { [void] $paths.Add('/' + ($segments[0..($n - 1)] -join '/')) }
        }
        $paths.Count + 2 * $script:Routes.Count + 2 * (Get-NonProxyCount) + @($script:Routes | Where-Object Kind -eq 'Lambda').Count
    }

    function Get-NonProxyCount {
        @($script:Routes | Where-Object Kind -in 'HTTP', 'MOCK').Count
    }

    function Register-Function {
        Register-GwLocalFunction -FunctionName callcount-fn -ScriptBlock { param($event) @{ statusCode = 200; body = 'ok' } } | Out-Null
    }

    $script:StatePath = Join-Path ([IO.Path]::GetTempPath()) "callcount-$PID.json"
    Remove-Item $script:StatePath -ErrorAction SilentlyContinue
    # A gateway an earlier file left running would be kept by Start-GwLocalGateway, without this state file.
    Stop-GwLocalGateway
    Start-GwLocalGateway -StatePath $script:StatePath -WarningAction SilentlyContinue | Out-Null
    Register-Function
}

AfterAll {
    Stop-GwLocalGateway
    Remove-Item $script:StatePath -ErrorAction SilentlyContinue
}

Describe 'Calls a pipeline build makes' {
    It 'a fresh 20-route build makes no more calls than a per-call loop, plus a few per API' {
        $marker = Get-LastRequestId
        $script:Api = Invoke-RouteBuild callcount-api
        $calls = @(Get-RequestSince $marker)

        # Per API: GetRestApis (the name is free), CreateRestApi, one GetResources listing; per function: GetFunction
        # and GetPolicy.
        $calls.Count | Should -BeLessOrEqual ((Get-LoopCallCount) + 5)
        @($calls | Where-Object Operation -in 'GetFunction', 'GetPolicy').Count | Should -Be 2
        @($calls | Where-Object Operation -in 'GetResource', 'GetMethod', 'GetIntegration').Count | Should -Be 0
        @($calls | Where-Object Operation -eq 'GetResources').Count | Should -Be 1
        @($calls | Where-Object { $_.Operation -in 'PutMethodResponse', 'PutIntegrationResponse' }).Count |
            Should -Be (2 * (Get-NonProxyCount))
    }

    It 'a re-run in the same script sends nothing' {
        $marker = Get-LastRequestId
        Invoke-RouteBuild callcount-api | Out-Null
        $calls = @(Get-RequestSince $marker)

        @($calls | Where-Object Method -ne 'GET').Count | Should -Be 0
        $calls.Count | Should -BeLessOrEqual 2
    }

    It 'a re-run in a new session (the gateway restarted from its state file) reads a constant number of times and writes nothing' {
        Stop-GwLocalGateway
        Start-GwLocalGateway -StatePath $script:StatePath -WarningAction SilentlyContinue | Out-Null
        Register-Function
        $marker = Get-LastRequestId
        $api = Invoke-RouteBuild callcount-api
        $calls = @(Get-RequestSince $marker)

        $api.RestApiId | Should -Be $script:Api.RestApiId
        @($calls | Where-Object Method -ne 'GET').Count | Should -Be 0
        # GetRestApis (by name), one GetResources listing, the function and its policy: not one read per route.
        $calls.Count | Should -BeLessOrEqual 5
        @($calls | Where-Object Operation -eq 'GetResources').Count | Should -Be 1
    }

    It 'an integration changed since the last run is put again, with its responses' {
        $route = $script:Routes | Where-Object Kind -eq 'HTTP' | Select-Object -First 1
        $resource = Get-GwResource -RestApiId $script:Api.RestApiId | Where-Object Path -eq $route.Path
        $resource | Set-GwHttpIntegration -HttpMethod $route.HttpMethod -Uri 'http://example.org/elsewhere' | Out-Null
        $marker = Get-LastRequestId
        Invoke-RouteBuild callcount-api | Out-Null

        @(Get-SentOperation $marker | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be @('PutIntegration', 'PutMethodResponse', 'PutIntegrationResponse')
        (Get-GwResource -RestApiId $script:Api.RestApiId | Where-Object Path -eq $route.Path).ResourceMethods[$route.HttpMethod].Integration.Uri |
            Should -Be "http://example.com$($route.Path -replace '[{}]', '')"
    }
}

Describe 'A change made by another command of the same script' {
    It 'is seen by the next build: an integration removed in between is put again' {
        $route = $script:Routes | Where-Object Kind -eq 'MOCK' | Select-Object -First 1
        Invoke-RouteBuild callcount-api | Out-Null
        $resource = Get-GwResource -RestApiId $script:Api.RestApiId | Where-Object Path -eq $route.Path
        $resource | Remove-GwIntegration -HttpMethod $route.HttpMethod -Confirm:$false
        $marker = Get-LastRequestId
        Invoke-RouteBuild callcount-api | Out-Null

        # An integration put anew is put with all its responses.
        @(Get-SentOperation $marker | ForEach-Object { ($_ -split ' ')[0] }) | Should -Be @('PutIntegration', 'PutMethodResponse', 'PutIntegrationResponse')
        (Get-GwResource -RestApiId $script:Api.RestApiId | Where-Object Path -eq $route.Path).ResourceMethods[$route.HttpMethod].Integration.Type | Should -Be 'MOCK'
    }
}
