// Azure AI Content Safety (optional): a second opinion on message text beside the service's own
// safeguarding detector (bot/safety/content-safety.ts). Deployed only when enableContentSafety is
// true. Entra ID only: local (key) auth is off, so the app calls it with its managed identity,
// which gets Cognitive Services User on this account and nothing else here.
//
// Message text goes to this account, in the council's own subscription and in `location`.
// Content Safety is not offered in every region; UK South has it.

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Account name, also its custom subdomain (<name>.cognitiveservices.azure.com): 2 to 64 lower-case letters, digits or hyphens, globally unique.')
@minLength(2)
@maxLength(64)
param name string

@description('Object id of the App Service\'s system-assigned managed identity.')
param principalId string

// Built-in role id (the same in every tenant): Cognitive Services User, which may call the data plane.
var cognitiveServicesUserRoleId = 'a97b65f3-24c7-4388-baec-2e87135dc908'

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: 'ContentSafety'
  sku: {
    name: 'S0'
  }
  properties: {
    // Entra ID tokens need a custom subdomain; the regional endpoint accepts keys only.
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
    }
  }
}

resource cognitiveServicesUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, principalId, cognitiveServicesUserRoleId)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', cognitiveServicesUserRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

@description('Content Safety account name.')
output name string = account.name

@description('Endpoint, e.g. https://<name>.cognitiveservices.azure.com/ (CONTENT_SAFETY_ENDPOINT).')
output endpoint string = account.properties.endpoint
