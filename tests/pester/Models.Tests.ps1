BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
    $script:PetSchema = @{ type = 'object'; required = @('name'); properties = @{ name = @{ type = 'string' }; age = @{ type = 'integer'; minimum = 0 } } }
}

Describe 'New-GwModel' {
    It 'creates a model from a hashtable in an API piped from New-GwRestApi' {
        $api = New-TestApi
        $model = $api | New-GwModel -Name Pet -Schema $PetSchema -Description 'A pet'

        $model.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.RestApiModel'
        $model.RestApiId | Should -BeExactly $api.RestApiId
        $model.Name | Should -BeExactly 'Pet'
        $model.ContentType | Should -BeExactly 'application/json'
        $model.Description | Should -BeExactly 'A pet'
        ($model.Schema | ConvertFrom-Json).required | Should -Be @('name')
        $model.Reference | Should -BeExactly "https://apigateway.amazonaws.com/restapis/$($api.RestApiId)/models/Pet"
    }

    It 'reads the schema from a file' {
        $api = New-TestApi
        $file = Join-Path $TestDrive 'order.json'
        Set-Content $file '{ "type": "object", "properties": { "id": { "type": "string" } } }'

        ($api | New-GwModel -Name Order -Schema $file).Schema | Should -BeLike '*"id"*'
    }

    It 'accepts a reference to another model of the API' {
        $api = New-TestApi
        $pet = $api | New-GwModel -Name Pet -Schema $PetSchema
        $list = $api | New-GwModel -Name PetList -Schema @{ type = 'array'; items = @{ '$ref' = $pet.Reference } }

        $list.Schema | Should -BeLike "*$($pet.Reference)*"
    }

    It 'returns a model that already has the schema, sending nothing, and updates one that does not' {
        $api = New-TestApi
        $first = $api | New-GwModel -Name Pet -Schema $PetSchema
        $marker = Get-LastRequestId
        $again = $api | New-GwModel -Name Pet -Schema ($first.Schema | ConvertFrom-Json | ConvertTo-Json -Depth 5)

        $again.ModelId | Should -BeExactly $first.ModelId
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty

        $updated = $api | New-GwModel -Name Pet -Schema '{"type":"object","properties":{"name":{"type":"string"}}}'
        (Get-ChangingRequestSince $marker).Operation | Should -Be @('UpdateModel')
        $updated.Schema | Should -Not -BeLike '*age*'
    }

    It 'refuses a schema that is not draft 4, saying where, before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | New-GwModel -Name Pet -Schema '{"type":"object","properties":{"name":{"type":"strnig"}}}' }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidModelSchema,ApiGatewayTools.Commands.NewGwModelCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $e.Exception.Message | Should -BeLike '*#/properties.name.type*'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses JSON that is cut short, a reference outside the API and a name that is not alphanumeric' {
        $api = New-TestApi
        $marker = Get-LastRequestId

        (Get-TerminatingError { $api | New-GwModel -Name Pet -Schema '{"type":' }).FullyQualifiedErrorId | Should -BeLike 'InvalidModelSchema,*'
        (Get-TerminatingError { $api | New-GwModel -Name Pet -Schema '{"$ref":"https://example.com/pet.json"}' }).FullyQualifiedErrorId | Should -BeLike 'InvalidModelSchema,*'
        $e = Get-TerminatingError { $api | New-GwModel -Name 'my-pet' -Schema $PetSchema }
        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidModelName,*'
        $e.Exception.Message | Should -BeLike '*-Name mypet*'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses another content type for an existing model, saying how to change it' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $e = Get-TerminatingError { $api | New-GwModel -Name Pet -Schema $PetSchema -ContentType application/xml }

        $e.FullyQualifiedErrorId | Should -BeLike 'ModelContentTypeDiffers,*'
        $e.Exception.Message | Should -BeLike '*Remove-GwModel*'
    }

    It 'sends nothing with -WhatIf and prints the create' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | New-GwModel -Name Pet -Schema $PetSchema -WhatIf }

        $text | Should -BeLike "*CreateModel POST /restapis/$($api.RestApiId)/models*Pet*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwModel' {
    BeforeAll {
        $script:api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $api | New-GwModel -Name PetList -Schema '{"type":"array","items":{"type":"string"}}' | Out-Null
    }

    It 'lists the default models and the API''s own, sorted by name' {
        ($api | Get-GwModel).Name | Should -Be @('Empty', 'Error', 'Pet', 'PetList')
        ($api | Get-GwModel -Name Error).Description | Should -BeExactly 'This is a default error schema model'
    }

    It 'matches -Name with wildcards' {
        ($api | Get-GwModel -Name 'pet*').Name | Should -Be @('Pet', 'PetList')
    }

    It 'writes ModelNotFound for a plain name that matches nothing' {
        $api | Get-GwModel -Name Cat -ErrorAction SilentlyContinue -ErrorVariable errors | Should -BeNullOrEmpty
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'ModelNotFound,ApiGatewayTools.Commands.GetGwModelCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }
}

