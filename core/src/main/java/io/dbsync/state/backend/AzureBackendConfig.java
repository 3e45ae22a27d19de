package io.dbsync.state.backend;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Where an Azure Blob state lives and how to authenticate, from a {@code backend "azurerm"} block
 * plus ARM_ACCESS_KEY / ARM_SAS_TOKEN.
 *
 * @param blobEndpoint the account's blob service URL, e.g. https://acct.blob.core.windows.net or,
 *     for Azurite, http://127.0.0.1:10000/acct
 * @param accessKey shared key, or null
 * @param sasToken SAS token without a leading '?', or null (used only without an access key)
 */
public record AzureBackendConfig(String storageAccountName, String containerName, String key,
    URI blobEndpoint, String accessKey, String sasToken) {

  /** The blob's URL without credentials, for messages. */
  public String describe() {
    String base = blobEndpoint.toString();
    return (base.endsWith("/") ? base : base + "/") + containerName + "/" + key;
  }

  /** Credentials are not part of the printed form. */
  @Override
  public String toString() {
    return "AzureBackendConfig[" + describe() + ", auth="
        + (accessKey != null ? "shared key" : "sas token") + "]";
  }

  public static AzureBackendConfig from(BackendBlock block, Map<String, String> env)
      throws InvalidBackendFileException {
    String source = block.source();
    String account = block.requiredString("storage_account_name");
    String container = block.requiredString("container_name");
    String key = block.requiredString("key");
    if (block.optionalBool("use_azuread_auth").orElse(false)
        || block.optionalBool("use_msi").orElse(false)
        || block.optionalBool("use_oidc").orElse(false)) {
      throw new InvalidBackendFileException(source + ": backend \"azurerm\": only shared key"
          + " (ARM_ACCESS_KEY) and SAS token (ARM_SAS_TOKEN) authentication are supported");
    }
    Optional<String> accessKey = block.optionalString("access_key");
    if (accessKey.isEmpty()) {
      accessKey = nonEmpty(env.get("ARM_ACCESS_KEY"));
    }
    Optional<String> sas = block.optionalString("sas_token");
    if (sas.isEmpty()) {
      sas = nonEmpty(env.get("ARM_SAS_TOKEN"));
    }
    if (accessKey.isEmpty() && sas.isEmpty()) {
      throw new InvalidBackendFileException(source + ": backend \"azurerm\" has no credentials:"
          + " set ARM_ACCESS_KEY (account key) or ARM_SAS_TOKEN");
    }
    URI endpoint = blobEndpoint(block, account);
    String sasToken = sas.map(t -> t.startsWith("?") ? t.substring(1) : t).orElse(null);
    return new AzureBackendConfig(account, container, key, endpoint, accessKey.orElse(null),
        sasToken);
  }

  /**
   * The endpoint attribute when set (Azurite), else the public-cloud URL for the environment.
   * An IP/localhost endpoint without a path gets the account appended, as Azurite addresses
   * accounts by path.
   */
  private static URI blobEndpoint(BackendBlock block, String account)
      throws InvalidBackendFileException {
    Optional<String> endpoint = block.optionalString("endpoint");
    if (endpoint.isPresent()) {
      URI uri = S3BackendConfig.endpoint(block.source(), endpoint.get());
      String path = uri.getPath() == null ? "" : uri.getPath();
      if ((path.isEmpty() || path.equals("/")) && S3BackendConfig.isLocalOrIp(uri.getHost())) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + "/" + account);
      }
      return uri;
    }
    String suffix = switch (block.optionalString("environment").orElse("public")) {
      case "public" -> "core.windows.net";
      case "china" -> "core.chinacloudapi.cn";
      case "usgovernment" -> "core.usgovcloudapi.net";
      case "german" -> "core.cloudapi.de";
      default -> throw new InvalidBackendFileException(block.source() + ": backend \"azurerm\""
          + " attribute \"environment\" must be public, china, usgovernment or german");
    };
    return URI.create("https://" + account + ".blob." + suffix);
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
