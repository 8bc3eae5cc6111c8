// Azure Bot with a single-tenant app registration, the Teams channel, and a Direct Line site for
// the Local Offer website with enhanced authentication (trusted origins, user ids bound to tokens).
//
// The app registration itself is created outside Bicep (docs/operations.md, step 1): Bicep cannot
// create Entra applications without the preview Microsoft Graph extension.

@description('Azure Bot resource name (globally unique).')
param name string

@description('"global", or a regional location such as "westeurope".')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Pricing tier.')
@allowed([
  'F0'
  'S1'
])
param sku string

@description('HTTPS URL of the bot\'s /api/messages endpoint.')
param messagingEndpoint string

@description('Client id of the single-tenant app registration.')
param microsoftAppId string

@description('Tenant of the app registration.')
param microsoftAppTenantId string

@description('Origins of the sites allowed to use the Direct Line site\'s tokens.')
param trustedOrigins array

@description('Application Insights instrumentation key for Bot Service analytics.')
param appInsightsInstrumentationKey string

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: location
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: 'SEND Assistant'
    description: 'Answers questions about SEND and EHC plans for parents, council staff and SENDIAS advisers.'
    endpoint: messagingEndpoint
    msaAppType: 'SingleTenant'
    msaAppId: microsoftAppId
    msaAppTenantId: microsoftAppTenantId
    developerAppInsightKey: appInsightsInstrumentationKey
    publicNetworkAccess: 'Enabled'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: location
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
      enableCalling: false
      acceptedTerms: true
    }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: location
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Local Offer'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          // Enhanced authentication: tokens carry the user id our token endpoint chose (dl_...)
          // and only work from these origins.
          isSecureSiteEnabled: true
          trustedOrigins: trustedOrigins
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

// Azure Bot creates a Web Chat channel with a "Default Site" whose secret would bypass the
// trusted origins above. We do not use the hosted Web Chat iframe, so remove its sites.
resource webChat 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'WebChatChannel'
  location: location
  properties: {
    channelName: 'WebChatChannel'
    properties: {
      sites: []
    }
  }
}

@description('Azure Bot resource name.')
output name string = bot.name

@description('Direct Line base URL for this bot\'s location (what Web Chat calls `domain`).')
output directLineDomain string = location == 'global' ? 'https://directline.botframework.com/v3/directline' : 'https://europe.directline.botframework.com/v3/directline'
