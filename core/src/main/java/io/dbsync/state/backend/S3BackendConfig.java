package io.dbsync.state.backend;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where an S3 state lives, from a {@code backend "s3"} block plus the environment.
 *
 * @param endpoint custom S3 endpoint (S3-compatible servers), or null for AWS
 * @param pathStyle bucket in the path rather than the host name
 * @param profile AWS shared-config profile for credentials when the environment has no keys, or
 *     null for the default chain
 */
public record S3BackendConfig(String bucket, String key, String region, URI endpoint,
    boolean pathStyle, String profile) {

  /** Attributes Terraform's s3 backend has that would change security if silently ignored. */
  private static final List<String> UNSUPPORTED = List.of("kms_key_id",
      "sse_customer_key", "role_arn", "assume_role", "assume_role_with_web_identity",
      "shared_credentials_file", "shared_credentials_files");

  public S3BackendConfig(String bucket, String key, String region, URI endpoint,
      boolean pathStyle) {
    this(bucket, key, region, endpoint, pathStyle, null);
  }

  /** The lock object next to the state object. */
  public String lockKey() {
    return key + ".lock";
  }

  /**
   * Reads the block. Region comes from the file, else AWS_DEFAULT_REGION or AWS_REGION; the
   * endpoint from {@code endpoints { s3 = ... }}, {@code endpoint}, or AWS_ENDPOINT_URL_S3.
   */
  public static S3BackendConfig from(BackendBlock block, Map<String, String> env)
      throws InvalidBackendFileException {
    String source = block.source();
    for (String name : UNSUPPORTED) {
      if (block.attributes().containsKey(name)) {
        throw new InvalidBackendFileException(source + ": backend \"s3\" attribute \"" + name
            + "\" is not supported by databricks-sync (credentials come from AWS_ACCESS_KEY_ID/"
            + "AWS_SECRET_ACCESS_KEY, a profile or the default chain)");
      }
    }
    String bucket = block.requiredString("bucket");
    String key = block.requiredString("key");
    if (key.startsWith("/") || key.endsWith("/")) {
      throw new InvalidBackendFileException(source + ": backend \"s3\" attribute \"key\" must not"
          + " start or end with '/', got \"" + key + "\"");
    }
    String region = block.optionalString("region")
        .or(() -> nonEmpty(env.get("AWS_DEFAULT_REGION")))
        .or(() -> nonEmpty(env.get("AWS_REGION")))
        .orElseThrow(() -> new InvalidBackendFileException(source + ": backend \"s3\" has no"
            + " region: set \"region\" in the backend file or AWS_DEFAULT_REGION"));
    Optional<String> endpointText = block.nestedString("endpoints", "s3");
    if (endpointText.isEmpty()) {
      endpointText = block.optionalString("endpoint");
    }
    if (endpointText.isEmpty()) {
      endpointText = nonEmpty(env.get("AWS_ENDPOINT_URL_S3"));
    }
    URI endpoint = null;
    if (endpointText.isPresent()) {
      endpoint = endpoint(source, endpointText.get());
    }
    Optional<Boolean> pathStyle = block.optionalBool("use_path_style");
    if (pathStyle.isEmpty()) {
      pathStyle = block.optionalBool("force_path_style");
    }
    // Virtual-hosted addressing puts the bucket in the host name, which cannot work for an IP
    // address or localhost, so those endpoints default to path style.
    boolean path = pathStyle.orElse(endpoint != null && isLocalOrIp(endpoint.getHost()));
    String profile = block.optionalString("profile").orElse(null);
    return new S3BackendConfig(bucket, key, region, endpoint, path, profile);
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  static URI endpoint(String source, String text) throws InvalidBackendFileException {
    try {
      URI uri = new URI(text);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(text, "expected http(s)://host[:port]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidBackendFileException(
          source + ": endpoint \"" + text + "\" is not a URL like http(s)://host[:port]");
    }
  }

  static boolean isLocalOrIp(String host) {
    if (host == null) {
      return false;
    }
    if (host.equals("localhost") || host.startsWith("[")) {
      return true;
    }
    if (!host.chars().allMatch(c -> Character.isDigit(c) || c == '.')) {
      return false;
    }
    try {
      return InetAddress.getByName(host) != null;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