Describe 'Set-GwModel' {
    It 'changes the schema of a piped model and sends nothing when it already has it' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $updated = $api | Get-GwModel -Name Pet | Set-GwModel -Schema '{"type":"object"}' -Description 'loose'

        $updated.Schema | Should -BeExactly '{"type":"object"}'
        $updated.Description | Should -BeExactly 'loose'
        $marker = Get-LastRequestId
        $api | Get-GwModel -Name Pet | Set-GwModel -Schema '{ "type" : "object" }' | Out-Null
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a bad schema before any request' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        (Get-TerminatingError { Set-GwModel -RestApiId $api.RestApiId -Name Error -Schema '{"type":"object","minLength":-1}' }).FullyQualifiedErrorId |
            Should -BeLike 'InvalidModelSchema,*'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GwModel' {
    It 'removes a model no method uses' {
        $api = New-TestApi
        $api | New-GwModel -Name Draft -Schema '{"type":"object"}' | Out-Null
        $api | Get-GwModel -Name Draft | Remove-GwModel -Confirm:$false

        ($api | Get-GwModel).Name | Should -Be @('Empty', 'Error')
    }

    It 'refuses while a method uses the model, naming it, before sending the delete' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $api | Add-GwResource -Path /pets | Add-GwMethod POST -RequestModel @{ 'application/json' = 'Pet' } | Out-Null
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | Remove-GwModel -Name Pet -Confirm:$false }

        $e.FullyQualifiedErrorId | Should -BeExactly 'ModelInUse,ApiGatewayTools.Commands.RemoveGwModelCommand'
        $e.Exception.Message | Should -BeLike '*POST /pets (request)*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses while a method response uses the model, naming the response, before sending the delete' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Add-GwMethodResponse 200 -ResponseModel @{ 'application/json' = 'Pet' } | Out-Null
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | Remove-GwModel -Name Pet -Confirm:$false }

        $e.FullyQualifiedErrorId | Should -BeExactly 'ModelInUse,ApiGatewayTools.Commands.RemoveGwModelCommand'
        $e.Exception.Message | Should -BeLike '*GET /pets (response 200)*Remove-GwMethodResponse*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'writes NotFoundException for a model that does not exist' {
        $api = New-TestApi
        Remove-GwModel -RestApiId $api.RestApiId -Name Cat -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwModelCommand'
    }
}

Describe 'Add-GwMethod with models and validators' {
    It 'names the validator by name and the body model, and converges on re-run' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $validator = $api | New-GwRequestValidator -Name all -ValidateRequestBody -ValidateRequestParameters
        $method = $api | Add-GwResource -Path /pets |
            Add-GwMethod POST -RequestValidator all -RequestModel @{ 'application/json' = 'Pet' } -RequestParameter @{ 'method.request.querystring.limit' = $true }

        $method.RequestValidatorId | Should -BeExactly $validator.RequestValidatorId
        $method.RequestModels['application/json'] | Should -BeExactly 'Pet'
        $method.RequestParameters['method.request.querystring.limit'] | Should -BeTrue
        $marker = Get-LastRequestId
        $api | Add-GwResource -Path /pets |
            Add-GwMethod POST -RequestValidator $validator.RequestValidatorId -RequestModel @{ 'application/json' = 'Pet' } -RequestParameter @{ 'method.request.querystring.limit' = $true } | Out-Null
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses bad parameter names, bad content types, unknown models and unknown validators before sending' {
        $api = New-TestApi
        $resource = $api | Add-GwResource -Path /pets
        $marker = Get-LastRequestId

        (Get-TerminatingError { $resource | Add-GwMethod POST -RequestParameter @{ 'querystring.limit' = $true } }).FullyQualifiedErrorId | Should -BeLike 'InvalidRequestParameter,*'
        (Get-TerminatingError { $resource | Add-GwMethod POST -RequestModel @{ 'json' = 'Pet' } }).FullyQualifiedErrorId | Should -BeLike 'InvalidRequestModel,*'
        (Get-TerminatingError { $resource | Add-GwMethod POST -RequestModel @{ 'application/json' = 'Cat' } }).FullyQualifiedErrorId | Should -BeLike 'ModelNotFound,*'
        (Get-TerminatingError { $resource | Add-GwMethod POST -RequestValidator nosuch }).FullyQualifiedErrorId | Should -BeLike 'RequestValidatorNotFound,*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Add-GwMethodResponse with models' {
    It 'names a model of the API for the response body' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema $PetSchema | Out-Null
        $response = $api | Add-GwResource -Path /pets | Add-GwMethod GET | Add-GwMethodResponse 200 -ResponseModel @{ 'application/json' = 'Pet' }

        $response.ResponseModels['application/json'] | Should -BeExactly 'Pet'
    }

    It 'refuses a model the API does not have before sending, saying how to make it' {
        $api = New-TestApi
        $method = $api | Add-GwResource -Path /pets | Add-GwMethod GET
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $method | Add-GwMethodResponse 200 -ResponseModel @{ 'application/json' = 'Cat' } }

        $e.FullyQualifiedErrorId | Should -BeExactly 'ModelNotFound,ApiGatewayTools.Commands.AddGwMethodResponseCommand'
        $e.Exception.Message | Should -BeLike "*no model named 'Cat'*New-GwModel*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        $method | Get-GwMethodResponse | Should -BeNullOrEmpty
    }
}
