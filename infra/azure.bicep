// Attune's Azure resources, all in the organisation's own subscription and tenant.
// Outputs are named exactly like the settings loadConfig() reads (src/config/config.ts), so provisioning
// output becomes the app's configuration without translation.

@description('Short name used to derive resource names.')
param resourceBaseName string

@description('Location for all resources.')
param location string = resourceGroup().location

@description('Tenant allowed to use Attune (comma-separate several in ALLOWED_TENANTS).')
param allowedTenants string = tenant().tenantId

@description('Client id of the Entra app that the tab SSO tokens are issued for.')
param aadAppClientId string

@description('Book supervision as Teams meetings through Microsoft Graph, as the managed identity. Grant its Graph application permissions first (README: Microsoft Graph permissions).')
param scheduling bool = false

@description('The service time zone: working hours and booking bounds (an IANA name).')
param schedulingTimeZone string = 'Europe/London'

@description('App Service plan SKU. Zone redundancy needs Premium v2 or later (P1v3, say).')
param webAppSku string = 'P0v3'

@description('Instances of the web app. Attune keeps nothing in one process that another needs (storage holds it all), and two are the least for availability; the tests run two.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Spread the instances across availability zones (Premium v2 or later, two or more instances, a region with zones).')
param zoneRedundant bool = false

var storageName = toLower(replace('${resourceBaseName}st', '-', ''))
var vaultName = '${resourceBaseName}-kv'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${resourceBaseName}-id'
  location: location
}

// Records (Tables) and clips (Blobs): TLS only, no public blob access, no shared-key access (managed identity),
// versioning and soft delete so an accident is recoverable; Attune's own per-clip keys sit on top.
resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_ZRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: { blob: { enabled: true }, table: { enabled: true, keyType: 'Account' } }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    isVersioningEnabled: true
    deleteRetentionPolicy: { enabled: true, days: 7 }
    containerDeleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

// The key-encryption key that wraps every clip's data key (RSA-OAEP-256). Purge protection keeps a deleted
// vault recoverable; deleting one clip's wrapped key is what crypto-shreds that clip.
resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: vaultName
  location: location
  properties: {
    tenantId: tenant().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
    softDeleteRetentionInDays: 90
  }
}

resource kek 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {
  parent: vault
  name: 'clip-kek'
  properties: {
    kty: 'RSA'
    keySize: 3072
    keyOps: [ 'wrapKey', 'unwrapKey' ]
    rotationPolicy: {
      lifetimeActions: [ { action: { type: 'rotate' }, trigger: { timeAfterCreate: 'P1Y' } } ]
    }
  }
}

var storageTableDataContributor = '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
var storageBlobDataContributor = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
var keyVaultCryptoUser = '12338af0-0e69-4776-bea7-57ae8d297424'

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageTableDataContributor)
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageTableDataContributor) }
}

resource blobRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, identity.id, storageBlobDataContributor)
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', storageBlobDataContributor) }
}

resource keyRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: vault
  name: guid(vault.id, identity.id, keyVaultCryptoUser)
  properties: { principalId: identity.properties.principalId, principalType: 'ServicePrincipal', roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultCryptoUser) }
}

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${resourceBaseName}-plan'
  location: location
  kind: 'linux'
  sku: { name: webAppSku, capacity: instanceCount }
  properties: { reserved: true, zoneRedundant: zoneRedundant }
}

resource logs 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${resourceBaseName}-logs'
  location: location
  properties: { retentionInDays: 90, sku: { name: 'PerGB2018' } }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${resourceBaseName}-ai'
  location: location
  kind: 'web'
  properties: { Application_Type: 'web', WorkspaceResourceId: logs.id }
}

resource web 'Microsoft.Web/sites@2023-12-01' = {
  name: '${resourceBaseName}-web'
  location: location
  kind: 'app,linux'
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${identity.id}': {} } }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // No sticky sessions: any instance can answer any request (uploads, playback and sign-in state are in storage).
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      alwaysOn: true
      ftpsState: 'Disabled'
      minTlsVersion: '1.2'
      http20Enabled: true
      // App Service takes an instance out of the load balancer while this fails (and replaces it after an hour):
      // readiness, not liveness, so an instance that cannot reach storage or its key stops getting requests.
      healthCheckPath: '/readyz'
      appCommandLine: 'node --enable-source-maps --disable-warning=DEP0111 dist/attune.mjs'
      appSettings: [
        { name: 'NODE_ENV', value: 'production' }
        { name: 'PORT', value: '8080' }
        { name: 'PUBLIC_URL', value: 'https://${resourceBaseName}-web.azurewebsites.net' }
        { name: 'STORAGE_ACCOUNT_NAME', value: storage.name }
        { name: 'BOT_ID', value: identity.properties.clientId }
        { name: 'BOT_TYPE', value: 'UserAssignedMSI' }
        { name: 'BOT_TENANT_ID', value: identity.properties.tenantId }
        { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
        { name: 'AAD_APP_CLIENT_ID', value: aadAppClientId }
        { name: 'ALLOWED_TENANTS', value: allowedTenants }
        { name: 'KEY_VAULT_KEY_ID', value: kek.properties.keyUri }
        { name: 'SCHEDULING', value: scheduling ? 'true' : 'false' }
        { name: 'GRAPH_TENANT_ID', value: tenant().tenantId }
        { name: 'GRAPH_CREDENTIAL', value: 'managed-identity' }
        { name: 'GRAPH_MANAGED_IDENTITY_CLIENT_ID', value: identity.properties.clientId }
        { name: 'SCHEDULING_TIME_ZONE', value: schedulingTimeZone }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
      ]
    }
  }
}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: '${resourceBaseName}-bot'
  location: 'global'
  kind: 'azurebot'
  sku: { name: 'S1' }
  properties: {
    displayName: 'Attune'
    endpoint: 'https://${web.properties.defaultHostName}/api/messages'
    msaAppId: identity.properties.clientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identity.id
    msaAppTenantId: identity.properties.tenantId
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: { channelName: 'MsTeamsChannel' }
}

// Named like the settings Attune reads.
output PUBLIC_URL string = 'https://${web.properties.defaultHostName}'
output STORAGE_ACCOUNT_NAME string = storage.name
output BOT_ID string = identity.properties.clientId
output BOT_TYPE string = 'UserAssignedMSI'
output BOT_TENANT_ID string = identity.properties.tenantId
output AAD_APP_CLIENT_ID string = aadAppClientId
output ALLOWED_TENANTS string = allowedTenants
output KEY_VAULT_KEY_ID string = kek.properties.keyUri
output BOT_DOMAIN string = web.properties.defaultHostName
// Placeholders the Teams app manifest and m365agents.yml fill in (not settings of the web app).
output TAB_ENDPOINT string = 'https://${web.properties.defaultHostName}'
output WEB_APP_RESOURCE_ID string = web.id
